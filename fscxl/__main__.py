"""Allow ``python -m fscxl``.

For `run` and `validate` the worker processes are started, and the inputs handed to
them, before the command line's own imports: a head start the run takes over when it
finds the same files. The command line then parses, checks and reports as it always does.
"""

import os
import sys

VALUE_OPTIONS = {"run": ("--inputs", "--outputs", "--month"), "validate": ("--inputs", "--outputs")}


def inputs_to_read(args: list[str]) -> str | None:
    """The inputs folder of a plain `run`/`validate` command line, or None for anything else."""
    if args[:1] == ["--verbose"]:
        args = args[1:]
    if not args or args[0] not in VALUE_OPTIONS:
        return None
    inputs = "inputs"
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg == "--verbose":
            continue
        if name not in VALUE_OPTIONS[args[0]]:
            return None  # help, a mistake, or an option added later: no head start
        if not equals:
            value = next(rest, None)
            if value is None:
                return None
        if name == "--inputs":
            inputs = value
    return inputs


if __name__ == "__main__":
    # fscxl does no linear algebra: one thread is enough for numpy's, and costs no CPU idling
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if {"run", "validate"} & set(sys.argv[1:]):
        from fscxl.workers import start_early

        start_early()
        folder = inputs_to_read(sys.argv[1:])
        if folder:
            from pathlib import Path

            from fscxl.pipeline import start_reading

            start_reading(Path(folder))
    from fscxl.cli import main

    main()
