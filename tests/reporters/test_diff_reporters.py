"""The diff reporters on a fixed result: golden text and markdown (zh, en), JSON, the registry."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from dutylist_cli.audit.diffing import DiffResult, TownshipState, diff_states, township_state
from dutylist_cli.reporters.diffs import DIFF_FORMATS, DIFF_REPORTER_BY_NAME
from dutylist_cli.reporters.markdown_text import code_span, escape_html, escape_markdown

DONGSHAN_OLD = """\
schema: dutylist/township-list/1
township: {code: "320115001", name: 东山街道, kind: subdistrict}
basic:
  - id: B003
    name: 基层党组织换届选举
    domain: 党的建设
    content: 指导村（社区）党组织按期换届，审核候选人资格，监督选举程序，做好届中调整和补选。
  - id: B007
    name: 统一战线工作
    domain: 党的建设
    content: 联系辖区党外代表人士、新的社会阶层人士和非公有制经济人士，开展民族团结进步宣传。
  - id: B036
    name: 生活垃圾分类
    domain: 生态环保
    content: 组织辖区居民小区和单位开展生活垃圾分类宣传和桶边督导，督促管理责任人设置分类投放设施。
cooperative:
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区应急管理局
    partners: [区消防救援大队]
    department_duties: 负责辖区安全生产综合监督管理。
    township_duties: 开展网格化安全巡查，发现隐患及时报告。
recovered:
  - id: R004
    name: 户外广告设施设置许可
    domain: 城乡建设
    department: 区城市管理局
    working_mode: 由区城市管理局受理审批，街道开展日常巡查
"""
DONGSHAN_NEW = """\
schema: dutylist/township-list/1
township: {code: "320115001", name: 东山街道, kind: subdistrict}
basic:
  - id: B003
    name: 基层党组织换届选举
    domain: 党的建设
    content: 指导村（社区）党组织按期换届，审核候选人资格，监督选举程序，做好届中调整和补选
  - id: B054
    name: 加强统一战线工作
    domain: 党的建设
    content: 联系辖区党外代表人士和新的社会阶层人士，开展民族团结进步宣传。
  - id: R004
    name: 户外广告设施设置许可
    domain: 城乡建设
    content: 受理辖区户外广告设施设置申请，开展日常巡查。
cooperative:
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区消防救援大队
    partners: [区应急管理局]
    department_duties: 负责辖区安全生产综合监督管理。
    township_duties: 开展网格化安全巡查，发现隐患及时报告。
  - id: C031
    name: 配合推进垃圾分类
    domain: 生态环保
    lead: 区城市管理局
    department_duties: 负责全区生活垃圾分类工作的统筹推进和考核。
    township_duties: >-
      组织辖区居民小区和单位开展生活垃圾分类宣传和桶边督导，督促管理责任人设置分类投放设施。
"""
MOLING_OLD = """\
schema: dutylist/township-list/1
township: {code: "320115002", name: 秣陵街道, kind: subdistrict}
cooperative:
  - id: C023
    name: 城乡居民医疗保险|参保扩面
    domain: 民生服务
    lead: 区医疗保障局
    department_duties: 负责城乡居民医疗保险政策制定。
    township_duties: 做好参保宣传|动员。
