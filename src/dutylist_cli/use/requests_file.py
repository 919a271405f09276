"""The batch file of `who --batch`: citizens' requests read from a .csv, .xlsx or .jsonl file."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.store.reading import NotText, decode_text, read_data_file

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000  # requests (rows that are not empty)
MAX_PHYSICAL_ROWS = 1_048_576  # Excel's own limit: bounds files of empty rows too
HEADER_SEARCH_ROWS = 10  # title rows above the header are allowed, this many rows at most

# in order of preference: a file with both 诉求 and 诉求内容 is read by 诉求内容
TEXT_HEADINGS = ("诉求内容", "内容", "text", "诉求", "问题描述", "来电内容", "工单内容")
ID_HEADINGS = ("工单编号", "编号", "工单号", "id")
TOWNSHIP_HEADINGS = ("乡镇", "街道", "乡镇（街道）", "镇街", "所属乡镇", "所属街道", "township")
# a dispatched ticket's answer (history for `who --history`): the item(s) chosen, or 清单外
ITEM_HEADINGS = ("事项编号", "item", "items")
VERDICT_HEADINGS = ("结论", "verdict")
FORMATS = (".csv", ".xlsx", ".jsonl")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), or an encrypted .xlsx
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class RequestRow:
    row: int  # 1-based data row (header excluded; for jsonl the line number of the object)
    text: str  # the request text as in the file (may be blank: the caller decides)
    id: str | None  # the file's id column if any
    township: str | None  # the file's township column if any: a code or a name, as written
    item: str | None = None  # a dispatched ticket's item id(s), "C012" or "C012,R003"
    verdict: str | None = None  # a dispatched ticket's 结论 (清单外 / off_list when no item)


def read_requests(path: Path) -> list[RequestRow]:
    """The requests in ``path`` (.csv in UTF-8 or GBK, .xlsx, .jsonl); empty rows left out."""
    extension = path.suffix.lower()
    if extension not in FORMATS:
        raise UsageError(
            messages.text("requests.format", path=path, formats=" / ".join(FORMATS)),
            hint=messages.text("requests.format.hint"),
        )
    raw = _read_bytes(path)
    if extension == ".csv":
        return _table_requests(path, _csv_records(path, raw))
    if extension == ".xlsx":
        return _table_requests(path, _xlsx_records(path, raw))
    return _jsonl_requests(path, raw)


# -- the file --------------------------------------------------------------------------------
def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, bounded: a link to /dev/zero or a FIFO would read for ever."""
    try:
        raw = read_data_file(path, limit=MAX_BYTES)
        if len(raw) > MAX_BYTES:
            size = path.stat().st_size
            raise UsageError(
                messages.text(
                    "requests.too_large",
                    path=path,
                    size=f"{size / 1_048_576:.1f}",
                    limit=f"{MAX_BYTES / 1_048_576:g}",
                ),
                hint=messages.text("requests.split.hint"),
            )
        return raw
    except OSError as exc:
        raise UsageError(
            messages.text("requests.unreadable", path=path, reason=exc.strerror or exc)
        ) from exc


def _too_many_rows(path: Path, limit: int) -> UsageError:
    return UsageError(
        messages.text("requests.too_many_rows", path=path, limit=limit),
        hint=messages.text("requests.split.hint"),
    )


