"""fscxl: officers' monthly Excel returns in, committee performance scorecards out."""

import sys

__version__ = "0.1.0"

# Said plainly before any newer syntax is met: an old Python would otherwise stop with a
# traceback. Kept to syntax every Python 3 reads.
if sys.version_info < (3, 10):  # noqa: UP036  (python_requires in setup.cfg)
    sys.stderr.write("fscxl needs Python 3.10 or later, and this is Python "
                     + ".".join(str(part) for part in sys.version_info[:3])
                     + ". Install a newer Python (https://www.python.org/downloads/ or your IT "
                       "service's software centre) and run again.\n")
    raise SystemExit(2)
