"""schemas/ is generated from the models: a stale copy fails here."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from dutylist_cli.schema_export import build_schemas

REPO = Path(__file__).resolve().parents[1]


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
