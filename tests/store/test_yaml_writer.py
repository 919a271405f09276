"""The canonical YAML form: lossless round trips, value fixes, and refusals instead of losses."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from dutylist_cli import messages
from dutylist_cli.checks.text import document_number_problem, invisible_character
from dutylist_cli.store.yaml_writer import (
    UnformattableFile,
    canonical_text,
    normalise_value,
    read_source,
)

REPO = Path(__file__).resolve().parents[2]

# The spec's township list (list-format.md §2), plus a null, blank lines and a block literal.
CANONICAL = """\
# yaml-language-server: $schema=../../schemas/township-list.schema.json
schema: dutylist/township-list/1
township:
  code: "320115001"          # 9-digit township division code (乡级区划代码)
  name: 东山街道
  kind: subdistrict           # subdistrict 街道 | town 镇 | township 乡
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
edition:
  version: "2025.1"           # free text, shown on printouts
  effective: 2025-01-01
  document: 江宁编〔2025〕3号   # optional: the approval document number (文号)

basic:                        # 基本履职事项 — 必须为、负全责
  - id: B001                  # unique in this file, stable across versions, never reused
    name: 加强基层党组织建设
    domain: 党的建设
    content: >-               # 具体内容 / 职责描述
      落实党建工作责任制，指导村（社区）党组织规范化建设……
    basis:                    # 依据: citations, 《title》 then optional articles
      - 《中国共产党农村基层组织工作条例》第十条
    units: [党建工作办公室]      # optional: internal bodies (职能机构) that carry it
    posts: [组织委员]
    remarks: null

  # 配合履职事项
cooperative:
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区应急管理局
    partners: [区消防救援大队, '区住房和城乡建设局']
    department_duties: |
      负责辖区安全生产综合监督管理；
      \t组织开展执法检查。
    township_duties: >-
      配合开展安全生产检查，
      发现隐患及时报告……
    basis: [《中华人民共和国安全生产法》第九条]

recovered:
  - id: R001
    name: 对违法建设的行政处罚
    domain: 城乡建设
    department: 区城市管理局
    penalty_powers: 37
    handover: {document: 江宁编〔2025〕9号, date: 2025-03-01}
    basis: [《中华人民共和国城乡规划法》第六十四条]
