"""Atomic file writes: a temporary file in the same folder, fsync, then rename over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import UsageError


class CannotWrite(UsageError, OSError):
    """The target cannot be written (no such folder, no permission, disk full): exit 2.

    Still an OSError, so callers that skip what they cannot write (fmt, the cache) keep doing so.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        UsageError.__init__(
            self,
            messages.text("write.failed", path=path, reason=reason),
            hint=messages.text("write.failed.hint"),
        )
        self.errno = error.errno
        self.strerror = reason
        self.filename = str(path)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` so that readers see the old or the new file, never half.

    The file keeps its permission bits; a missing folder is created; on any failure the original
    is left untouched and the failure is a `CannotWrite` naming ``path``.
    """
    folder = path.parent
    ensure_folder(folder)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise CannotWrite(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise CannotWrite(path, error) from None
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) for output, or fail with what stands in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotWrite(folder, error) from None
