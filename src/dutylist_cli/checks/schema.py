"""Schema findings (DL1xx): pydantic errors mapped to codes, pointers and plain words."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dutylist_cli.diagnostics import Diagnostic, Severity, json_pointer
from dutylist_cli.model import MODEL_BY_SCHEMA
from dutylist_cli.model.enums import (
    Action,
    ApprovalLevel,
    AssessmentSubject,
    ItemSource,
    LabeledEnum,
    TaskStatus,
    TownshipKind,
    Trigger,
)

_ENUM_BY_FIELD: dict[str, type[LabeledEnum]] = {
    "kind": TownshipKind,
    "source": ItemSource,
    "trigger": Trigger,
    "action": Action,
    "level": ApprovalLevel,
    "status": TaskStatus,
    "subject": AssessmentSubject,
}

_PRIORITY = ["DL008", "DL104", "DL101", "DL102", "DL106", "DL107", "DL105", "DL103", "DL108"]
_CODE_FIELDS = {"code", "county", "township", "townships"}
_DATE_ERRORS = {
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_type",
    "datetime_parsing",
}
_TYPE_WORDS = {
    "string_type": "文本 / text",
    "list_type": "列表 / a list",
    "dict_type": "映射 / a mapping",
    "model_type": "映射 / a mapping",
    "model_attributes_type": "映射 / a mapping",
    "int_type": "整数 / an integer",
    "int_parsing": "整数 / an integer",
    "bool_type": "布尔值 / a boolean",
    "date_type": "日期 / a date",
}


def describe_value(value: Any) -> str:
    if value is None:
        return "空值 / null"
    if isinstance(value, bool):
        return "布尔值 / a boolean"
    if isinstance(value, (int, float)):
        return f"数字 {value} / the number {value}"
    if isinstance(value, str):
        return "文本 / text"
    if isinstance(value, list):
        return "列表 / a list"
    if isinstance(value, dict):
        return "映射 / a mapping"
    return type(value).__name__


def check_schema(data: dict[str, Any], *, file: str) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate ``data`` against the model its ``schema:`` names; (model or None, findings)."""
    declared = data.get("schema")
    model_type = MODEL_BY_SCHEMA.get(declared) if isinstance(declared, str) else None
    if model_type is None:
        pointer = "/schema" if "schema" in data else ""
        finding = Diagnostic(
            file=file,
            code="DL008",
            severity=Severity.ERROR,
            pointer=pointer,
            args={
                "expected": ", ".join(MODEL_BY_SCHEMA),
                "value": "—" if declared is None else str(declared),
            },
        )
        return None, [finding]
    try:
        return model_type.model_validate(data), []
    except ValidationError as exc:
        findings = sorted(
            _map_errors(exc.errors(), data, model_type, file=file),
            key=lambda d: _PRIORITY.index(d.code),
        )
        unique: dict[str, Diagnostic] = {}
        for finding in findings:  # one finding per place: the most specific one
            unique.setdefault(
                finding.pointer
                if finding.code != "DL101"
                else finding.pointer + "#" + finding.args["field"],
                finding,
            )
        return None, list(unique.values())


def _map_errors(
    errors: Sequence[ErrorDetails], data: Any, model_type: type[BaseModel], *, file: str
) -> Iterator[Diagnostic]:
    for error in errors:
        path = _data_path(data, error["loc"], missing=error["type"] == "missing")
        code, args = _classify(error, path, model_type)
        pointer_path = path[:-1] if error["type"] == "missing" else path
        yield Diagnostic(
            file=file,
            code=code,
            severity=Severity.ERROR,
            pointer=json_pointer(pointer_path),
            item=item_of(data, path),
            args=args,
        )


def _data_path(data: Any, loc: tuple[int | str, ...], *, missing: bool) -> list[str | int]:
    """The loc with pydantic's internal segments (union tags, validator names) dropped."""
    path: list[str | int] = []
    node = data
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        in_mapping = isinstance(node, dict) and part in node
        in_sequence = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_sequence:
            path.append(part)
            node = node[part]
        elif last and missing and isinstance(node, dict):
            path.append(part)
    return path


def item_of(data: Any, path: Sequence[str | int]) -> str | None:
    if len(path) >= 2 and path[0] in ("basic", "cooperative", "recovered"):
        items = data.get(path[0]) if isinstance(data, dict) else None
        if isinstance(items, list) and isinstance(path[1], int) and path[1] < len(items):
            entry = items[path[1]]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                return str(entry["id"])
    return None


def _field_name(path: Sequence[str | int]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "/"


def _classify(
    error: ErrorDetails, path: list[str | int], model_type: type[BaseModel]
) -> tuple[str, dict[str, str]]:
    kind = error["type"]
    value = error.get("input")
    field = _field_name(path)
    if kind == "missing":
        return "DL101", {"field": field}
    if kind == "extra_forbidden":
        known = _known_fields(model_type, path[:-1])
        close = difflib.get_close_matches(str(field), known, n=1, cutoff=0.6)
        return "DL102", {"key": str(field), "suggestion": close[0] if close else ""}
    if (
        kind == "string_type"
        and isinstance(value, int)
        and not isinstance(value, bool)
        and (field in _CODE_FIELDS or path[-2:-1] == ["townships"] or _is_code_path(path))
    ):
        return "DL104", {"value": str(value)}
    if kind in ("enum", "literal_error"):
        if path == ["schema"]:
            return "DL008", {"expected": ", ".join(MODEL_BY_SCHEMA), "value": str(value)}
        enum = _ENUM_BY_FIELD.get(str(field))
        allowed = enum.choices() if enum else str(error.get("ctx", {}).get("expected", ""))
        return "DL105", {"field": str(field), "value": str(value), "allowed": allowed}
    if kind == "string_pattern_mismatch":
        return "DL106", {
            "field": str(field),
            "value": str(value),
            "expected": _pattern_words(str(field)),
        }
    if kind in _DATE_ERRORS:
        return "DL107", {"field": str(field), "value": str(value)}
    if kind in _TYPE_WORDS or kind.endswith("_type"):
        return "DL103", {
            "field": str(field),
            "expected": _TYPE_WORDS.get(kind, kind),
            "got": describe_value(value),
        }
    return "DL108", {"field": str(field), "constraint": _constraint_words(error)}


def _constraint_words(error: ErrorDetails) -> str:
    """pydantic's English message, with a Chinese wording for the constraints the spec uses."""
    ctx = error.get("ctx", {})
    kind = error["type"]
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))} / {error['msg']}"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项 / {error['msg']}"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项 / {error['msg']}"
    return f"{error['msg']} / {error['msg']}"


def _is_code_path(path: list[str | int]) -> bool:
    return len(path) >= 2 and path[-1] == "code"


def _pattern_words(field: str) -> str:
    if field == "id" or field == "item":
        return "字母或数字开头，只含字母、数字、_ . -，至多 40 字符 / letters, digits, _ . - (≤40)"
    return "按规范的位数写数字代码 / the digit code of the spec's length"


def _known_fields(model_type: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    current: Any = model_type
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                info = next((f for f in current.model_fields.values() if f.alias == part), None)
            current = info.annotation if info is not None else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional around a model or list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation
