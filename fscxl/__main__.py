"""Allow ``python -m fscxl``, as the double-click scripts run it."""

from fscxl.cli import main

if __name__ == "__main__":
    main()
