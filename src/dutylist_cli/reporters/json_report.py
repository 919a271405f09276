"""The JSON report of list-format.md §7 (the machine-readable contract)."""

from __future__ import annotations

import json
from typing import Any

from dutylist_cli.diagnostics import ValidationResult
from dutylist_cli.messages import render_message
from dutylist_cli.reporters import SourceLines


def as_dict(result: ValidationResult, *, lang: str) -> dict[str, Any]:
    return {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": render_message(d, lang),
                "item": d.item,
                "pointer": d.pointer,
            }
            for d in result.diagnostics
        ],
    }


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    return json.dumps(as_dict(result, lang=lang), ensure_ascii=False, indent=2)
