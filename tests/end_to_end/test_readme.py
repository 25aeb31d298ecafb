"""The README documents every command and option, and its Quick start is the two commands."""

import re
from pathlib import Path

import pytest

from fscxl.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = re.search(r"^## Quick start.*?```[a-z]*\n(.*?)```", README, re.S | re.M)
    assert section, "README needs a 'Quick start' section with a code block"
    return [line.strip() for line in section.group(1).splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_quick_start_is_two_commands_that_exist_and_ci_runs_the_second():
    run, test = quick_start_commands()
    for command in (run, test):
        script = ROOT / command.split()[0].removeprefix("./")
        assert script.is_file(), command
        assert script.stat().st_mode & 0o111, f"{command} is not executable"
    assert test.removeprefix("./") in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_in_the_readme(name):
    command = main.commands[name]
    assert f"fscxl {name}" in README
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option not in ("--help", "--verbose"):
                assert option in README, f"{name} {option} is not documented"
    assert "--verbose" in README


def test_the_contract_copy_is_the_shared_contract():
    shared = ROOT.parent / "shared" / "spec" / "CONTRACT.md"
    ours = (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    assert "## 8. Command line" in ours
    if shared.is_file():  # the copy must start as the agreed contract (it may only grow)
        assert shared.read_text(encoding="utf-8").strip() in ours
