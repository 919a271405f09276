"""Every reporter against golden files, plus the format-specific checks (SARIF schema, JUnit)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml
from rich.cells import cell_len

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import FORMAT_NAMES, REPORTER_BY_NAME, resolve_format
from dutylist_cli.reporters.github import escape_data, escape_property

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
LIST = "lists/320115-江宁区/320115001-东山街道.yaml"
SOURCE = {
    (LIST, 28): "    lead: 区不存在局",
    (LIST, 40): "    domain: 党建",
}


def sample_result() -> ValidationResult:
    return ValidationResult(
        files=3,
        diagnostics=[
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
            Diagnostic(
                file="dutylist.yaml",
                code="DL001",
                severity=Severity.ERROR,
                line=2,
                column=7,
                args={"detail": "did not find expected key, 100% sure"},
            ),
        ],
    )


def source(file: str, line: int) -> str | None:
    return SOURCE.get((file, line))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.exists(), f"golden file {name} missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text("utf-8")


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_output(fmt: str, lang: str) -> None:
    rendered = REPORTER_BY_NAME[fmt](sample_result(), lang=lang, source=source, width=100)
    suffix = {"text": "txt", "json": "json", "github": "txt", "sarif": "sarif", "junit": "xml"}
    check_golden(f"{fmt}.{lang}.{suffix[fmt]}", rendered)


def test_json_follows_the_spec_shape() -> None:
    report = json.loads(REPORTER_BY_NAME["json"](sample_result(), lang="zh"))
    assert (report["files"], report["errors"], report["warnings"]) == (3, 2, 1)
    first = report["diagnostics"][0]
    assert list(first) == [
        "file",
        "line",
        "column",
        "severity",
        "code",
        "message",
        "item",
        "pointer",
    ]
    assert report["diagnostics"][2]["item"] is None
    assert "是否应为“区应急管理局”或“区城市管理局”" in first["message"]


def test_sarif_is_valid_and_percent_encodes_chinese_paths() -> None:
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text("utf-8"))
    document = json.loads(REPORTER_BY_NAME["sarif"](sample_result(), lang="zh"))
    jsonschema.validate(document, schema)
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri.isascii() and uri.startswith("lists/320115-%E6%B1%9F")
    rules = {rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    assert rules == {"DL001", "DL213", "DL302"}


def test_junit_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    path.write_text(REPORTER_BY_NAME["junit"](sample_result(), lang="zh"), "utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = {suite.name: suite for suite in xml}
    assert suites[LIST].tests == 2 and suites[LIST].failures == 1
    failures = [r for case in suites[LIST] for r in case.result if isinstance(r, Failure)]
    assert failures[0].type == "DL302" and "区不存在局" in failures[0].message
    assert suites["dutylist"].tests == 1 and suites["dutylist"].failures == 0


def test_clean_junit_still_has_a_test() -> None:
    root = ET.fromstring(
        REPORTER_BY_NAME["junit"](ValidationResult(files=5, diagnostics=[]), lang="en")
    )
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_github_escaping() -> None:
    assert escape_data("100% 完成\r\n第二行") == "100%25 完成%0D%0A第二行"
    assert escape_property("lists/a,b:c.yaml") == "lists/a%2Cb%3Ac.yaml"
    out = REPORTER_BY_NAME["github"](sample_result(), lang="zh")
    assert "::error file=lists/320115-江宁区/320115001-东山街道.yaml,line=28,col=5," in out
    assert "100%25 sure" in out
    assert out.splitlines()[-1].startswith("::notice title=dutylist::")


def test_text_caret_sits_under_the_column_with_cjk_before_it() -> None:
    line = "    partners: [区应急局, 区公安局]"
    index = line.index("区公安局")
    diagnostic = Diagnostic(
        file=LIST,
        code="DL302",
        severity=Severity.ERROR,
        pointer="/cooperative/0/partners/1",
        line=9,
        column=index + 1,
        item="C001",
        args={"name": "区公安局", "county": "江宁区", "suggestion": ""},
    )
    out = REPORTER_BY_NAME["text"](
        ValidationResult(files=1, diagnostics=[diagnostic]),
        lang="zh",
        source=lambda f, n: line,
        width=120,
    )
    lines = out.splitlines()
    shown = next(i for i, text in enumerate(lines) if text.endswith(line))
    caret_line = lines[shown + 1]
    gutter = lines[shown][: len(lines[shown]) - len(line)]
    assert caret_line.index("^") == cell_len(gutter) + cell_len(line[:index])


def test_clean_text_is_one_line() -> None:
    out = REPORTER_BY_NAME["text"](ValidationResult(files=16, diagnostics=[]), lang="zh")
    assert out == "共检查 16 个文件，未发现问题"


def test_auto_format() -> None:
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("sarif", {"GITHUB_ACTIONS": "true"}) == "sarif"
