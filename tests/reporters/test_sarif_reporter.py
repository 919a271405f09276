"""The SARIF reporter: valid against the vendored OASIS 2.1.0 schema, URIs percent-encoded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from dutylist_cli import __version__
from dutylist_cli.diagnostics import ValidationResult
from dutylist_cli.reporters import REPORTER_BY_NAME

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))


def sarif(result: ValidationResult, lang: str = "zh") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(REPORTER_BY_NAME["sarif"](result, lang=lang))
    return document


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_valid_against_the_official_schema(result: ValidationResult, lang: str) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(sarif(result, lang))
    jsonschema.Draft4Validator(SCHEMA).validate(sarif(ValidationResult(1, [])))


def test_the_schema_catches_a_broken_document(result: ValidationResult) -> None:
    document = sarif(result)
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_uris_are_percent_encoded(result: ValidationResult) -> None:
    run = sarif(result)["runs"][0]
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = [loc["artifactLocation"]["uri"] for loc in locations]
    assert all(uri.isascii() for uri in uris)
    assert uris[1] == (
        "lists/320115-%E6%B1%9F%E5%AE%81%E5%8C%BA/"
        "320115001-%E4%B8%9C%E5%B1%B1%E8%A1%97%E9%81%93.yaml"
    )
    assert unquote(uris[1]) == "lists/320115-江宁区/320115001-东山街道.yaml"
    assert {loc["artifactLocation"]["uriBaseId"] for loc in locations} == {"%SRCROOT%"}
    assert locations[1]["region"] == {"startLine": 28, "startColumn": 5}


def test_driver_rules_and_results(result: ValidationResult) -> None:
    run = sarif(result)["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dutylist", __version__)
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["DL001", "DL213", "DL302"]
    assert rules[2]["shortDescription"]["text"] == "部门不在县级部门名录中"
    assert rules[1]["defaultConfiguration"]["level"] == "warning"
    for entry in run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
    levels = [entry["level"] for entry in run["results"]]
    assert levels == ["error", "error", "warning"]


def test_logical_locations_carry_pointer_and_item(result: ValidationResult) -> None:
    file_level, item, _ = sarif(result)["runs"][0]["results"]
    assert "logicalLocations" not in file_level["locations"][0]
    logical = item["locations"][0]["logicalLocations"]
    assert logical[0]["fullyQualifiedName"] == "/cooperative/0/lead"
    assert logical[1]["name"] == "C001"
    assert item["properties"] == {"item": "C001"}
