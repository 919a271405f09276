"""Writing the open-data tables as CSV, JSON Lines or Parquet, a batch of rows at a time.

Each table is streamed to a temporary file next to its target and replaces it only when complete
(`store.atomic.replacing`), so a province-size export never holds more than a batch in memory
and an interrupted one leaves the previous files as they were.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.opendata.tables import ColumnType, Row
from dutylist_cli.store.atomic import replacing

FORMATS = ("csv", "parquet", "jsonl")
LIST_SEPARATOR = "、"  # partners, units, basis … joined in a CSV cell
PARQUET_EXTRA = "opendata"
ROW_GROUP_ROWS = 100_000  # Parquet row groups: large enough to scan fast, small enough to hold


class TableWriter(Protocol):
    def write(self, rows: Sequence[Row]) -> None:
        """Encode and write ``rows``."""

    def write_encoded(self, encoded: Any) -> None:
        """Write what `encode_rows` made of some rows (in a worker process, in parallel)."""


def encode_rows(rows: Sequence[Row], columns: Sequence[tuple[str, ColumnType]], fmt: str) -> Any:
    """``rows`` as the format writes them — CSV or JSON Lines text, or an Arrow record batch —
    so that workers do the encoding and the writing process only appends."""
    if fmt == "csv":
        stream = io.StringIO()
        writer = csv.writer(stream)
        types = [kind for _, kind in columns]
        writer.writerows([_csv_cell(v, t) for v, t in zip(row, types, strict=True)] for row in rows)
        return stream.getvalue()
    if fmt == "jsonl":
        names = [name for name, _ in columns]
        return "".join(
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=_iso) + "\n"
            for row in rows
        )
    import pyarrow as pa

    schema = _arrow_schema(columns)
    if not rows:
        return schema.empty_table().to_batches()
    arrays = [
        pa.array(column, type=field.type)
        for column, field in zip(zip(*rows, strict=True), schema, strict=True)
    ]
    return [pa.RecordBatch.from_arrays(arrays, schema=schema)]


def _arrow_schema(columns: Sequence[tuple[str, ColumnType]]) -> Any:
    import pyarrow as pa

    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([(name, kinds[kind]) for name, kind in columns])


@contextlib.contextmanager
def open_table(
    folder: Path, name: str, columns: Sequence[tuple[str, ColumnType]], fmt: str
) -> Iterator[TableWriter]:
    """A writer of ``folder/name.<fmt>``, replaced atomically when the block ends cleanly."""
    path = folder / f"{name}.{fmt}"
    if fmt == "parquet":
        _require_pyarrow()
    with replacing(path) as temporary:
        if fmt == "parquet":
            with _ParquetTable(temporary, columns) as table:
                yield table
        else:
            with temporary.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8",
                                newline="") as stream:  # fmt: skip
                yield _TextTable(stream, columns, fmt)


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            messages.text("opendata.no_pyarrow"),
            hint=messages.text("opendata.no_pyarrow.hint", extra=PARQUET_EXTRA),
        ) from None


class _TextTable:
    """CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese right; lists joined by 、;
    cells a spreadsheet would run as a formula quoted with a leading apostrophe) or JSON Lines."""

    def __init__(
        self, stream: IO[str], columns: Sequence[tuple[str, ColumnType]], fmt: str
    ) -> None:
        self._stream = stream
        self._columns = columns
        self._fmt = fmt
        if fmt == "csv":
            csv.writer(stream).writerow([name for name, _ in columns])

    def write(self, rows: Sequence[Row]) -> None:
        self.write_encoded(encode_rows(rows, self._columns, self._fmt))

    def write_encoded(self, encoded: Any) -> None:
        self._stream.write(encoded)


def _csv_cell(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return ""
    if kind == "list":
        value = LIST_SEPARATOR.join(value)
    elif kind == "date":
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


class _ParquetTable:
    """Strings, 64-bit integers, dates and lists of strings, in row groups of about
    ROW_GROUP_ROWS (the workers' small batches are gathered first)."""

    def __init__(self, path: Path, columns: Sequence[tuple[str, ColumnType]]) -> None:
        import pyarrow.parquet as pq

        self._columns = columns
        self._schema = _arrow_schema(columns)
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")
        self._batches: list[Any] = []
        self._rows = 0

    def __enter__(self) -> _ParquetTable:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._flush()
        finally:
            self._writer.close()

    def write(self, rows: Sequence[Row]) -> None:
        self.write_encoded(encode_rows(rows, self._columns, "parquet"))

    def write_encoded(self, encoded: Any) -> None:
        for batch in encoded:
            if batch.num_rows:
                self._batches.append(batch)
                self._rows += batch.num_rows
        if self._rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batches:
            table = pa.Table.from_batches(self._batches, schema=self._schema)
            self._writer.write_table(table, row_group_size=max(self._rows, 1))
        self._batches, self._rows = [], 0
