"""schemas/ is generated from the models: a stale copy fails here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema

from dutylist_cli.store.schema_files import build_schemas

REPO = Path(__file__).resolve().parents[2]


def test_committed_schemas_are_current() -> None:
    for name, text in build_schemas().items():
        committed = REPO / "schemas" / name
        assert committed.exists(), f"schemas/{name} missing: run dutylist schema -o schemas/"
        assert committed.read_text("utf-8") == text, (
            f"schemas/{name} is stale: run dutylist schema -o schemas/"
        )


def test_schemas_are_valid_and_accept_chinese_labels() -> None:
    schemas = {name: json.loads(text) for name, text in build_schemas().items()}
    township = schemas["township-list.schema.json"]
    jsonschema.Draft202012Validator.check_schema(township)
    document = {
        "schema": "dutylist/township-list/1",
        "township": {"code": "320115001", "name": "东山街道", "kind": "街道"},
        "county": {"code": "320115", "name": "江宁区"},
        "city": {"code": "320100", "name": "南京市"},
        "edition": {"version": "2025.1", "effective": "2025-01-01"},
        "basic": [{"id": "B001", "name": "甲", "domain": "党的建设", "content": "乙"}],
    }
    jsonschema.validate(document, township)
    document["township"]["kind"] = "村"
    errors = list(jsonschema.Draft202012Validator(township).iter_errors(document))
    assert errors and "村" in errors[0].message


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, property schema) for every property of the document and of its $defs."""
    for name, part in [("", schema), *schema.get("$defs", {}).items()]:
        for key, value in part.get("properties", {}).items():
            yield f"{name}.{key}", value


def _chinese(text: object) -> bool:
    return isinstance(text, str) and re.search(r"[\u4e00-\u9fff]", text) is not None


def test_editors_hover_in_chinese() -> None:
    """yaml-language-server shows a property's title and description, else its $ref's title."""
    for file_name, text in build_schemas().items():
        schema = json.loads(text)
        for where, value in _properties(schema):
            assert _chinese(value.get("description")), (file_name, where, "no description")
            title = value.get("title") or _referenced_title(schema, value)
            assert _chinese(title), (file_name, where, title)
        for name, definition in schema.get("$defs", {}).items():
            if "properties" in definition:  # an object's title is shown before its description
                assert _chinese(definition.get("title")), (file_name, name, definition.get("title"))


def _referenced_title(schema: dict[str, Any], value: dict[str, Any]) -> object:
    refs = [value.get("$ref")] + [option.get("$ref") for option in value.get("anyOf", [])]
    for ref in filter(None, refs):
        return schema["$defs"][str(ref).rsplit("/", 1)[-1]].get("title")
    return None


def test_published_headings_are_the_field_titles() -> None:
    township = json.loads(build_schemas()["township-list.schema.json"])
    definitions = township["$defs"]
    assert definitions["BasicItem"]["properties"]["content"]["title"] == "具体内容"
    assert definitions["CooperativeItem"]["properties"]["lead"]["title"] == "主办部门"
    assert definitions["CooperativeItem"]["properties"]["department_duties"]["title"] == (
        "上级部门职责"
    )
    assert definitions["RecoveredItem"]["properties"]["department"]["title"] == "收回（承接）部门"
    assert definitions["Township"]["properties"]["code"]["title"] == "乡级区划代码"
    assert definitions["BasicItem"]["title"] == "基本履职事项"
    for key in ("township", "county", "city", "edition"):
        assert _chinese(township["properties"][key].get("description")), key
