"""SARIF 2.1.0 for code-scanning uploads; Chinese paths are percent-encoded as RFC 3986 wants."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from dutylist_cli import __version__, messages
from dutylist_cli.diagnostics import Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    codes = sorted({d.code for d in result.diagnostics})
    rules = []
    for code in codes:
        rule = messages.RULES[code]
        rules.append(
            {
                "id": code,
                "name": rule.title_en,
                "shortDescription": {"text": messages.rule_title(code, lang)},
                "defaultConfiguration": {"level": rule.severity.value},
                "helpUri": "https://dutylist.invalid/docs/rules.md#" + code.lower(),
            }
        )
    results: list[dict[str, Any]] = []
    for d in result.diagnostics:
        entry: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": codes.index(d.code),
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": messages.render_message(d, lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": quote(d.file, safe="/"),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
                    },
                    "logicalLocations": [
                        {"fullyQualifiedName": d.pointer or "/", "kind": "element"}
                    ],
                }
            ],
        }
        if d.item:
            entry["properties"] = {"item": d.item}
        results.append(entry)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dutylist",
                        "version": __version__,
                        "informationUri": "https://dutylist.invalid/",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
