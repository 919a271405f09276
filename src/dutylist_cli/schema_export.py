"""JSON Schemas for editors, generated from the pydantic models (the single source of truth)."""

from __future__ import annotations

import json

from dutylist_cli.model import MODEL_BY_SCHEMA, SCHEMA_FILE_BY_SCHEMA

_TITLES = {
    "dutylist/township-list/1": "乡镇（街道）履行职责事项清单 / township duty-item list",
    "dutylist/county/1": "县级部门名录 / county department registry",
    "dutylist/adjustment/1": "清单调整记录 / adjustment record",
    "dutylist/temporary-task/1": "临时性工作任务 / temporary task",
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
