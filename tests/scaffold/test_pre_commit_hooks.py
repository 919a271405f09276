"""The pre-commit hooks a data repository uses run real dutylist commands on matching files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_hooks_run_dutylist_on_the_files_they_match(tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {hook["id"] for hook in hooks} == {"dutylist-validate", "dutylist-fmt"}
    # one process: pre-commit would split the files into batches printing contradicting totals
    assert all(hook.get("require_serial") is True for hook in hooks)
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    shutil.copytree(REPO / "lists", root / "lists")
    files = sorted(p.relative_to(root).as_posix() for p in (root / "lists").rglob("*.yaml"))
    for hook in hooks:
        pattern = re.compile(hook["files"])
        matched = [f for f in files if pattern.search(f)]
        assert matched == files and pattern.search("dutylist.yaml")
        assert not pattern.search("README.md") and not pattern.search("docs/x.yaml")
        command, *args = hook["entry"].split()
        assert command == "dutylist"
        result = subprocess.run(
            [sys.executable, "-m", "dutylist_cli", *args, *matched[:3]],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
