"""The JSON reporter follows list-format.md §7 exactly."""

from __future__ import annotations

import json

from dutylist_cli.diagnostics import ValidationResult
from dutylist_cli.reporters import REPORTER_BY_NAME

KEYS = ["file", "line", "column", "severity", "code", "message", "item", "pointer"]


def test_shape_and_key_order(result: ValidationResult) -> None:
    out = REPORTER_BY_NAME["json"](result, lang="zh")
    report = json.loads(out)
    assert list(report) == ["files", "errors", "warnings", "diagnostics"]
    assert (report["files"], report["errors"], report["warnings"]) == (3, 2, 1)
    assert all(list(d) == KEYS for d in report["diagnostics"])
    file_level, item, warning = report["diagnostics"]
    assert file_level["item"] is None and file_level["pointer"] == ""
    assert item["item"] == "C001" and item["pointer"] == "/cooperative/0/lead"
    assert warning["severity"] == "warning"
    assert "是否应为“区应急管理局”或“区城市管理局”" in item["message"]
    assert "东山街道" in out  # ensure_ascii=False: Chinese as written, not \u escapes


def test_a_clean_run() -> None:
    report = json.loads(REPORTER_BY_NAME["json"](ValidationResult(4, []), lang="en"))
    assert report == {"files": 4, "errors": 0, "warnings": 0, "diagnostics": []}
