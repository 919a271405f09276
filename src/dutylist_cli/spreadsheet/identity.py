"""Whose list a workbook holds: the 清单信息 sheet, the command-line options, the registry.

Options beat the sheet; the county registry whose code begins the township code fills in the
county and city. A value that is missing or not understood is a finding (DL607, DL608, DL613).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.enums import TownshipKind
from dutylist_cli.publishing.workbook import INFO_FIELDS, INFO_HEADINGS
from dutylist_cli.spreadsheet.cells import (
    cell_text,
    code_text,
    date_value,
    enum_member,
    normalise_heading,
    one_line,
)
from dutylist_cli.spreadsheet.grid import Findings, Grid

# identity fields -> the option that gives them ("" when only the sheet or registry can)
_OPTION = {
    "township.code": "--code",
    "township.name": "--name",
    "township.kind": "--kind",
    "edition.version": "--version",
    "edition.effective": "--effective",
}
# The list is written to <county code>-<county name>/<code>-<name>.yaml, and a file name holds
# 255 bytes on every common file system: 240 are left for a name (80 Chinese characters; the
# longest township names have about fifteen).
MAX_NAME_BYTES = 240
NAME_LIMIT = (
    f"不超过 {MAX_NAME_BYTES} 字节（{MAX_NAME_BYTES // 3} 个汉字）的名称，它是清单文件名的一部分 / "
    f"a name of at most {MAX_NAME_BYTES} bytes in UTF-8 ({MAX_NAME_BYTES // 3} Chinese "
    "characters), as it names the list's file"
)
_FILE_NAMES = frozenset({"township.name", "county.name"})
_REQUIRED_IDENTITY = (
    "township.code",
    "township.name",
    "township.kind",
    "county.code",
    "county.name",
    "city.code",
    "city.name",
    "edition.version",
    "edition.effective",
)


@dataclass(frozen=True)
class Identity:
    """Values given on the command line; each one beats the 清单信息 sheet."""

    code: str | None = None
    name: str | None = None
    kind: TownshipKind | None = None
    county: tuple[str, str] | None = None  # (code, name)
    city: tuple[str, str] | None = None
    version: str | None = None
    effective: dt.date | None = None
    document: str | None = None

    def given(self) -> dict[str, Any]:
        values = {
            "township.code": self.code,
            "township.name": self.name,
            "township.kind": self.kind,
            "county.code": self.county[0] if self.county else None,
            "county.name": self.county[1] if self.county else None,
            "city.code": self.city[0] if self.city else None,
            "city.name": self.city[1] if self.city else None,
            "edition.version": self.version,
            "edition.effective": self.effective,
            "edition.document": self.document,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}


def info_values(grid: Grid, findings: Findings) -> dict[str, Any]:
    """清单信息: label / value rows -> {field: (value, cell)}."""
    labels = {
        normalise_heading(label): key
        for key, first, variants in INFO_FIELDS
        for label in (first, *variants)
    }
    skipped = {normalise_heading(heading) for heading in INFO_HEADINGS}
    values: dict[str, Any] = {}
    for row in range(1, grid.height + 1):
        filled = grid.filled(row)
        if not filled:
            continue
        first = min(filled)
        label = normalise_heading(filled[first])
        rest = sorted(column for column in filled if column > first)
        key = labels.get(label)
        if key is None:
            if rest and label not in skipped and "清单" not in label:
                findings.add(
                    "DL613",
                    row,
                    first,
                    cell=grid.ref(row, first),
                    label=filled[first],
                    labels="、".join(label for _, label, _ in INFO_FIELDS),
                )
            continue
        if rest:
            values[key] = (grid.value(row, rest[0]), grid.ref(row, rest[0]), row, rest[0])
    return _parsed_info(values, findings)


def _parsed_info(values: dict[str, Any], findings: Findings) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, (raw, ref, row, column) in values.items():
        text = cell_text(raw)
        value: Any
        if key.endswith(".code"):
            value = code_text(raw)
        elif key == "township.kind":
            value = enum_member(text, TownshipKind)
        elif key == "edition.effective":
            value = date_value(raw)
        else:
            value = one_line(text)
        if key in _FILE_NAMES and len(str(value).encode()) > MAX_NAME_BYTES:
            value = None  # too long to name the list's file (or its county's folder)
        if value is None:
            if key == "township.kind":
                expected = f"{TownshipKind.choices()} / {TownshipKind.choices()}"
            elif key in _FILE_NAMES:
                expected = NAME_LIMIT
            else:
                expected = "日期，如 2025-01-01 / a date such as 2025-01-01"
            label = next(label for field, label, _ in INFO_FIELDS if field == key)
            findings.add(
                "DL607",
                row,
                column,
                cell=ref,
                value=text,
                field=f"{label} / {key}",
                expected=expected,
            )
            continue
        if value != "":
            parsed[key] = value
    return parsed


def list_identity(
    info: dict[str, Any],
    given: dict[str, Any],
    registries: Sequence[CountyRegistry],
    findings: Findings,
) -> dict[str, Any]:
    values = {**info, **given}
    code = str(values.get("township.code", ""))
    registry = next((r for r in registries if code and code.startswith(r.county.code)), None)
    if registry is not None:
        for key, value in (
            ("county.code", registry.county.code),
            ("county.name", registry.county.name),
            ("city.code", registry.city.code),
            ("city.name", registry.city.name),
        ):
            values.setdefault(key, value)
    for key in _REQUIRED_IDENTITY:
        if key.startswith(("county.", "city.")) and "township.code" not in values:
            continue  # the code brings them (from the county registry): ask for the code first
        if key not in values:
            option = _OPTION.get(key)
            how = (
                f"用 {option} 指定 / give {option}"
                if option
                else "在数据目录中建立该县的名录 lists/<县级代码>-<县级名称>/<县级代码>.yaml / "
                "add the county registry lists/<county code>-<county name>/<county code>.yaml"
            )
            label = next(label for field, label, _ in INFO_FIELDS if field == key)
            findings.add("DL608", field=f"{label} / {key}", how=how)
    return values
