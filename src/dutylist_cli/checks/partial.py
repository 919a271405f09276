"""A township list that failed its schema check: the items and header parts that still validate.

The list rules run on these, so one schema error does not hide the other findings of the file
until it is fixed, and records still see the township (by its file name) and its item ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from dutylist_cli.checks.records import ItemIndex
from dutylist_cli.checks.text import normalise_name
from dutylist_cli.model.common import CountyRef
from dutylist_cli.model.enums import Category
from dutylist_cli.model.township import BasicItem, CooperativeItem, Edition, Item, RecoveredItem

_ITEM_MODELS: tuple[tuple[Category, type[Item]], ...] = (
    (Category.BASIC, BasicItem),
    (Category.COOPERATIVE, CooperativeItem),
    (Category.RECOVERED, RecoveredItem),
)
_LETTERS = {Category.BASIC: "B", Category.COOPERATIVE: "C", Category.RECOVERED: "R"}
_TOWNSHIP_FILE = re.compile(r"^(\d{9})-")
_COUNTY_FOLDER = re.compile(r"^(\d{6})-")
_Part = TypeVar("_Part", bound=BaseModel)


class HasItems(Protocol):
    """A whole list or the valid part of one: its items with their category and index."""

    def iter_items(self) -> Iterator[tuple[Category, int, Item]]: ...


@dataclass(frozen=True)
class PartialList:
    """The parts of a township list that validate on their own (items keep their indexes)."""

    items: list[tuple[Category, int, Item]] = field(default_factory=list)
    edition: Edition | None = None
    county: CountyRef | None = None

    def iter_items(self) -> Iterator[tuple[Category, int, Item]]:
        return iter(self.items)


def build_partial_list(data: dict[str, Any]) -> PartialList:
    items: list[tuple[Category, int, Item]] = []
    for category, model in _ITEM_MODELS:
        entries = data.get(category.value)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            item = _part(model, entry)
            if item is not None:
                items.append((category, index, item))
    return PartialList(
        items=items,
        edition=_part(Edition, data.get("edition")),
        county=_part(CountyRef, data.get("county")),
    )


def _part(model: type[_Part], value: Any) -> _Part | None:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def township_of_file(name: str) -> str | None:
    """The 9-digit code in ``<code>-<name>.yaml``: the township a broken header still names."""
    match = _TOWNSHIP_FILE.match(PurePosixPath(name).name)
    return match.group(1) if match else None


def county_of_folder(folder: str) -> str:
    match = _COUNTY_FOLDER.match(folder.rsplit("/", 1)[-1])
    return match.group(1) if match else ""


RawItem = tuple[Category, str, str | None]  # category, id, name (None: not text)


def iter_model_items(doc: HasItems) -> Iterator[RawItem]:
    for category, _, item in doc.iter_items():
        yield category, item.id, item.name


def iter_raw_items(data: dict[str, Any]) -> Iterator[RawItem]:
    """(category, id, name) of every entry with a textual id, valid or not."""
    for category, _ in _ITEM_MODELS:
        entries = data.get(category.value)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                name = entry.get("name")
                yield category, entry["id"], name if isinstance(name, str) else None


def build_item_index(items: Iterable[RawItem]) -> ItemIndex:
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for category, item_id, name in items:
        ids[item_id] = category.value
        if name is not None:
            names[normalise_name(name)] = item_id
    return ids, names


def item_digest(items: Iterable[RawItem]) -> str:
    """Changes whenever an item id, category or name does (raw names: cheaper than normalising
    them, and a change of spelling alone only re-checks the records that name the township)."""
    parts: list[str] = []
    by_category: dict[Category, list[str]] = {category: [] for category, _ in _ITEM_MODELS}
    for category, item_id, name in items:
        by_category[category].append(f"{item_id}\x1f{name or ''}")
    for category, entries in by_category.items():
        parts.append(_LETTERS[category])
        parts += entries
    return hashlib.sha1("\x1e".join(parts).encode()).hexdigest()[:16]
