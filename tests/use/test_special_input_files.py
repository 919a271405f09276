"""A notice or a request file that is not a regular file — a link to /dev/zero, a FIFO — is
refused at once (exit 2), not read for ever."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cli_run import run_dutylist

REPO = Path(__file__).resolve().parents[2]


def dutylist(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_dutylist(*args, "--root", REPO, cwd=cwd, timeout=60)  # a hang fails the test


def special(tmp_path: Path, name: str, kind: str) -> Path:
    path = tmp_path / name
    if kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    return path


@pytest.mark.parametrize("kind", ["zero", "fifo"])
def test_vet_refuses_a_notice_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    notice = special(tmp_path, "通知.txt", kind)
    done = dutylist("vet", notice, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "不是普通文件" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["zero", "fifo"])
def test_who_refuses_a_batch_or_history_that_is_not_a_regular_file(
    tmp_path: Path, kind: str
) -> None:
    batch = special(tmp_path, "来电.csv", kind)
    done = dutylist("who", "320115001", "--batch", batch, cwd=tmp_path)
    assert done.returncode == 2 and "不是普通文件" in done.stderr, done.stderr
    done = dutylist("who", "320115001", "路灯坏了", "--history", batch, cwd=tmp_path)
    assert done.returncode == 2 and "不是普通文件" in done.stderr, done.stderr


def test_vet_refuses_a_docx_that_unpacks_to_hundreds_of_megabytes(tmp_path: Path) -> None:
    """A zip bomb: a few hundred kilobytes that declare 256 MB of document."""
    import zipfile

    bomb = tmp_path / "通知.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(256):
                member.write(block)
    assert bomb.stat().st_size < 2 << 20
    done = dutylist("vet", bomb, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "超过 200 MB" in done.stderr and "Traceback" not in done.stderr