"""


def test_canonical_list_comes_back_byte_for_byte() -> None:
    assert canonical_text(CANONICAL) == CANONICAL


@pytest.mark.parametrize(
    "path",
    [
        REPO / "dutylist.yaml",
        *sorted((REPO / "lists").rglob("*.yaml")),
        *sorted((REPO / "adjustments").rglob("*.yaml")),
        *sorted((REPO / "temporary").rglob("*.yaml")),
    ],
    ids=lambda p: p.name,
)
def test_bundled_sample_is_canonical(path: Path) -> None:
    text = path.read_text("utf-8")
    assert canonical_text(text) == text


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("江宁编[2025]3号", "江宁编〔2025〕3号"),
        ("江宁编【2025】3号", "江宁编〔2025〕3号"),
        ("江宁编(2025)3号", "江宁编〔2025〕3号"),
        ("江宁编（2025）3号", "江宁编〔2025〕3号"),
        ("江宁编〔2025〕3号", "江宁编〔2025〕3号"),
        ("苏政办发［２０２４］１２号", "苏政办发〔2024〕12号"),
        ("江宁编 [2025] 03 号", "江宁编〔2025〕3号"),
        (
            "根据宁编(2025)30号和苏编【2025】8号文件执行",
            "根据宁编〔2025〕30号和苏编〔2025〕8号文件执行",
        ),
        ("（2025）苏01民终123号", "（2025）苏01民终123号"),  # a court case number, not a 文号
        ("江宁编[25]3号", "江宁编[25]3号"),  # not a 4-digit year
        ("江宁编[2025]号", "江宁编[2025]号"),  # no serial number
        ("2025年（2025）工作要点", "2025年（2025）工作要点"),
    ],
)
def test_document_numbers(written: str, canonical: str) -> None:
    assert normalise_value(written) == canonical


def test_document_numbers_fixed_in_the_file_as_the_validator_suggests() -> None:
    source = (
        "edition:\n  document: 江宁编[2025]3号\n"
        "approvals:\n  - {level: county, document: '宁编【2025】30号'}\n"
    )
    result = canonical_text(source)
    assert result == (
        "edition:\n  document: 江宁编〔2025〕3号\n"
        "approvals:\n  - {level: county, document: '宁编〔2025〕30号'}\n"
    )
    assert document_number_problem("江宁编[2025]3号") == "江宁编〔2025〕3号"


def test_zero_width_and_control_characters_are_stripped_from_values() -> None:
    source = (
        'name: "加强\u200b基层\u2060党组织\ufeff建设"\n'
        "content: |\n  第一行\u200c\u0007\n  \t缩进保留\n"
        "township_duties: >-\n  配合\u200d开展\n  检查\n"
    )
    result = canonical_text(source)
    assert result == (
        'name: "加强基层党组织建设"\n'
        "content: |\n  第一行\n  \t缩进保留\n"
        "township_duties: >-\n  配合开展\n  检查\n"
    )


def test_every_character_the_validator_flags_is_removed() -> None:
    flagged = [chr(c) for c in range(0x3000) if invisible_character(chr(c))] + ["\ufeff"]
    assert "\u200b" in flagged and "\t" not in flagged and "\n" not in flagged
    for char in flagged:
        assert normalise_value(f"甲{char}乙") == "甲乙", f"U+{ord(char):04X}"


def test_full_width_ascii_only_in_ids_and_codes() -> None:
    source = (
        'id: Ｂ００１\ncode: ３２０１１５００１\ncounty: "３２０１１５"\nitem: Ｃ０３１\n'
        "township: '３２０１１５００１'\ntownships: [\"３２０１１５００１\", all]\n"
        "name: 村（社区）党组织ＡＢＣ建设，《条例》。\n"
    )
    assert canonical_text(source) == (
        'id: B001\ncode: "320115001"\ncounty: "320115"\nitem: C031\n'
        "township: '320115001'\ntownships: [\"320115001\", all]\n"
        "name: 村（社区）党组织ＡＢＣ建设，《条例》。\n"
    )


def test_comments_key_order_modeline_and_blank_lines_are_kept() -> None:
    source = (
        "# yaml-language-server: $schema=../../schemas/township-list.schema.json\n"
        "# 第二行注释\n"
        "zeta: 1   # 行尾注释\n\n\n"
        "alpha:\n  # 子项之前\n  - 甲\n  # 子项之间\n  - 乙\n# 段落注释\n\n"
        "mid: {b: 2, a: 1}\n# 文件末尾注释\n"
    )
    assert canonical_text(source) == source
    messy = source.replace("\n", "  \r\n").replace("alpha:\n", "alpha:\n")
    assert canonical_text(messy) == source


def test_scalar_styles_are_kept() -> None:
    source = (
        "a: '单引号'\nb: \"双引号\"\nc: 普通\nd: >-\n  折叠\n  文本\ne: |\n  字面\n"
        "f: [甲, '乙', \"丙\"]\ng: null\nh: ~\ni:\n"
    )
    assert canonical_text(source) == source


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n"),  # CRLF
        ("a: 1   \nb: 甲\t\n", "a: 1\nb: 甲\n"),  # trailing blanks
        ("a: 1", "a: 1\n"),  # final newline
        ("\n\n# c\na: 1\n\n\n\n", "# c\na: 1\n"),  # blank lines at either end
        (
            "basic:\n- id: B001\n  name: 甲\n",
            "basic:\n  - id: B001\n    name: 甲\n",
        ),  # sequence indent
        ("a:\n    b:\n        c: 1\n", "a:\n  b:\n    c: 1\n"),  # mapping indent
        ("a: [1,\n  2]\n", "a: [1, 2]\n"),  # a multi-line flow list without comments
        ("# 头注释\n---\na: 1\n...\n", "# 头注释\n---\na: 1\n"),  # comments before ---
        ("", ""),
        ("# 只有注释  \n", "# 只有注释\n"),
    ],
)
def test_layout_normalisation(source: str, canonical: str) -> None:
    assert canonical_text(source) == canonical
    assert canonical_text(canonical) == canonical


def test_anchors_aliases_and_merge_keys_are_kept() -> None:
    source = (
        "base: &b\n  document: 江宁编[2025]3号\n  k: 1\nitem:\n  <<: *b\n  k: 2\n"
        "same: *b\nscalar: &s 宁编(2025)1号\nagain: *s\n"
    )
    assert canonical_text(source) == source.replace("[2025]", "〔2025〕").replace(
        "(2025)", "〔2025〕"
    )


def test_an_alias_bomb_stays_cheap() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        anchor = f" &{name}" if index < 8 else ""
        lines.append(f"{name}:{anchor} [{', '.join([f'*{previous}'] * 10)}]")
    source = "\n".join(lines) + "\nz: 1   \n"
    assert canonical_text(source) == source.replace("z: 1   \n", "z: 1\n")


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("a: 1\nb: [1\nc: 2\n", 3, "YAML 语法错误"),
        ("a: 1\nb: 2\na: 3\n", 3, "键重复"),
        ("a: 1\n---\nb: 2\n", 2, "多个 YAML 文档"),
        ("%YAML 1.1\n---\na: yes\n", 1, "%YAML"),
        ("- 1\n- 2\n", None, "不是键值映射"),
        ("a: 1\nb: [x,\n  y,   # 列表里的注释\n  z]\n", 3, "列表里的注释"),
        ("a: " + "[" * 3000 + "]" * 3000 + "\n", None, "嵌套"),
    ],
)
def test_refusals_name_the_reason_and_line(source: str, line: int | None, words: str) -> None:
    messages.set_language("zh")
    with pytest.raises(UnformattableFile) as caught:
        canonical_text(source, path=Path("lists/320115-江宁区/320115001-东山街道.yaml"))
    assert words in caught.value.reason
    assert caught.value.line == line
    where = "lists/320115-江宁区/320115001-东山街道.yaml" + (f":{line}" if line else "")
    assert caught.value.message.startswith(f"跳过 {where}：")


def test_tags_are_kept_and_never_constructed() -> None:
    source = "a: !!python/name:os.system\nb: !custom 甲\nc: !!str 123\n"
    assert canonical_text(source + "d: 1   \n") == source + "d: 1\n"


def test_impossible_dates_are_kept_as_written_for_the_validator_to_report() -> None:
    assert canonical_text("effective: 2025-13-01   \ndue: 2025-02-30\n") == (
        "effective: 2025-13-01\ndue: 2025-02-30\n"
    )


def test_raw_control_characters_are_dropped_so_the_file_loads() -> None:
    assert canonical_text("name: 甲\u0007乙\ncontent: |\n  丙\u001b丁\n") == (
        "name: 甲乙\ncontent: |\n  丙丁\n"
    )


def test_read_source_drops_a_bom_and_refuses_other_encodings(tmp_path: Path) -> None:
    messages.set_language("zh")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(codecs.BOM_UTF8 + "a: 甲\n".encode())
    assert read_source(bom).text == "a: 甲\n"
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("name: 加强基层党组织建设\n".encode("gbk"))
    with pytest.raises(UnformattableFile) as caught:
        read_source(gbk)
    assert "GB18030" in caught.value.reason and caught.value.line == 1
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("a: 甲\n".encode("utf-16"))
    with pytest.raises(UnformattableFile, match="UTF-16"):
        read_source(utf16)


def test_chinese_enum_labels_are_written_as_tokens() -> None:
    source = (
        "schema: dutylist/adjustment/1\n"
        "trigger: 县级以上部门动议  # 部门提出\n"
        "changes:\n"
        '  - {township: "320115001", action: 新增, item: C031}\n'
        "approvals:\n"
        "  - {level: 县级, body: 江宁区委编办, document: 江宁编〔2025〕12号, date: 2025-05-10}\n"
    )
    text = canonical_text(source)
    assert "trigger: department_proposal" in text and "# 部门提出" in text
    assert "action: add" in text and "level: county" in text
    assert "body: 江宁区委编办" in text  # prose is never touched
