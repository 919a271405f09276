"""Many versions of township lists read cheaply: an item's block is parsed once across versions.

Consecutive versions of a list differ in a few items, so `history` splits each version's text
into the header and one block per item, parses the blocks it has not met yet, and puts the state
together from cached blocks. The split is only trusted on plain block-style YAML (keys at column
0, each category a block sequence); anything else, or a block that does not parse alone (an
alias to another block, say), falls back to parsing the whole file, which gives the same state.
"""

from __future__ import annotations

import re
from typing import Any

from dutylist_cli.audit.diffing import CATEGORIES, ItemRecord, TownshipState, township_state
from dutylist_cli.store.yaml_source import parse_file

_TOP = re.compile(r"^[^ \n#][^\n]*", re.M)  # lines at column 0 that are not comments
_KEY = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_CATEGORY = re.compile(rf"({'|'.join(CATEGORIES)}):[ \t]*(?:#[^\n]*)?")
_FIRST = re.compile(r"^( *)(\S)", re.M)  # the first line with content
_WRAPPER = "items:\n"

Split = tuple[str, list[tuple[str, str]]]  # header text, (category, item block) in file order


def split_list(text: str) -> Split | None:
    """A list's header (category keys kept, items cut out) and its item blocks; None if unsure."""
    if "\r" in text or "\t" in text:
        return None
    tops = [m for m in _TOP.finditer(text) if not m.group(0).startswith("- ")]
    header: list[str] = [text[: tops[0].start()]] if tops else [text]
    blocks: list[tuple[str, str]] = []
    for index, top in enumerate(tops):
        line = top.group(0)
        if not _KEY.match(line):
            return None  # a document marker, a directive, a quoted or complex key, ...
        end = tops[index + 1].start() if index + 1 < len(tops) else len(text)
        category = _CATEGORY.fullmatch(line)
        if category is None:
            if line.split(":", 1)[0] in CATEGORIES:
                return None  # a category in flow style or empty on its line
            header.append(text[top.start() : end])
            continue
        header.append(line + "\n")
        items = _items(text[top.end() + 1 : end])
        if items is None:
            return None
        blocks.extend((category.group(1), block) for block in items)
    return "".join(header), blocks


def _items(body: str) -> list[str] | None:
    """A category's block sequence cut at its item starts (comments before the first: none)."""
    first = _first_content(body)
    if first is None:
        return []
    indent, start = first
    if not body.startswith(indent + "- ", start):
        return None
    starts = [m.start() for m in re.finditer(rf"^{indent}- ", body, re.M)]
    if re.search(rf"^ {{0,{len(indent) - 1}}}[^ \n#]", body, re.M) if indent else False:
        return None  # a line less indented than the items: leave it to the full parser
    return [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def _first_content(body: str) -> tuple[str, int] | None:
    for match in _FIRST.finditer(body):
        if match.group(2) != "#":
            return match.group(1), match.start()
    return None


class VersionReader:
    """Township states from list files' bytes, sharing parsed item blocks between versions."""

    def __init__(self) -> None:
        self._headers: dict[str, TownshipState | None] = {}
        self._blocks: dict[str, tuple[str, dict[str, Any]] | None] = {}

    def state(self, raw: bytes, *, file: str) -> TownshipState | None:
        """The same state as ``township_state(raw, file=file)``."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return township_state(raw, file=file)
        split = split_list(text.removeprefix("\ufeff"))
        if split is None:
            return township_state(raw, file=file)
        head, blocks = split
        header = self._header(head, file)
        if header is None:
            return township_state(raw, file=file)
        items: dict[str, ItemRecord] = {}
        by_category: dict[str, list[tuple[str, dict[str, Any]]]] = {c: [] for c in CATEGORIES}
        for category, block in blocks:
            parsed = self._block(block, file)
            if parsed is None:
                return township_state(raw, file=file)
            by_category[category].append(parsed)
        for category in CATEGORIES:  # township_state's order: by category, then file order
            for item, fields in by_category[category]:
                items.setdefault(item, ItemRecord(category, fields))
        return TownshipState(header.code, header.name, file, items)

    def _header(self, head: str, file: str) -> TownshipState | None:
        if head not in self._headers:
            self._headers[head] = township_state(head.encode("utf-8"), file=file)
        return self._headers[head]

    def _block(self, block: str, file: str) -> tuple[str, dict[str, Any]] | None:
        if block not in self._blocks:
            parsed = parse_file((_WRAPPER + block).encode("utf-8"), file=file)
            entries = parsed.data.get("items") if parsed.ok else None
            entry = entries[0] if isinstance(entries, list) and len(entries) == 1 else None
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                fields = {k: v for k, v in entry.items() if k != "id"}
                self._blocks[block] = (entry["id"], fields)
            else:
                self._blocks[block] = None
        return self._blocks[block]
