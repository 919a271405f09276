"""The core of `dutylist blame`: per item of a township list, the last commit that changed it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli import messages
from dutylist_cli.audit.diffing import ItemChange, ItemRecord, township_state
from dutylist_cli.audit.history import HistoryEntry, history_at, township_at
from dutylist_cli.errors import UsageError
from dutylist_cli.store.git import Repository


@dataclass(frozen=True)
class BlameLine:
    """An item of the file and the commit that last changed it (None: uncommitted or unseen)."""

    item: str
    name: str
    category: str
    entry: HistoryEntry | None
    change: str | None  # what that commit did to the item
    uncommitted: bool = False

    def as_json(self) -> dict[str, Any]:
        entry = self.entry
        return {
            "item": self.item,
            "commit": entry.commit if entry else None,
            "author": entry.author if entry else None,
            "date": entry.date if entry else None,
            "message": entry.message if entry else None,
            "category": self.category,
            "name": self.name,
            "change": self.change,
            "uncommitted": self.uncommitted,
        }


@dataclass
class BlameResult:
    file: str
    township: str
    name: str
    items: list[BlameLine]
    boundary: tuple[str, ...] = ()

    @property
    def truncated(self) -> bool:
        return bool(self.boundary)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"items": [line.as_json() for line in self.items]}
        if self.truncated:
            out["truncated"] = True
        return out


def blame_file(root: Path, path: Path) -> BlameResult:
    """`dutylist blame FILE`: per item of the list as it is now, the last commit that changed it."""
    root, path = root.resolve(), path.resolve()
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        raise UsageError(messages.text("path.outside", path=path, root=root)) from None
    if not path.is_file():
        raise UsageError(messages.text("path.missing", path=name))
    current = township_state(path.read_bytes(), file=name)
    if current is None:
        raise UsageError(
            messages.text("blame.not_list", path=name), hint=messages.text("blame.not_list.hint")
        )
    repository = Repository(root)
    head = repository.resolve("HEAD")
    history = history_at(repository, head, current.code, item=None, revision="HEAD")
    committed = township_at(repository, head, current.code)
    lines = []
    for item, record in current.items.items():
        name_text = str(record.fields.get("name", ""))
        if committed is None or committed.items.get(item) != record:
            lines.append(BlameLine(item, name_text, record.category, None, None, uncommitted=True))
            continue
        entry, change = _last_change(history.entries, item, record)
        lines.append(BlameLine(item, name_text, record.category, entry, change))
    return BlameResult(name, current.code, current.name, lines, history.boundary)


def _last_change(
    entries: Sequence[HistoryEntry], item: str, record: ItemRecord
) -> tuple[HistoryEntry | None, str | None]:
    """The newest commit whose change left the item as it is; else the newest that touched it."""
    touched: list[tuple[HistoryEntry, ItemChange]] = [
        (entry, change)
        for entry in entries
        for change in entry.changes
        if change.item == item and change.change != "removed"
    ]
    for entry, change in touched:
        category = change.target if change.change == "moved" else change.category
        if change.after == record.fields and category == record.category:
            return entry, change.change
    if touched:
        return touched[0][0], touched[0][1].change
    return None, None
