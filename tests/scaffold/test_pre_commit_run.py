"""pre-commit itself runs dutylist's hooks: the config `init` writes, and this repository's
published hooks through `pre-commit try-repo` on a clone (pre-commit builds its own virtualenv
and installs dutylist into it from the clone, as a data repository's CI would)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SAMPLE_LIST = "lists/320115-江宁区/320115001-东山街道.yaml"


def run(
    *args: str | Path, cwd: Path, home: Path, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        # the dutylist and pre-commit of this environment first, as an activated venv would
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def pre_commit(*args: str | Path, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, "-m", "pre_commit", *args, cwd=cwd, home=home)


def data_repository(tmp_path: Path) -> Path:
    """A data repository with the sample lists, committed."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    shutil.copytree(REPO / "lists", root / "lists")
    home = tmp_path / "home"
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "lists"]):
        assert run("git", *args, cwd=root, home=home).returncode == 0
    return root


def break_a_list(root: Path) -> None:
    target = root / SAMPLE_LIST
    text = target.read_text("utf-8")
    # an item with no name: a schema error every hook must report
    target.write_text(text.replace("name:", "nmae:", 1), "utf-8")


@pytest.fixture(scope="module", autouse=True)
def needs_pre_commit() -> None:
    pytest.importorskip("pre_commit")


def test_the_config_init_writes_runs_under_pre_commit(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    home = tmp_path / "home"
    made = run(
        "dutylist", "init", root, "--county-code", "320115", "--county-name", "江宁区",
        "--city-code", "320100", "--city-name", "南京市", cwd=tmp_path, home=home,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        assert run("git", *args, cwd=root, home=home).returncode == 0
    passed = pre_commit("run", "--all-files", cwd=root, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "dutylist validate" in passed.stdout and "Passed" in passed.stdout
    example = next((root / "lists").rglob("*-*.yaml"))
    example.write_text(example.read_text("utf-8").replace("name:", "nmae:", 1), "utf-8")
    failed = pre_commit("run", "--all-files", cwd=root, home=home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and example.name in failed.stdout


def test_try_repo_installs_the_published_hooks_from_a_clone(tmp_path: Path) -> None:
    """Slow and online (pre-commit pip-installs dutylist and its dependencies into its own
    virtualenv): the path a data repository's `.pre-commit-config.yaml` with `repo: <URL>` takes."""
    clone = tmp_path / "clone"
    home = tmp_path / "home"
    cloned = run("git", "clone", "-q", "--no-hardlinks", REPO, clone, cwd=tmp_path, home=home)
    assert cloned.returncode == 0, cloned.stderr
    root = data_repository(tmp_path)
    passed = pre_commit("try-repo", clone, "dutylist-validate", "--all-files", cwd=root, home=home)
    if passed.returncode == 3 and "pip" in passed.stdout + passed.stderr:
        pytest.skip("pre-commit could not install the hook's environment (no package index?)")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "dutylist validate" in passed.stdout and "Passed" in passed.stdout
    # pre-commit built its own environment from the clone, not this one's dutylist
    assert "[INFO] Installing environment for" in passed.stdout
    break_a_list(root)
    failed = pre_commit("try-repo", clone, "dutylist-validate", "--all-files", cwd=root, home=home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "东山街道" in failed.stdout
