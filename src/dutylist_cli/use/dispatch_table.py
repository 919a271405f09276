"""The dispatch table of `who --batch -o`: one row per request, written as .csv or .xlsx.

A row is one answer of `who` (its JSON object plus "row", and "id" and "township_name" when
known). The best match is the answer only when the request is listed: an off-list row names no
item, handler or score, and its nearest items are left as alternatives for the dispatcher.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.model.enums import Category
from dutylist_cli.store.atomic import write_atomic

# (key, Chinese heading, English heading), in the table's order
DISPATCH_COLUMNS: list[tuple[str, str, str]] = [
    ("row", "行号", "row"),
    ("id", "编号", "id"),
    ("township", "乡镇（街道）", "township"),
    ("text", "诉求内容", "request"),
    ("verdict", "结论", "verdict"),
    ("category", "事项类别", "category"),
    ("item", "事项编号", "item"),
    ("item_name", "事项名称", "item name"),
    ("handler", "承办（主办）", "handler"),
    ("partners", "协同部门", "partners"),
    ("accountability", "乡镇责任", "accountability"),
    ("score", "匹配度", "score"),
    ("why", "匹配词", "matched words"),
    ("alternatives", "备选事项", "alternatives"),
]
FORMATS = (".csv", ".xlsx")

# the values' words: (Chinese, English) by the token of the who JSON object
VERDICTS = {"listed": ("清单内", "listed"), "off_list": ("清单外", "off-list")}
CATEGORIES = {category.value: (category.label, category.value) for category in Category}
ACCOUNTABILITIES = {
    "full": ("全责", "full"),
    "secondary": ("次要责任", "secondary"),
    "none": ("不承担", "none"),
}
SEPARATOR = "、"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula
_MIN_WIDTH, _MAX_WIDTH = 6.0, 60.0  # in Excel's units, about one Latin character each
_WIDTH_SAMPLE = 2_000  # rows measured for the widths: enough to reach the cap


def write_dispatch_table(path: Path, results: Sequence[Mapping[str, Any]], *, lang: str) -> None:
    """Write ``results`` (who answers) to ``path`` as .csv (UTF-8 with BOM) or .xlsx."""
    extension = check_table_path(path)
    english = lang == "en"
    headings = [en if english else zh for _, zh, en in DISPATCH_COLUMNS]
    rows = [dispatch_row(result, english=english) for result in results]
    if extension == ".csv":
        write_atomic(path, _csv_bytes(headings, rows))
    else:
        write_atomic(path, _xlsx_bytes(headings, rows, sheet="dispatch" if english else "派单表"))


def check_table_path(path: Path) -> str:
    """The table's format (".csv" or ".xlsx") by its extension; check it before the work."""
    extension = path.suffix.lower()
    if extension not in FORMATS:
        raise UsageError(
            messages.text("dispatch.format", path=path, formats=" / ".join(FORMATS)),
            hint=messages.text("dispatch.format.hint"),
        )
    return extension


def dispatch_row(result: Mapping[str, Any], *, english: bool = False) -> list[object]:
    """The table's cells for one answer, in the order of DISPATCH_COLUMNS (None: blank)."""
    pick = 1 if english else 0
    listed = result.get("verdict") == "listed"
    matches = [m for m in result.get("matches") or () if isinstance(m, Mapping)]
    best = matches[0] if listed and matches else None
    handler = result.get("handler") if isinstance(result.get("handler"), Mapping) else None
    code, name = result.get("township"), result.get("township_name")
    cells: dict[str, object] = {
        "row": result.get("row"),
        "id": result.get("id"),
        "township": " ".join(str(part) for part in (code, name) if part) or None,
        "text": result.get("text"),
        "verdict": _word(VERDICTS, result.get("verdict"), pick),
        "category": _word(CATEGORIES, result.get("category"), pick),
        "item": best.get("item") if best else None,
        "item_name": best.get("name") if best else None,
        "handler": handler.get("name") if handler else None,
        "partners": _joined(handler.get("partners") if handler else None),
        "accountability": _word(ACCOUNTABILITIES, result.get("accountability"), pick),
        "score": _score(best.get("score")) if best else None,
        "why": _joined(best.get("why") if best else None),
        "alternatives": _joined(
            " ".join(str(m.get(key) or "") for key in ("item", "name")).strip()
            for m in (matches[1:3] if best else matches[:3])
        ),
    }
    return [cells[key] for key, _, _ in DISPATCH_COLUMNS]


def _score(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _word(words: Mapping[str, tuple[str, str]], token: object, pick: int) -> str | None:
    if token is None:
        return None
    return words[token][pick] if isinstance(token, str) and token in words else str(token)


def _joined(values: object) -> str | None:
    if isinstance(values, str):
        return values or None
    if not isinstance(values, Iterable):
        return None
    return SEPARATOR.join(str(value) for value in values if value) or None


# -- csv ---------------------------------------------------------------------------------------
def _csv_bytes(headings: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # quotes commas and line breaks; \r\n as Excel writes it
    writer.writerow(headings)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read it as UTF-8


def _csv_cell(value: object) -> str:
    text = _shown(value)
    # a citizen's words must not run as a formula when the table is opened (CSV injection)
    return f"'{text}" if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def _shown(value: object) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if isinstance(value, float) else str(value)


# -- xlsx --------------------------------------------------------------------------------------
def _xlsx_bytes(headings: Sequence[str], rows: Sequence[Sequence[object]], *, sheet: str) -> bytes:
    from dutylist_cli.publishing.workbook import new_workbook

    buffer = io.BytesIO()
    # 200,000 answers stream to the file row by row instead of living as cells in memory
    book = new_workbook(buffer, constant_memory=True)
    book.set_properties({"author": "dutylist"})
    table = book.add_worksheet(sheet)
    for column, heading in enumerate(headings):  # widths go before the rows
        values = [row[column] for row in rows[:_WIDTH_SAMPLE]]
        table.set_column(column, column, _width(heading, values))
    table.freeze_panes(1, 0)
    table.autofilter(0, 0, len(rows), len(headings) - 1)
    bold = book.add_format({"bold": True, "valign": "vcenter"})
    for column, heading in enumerate(headings):
        table.write_string(0, column, _xml_text(heading), bold)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                table.write_string(number, column, _xml_text(value))
            elif isinstance(value, float):
                table.write_number(number, column, round(value, 2))  # as the CSV shows it
            elif isinstance(value, int):
                table.write_number(number, column, value)
    book.close()
    return buffer.getvalue()


_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(value: str) -> str:
    return _ILLEGAL_CHARACTERS.sub("", value)  # XML holds no control characters


def _width(heading: str, values: Sequence[object]) -> float:
    """A column as wide as its widest cell (a Chinese character is two units), within bounds."""
    widest = max((_display_width(_shown(value)) for value in values), default=0)
    return min(_MAX_WIDTH, max(_MIN_WIDTH, _display_width(heading) + 2.0, widest + 2.0))


def _display_width(text: str) -> int:
    return max(
        (
            sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
            for line in text.split("\n")
        ),
        default=0,
    )
