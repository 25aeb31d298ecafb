"""Install what fscxl needs into the environment the double-click scripts made (stdlib only).

The scripts run fscxl from its own folder (`python -m fscxl`), so only the dependencies
need installing. Building fscxl itself would write build files into that folder, which
fails on a read-only share; reading the list from setup.cfg keeps one list for both.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

SETUP_CFG = Path(__file__).resolve().parents[2] / "setup.cfg"


def requirements(setup_cfg: Path = SETUP_CFG) -> list[str]:
    """The install_requires lines of setup.cfg, e.g. ['click>=8.1', ...]."""
    config = configparser.ConfigParser()
    config.read(setup_cfg, encoding="utf-8")
    lines = config.get("options", "install_requires", fallback="").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def main(pip_options: list[str]) -> int:
    needed = requirements()
    if not needed:
        print(f"Could not read the list of packages from {SETUP_CFG}.", file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               *pip_options, *needed]
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
