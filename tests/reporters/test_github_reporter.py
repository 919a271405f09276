"""The GitHub workflow-command reporter: escaping and the per-step annotation limit."""

from __future__ import annotations

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import REPORTER_BY_NAME
from dutylist_cli.reporters.github import escape_data, escape_property


def syntax_error(file: str, detail: str, *, line: int = 3, column: int = 1) -> Diagnostic:
    return Diagnostic(
        file=file,
        code="DL001",
        severity=Severity.ERROR,
        line=line,
        column=column,
        args={"detail": detail},
    )


def test_escaping_rules() -> None:
    assert escape_data("100% 完成\r\n第二行") == "100%25 完成%0D%0A第二行"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("lists/a,b:c%.yaml") == "lists/a%2Cb%3Ac%25.yaml"
    assert escape_property("lists/320115-江宁区/x.yaml") == "lists/320115-江宁区/x.yaml"


def test_annotations_escape_messages_and_paths() -> None:
    finding = syntax_error("lists/甲,乙.yaml", "100% 错\n第二行: 冒号, 逗号")
    out = REPORTER_BY_NAME["github"](ValidationResult(1, [finding]), lang="zh")
    first, notice = out.splitlines()
    assert first == (
        "::error file=lists/甲%2C乙.yaml,line=3,col=1,title=DL001 YAML 语法错误"
        "::YAML 语法错误：100%25 错%0A第二行: 冒号, 逗号。建议：检查该行的缩进、冒号和引号"
    )
    assert notice == "::notice title=dutylist::共检查 1 个文件：1 个错误，0 个警告"


def test_golden_sample(result: ValidationResult) -> None:
    out = REPORTER_BY_NAME["github"](result, lang="zh").splitlines()
    assert out[1].startswith(
        "::error file=lists/320115-江宁区/320115001-东山街道.yaml,line=28,col=5,"
        "title=DL302 部门不在县级部门名录中::"
    )
    assert out[2].startswith("::warning file=lists/320115-江宁区/320115001-东山街道.yaml,")


def test_an_unlocated_finding_annotates_the_file() -> None:
    finding = syntax_error("dutylist.yaml", "x", line=0, column=0)
    out = REPORTER_BY_NAME["github"](ValidationResult(1, [finding]), lang="en")
    assert out.splitlines()[0].startswith("::error file=dutylist.yaml,title=DL001 ")


def test_past_the_limit_all_are_written_and_a_notice_says_where_the_rest_are() -> None:
    many = [syntax_error(f"lists/{n:02}.yaml", "x") for n in range(12)]
    for lang, where in (("zh", "完整列表见本步骤日志或 SARIF 报告"), ("en", "SARIF report")):
        lines = REPORTER_BY_NAME["github"](ValidationResult(12, many), lang=lang).splitlines()
        assert sum(line.startswith("::error ") for line in lines) == 12
        assert lines[-1].startswith("::notice title=dutylist::") and where in lines[-1]
    under = REPORTER_BY_NAME["github"](ValidationResult(10, many[:10]), lang="en")
    assert "SARIF" not in under
