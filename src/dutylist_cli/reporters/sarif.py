"""SARIF 2.1.0 for code-scanning uploads; Chinese paths are percent-encoded as RFC 3986 wants."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from dutylist_cli import __version__, messages
from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

# the $id of the OASIS schema vendored in tests/reporters/ (2.1.0 errata 01)
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def artifact_uri(file: str) -> str:
    """A data-root relative path as an RFC 3986 reference: 江宁区 -> %E6%B1%9F%E5%AE%81%E5%8C%BA."""
    return quote(file, safe="/")


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule(code: str, lang: str) -> dict[str, Any]:
    rule = messages.RULES[code]
    return {
        "id": code,
        "name": rule.title_en,
        "shortDescription": {"text": messages.rule_title(code, lang)},
        "defaultConfiguration": {"level": _level(rule.severity)},
    }


def _result(d: Diagnostic, *, lang: str, rule_index: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(d.file), "uriBaseId": "%SRCROOT%"},
            # a finding not located (0) is reported at the start of its file
            "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
        }
    }
    logical: list[dict[str, Any]] = []
    if d.pointer:  # "" is the whole document: nothing to add to the file itself
        logical.append({"fullyQualifiedName": d.pointer, "kind": "value"})
    if d.item:
        logical.append({"name": d.item, "kind": "object"})
    if logical:
        location["logicalLocations"] = logical
    entry: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _level(d.severity),
        "message": {"text": messages.render_message(d, lang)},
        "locations": [location],
    }
    if d.item:
        entry["properties"] = {"item": d.item}
    return entry


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    codes = sorted({d.code for d in result.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dutylist",
                        "version": __version__,
                        "rules": [_rule(code, lang) for code in codes],
                    }
                },
                # columns count characters (ruamel's), not the UTF-16 units SARIF assumes
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(d, lang=lang, rule_index=index[d.code]) for d in result.diagnostics
                ],
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
