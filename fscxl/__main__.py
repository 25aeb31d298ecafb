"""Allow ``python -m fscxl``.

For `run` and `validate` the worker processes are started first of all, before the
command line's own imports, so they are ready (their readers imported) by the time
the inputs are handed to them.
"""

import sys

if __name__ == "__main__":
    if {"run", "validate"} & set(sys.argv[1:]):
        from fscxl.workers import start_early

        start_early()
    from fscxl.cli import main

    main()
