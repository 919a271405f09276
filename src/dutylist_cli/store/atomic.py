"""Safe writes: atomic replacement of regular files, exclusive creation, folder locks, names."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import UsageError

if sys.platform != "win32":
    import fcntl

# os.link fails with these where the file system has no hard links (FAT, some FUSE mounts)
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
# flock fails with these where the file system cannot lock (some network file systems)
_NO_LOCKS = frozenset({errno.ENOLCK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EINVAL})
_KINDS = (  # what a path may name besides a regular file -> message key
    (stat.S_ISDIR, "write.kind.folder"),
    (stat.S_ISFIFO, "write.kind.fifo"),
    (stat.S_ISCHR, "write.kind.char"),
    (stat.S_ISBLK, "write.kind.block"),
    (stat.S_ISSOCK, "write.kind.socket"),
)


class CannotWrite(UsageError, OSError):
    """The target cannot be written (no such folder, no permission, disk full): exit 2.

    Still an OSError, so callers that skip what they cannot write (fmt, the cache) keep doing so.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        self._describe(
            path,
            reason,
            code=error.errno,
            message=messages.text("write.failed", path=path, reason=reason),
            hint=messages.text("write.failed.hint"),
        )

    def _describe(
        self, path: Path, reason: str, *, code: int | None, message: str, hint: str
    ) -> None:
        UsageError.__init__(self, message, hint=hint)
        self.errno = code  # OSError's own fields, for its callers
        self.strerror = reason
        self.filename = str(path)


class TargetRefused(CannotWrite):
    """The path names no regular file (a device, a pipe, a socket, a folder) or a link to nothing.

    It is left exactly as it is and nothing is written: replacing /dev/null or a FIFO with a
    regular file, or creating files wherever a stale link points, is never what was meant.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self._describe(
            path,
            reason,
            code=None,
            message=messages.text("write.refused", path=path, reason=reason),
            hint=messages.text("write.refused.hint"),
        )


class AlreadyExists(CannotWrite, FileExistsError):
    """`write_new` found something of that name already: it is left as it is (exit 2)."""

    def __init__(self, path: Path) -> None:
        self._describe(
            path,
            os.strerror(errno.EEXIST),
            code=errno.EEXIST,
            message=messages.text("write.exists", path=path),
            hint=messages.text("write.exists.hint"),
        )


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` so that readers see the old or the new file, never half.

    A symbolic link is written through: its target is replaced (the temporary file is made next
    to the target) and the link stays a link. A link to nothing, a folder, a device, a FIFO or a
    socket is refused (`TargetRefused`) and left as it is. The file keeps its permission bits
    (and its owner, where allowed); a missing folder is created; on any failure the original is
    left untouched and the failure is a `CannotWrite` naming ``path``.
    """
    target, existing = _regular_target(path)
    ensure_folder(target.parent)
    mode = existing.st_mode & 0o7777 if existing else 0o666 & ~_current_umask()
    temporary = _temporary_copy(path, target, content)
    try:
        if existing is not None and (existing.st_uid, existing.st_gid) != _owner(temporary):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temporary, existing.st_uid, existing.st_gid)
        os.chmod(temporary, mode)  # after chown, which clears set-id bits
        os.replace(temporary, target)
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError):
            raise CannotWrite(path, error) from None
        raise


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path`` for a writer that streams (a table too large to hold):
    when the block ends without an error it replaces ``path`` as `write_atomic` does — through a
    link, refusing folders and devices, keeping permission bits — else it is removed and ``path``
    is left untouched."""
    target, existing = _regular_target(path)
    ensure_folder(target.parent)
    mode = existing.st_mode & 0o7777 if existing else 0o666 & ~_current_umask()
    temporary = _temporary_copy(path, target, b"")
    try:
        yield Path(temporary)
        with open(temporary, "rb") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError) and not isinstance(error, CannotWrite):
            raise CannotWrite(path, error) from None
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def write_new(path: Path, content: bytes) -> None:
    """Create ``path`` with ``content`` only if nothing of that name exists, not even a link.

    Of several processes creating the same file at once exactly one succeeds; the others get
    `AlreadyExists` (a FileExistsError) and the winner's file is never replaced. The finished
    file is hard-linked into place, so readers never see it half written.
    """
    ensure_folder(path.parent)
    temporary = _temporary_copy(path, path, content)
    try:
        os.chmod(temporary, 0o666 & ~_current_umask())
        try:
            os.link(temporary, path)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            _create_exclusively(path, content)
    except FileExistsError:
        raise AlreadyExists(path) from None
    except OSError as error:
        raise CannotWrite(path, error) from None
    finally:
        _discard(temporary)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while a read-modify-write of files in it runs.

    Other dutylist processes asking for the same lock wait their turn. The lock is taken on the
    folder itself, so no lock file is left behind; where the system cannot lock (Windows, some
    network file systems) the block runs unlocked.
    """
    ensure_folder(folder)
    if sys.platform == "win32":
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise CannotWrite(folder, error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError as error:
            if error.errno not in _NO_LOCKS:
                raise CannotWrite(folder, error) from None
        yield
    finally:
        os.close(handle)  # releases the lock


def is_single_path_component(name: str) -> bool:
    """Whether ``name`` names one file or folder inside the one it is put in, and nothing else.

    No / or \\ (a separator on some system), no NUL, not empty, and no leading dot: that also
    rules out . and .. (and hidden names, which the layout walk skips).
    """
    return bool(name) and not name.startswith(".") and not any(c in name for c in "/\\\0")


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) for output, or fail with what stands in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotWrite(folder, error) from None


def _regular_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file a write to ``path`` replaces (a link's final target) and its status, if any."""
    try:
        existing = os.stat(path)  # follows links
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            reason = messages.text("write.reason.dangling", target=os.readlink(path))
            raise TargetRefused(path, reason) from None
        return path, None  # a new file (a folder in the way is ensure_folder's to report)
    except OSError as error:  # a loop of links, a folder that may not be searched
        raise CannotWrite(path, error) from None
    if not stat.S_ISREG(existing.st_mode):
        key = next((key for test, key in _KINDS if test(existing.st_mode)), "write.kind.other")
        reason = messages.text("write.reason.special", kind=messages.text(key))
        raise TargetRefused(path, reason)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    return target, existing


def _temporary_copy(path: Path, target: Path, content: bytes) -> str:
    """A hidden file next to ``target`` holding ``content``, flushed to disk; failures name path."""
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise CannotWrite(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError):
            raise CannotWrite(path, error) from None
        raise
    return temporary


def _create_exclusively(path: Path, content: bytes) -> None:
    """O_EXCL creation where hard links are missing: still exclusive, written in place."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _discard(str(path))
        raise


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _discard(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
