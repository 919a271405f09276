"""The supervision report's core (reports/supervision.py) on a copy of the sample, and one run of
the installed CLI: attribution of records and tasks, assessment findings per township, pdf."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dutylist_cli.messages import RULES
from dutylist_cli.reports.supervision import build_supervision

TODAY = dt.date(2026, 11, 29)

# no department in the summary: the record is attributed to the lead of the item it adds
UNNAMED_RECORD = """\
schema: dutylist/adjustment/1
id: 320115-2026-031
county: "320115"
trigger: leadership_assignment
proposed: 2026-10-01
summary: 将“安全生产监督管理”列入秣陵街道配合履职事项
changes:
  - {township: "320115002", action: add, item: C001}
approvals: []
"""

ASSESSMENT = """\
schema: dutylist/assessment/1
id: 320115-K2026-09
county: "320115"
year: 2026
subject: township
title: 2026年度东山街道专项考核
indicators:
  - id: K01
    name: 违法建设处罚
    townships: ["320115001"]
    items: [R001]
"""


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "temporary", "adjustments")


def test_a_record_without_a_named_department_goes_to_its_items_lead(root: Path) -> None:
    (root / "adjustments/320115/320115-2026-031.yaml").write_text(UNNAMED_RECORD, "utf-8")
    report = build_supervision(root, county=None, today=TODAY)
    (record,) = report.records
    assert record.departments == ("区应急管理局",) and record.attributed_by == "items"
    assert record.route == "admission" and record.missing == ("county", "city", "province")
    assert record.waiting_days == 59 and record.late
    assert (
        not build_supervision(root, county="320115", today=TODAY, pending_days=60).records[0].late
    )


def test_deciding_bodies_outside_the_registry_have_their_own_rows(root: Path) -> None:
    report = build_supervision(root, county="江宁区", today=TODAY)
    bodies = {d.name: d for d in report.departments if not d.registered and d.tasks}
    assert set(bodies) == {"江宁区人民政府办公室", "江宁区委", "江宁区委办公室"}
    assert [t.entry.id for t in bodies["江宁区委"].tasks] == ["320115-T2026-005"]
    assert report.as_json()["summary"]["open_tasks"] == 2


@pytest.mark.skipif("DL701" not in RULES, reason="the assessment rules (DL7xx) are not here yet")
def test_assessment_errors_are_counted_for_the_township_they_name(root: Path) -> None:
    baseline = build_supervision(root, county=None, today=TODAY)
    assert {t.assessment_errors for t in baseline.townships} == {None}
    folder = root / "assessments/320115"
    folder.mkdir(parents=True)
    (folder / "320115-K2026-09.yaml").write_text(ASSESSMENT, "utf-8")
    report = build_supervision(root, county=None, today=TODAY)
    counts = {t.code: t.assessment_errors for t in report.townships}
    assert counts["320115001"] >= 1  # R001 is a recovered item of 东山街道
    assert counts["320115002"] == 0
    assert report.assessment_files == 1 and report.assessment_errors >= counts["320115001"]


def test_the_installed_cli_prints_a_pdf(root: Path, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    out = tmp_path / "监督.pdf"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "dutylist_cli", "report", "supervision", "-o", str(out)),
            *("--today", TODAY.isoformat(), "--lang", "zh"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
    )
    if done.returncode == 2 and "字体" in done.stderr:
        pytest.skip("no Chinese font here")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "县级部门双向评价" in text and "承接缺位" in text


@pytest.mark.skipif("DL701" not in RULES, reason="the assessment rules (DL7xx) are not here yet")
def test_a_finding_over_more_townships_than_its_message_shows_counts_for_each(
    root: Path,
) -> None:
    """An [all] indicator on an id no list has: one DL702 whose text names five townships and
    "等 7 个"; every one of the seven is counted."""
    folder = root / "assessments/320115"
    folder.mkdir(parents=True)
    everywhere = ASSESSMENT.replace('townships: ["320115001"]', "townships: [all]").replace(
        "items: [R001]", "items: [Z999]"
    )
    (folder / "320115-K2026-09.yaml").write_text(everywhere, "utf-8")
    report = build_supervision(root, county=None, today=TODAY)
    counts = {t.code: t.assessment_errors for t in report.townships}
    assert len(counts) == 7 and all(n == 1 for n in counts.values()), counts
