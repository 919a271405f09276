"""A fixed validation result with Chinese paths and messages, and the golden-file check."""

from __future__ import annotations

import pytest

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

LIST = "lists/320115-江宁区/320115001-东山街道.yaml"
LINES = {
    (LIST, 28): "    lead: 区不存在局",
    (LIST, 40): "    domain: 党建",
}


@pytest.fixture
def result() -> ValidationResult:
    """Sorted as validate returns it: a file-level error, an item error and an item warning."""
    return ValidationResult(
        files=3,
        diagnostics=[
            Diagnostic(
                file="dutylist.yaml",
                code="DL001",
                severity=Severity.ERROR,
                line=2,
                column=7,
                args={"detail": "did not find expected key, 100% sure"},
            ),
            Diagnostic(
                file=LIST,
                code="DL302",
                severity=Severity.ERROR,
                pointer="/cooperative/0/lead",
                line=28,
                column=5,
                item="C001",
                args={
                    "name": "区不存在局",
                    "county": "江宁区（320115）",
                    "suggestion": "区应急管理局|区城市管理局",
                },
            ),
            Diagnostic(
                file=LIST,
                code="DL213",
                severity=Severity.WARNING,
                pointer="/basic/3",
                line=40,
                column=5,
                item="B004",
                args={"name": "加强基层党组织建设"},
            ),
        ],
    )


@pytest.fixture
def source() -> SourceLines:
    return lambda file, line: LINES.get((file, line))