"""
MOLING = "lists/320115-江宁区/320115002-秣陵街道.yaml"


def _state(text: str, file: str) -> TownshipState:
    state = township_state(text.encode("utf-8"), file=file)
    assert state is not None
    return state


@pytest.fixture
def result() -> DiffResult:
    """Every kind of change, both kinds of suspect, two townships and an unreadable file."""
    dongshan = "lists/320115-江宁区/320115001-东山街道.yaml"
    old = {
        "320115001": _state(DONGSHAN_OLD, dongshan),
        "320115002": _state(MOLING_OLD, MOLING),
    }
    new = {"320115001": _state(DONGSHAN_NEW, dongshan)}
    changes, suspects = diff_states(old, new)
    townships = {"320115001": "东山街道", "320115002": "秣陵街道"}
    unreadable = ["lists/320115-江宁区/320115003-汤山街道.yaml"]
    return DiffResult("base", "worktree", changes, suspects, townships, unreadable)


def test_the_fixture_covers_every_kind(result: DiffResult) -> None:
    assert [(c.item, c.change, c.editorial) for c in result.changes] == [
        ("B003", "modified", True),
        ("B007", "removed", None),
        ("B036", "removed", None),
        ("B054", "added", None),
        ("R004", "moved", False),
        ("C001", "modified", False),
        ("C031", "added", None),
        ("C023", "removed", None),
    ]
    assert [(s.kind, s.old_item, s.new_item) for s in result.suspects] == [
        ("rename", "B007", "B054"),
        ("returned", "B036", "C031"),
    ]


def test_registry() -> None:
    assert DIFF_FORMATS == ("text", "json", "markdown")
    assert set(DIFF_REPORTER_BY_NAME) == set(DIFF_FORMATS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_golden(result: DiffResult, lang: str, golden: Callable[[str, str], None]) -> None:
    golden(f"diff.{lang}.md", DIFF_REPORTER_BY_NAME["markdown"](result, lang=lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_golden(result: DiffResult, lang: str, golden: Callable[[str, str], None]) -> None:
    golden(f"diff.{lang}.txt", DIFF_REPORTER_BY_NAME["text"](result, lang=lang, width=100) + "\n")


def test_json_is_the_contract_shape(result: DiffResult) -> None:
    report = json.loads(DIFF_REPORTER_BY_NAME["json"](result, lang="zh"))
    assert report == result.as_json()
    assert list(report) == ["old", "new", "changes", "suspects"]
    moved = next(c for c in report["changes"] if c["change"] == "moved")
    assert list(moved) == ["township", "item", "change", "from", "to", "fields"]
    assert "东山" not in DIFF_REPORTER_BY_NAME["json"](result, lang="zh")  # codes, not names


def test_markdown_summary_table(result: DiffResult) -> None:
    out = DIFF_REPORTER_BY_NAME["markdown"](result, lang="zh")
    assert "| 乡镇 | 新增 | 取消 | 调整 | 类别变更 |" in out
    assert "| 320115001 东山街道 | 2 | 2 | 2（其中文字修改 1） | 1 |" in out
    assert "| 320115002 秣陵街道 | 0 | 1 | 0 | 0 |" in out
    assert "| **合计** | 2 | 3 | 2（其中文字修改 1） | 1 |" in out
    assert out.count("<details>") == out.count("</details>") == 2
    assert "**C023 城乡居民医疗保险\\|参保扩面**" in out  # a pipe cannot break the markdown


def test_text_never_cuts_chinese(result: DiffResult) -> None:
    """A narrow terminal folds the wording; nothing is replaced by an ellipsis."""
    out = DIFF_REPORTER_BY_NAME["text"](result, lang="zh", width=44)
    assert "…" not in out
    columns: dict[int, str] = {2: "", 3: ""}  # the 原文 and 新文 cells, line after line
    for line in out.splitlines():
        cells = line.split("│")
        if len(cells) == 5:
            for index in columns:
                columns[index] += cells[index].strip()
    assert "组织辖区居民小区和单位开展生活垃圾分类宣传和桶边督导，督促管理责任人" not in columns[2]
    assert "由区城市管理局受理审批，街道开展日常巡查" in columns[2]
    assert "受理辖区户外广告设施设置申请，开展日常巡查。" in columns[3]
    assert (
        "指导村（社区）党组织按期换届，审核候选人资格，监督选举程序，做好届中调整和补选"
        in (columns[3])
    )


def test_text_with_colour_highlights_the_difference(result: DiffResult) -> None:
    out = DIFF_REPORTER_BY_NAME["text"](result, lang="zh", color=True)
    assert "\x1b[" in out
    plain = DIFF_REPORTER_BY_NAME["text"](result, lang="zh")
    assert "\x1b[" not in plain


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "没有事项变动（HEAD → 工作区）"), ("en", "no item changes (HEAD → working tree)")],
)
def test_empty_diff(lang: str, expected: str) -> None:
    empty = DiffResult("HEAD", "worktree", [], [], {})
    assert DIFF_REPORTER_BY_NAME["text"](empty, lang=lang) == expected
    markdown = DIFF_REPORTER_BY_NAME["markdown"](empty, lang=lang)
    assert expected in markdown and "<details>" not in markdown and "|" not in markdown


# -- data that looks like markup stays text (issue 9) ------------------------------------------
HOSTILE_OLD = """\
schema: dutylist/township-list/1
township: {code: "320115001", name: "东山<!--街道", kind: subdistrict}
basic:
  - id: B003
    name: 基层党组织换届选举
    domain: 党的建设
    content: "指导村（社区）党组织按期换届。"
