"""The `who` index cache: each list's search index as JSON, keyed by the list's bytes.

Keyed by a hash of the file's content and of dutylist's code (a new matcher never reuses an old
index), so an edited list is simply a miss. Stored as JSON and read back through
`ItemIndex.from_data`, which checks every value: a cache file is data, never code (no pickle).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from dutylist_cli.store.atomic import write_text_atomic
from dutylist_cli.store.cache import CACHE_FOLDER, code_fingerprint

_FOLDER = "who-index-v1"


class IndexCache:
    def __init__(self, root: Path) -> None:
        self._folder = root / CACHE_FOLDER / _FOLDER
        self._fingerprint: str | None = None

    def _path(self, raw: bytes) -> Path:
        if self._fingerprint is None:
            self._fingerprint = code_fingerprint()
        key = hashlib.sha256(self._fingerprint.encode() + b"\0" + raw).hexdigest()[:32]
        return self._folder / f"{key}.json"

    def load(self, raw: bytes) -> Any:
        """The cached data for a list's bytes, or None."""
        try:
            return json.loads(self._path(raw).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, raw: bytes, data: Any) -> None:
        """Best effort: a cache that cannot be written is no error."""
        with contextlib.suppress(OSError):
            write_text_atomic(self._path(raw), json.dumps(data, ensure_ascii=False))
