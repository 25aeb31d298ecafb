"""run_scorecard.sh: repairs a half-made set-up by itself, and its last words match fscxl's exit status."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from builders import simple_inputs

PROJECT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="needs bash")]
SET_UP = "Setting up… this takes a minute; do not close this window"
DONE = "Done. Open the outputs folder"


def _project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    shutil.copytree(PROJECT / "fscxl", destination / "fscxl", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.cfg", "pyproject.toml", "README.md", "run_scorecard.sh"):
        shutil.copy2(PROJECT / name, destination / name)
    simple_inputs(destination)
    return destination


def _environment(venv: Path | None) -> dict[str, str]:
    """Offline and quick: the new environment sees this one's packages instead of downloading them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FSCXL_", "VIRTUAL_ENV"))}
    pip = ["--no-deps"]
    if importlib.util.find_spec("setuptools") and importlib.util.find_spec("wheel"):
        pip.append("--no-build-isolation")
    site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    env.update(FSCXL_PYTHON=sys.executable, FSCXL_VENV_OPTIONS="--system-site-packages",
               FSCXL_PIP_OPTIONS=" ".join(pip), PYTHONPATH=os.pathsep.join(sorted(site)))
    if venv is not None:
        env["FSCXL_VENV"] = str(venv)
    return env


def _script(args: list[str], env: dict, cwd: Path, shell: str = "bash") -> subprocess.CompletedProcess:
    return subprocess.run([shell, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def ready(tmp_path_factory):
    """A project copy whose environment has been set up once."""
    root = tmp_path_factory.mktemp("ready")
    project = _project(root / "Scorecards (FSC) & Co")
    env = _environment(root / "venv")
    first = _script([str(project / "run_scorecard.sh")], env, root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert SET_UP in first.stdout
    # pip installed the dependencies from a copy of the metadata; that copy was removed again
    assert not list((root / "venv").glob("lib/python*/site-packages/fscxl*"))
    assert not [p for p in project.iterdir() if p.name.endswith(".egg-info") or p.name == "build"]
    return project, env


@pytest.mark.parametrize("seconds", [0.5, 1.5, 3.0])
def test_a_first_set_up_killed_part_way_is_repaired_by_the_next_run(tmp_path, seconds):
    project, venv = _project(tmp_path / "p"), tmp_path / "venv"
    env = _environment(venv)
    first = subprocess.Popen(["bash", str(project / "run_scorecard.sh")], cwd=tmp_path, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    time.sleep(seconds)
    os.killpg(first.pid, signal.SIGKILL)  # the window closed: the script, venv and pip together
    first.wait(timeout=30)
    again = _script([str(project / "run_scorecard.sh")], env, tmp_path)
    output = again.stdout + again.stderr
    assert again.returncode == 0, output
    assert "Wrote 1 workbook(s)" in output and DONE in output
    assert (venv / "fscxl-installed.txt").is_file()


def test_an_environment_without_pip_or_marker_is_rebuilt_by_itself(ready, tmp_path):
    project, env = ready
    venv = Path(env["FSCXL_VENV"])
    shutil.rmtree(next(venv.glob("lib/python*/site-packages/pip")))
    (venv / "fscxl-installed.txt").unlink()
    result = _script([str(project / "run_scorecard.sh")], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SET_UP in result.stdout and DONE in result.stdout
    second = _script([str(project / "run_scorecard.sh")], env, tmp_path)
    assert second.returncode == 0 and SET_UP not in second.stdout  # set up once, then straight to work


def test_sh_hands_over_to_bash_and_help_does_not_say_done(ready, tmp_path):
    project, env = ready
    result = _script([str(project / "run_scorecard.sh"), "--help"], env, tmp_path, shell="sh")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Usage:" in result.stdout and "--month" in result.stdout
    assert "Done" not in result.stdout and "NOT produced" not in result.stdout


def test_validate_and_templates_are_accepted_as_the_first_word(ready, tmp_path):
    project, env = ready
    checked = _script([str(project / "run_scorecard.sh"), "validate"], env, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The inputs are ready" in checked.stdout and DONE not in checked.stdout
    made = _script([str(project / "run_scorecard.sh"), "templates", "--year", "2013/14", "--out",
                    str(tmp_path / "new-year")], env, tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (tmp_path / "new-year" / "measures.xlsx").is_file()


def test_outputs_that_cannot_be_written_are_not_blamed_on_the_inputs(ready, tmp_path):
    project, env = ready
    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    result = _script([str(project / "run_scorecard.sh"), "--outputs", str(blocker / "out")], env, tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "The outputs could not be written" in result.stdout
    assert "inputs have errors" not in result.stdout and "Correct them" not in result.stdout

    result = _script([str(project / "run_scorecard.sh"), "--outputs", str(tmp_path / ("x" * 300))], env, tmp_path)
    assert result.returncode == 3 and "too long" in result.stderr


def test_a_read_only_outputs_folder_gets_the_outputs_words(ready, tmp_path):
    project, env = ready
    outputs = tmp_path / "read-only"
    outputs.mkdir()
    if os.geteuid() == 0:  # root may write anywhere: only a read-only mount refuses it
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(outputs)],
                                 capture_output=True, text=True)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a read-only tmpfs here: {mounted.stderr.strip()}")
    else:
        outputs.chmod(0o555)
    try:
        result = _script([str(project / "run_scorecard.sh"), "--outputs", str(outputs)], env, tmp_path)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "--lazy", str(outputs)], check=False)
        else:
            outputs.chmod(0o755)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "permission" in result.stderr and "The outputs could not be written" in result.stdout
    assert "inputs have errors" not in result.stdout


def test_a_linked_script_builds_the_environment_beside_the_real_one(tmp_path):
    project = _project(tmp_path / "shared")
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "scorecard").symlink_to(project / "run_scorecard.sh")
    result = _script([str(tmp_path / "desktop" / "scorecard")], _environment(None), tmp_path / "desktop")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / ".venv" / "fscxl-installed.txt").is_file()
    assert not (tmp_path / "desktop" / ".venv").exists()
    assert (project / "outputs" / "2012-05" / "results.csv").is_file()