"""
HOSTILE_NEW = """\
schema: dutylist/township-list/1
township: {code: "320115001", name: "东山<!--街道", kind: subdistrict}
basic:
  - id: B003
    name: 基层党组织换届选举
    domain: 党的建设
    content: "指导<img src=x onerror=alert(1)>换届\\n\\n# 标题\\n\\
      `code` **粗体** ~~删~~ [x](javascript:alert(1))"
  - id: B099
    name: "a|b<!-- <script>alert(1)</script>"
    domain: 党的建设
    content: 新增。
"""


@pytest.fixture
def hostile() -> DiffResult:
    dongshan = "lists/320115-江宁区/320115001-东山街道.yaml"
    old = {"320115001": _state(HOSTILE_OLD, dongshan)}
    new = {"320115001": _state(HOSTILE_NEW, dongshan)}
    changes, suspects = diff_states(old, new)
    townships = {"320115001": "东山<!--街道"}
    unreadable = ["lists/320115-江宁区/320115003-`<!--`.yaml"]
    return DiffResult("base", "worktree", changes, suspects, townships, unreadable)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_escapes_the_data(hostile: DiffResult, lang: str) -> None:
    out = DIFF_REPORTER_BY_NAME["markdown"](hostile, lang=lang)
    span = "``lists/320115-江宁区/320115003-`<!--`.yaml``"  # in a code span <!-- is text
    assert span in out
    for raw in ("<!--", "<script", "<img", "**粗体**", "~~删~~", "\n# 标题"):
        assert raw not in out.replace(span, ""), raw
    assert not re.search(r"(?<!\\)\]\(javascript:", out)  # no link: the bracket is escaped
    assert "<details>" in out and "</details>" in out  # the reporter's own HTML stays
    assert "<summary>320115001 东山&lt;!--街道" in out  # raw HTML: entities, no backslashes
    assert "**B099 a\\|b&lt;!-- &lt;script&gt;alert(1)&lt;/script&gt;**" in out
    assert "\\[x\\](javascript:alert(1))" in out and "\\`code\\`" in out
    table = [line for line in out.splitlines() if line.startswith("| ")]
    header_cells = len(table[0].split(" | "))
    for row in table[1:]:
        assert len(re.split(r"(?<!\\) \| ", row)) == header_cells, row


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!-- hidden", "&lt;!-- hidden"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a|b", "a\\|b"),
        ("a & b", "a &amp; b"),
        ("*x* _y_ `z` ~w~", "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("back\\slash", "back\\\\slash"),
        ("one\r\ntwo\nthree\rfour", "one two three four"),
        ("# 标题", "\\# 标题"),
        ("- 列表", "\\- 列表"),
        ("1. 第一", "1\\. 第一"),
        ("2025.2 版", "2025.2 版"),
        ("---", "\\---"),
        ("东山街道（一）", "东山街道（一）"),
        (None, ""),
    ],
)
def test_escape_markdown(text: str | None, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_escape_html_and_code_span() -> None:
    assert escape_html("a <b> & \\*\n\nc") == "a &lt;b&gt; &amp; \\*  c"
    assert code_span("lists/a.yaml") == "`lists/a.yaml`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a``") == "``` `a`` ```"
