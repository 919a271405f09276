"""Reading a data file safely: regular files only, and never more than the parser accepts.

Git stores symbolic links, so a pull request can turn a list into a link to /dev/zero (read for
ever), /dev/stdin (wait for ever) or a FIFO on the runner: such a "file" is refused, not read.
A regular file is read up to one byte past the parser's limit, which is enough to report it as
too large without holding gigabytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from dutylist_cli.store.yaml_source import MAX_FILE_BYTES


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder (after following links)."""


def read_data_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit + 1`` of them."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)  # non-blocking: opening a FIFO does not wait for a writer
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(errno.EINVAL, _kind(mode), str(path))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file / 是目录，不是文件"
    if stat.S_ISFIFO(mode):
        return "a FIFO, not a regular file / 是管道，不是普通文件"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file / 是设备，不是普通文件"
    return "not a regular file / 不是普通文件"
