"""Atomic writes: the old file or the new one, never half; a failure names the path."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dutylist_cli import messages
from dutylist_cli.errors import ExitCode
from dutylist_cli.store.atomic import (
    CannotWrite,
    is_single_path_component,
    write_atomic,
    write_new,
    write_text_atomic,
)


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


# -- what -o names: a link is written through, a device or a pipe is never replaced (issue 9) ----
def test_a_symlink_is_written_through_to_its_target_and_stays_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "真实位置"
    elsewhere.mkdir()
    target = elsewhere / "清单.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    links = tmp_path / "链接"
    links.mkdir()
    link = links / "link.xlsx"
    link.symlink_to(Path("..") / "真实位置" / "清单.xlsx")  # relative, as `ln -s` makes them
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "真实位置", "清单.xlsx")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in links.iterdir()] == ["link.xlsx"]  # no temporary file left
    assert [p.name for p in elsewhere.iterdir()] == ["清单.xlsx"]


def test_a_chain_of_symlinks_is_followed_to_the_file(tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    target.write_text("old", "utf-8")
    (tmp_path / "one.md").symlink_to(target)
    (tmp_path / "two.md").symlink_to(tmp_path / "one.md")
    write_text_atomic(tmp_path / "two.md", "新")
    assert (tmp_path / "two.md").is_symlink() and (tmp_path / "one.md").is_symlink()
    assert target.read_text("utf-8") == "新"


def test_a_dangling_symlink_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "out.pdf"
    missing = tmp_path / "gone" / "out.pdf"
    link.symlink_to(missing)
    with pytest.raises(CannotWrite) as failure:
        write_atomic(link, b"%PDF-")
    assert failure.value.exit_code == ExitCode.USAGE
    assert str(link) in failure.value.message and str(missing) in failure.value.message
    assert "符号链接" in failure.value.message and failure.value.hint
    assert link.is_symlink() and os.readlink(link) == str(missing)
    assert not (tmp_path / "gone").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_symlink_loop_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(CannotWrite) as failure:
        write_atomic(tmp_path / "a", b"x")
    assert failure.value.exit_code == ExitCode.USAGE
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.html"
    os.mkfifo(path)
    return path


def _device(folder: Path) -> Path:
    path = folder / "null.json"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("creating a device node needs CAP_MKNOD")
    return path


def _link_to_dev_null(folder: Path) -> Path:
    path = folder / "out.xlsx"
    path.symlink_to("/dev/null")
    return path


@pytest.fixture
def unix_socket() -> Iterator[Path]:
    short = Path(tempfile.mkdtemp(prefix="dl-", dir="/tmp"))  # AF_UNIX paths are short
    path = short / "s.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        yield path
    finally:
        server.close()
        shutil.rmtree(short)


@pytest.mark.parametrize(
    ("make", "kind", "check"),
    [
        (_fifo, "命名管道", stat.S_ISFIFO),
        (_device, "字符设备", stat.S_ISCHR),
        (_link_to_dev_null, "字符设备", stat.S_ISCHR),
    ],
    ids=["fifo", "device", "symlink-to-dev-null"],
)
def test_a_device_or_pipe_is_refused_and_never_replaced(
    tmp_path: Path,
    make: Callable[[Path], Path],
    kind: str,
    check: Callable[[int], bool],
) -> None:
    path = make(tmp_path)
    was_link = path.is_symlink()
    with pytest.raises(CannotWrite) as failure:  # refused before opening: a FIFO never blocks
        write_atomic(path, b"data")
    assert failure.value.exit_code == ExitCode.USAGE
    assert str(path) in failure.value.message and kind in failure.value.message
    assert path.is_symlink() == was_link
    assert check(os.stat(path).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_socket_is_refused_and_never_replaced(unix_socket: Path) -> None:
    with pytest.raises(CannotWrite) as failure:
        write_atomic(unix_socket, b"data")
    assert "套接字" in failure.value.message
    assert stat.S_ISSOCK(os.stat(unix_socket).st_mode)
    assert [p.name for p in unix_socket.parent.iterdir()] == ["s.md"]


def test_a_folder_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "rendered"
    folder.mkdir()
    with pytest.raises(CannotWrite) as failure:
        write_atomic(folder, b"x")
    assert str(folder) in failure.value.message and "目录" in failure.value.message


def test_the_refusals_speak_english_too(tmp_path: Path) -> None:
    path = _fifo(tmp_path)
    messages.set_language("en")
    try:
        with pytest.raises(CannotWrite) as failure:
            write_atomic(path, b"data")
    finally:
        messages.set_language("zh")
    assert failure.value.message == (
        f"cannot write {path}: it is a named pipe (FIFO), not a regular file; nothing was written"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_the_owner_of_the_replaced_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "清单.yaml"
    target.write_text("old\n", "utf-8")
    os.chown(target, 4321, 4322)
    write_text_atomic(target, "new\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4322)


# -- a new file, created only if nothing has that name yet ---------------------------------------
def test_write_new_creates_the_file(tmp_path: Path) -> None:
    target = tmp_path / "county" / "T-1.yaml"
    write_new(target, b"id: T-1\n")
    assert target.read_bytes() == b"id: T-1\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert [p.name for p in target.parent.iterdir()] == ["T-1.yaml"]


def test_write_new_never_replaces_what_is_there(tmp_path: Path) -> None:
    target = tmp_path / "T-1.yaml"
    target.write_bytes(b"first\n")
    with pytest.raises(FileExistsError):
        write_new(target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["T-1.yaml"]
    dangling = tmp_path / "T-2.yaml"
    dangling.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(FileExistsError):
        write_new(dangling, b"x")
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_write_new_without_hard_links_still_creates_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # a file system without hard links (FAT, some FUSE)
    target = tmp_path / "T-1.yaml"
    write_new(target, b"first\n")
    assert target.read_bytes() == b"first\n"
    with pytest.raises(FileExistsError):
        write_new(target, b"second\n")
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["T-1.yaml"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("name", "single"),
    [
        ("320115-江宁区", True),
        ("东山街道.yaml", True),
        ("a..b", True),
        ("", False),
        (".", False),
        ("..", False),
        (".hidden", False),
        ("../x", False),
        ("a/b", False),
        ("a\\b", False),
        ("a\0b", False),
    ],
)
def test_single_path_component(name: str, single: bool) -> None:
    assert is_single_path_component(name) is single
