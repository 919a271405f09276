"""The county report as Markdown and HTML, held to golden files (UPDATE_GOLDEN=1 refreshes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dutylist_cli.reports.build import build_report
from dutylist_cli.reports.output import report_text

SAMPLE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_county_report_matches_its_golden_file(
    fmt: str, golden: Callable[[str, str], None]
) -> None:
    report = build_report(SAMPLE, scope="county", code="320115", today=dt.date(2026, 11, 29))
    golden(f"report-320115.{fmt}", report_text(SAMPLE, report, fmt))
