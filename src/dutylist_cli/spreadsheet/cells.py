"""What one spreadsheet cell says: headings, citations, name lists, enums, counts and dates.

Pure text functions for `dutylist import`; they decide nothing on their own, returning None
when a value is not understood so that the caller reports it with its cell reference.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from dutylist_cli.model.enums import Category, LabeledEnum
from dutylist_cli.publishing.columns import COLUMNS, Column

# text in a title or section row that names a category (一、基本履职事项 …)
CATEGORY_MARKERS: dict[Category, tuple[str, ...]] = {
    Category.BASIC: ("基本履职事项", "基本职责事项"),
    Category.COOPERATIVE: ("配合履职事项", "配合职责事项"),
    Category.RECOVERED: ("上级部门收回事项", "上级收回事项", "收回事项"),
}
_CHINESE_DIGITS = "一二三四五六七八九十百零〇"
# （一）党的建设 · (1)党的建设 · 一、党的建设 · 1.党的建设 · 1、党的建设
_NUMBERED = re.compile(
    rf"^(?:[（(]\s*[{_CHINESE_DIGITS}\d]+\s*[）)]|[{_CHINESE_DIGITS}]+\s*[、.．]"
    rf"|\d+\s*(?:[、．]|\.(?!\d)))\s*(?P<rest>.*)$"
)
_COUNT_SUFFIX = re.compile(r"\s*[（(]\s*(?:共\s*)?\d+\s*项\s*[）)]\s*$")  # 党的建设（12项）
_SPACES = re.compile(r"\s+")
_ENUMERATOR = re.compile(r"^\s*(?:[（(]\s*\d+\s*[）)]|\d+\s*[.、．]|[\u2460-\u2473])\s*(?=《)")
_CITATION_END = "。；;，,、 \t\u3000"
_LIST_SEPARATORS = "、，,；;/／\n"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def normalise_heading(text: str) -> str:
    """A heading or label compared loosely: NFKC, no spaces or line breaks, no * or trailing :."""
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return folded.strip("*").rstrip(":")


def _heading_index() -> dict[Category, dict[str, Column]]:
    index: dict[Category, dict[str, Column]] = {}
    for category, columns in COLUMNS.items():
        names: dict[str, Column] = {}
        for column in columns:
            for heading in (column.heading, *column.variants):
                names.setdefault(normalise_heading(heading), column)
        index[category] = names
    return index


HEADINGS = _heading_index()
NAME_HEADINGS = frozenset(
    heading for heading, column in HEADINGS[Category.BASIC].items() if column.key == "name"
)


def column_for(heading: str, category: Category) -> Column | None:
    return HEADINGS[category].get(normalise_heading(heading))


def is_any_heading(text: str) -> bool:
    key = normalise_heading(text)
    return any(key in names for names in HEADINGS.values())


def published_headings(category: Category) -> str:
    return "、".join(column.heading for column in COLUMNS[category])


def category_named(text: str) -> Category | None:
    """The one category a title, section row or sheet name names, if exactly one."""
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    found = {cat for cat, markers in CATEGORY_MARKERS.items() if any(m in folded for m in markers)}
    return found.pop() if len(found) == 1 else None


def group_domain(text: str, domains: Iterable[str]) -> str | None:
    """The domain a group row names: （一）党的建设, 一、党的建设, or a bare known domain."""
    stripped = text.strip()
    numbered = _NUMBERED.match(stripped)
    rest = _COUNT_SUFFIX.sub("", numbered["rest"] if numbered else stripped).strip()
    if not rest:
        return None
    if numbered or rest in set(domains):
        return rest
    return None


def is_group_number(text: str) -> bool:
    """序号 cells of group rows: 一, （一）, 一、 (Chinese numerals, never 1, 2, 3)."""
    return bool(re.fullmatch(rf"[（(]?\s*[{_CHINESE_DIGITS}]+\s*[）)、.．]?", text.strip()))


def cell_text(value: object) -> str:
    """A cell's value as text: trimmed, CRLF as LF, whole numbers without ".0", dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip(" \t\n\u3000")


def one_line(text: str) -> str:
    """A name wrapped onto several lines in its cell, put back on one line."""
    parts = [part.strip(" \t\u3000") for part in text.split("\n")]
    joined = ""
    for part in parts:
        if not part:
            continue
        if joined and joined[-1].isascii() and part[0].isascii():
            joined += " "
        joined += part
    return joined


def split_citations(text: str) -> list[str]:
    """依据 cells: one citation per line, or separated by ；/;, or 《A》《B》 run together.

    Never split inside 《》. A run of titles splits before a 《 that follows a closed title
    directly or after a separator (、，,), so 《A》第五条、第六条 stays one citation.
    """
    pieces: list[str] = []
    current = ""
    depth = 0
    for char in text:
        if depth == 0 and char in "；;\n":
            pieces.append(current)
            current = ""
            continue
        if char == "《":
            tail = current.rstrip(" \t\u3000")
            if depth == 0 and "》" in current and (tail.endswith("》") or tail[-1:] in "、，,"):
                pieces.append(current)
                current = ""
            depth += 1
        elif char == "》":
            depth = max(depth - 1, 0)
        current += char
    pieces.append(current)
    cleaned = (_ENUMERATOR.sub("", piece).strip(_CITATION_END) for piece in pieces)
    return [piece for piece in cleaned if piece]


def split_names(text: str) -> list[str]:
    """承担机构, 协同部门, 工作岗位: names split at 、，,；;/ or line breaks (not in brackets)."""
    names: list[str] = []
    current = ""
    depth = 0
    for char in text:
        if char in "（(《":
            depth += 1
        elif char in "）)》":
            depth = max(depth - 1, 0)
        if depth == 0 and char in _LIST_SEPARATORS:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    return [one_line(name) for name in names if one_line(name)]


def enum_member(text: str, enum: type[LabeledEnum]) -> LabeledEnum | None:
    """The member whose token or Chinese label ``text`` is (tokens in any case)."""
    wanted = unicodedata.normalize("NFKC", text).strip()
    for member in enum:
        if wanted.lower() == member.value or wanted == member.label:
            return member
    return None


def whole_number(value: object) -> int | None:
    """A count ≥ 0: a whole number cell, or digits (full-width ones too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = unicodedata.normalize("NFKC", cell_text(value))
    return int(text) if text.isdigit() else None


def date_value(value: object) -> dt.date | None:
    """A date cell, or text such as 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(unicodedata.normalize("NFKC", cell_text(value)))
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def code_text(value: object) -> str:
    """A division code as text, also when Excel stored it as a number (320115001.0)."""
    return unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
