"""Allow ``python -m fscxl``."""

from fscxl.cli import main

if __name__ == "__main__":
    main()
