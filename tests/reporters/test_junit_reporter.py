"""The JUnit reporter, read back with junitparser (Chinese included)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Failure, JUnitXml, SystemOut

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import REPORTER_BY_NAME

LIST = "lists/320115-江宁区/320115001-东山街道.yaml"


def read_back(tmp_path: Path, result: ValidationResult, lang: str = "zh") -> JUnitXml:
    path = tmp_path / "report.xml"
    path.write_text(REPORTER_BY_NAME["junit"](result, lang=lang), "utf-8")
    return JUnitXml.fromfile(str(path))


def test_counts_and_chinese_text(tmp_path: Path, result: ValidationResult) -> None:
    xml = read_back(tmp_path, result)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["dutylist.yaml", LIST, "dutylist"]
    assert (suites[LIST].tests, suites[LIST].failures) == (2, 1)
    error, warning = list(suites[LIST])
    assert error.classname == "lists.320115-江宁区.320115001-东山街道"
    assert error.name == "DL302 部门不在县级部门名录中 (28:5)"
    failure = error.result[0]
    assert isinstance(failure, Failure)
    assert failure.type == "DL302" and "区不存在局" in (failure.message or "")
    assert failure.text == f"{LIST}:28:5 /cooperative/0/lead"
    assert not any(isinstance(r, Failure) for r in warning.result)  # a warning passes
    assert "加强基层党组织建设" in (warning.system_out or "")
    assert (suites["dutylist"].tests, suites["dutylist"].failures) == (1, 0)
    root = ET.parse(tmp_path / "report.xml").getroot()
    assert (root.get("tests"), root.get("failures")) == ("4", "2")


def test_a_clean_run_still_has_one_passing_test(tmp_path: Path) -> None:
    xml = read_back(tmp_path, ValidationResult(files=5, diagnostics=[]), lang="en")
    (suite,) = list(xml)
    (case,) = list(suite)
    assert (suite.name, case.name, case.is_passed) == ("dutylist", "validate", True)
    assert any(isinstance(r, SystemOut) for r in case.result) or case.system_out
    assert case.system_out == "5 files checked, no problems"


def test_characters_xml_cannot_hold_are_spelt_out(tmp_path: Path) -> None:
    finding = Diagnostic(
        file=LIST,
        code="DL001",
        severity=Severity.ERROR,
        line=1,
        column=1,
        args={"detail": "found character '\x07' that cannot start any token"},
    )
    (suite, _) = list(read_back(tmp_path, ValidationResult(1, [finding])))
    failure = next(iter(suite)).result[0]
    assert isinstance(failure, Failure)
    assert "'\\x07'" in (failure.message or "")
