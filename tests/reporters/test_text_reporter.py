"""The text reporter: findings grouped per file, source line with a caret under the column."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import REPORTER_BY_NAME
from dutylist_cli.reporters.text import visible

LIST = "lists/320115-江宁区/320115001-东山街道.yaml"


def unknown_partner(line: int, column: int, file: str = LIST) -> Diagnostic:
    return Diagnostic(
        file=file,
        code="DL302",
        severity=Severity.ERROR,
        pointer="/cooperative/0/partners/1",
        line=line,
        column=column,
        item="C001",
        args={"name": "区公安局", "county": "江宁区", "suggestion": ""},
    )


def caret_under(out: str, source_line: str) -> int:
    """Cells between the start of the shown source text and the caret below it."""
    lines = out.splitlines()
    shown = next(i for i, text in enumerate(lines) if text.endswith(source_line))
    gutter = cell_len(lines[shown]) - cell_len(source_line)
    return cell_len(lines[shown + 1][: lines[shown + 1].index("^")]) - gutter


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_caret_sits_under_the_column_after_chinese_text(lang: str) -> None:
    line = "    partners: [区应急局, 区公安局]"
    index = line.index("区公安局")
    out = REPORTER_BY_NAME["text"](
        ValidationResult(files=1, diagnostics=[unknown_partner(9, index + 1)]),
        lang=lang,
        source=lambda f, n: line if (f, n) == (LIST, 9) else None,
        width=120,
    )
    # 区应急局, is four wide characters: the caret is 8 cells right of where 15 ASCII would put it
    assert caret_under(out, line) == cell_len(line[:index]) == index + 4
    assert f"{LIST}:9:{index + 1}: " + ("错误" if lang == "zh" else "error") + " DL302" in out


def test_invisible_characters_are_shown_and_the_caret_still_fits() -> None:
    line = "    name: 安全\u200b生产\x0b检查"
    index = line.index("检查")
    out = REPORTER_BY_NAME["text"](
        ValidationResult(files=1, diagnostics=[unknown_partner(3, index + 1)]),
        lang="zh",
        source=lambda f, n: line,
    )
    shown = visible(line)
    assert shown == "    name: 安全<U+200B>生产\u240b检查"
    assert caret_under(out, shown) == cell_len(visible(line[:index]))


def test_findings_are_grouped_per_file_and_sorted() -> None:
    other = "lists/320115-江宁区/320115002-秣陵街道.yaml"
    out = REPORTER_BY_NAME["text"](
        ValidationResult(
            files=2,
            diagnostics=[
                unknown_partner(9, 5, other),
                unknown_partner(30, 5),
                unknown_partner(7, 5),
            ],
        ),
        lang="zh",
    )
    heads = [line.split(": ")[0] for line in out.splitlines() if ": 错误" in line]
    assert heads == [f"{LIST}:7:5", f"{LIST}:30:5", f"{other}:9:5"]
    assert out.splitlines()[0] == LIST


def test_long_chinese_lines_are_neither_cut_nor_hard_wrapped() -> None:
    finding = unknown_partner(9, 5)
    out = REPORTER_BY_NAME["text"](
        ValidationResult(files=1, diagnostics=[finding]), lang="zh", width=40
    )
    head = next(line for line in out.splitlines() if line.startswith(f"{LIST}:9:5"))
    assert head.endswith("建议：使用名录中的规范名称，或先在县级名录中登记")
    assert "…" not in out


def test_colour_only_when_asked() -> None:
    run = ValidationResult(files=1, diagnostics=[unknown_partner(9, 5)])
    assert "\x1b[" not in REPORTER_BY_NAME["text"](run, lang="zh")
    assert "\x1b[" in REPORTER_BY_NAME["text"](run, lang="zh", color=True)


def test_a_clean_run_is_one_summary_line() -> None:
    out = REPORTER_BY_NAME["text"](ValidationResult(files=16, diagnostics=[]), lang="zh")
    assert out == "共检查 16 个文件，未发现问题"
