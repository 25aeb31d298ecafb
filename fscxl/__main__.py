"""Allow ``python -m fscxl``.

For `run` and `validate` the worker processes are started first of all, before the
command line's own imports, so they are ready (their readers imported) by the time
the inputs are handed to them.
"""

import sys


def _command(args: list[str]) -> str | None:
    """The command named: the first argument that is not an option (fscxl's own options take
    no value), so `templates --out run` is `templates`."""
    return next((arg for arg in args if not arg.startswith("-")), None)


if __name__ == "__main__":
    if _command(sys.argv[1:]) in ("run", "validate"):
        from fscxl.app.workers import start_early

        start_early()
    from fscxl.cli import main

    main()
