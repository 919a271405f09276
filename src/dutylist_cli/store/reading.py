"""Reading a data file safely: regular files only, and never more than the parser accepts.

Git stores symbolic links, so a pull request can turn a list into a link to /dev/zero (read for
ever), /dev/stdin (wait for ever) or a FIFO on the runner: such a "file" is refused, not read.
A regular file is read up to one byte past the parser's limit, which is enough to report it as
too large without holding gigabytes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from dutylist_cli.store.yaml_source import MAX_FILE_BYTES


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder (after following links)."""


class NotText(ValueError):
    """Bytes that are no text file: ``reason`` is "binary" (control characters, a NUL) or
    "encoding" (neither UTF-8 nor GB18030)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")  # \t \n \f \r are a text file's own
_SAMPLE = 65536  # how much of a file is looked at for signs of binary data


def decode_text(raw: bytes) -> str:
    """A text file's bytes as text: UTF-8 (a BOM tolerated), else GBK (GB18030), as Chinese
    offices save them. NotText when they are binary data or in neither encoding."""
    if b"\x00" in raw[:_SAMPLE]:
        raise NotText("binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:_SAMPLE])) > 2:
            raise NotText("binary")
        return text
    raise NotText("encoding")


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