def _heading_key(text: str) -> str:
    """A heading compared loosely: NFKC (full width → half width), no spaces, case folded."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(
        char for char in folded if not char.isspace() and unicodedata.category(char) != "Cf"
    )
    return kept.strip("*").rstrip(":").casefold()


def _column(headings: Sequence[str], accepted: Sequence[str]) -> int | None:
    """The index of the first column whose heading is the most preferred of ``accepted``."""
    keys = [_heading_key(heading) for heading in headings]
    for wanted in accepted:
        if _heading_key(wanted) in keys:
            return keys.index(_heading_key(wanted))
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number Excel keeps as 20240301001.0
    return value if isinstance(value, str) else str(value)


def _optional(values: Sequence[str], index: int | None) -> str | None:
    if index is None or index >= len(values):
        return None
    return values[index].strip() or None


# -- tables: csv and xlsx --------------------------------------------------------------------
def _table_requests(path: Path, records: Iterable[Sequence[object]]) -> list[RequestRow]:
    rows = iter(records)
    head: list[list[str]] = []
    for record in rows:
        head.append([_cell_text(value) for value in record])
        if _column(head[-1], TEXT_HEADINGS) is not None or len(head) == HEADER_SEARCH_ROWS:
            break
    headings = head[-1] if head else []
    text_at = _column(headings, TEXT_HEADINGS)
    if text_at is None:
        raise _no_text_column(path, head)
    id_at = _column(headings, ID_HEADINGS)
    township_at = _column(headings, TOWNSHIP_HEADINGS)
    item_at = _column(headings, ITEM_HEADINGS)
    verdict_at = _column(headings, VERDICT_HEADINGS)
    found: list[RequestRow] = []
    for number, record in enumerate(rows, start=1):
        values = [_cell_text(value) for value in record]
        if not any(value.strip() for value in values):
            if number > MAX_PHYSICAL_ROWS:
                raise _too_many_rows(path, MAX_PHYSICAL_ROWS)
            continue
        if len(found) == MAX_ROWS:
            raise _too_many_rows(path, MAX_ROWS)
        text = values[text_at] if text_at < len(values) else ""
        found.append(
            RequestRow(
                number,
                text,
                _optional(values, id_at),
                _optional(values, township_at),
                _optional(values, item_at),
                _optional(values, verdict_at),
            )
        )
    return found


def _no_text_column(path: Path, head: Sequence[Sequence[str]]) -> UsageError:
    if not any(value.strip() for row in head for value in row):
        return UsageError(messages.text("requests.empty", path=path))
    # the fullest of the first rows is the likeliest header (a title row has one cell)
    widest = max(head, key=lambda row: sum(1 for value in row if value.strip()))
    columns = [value.strip() for value in widest if value.strip()]
    return UsageError(
        messages.text("requests.no_text_column", path=path, found="、".join(columns)),
        hint=messages.text(
            "requests.no_text_column.hint",
            accepted="、".join(TEXT_HEADINGS),
            rows=HEADER_SEARCH_ROWS,
        ),
    )


def _csv_records(path: Path, raw: bytes) -> Iterator[list[str]]:
    text = _decode_csv(path, raw)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as exc:  # in this dialect, only a field over csv's size limit
        raise UsageError(
            messages.text(
                "requests.csv.field", path=path, line=reader.line_num, limit=csv.field_size_limit()
            ),
            hint=messages.text("requests.csv.field.hint"),
        ) from exc


def _decode_csv(path: Path, raw: bytes) -> str:
    binary = UsageError(
        messages.text("requests.binary", path=path), hint=messages.text("requests.csv.hint")
    )
    if b"\x00" in raw or raw.startswith((_ZIP, _OLE)):
        raise binary
    try:
        return decode_text(raw)
    except NotText as exc:
        if exc.reason == "binary":
            raise binary from exc
        raise UsageError(
            messages.text("requests.encoding", path=path), hint=messages.text("requests.csv.hint")
        ) from exc


def _xlsx_records(path: Path, raw: bytes) -> Iterator[Sequence[object]]:
    if raw.startswith(_OLE):
        raise UsageError(
            messages.text("requests.xlsx.old", path=path),
            hint=messages.text("requests.xlsx.hint"),
        )
    if not raw.startswith(_ZIP):
        raise _damaged(path, messages.text("requests.xlsx.not_zip"))
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise _damaged(path, str(exc).splitlines()[0][:200] if str(exc) else "") from exc
    try:
        if book.worksheets:
            yield from book.worksheets[0].iter_rows(values_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, SyntaxError) as exc:
        # the sheet is parsed as it is read: a damaged one fails here (XML errors are SyntaxError)
        raise _damaged(path, str(exc).splitlines()[0][:200] if str(exc) else "") from exc
    finally:
        book.close()


def _damaged(path: Path, detail: str) -> UsageError:
    return UsageError(
        messages.text("requests.xlsx.damaged", path=path, detail=detail),
        hint=messages.text("requests.xlsx.hint"),
    )


# -- JSON Lines ------------------------------------------------------------------------------
def _jsonl_requests(path: Path, raw: bytes) -> list[RequestRow]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            messages.text("requests.jsonl.encoding", path=path),
            hint=messages.text("requests.jsonl.hint"),
        ) from exc
    found: list[RequestRow] = []
    # JSON Lines ends lines at \n only: a \u2028 inside a string is the string's
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if number > MAX_PHYSICAL_ROWS:
                raise _too_many_rows(path, MAX_PHYSICAL_ROWS)
            continue
        if len(found) == MAX_ROWS:
            raise _too_many_rows(path, MAX_ROWS)
        found.append(_jsonl_row(path, number, line))
    return found


def _jsonl_row(path: Path, number: int, line: str) -> RequestRow:
    def bad(message: str) -> UsageError:
        return UsageError(message, hint=messages.text("requests.jsonl.hint"))

    try:
        value = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        column = exc.colno if isinstance(exc, json.JSONDecodeError) else 1
        raise bad(
            messages.text("requests.jsonl.bad_json", path=path, line=number, column=column)
        ) from exc
    if not isinstance(value, dict):
        raise bad(messages.text("requests.jsonl.not_object", path=path, line=number))
    text_key = _key(value, TEXT_HEADINGS)
    if text_key is None:
        keys = " / ".join(TEXT_HEADINGS[:3])
        raise bad(messages.text("requests.jsonl.no_text", path=path, line=number, keys=keys))
    fields: dict[str, str] = {}
    for name, key in (
        ("text", text_key),
        ("id", _key(value, ID_HEADINGS)),
        ("township", _key(value, TOWNSHIP_HEADINGS)),
    ):
        item = value.get(key) if key is not None else None
        if isinstance(item, bool) or not isinstance(item, (str, int, float, type(None))):
            raise bad(messages.text("requests.jsonl.bad_value", path=path, line=number, name=key))
        fields[name] = _cell_text(item)
    items = value.get(_key(value, ITEM_HEADINGS) or "items")
    if isinstance(items, list):
        items = ",".join(str(i) for i in items if isinstance(i, (str, int)))
    verdict = value.get(_key(value, VERDICT_HEADINGS) or "verdict")
    if value.get("off_list") is True:
        verdict = "off_list"
    return RequestRow(
        number,
        fields["text"],
        fields["id"].strip() or None,
        fields["township"].strip() or None,
        items.strip() or None if isinstance(items, str) else None,
        verdict.strip() or None if isinstance(verdict, str) else None,
    )


def _key(value: Mapping[str, object], accepted: Sequence[str]) -> str | None:
    keys = list(value)
    index = _column(keys, accepted)
    return keys[index] if index is not None else None
