"""Atomic writes: the old file or the new one, never half; a failure names the path."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist_cli.errors import ExitCode
from dutylist_cli.store.atomic import CannotWrite, write_atomic, write_text_atomic


def test_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "清单.yaml"
    target.write_text("old\n", "utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "新\n")
    assert target.read_text("utf-8") == "新\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["清单.yaml"]


def test_creates_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "out" / "县" / "东山街道.pdf"
    write_atomic(target, b"%PDF-")
    assert target.read_bytes() == b"%PDF-"


def test_a_folder_that_cannot_be_made_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "报告"
    blocker.write_text("a file where a folder should be", "utf-8")
    with pytest.raises(CannotWrite) as failure:
        write_atomic(blocker / "江宁区.html", b"<html>")
    assert failure.value.exit_code == ExitCode.USAGE
    assert str(blocker) in failure.value.message and "无法写入" in failure.value.message
    assert isinstance(failure.value, OSError)  # callers that skip unwritable files still do
    assert blocker.read_text("utf-8") == "a file where a folder should be"


def test_a_failed_replace_leaves_the_original_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "folder-in-the-way"
    target.mkdir()
    (target / "keep").write_text("x", "utf-8")
    with pytest.raises(CannotWrite):
        write_atomic(target, b"new")  # os.replace cannot put a file over a folder
    assert (target / "keep").read_text("utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder-in-the-way"]
