"""JSON Schemas for editors, generated from the pydantic models (the single source of truth)."""

from __future__ import annotations

import json
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.model import MODEL_BY_SCHEMA, SCHEMA_FILE_BY_SCHEMA
from dutylist_cli.store.atomic import write_text_atomic

_TITLES = {
    "dutylist/township-list/1": "乡镇（街道）履行职责事项清单 / township duty-item list",
    "dutylist/county/1": "县级部门名录 / county department registry",
    "dutylist/adjustment/1": "清单调整记录 / adjustment record",
    "dutylist/temporary-task/1": "临时性工作任务 / temporary task",
    "dutylist/assessment/1": "考核指标（依单考核） / assessment indicators",
    "dutylist/config/1": "数据仓库配置 / repository config",
}


def build_schemas() -> dict[str, str]:
    """File name -> JSON text, for every file kind of the spec."""
    out: dict[str, str] = {}
    for kind, model in MODEL_BY_SCHEMA.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dutylist.invalid/schemas/{SCHEMA_FILE_BY_SCHEMA[kind]}",
            **schema,
            "title": _TITLES[kind],
        }
        out[SCHEMA_FILE_BY_SCHEMA[kind]] = (
            json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        )
    return out


def export_schemas(folder: Path, *, check: bool) -> list[Path]:
    """Bring the schema files in ``folder`` up to date; return those that were out of date.

    With ``check`` nothing is written (and no folder made). ``folder`` must be a folder: a file
    of that name is a usage error, as is a schema file that cannot be replaced (exit 2).
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            messages.text("schema.not_folder", path=folder),
            hint=messages.text("schema.not_folder.hint"),
        )
    schemas = build_schemas()
    stale = [folder / name for name, text in schemas.items() if _current(folder / name) != text]
    if not check:
        for target in stale:
            write_text_atomic(target, schemas[target.name])
    return stale


def _current(path: Path) -> str | None:
    """The text of a schema file now, or None when there is none to read (so it is stale)."""
    if not path.is_file():
        return None
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
