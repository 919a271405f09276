"""The validation cache: per-file findings keyed by file stamps, in <root>/.dutylist_cache/."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from dutylist_cli.store.atomic import write_text_atomic

CACHE_FOLDER = ".dutylist_cache"
_CACHE_FILE = "validate-v1.json"
_RACY_SECONDS = 2.0


def file_stamp(stat: os.stat_result) -> str:
    """What identifies a file's content cheaply: size, modification time and inode."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def is_racy(stat: os.stat_result) -> bool:
    """A file modified within the clock's resolution could change without a new stamp."""
    return time.time() - stat.st_mtime < _RACY_SECONDS


def code_fingerprint() -> str:
    """Changes whenever any module of dutylist changes, so new rules never reuse old results."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


class ValidationCache:
    """Entries: relative path -> [stamp, dependency digest, finding rows, facts]."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self._folder = root / CACHE_FOLDER
        self._enabled = enabled
        self._fingerprint = code_fingerprint() if enabled else ""
        self.entries: dict[str, list[Any]] = {}
        self._dirty = False
        if enabled:
            self._read()

    def _read(self) -> None:
        try:
            raw = json.loads((self._folder / _CACHE_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(raw, dict) and raw.get("fingerprint") == self._fingerprint:
            entries = raw.get("entries")
            if isinstance(entries, dict):
                self.entries = entries

    def peek(self, name: str, stamp: str) -> list[Any] | None:
        """The entry of a file whose bytes are unchanged, whatever it depended on."""
        entry = self.entries.get(name)
        return entry if entry is not None and entry[0] == stamp else None

    def lookup(self, name: str, stamp: str, deps: str) -> list[Any] | None:
        entry = self.entries.get(name)
        if entry is not None and entry[0] == stamp and entry[1] == deps:
            return entry
        return None

    def store(
        self,
        name: str,
        stamp: str,
        deps: str,
        rows: list[Any],
        facts: dict[str, Any],
        *,
        racy: bool,
    ) -> None:
        if not self._enabled:
            return
        if racy:
            self.entries.pop(name, None)
        else:
            self.entries[name] = [stamp, deps, rows, facts]
        self._dirty = True

    def save(self) -> None:
        """Write the cache; a read-only data root simply goes without one."""
        if not (self._enabled and self._dirty):
            return
        with contextlib.suppress(OSError):
            self._folder.mkdir(exist_ok=True)
            ignore = self._folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by dutylist\n*\n", "utf-8")
            payload = {"fingerprint": self._fingerprint, "entries": self.entries}
            write_text_atomic(
                self._folder / _CACHE_FILE,
                json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            )
