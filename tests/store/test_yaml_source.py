"""parse_file (never raises; file-level findings located) and SourceMap (pointer -> position)."""

from __future__ import annotations

import codecs
import random
import time

import pytest

from dutylist_cli.diagnostics import Diagnostic, Severity
from dutylist_cli.messages import RULES, render_message
from dutylist_cli.store.yaml_source import MAX_FILE_BYTES, ParsedFile, SourceMap, parse_file

FILE = "lists/320115-江宁区/320115001-东山街道.yaml"

LIST_TEXT = """\
schema: dutylist/township-list/1
township:
  code: "320115001"
  name: 东山街道
  kind: subdistrict
county: {code: "320115", name: 江宁区}
basic:
  - id: B001
    name: 加强基层党组织建设
    units: [党建工作办公室, 综合办]
  -   id: B002
      名称: 甲
      "a/b": 1
      "t~x": 2
cooperative: []
"""

BILLION_LAUGHS = 'a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def parse(text: str | bytes) -> ParsedFile:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_file(raw, file=FILE)


def only(parsed: ParsedFile) -> Diagnostic:
    assert len(parsed.diagnostics) == 1, parsed.diagnostics
    [finding] = parsed.diagnostics
    assert finding.file == FILE
    assert finding.severity is Severity.ERROR
    assert finding.code in RULES
    assert finding.line >= 1 and finding.column >= 1
    render_message(finding, "zh")  # every argument the template needs is there
    render_message(finding, "en")
    return finding


# -- parse_file: good input ----------------------------------------------------------------


def test_a_mapping_parses_to_data() -> None:
    parsed = parse(LIST_TEXT)
    assert parsed.ok and parsed.diagnostics == []
    township = {"code": "320115001", "name": "东山街道", "kind": "subdistrict"}
    assert parsed.data["township"] == township
    assert parsed.data["basic"][1]["a/b"] == 1
    assert parsed.text == LIST_TEXT


def test_utf8_bom_is_accepted_and_positions_ignore_it() -> None:
    parsed = parse(codecs.BOM_UTF8 + LIST_TEXT.encode("utf-8"))
    assert parsed.ok
    assert not parsed.text.startswith("\ufeff")
    assert parsed.source_map().position("/schema") == (1, 1)
    assert parsed.source_map().position("/township/code") == (3, 3)


def test_crlf_line_ends_are_accepted() -> None:
    parsed = parse(LIST_TEXT.replace("\n", "\r\n"))
    assert parsed.ok
    assert parsed.source_map().position("/basic/0/name") == (9, 5)


def test_document_markers_around_one_document_are_fine() -> None:
    parsed = parse("---\n" + LIST_TEXT + "...\n")
    assert parsed.ok and parsed.data["schema"] == "dutylist/township-list/1"


def test_three_dashes_inside_a_block_scalar_are_not_a_second_document() -> None:
    parsed = parse("schema: x\ncontent: |\n  第一段\n  ---\n  第二段\n")
    assert parsed.ok, parsed.diagnostics


# -- parse_file: file-level findings ---------------------------------------------------------


def test_syntax_error_is_located_at_the_offending_colon() -> None:
    finding = only(parse("schema: x\nname: 加强基层: 党组织建设\n"))
    assert finding.code == "DL001"
    assert (finding.line, finding.column) == (2, 11)  # character columns, not bytes


def test_unclosed_flow_sequence_is_a_syntax_error() -> None:
    finding = only(parse("schema: x\nunits: [党建办\nname: 甲\n"))
    assert finding.code == "DL001"
    assert finding.line >= 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("schema: x\ntownship:\n\tcode: '1'\n", 3, id="tab-indents-a-key"),
        pytest.param("schema: x\nbasic:\n  - id: B001\n\tname: 甲\n", 4, id="tab-in-an-item"),
        pytest.param("schema: x\nbasic:\n  - id: B001\n  \tname: 甲\n", 4, id="spaces-then-tab"),
    ],
)
def test_tab_indentation_is_reported_on_the_line_of_the_tab(text: str, line: int) -> None:
    finding = only(parse(text))
    assert finding.code == "DL005"
    tab_column = text.splitlines()[line - 1].index("\t") + 1
    assert (finding.line, finding.column) == (line, tab_column)


def test_duplicate_key_is_located_at_the_second_key_and_names_the_first_line() -> None:
    text = "schema: x\nbasic:\n  - id: B001\n    name: 甲\n    domain: 党的建设\n    name: 乙\n"
    finding = only(parse(text))
    assert finding.code == "DL004"
    assert (finding.line, finding.column) == (6, 5)
    assert finding.pointer == "/basic/0/name"
    assert finding.args["key"] == "name" and finding.args["first_line"] == "4"
    assert "第 4 行" in render_message(finding, "zh")
    assert "line 4" in render_message(finding, "en")


def test_duplicate_key_in_a_flow_mapping_uses_character_columns() -> None:
    finding = only(parse("schema: x\n县: {名: 江宁区, 名: 江宁}\n"))
    assert finding.code == "DL004"
    assert (finding.line, finding.column) == (2, 13)
    assert finding.pointer == "/县/名"
    assert finding.args["first_line"] == "2"


def test_duplicate_key_quoted_and_plain_are_the_same_key() -> None:
    finding = only(parse("schema: x\nname: 甲\n'name': 乙\n"))
    assert finding.code == "DL004"
    assert (finding.line, finding.column, finding.args["first_line"]) == (3, 1, "2")


def test_duplicate_key_is_not_confused_with_equal_looking_keys_of_other_types() -> None:
    """1 (an int) and '1' (a string) are different keys; the duplicate is `x`."""
    finding = only(parse("schema: x\n1: a\n'1': b\nx: 1\nx: 2\n"))
    assert finding.code == "DL004"
    assert (finding.line, finding.args["key"], finding.args["first_line"]) == (5, "x", "4")


def test_duplicate_key_in_crlf_file() -> None:
    finding = only(parse("a: 1\r\nb:\r\n  c: 2\r\n  c: 3\r\n"))
    assert (finding.code, finding.line, finding.column) == ("DL004", 4, 3)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\n\n   \n", id="blank-lines"),
        pytest.param("# 东山街道清单\n# 待填写\n".encode(), id="comments-only"),
        pytest.param(b"---\n# nothing\n...\n", id="markers-only"),
        pytest.param(codecs.BOM_UTF8, id="bom-only"),
    ],
)
def test_empty_files(raw: bytes) -> None:
    finding = only(parse(raw))
    assert (finding.code, finding.line, finding.column) == ("DL003", 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("schema: x\n---\nschema: y\n", id="second-document"),
        pytest.param("---\nschema: x\n---\nschema: y\n", id="both-marked"),
        pytest.param("- a\n---\n- b\n", id="two-sequences"),
    ],
)
def test_several_documents(text: str) -> None:
    finding = only(parse(text))
    assert finding.code == "DL006"
    assert finding.args["count"] == "2"


def test_a_directive_does_not_count_as_a_document() -> None:
    finding = only(parse("%YAML 1.2\n---\n- 甲\n- 乙\n"))
    assert finding.code == "DL007", finding


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- 甲\n- 乙\n", id="sequence"),
        pytest.param("东山街道\n", id="scalar"),
        pytest.param("42\n", id="number"),
        pytest.param("~\n", id="null"),
    ],
)
def test_top_level_must_be_a_mapping(text: str) -> None:
    finding = only(parse(text))
    assert (finding.code, finding.line, finding.column) == ("DL007", 1, 1)


def test_file_over_the_size_limit_is_not_parsed() -> None:
    raw = b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    start = time.monotonic()
    parsed = parse(raw)
    assert time.monotonic() - start < 2
    finding = only(parsed)
    assert (finding.code, finding.line, finding.column) == ("DL009", 1, 1)
    assert parsed.data is None


def test_file_at_the_size_limit_is_parsed() -> None:
    raw = b"schema: x\n# " + b"x" * (MAX_FILE_BYTES - 13) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    assert parse(raw).ok


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        pytest.param(LIST_TEXT.encode("gbk"), "GB18030/GBK", id="gbk"),
        pytest.param(LIST_TEXT.encode("utf-16"), "UTF-16", id="utf16-bom"),
        pytest.param(LIST_TEXT.encode("utf-16-le"), "UTF-16 LE", id="utf16le"),
        pytest.param(LIST_TEXT.encode("utf-16-be"), "UTF-16 BE", id="utf16be"),
    ],
)
def test_other_encodings_are_one_finding_at_line_one(raw: bytes, encoding: str) -> None:
    parsed = parse(raw)
    finding = only(parsed)
    assert (finding.code, finding.line, finding.column) == ("DL002", 1, 1)
    assert finding.args["encoding"].startswith(encoding)
    message = render_message(finding, "zh")
    assert "iconv -f" in message and "UTF-8" in message
    assert parsed.data is None


def test_binary_file() -> None:
    finding = only(parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"))
    assert (finding.code, finding.line, finding.column) == ("DL010", 1, 1)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param('!!python/object/apply:os.system ["true"]\n', 1, id="top-level"),
        pytest.param('schema: x\nname: !!python/object/apply:os.system ["true"]\n', 2, id="value"),
        pytest.param("schema: x\nname: !!python/name:os.system\n", 2, id="python-name"),
        pytest.param("schema: x\nname: !local 甲\n", 2, id="local-tag"),
        pytest.param("schema: x\nname: !<tag:example.com,2025:x> 甲\n", 2, id="verbatim-tag"),
    ],
)
def test_tags_are_refused_and_located(text: str, line: int) -> None:
    finding = only(parse(text))
    assert finding.code == "DL011"
    tag_column = text.splitlines()[line - 1].index("!") + 1
    assert (finding.line, finding.column) == (line, tag_column)


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.monotonic()
    parsed = parse(BILLION_LAUGHS)
    assert time.monotonic() - start < 2
    assert only(parsed).code == "DL012"


def test_a_few_aliases_are_fine() -> None:
    parsed = parse("schema: x\nbase: &b [区应急管理局]\nother: *b\n")
    assert parsed.ok and parsed.data["other"] == ["区应急管理局"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 10_000, id="open-brackets"),
        pytest.param("a: " + "[" * 10_000 + "]" * 10_000 + "\n", id="balanced-brackets"),
        pytest.param("a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n", id="flow-mappings"),
        pytest.param("".join("  " * depth + "k:\n" for depth in range(2_000)), id="block"),
    ],
)
def test_absurd_nesting_is_refused(text: str) -> None:
    start = time.monotonic()
    parsed = parse(text)
    assert time.monotonic() - start < 2
    assert only(parsed).code == "DL013"


def test_parse_file_never_raises_on_random_or_mangled_input() -> None:
    rng = random.Random(20251128)
    sample = LIST_TEXT.encode("utf-8")
    inputs = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))) for _ in range(150)]
    for _ in range(300):
        mangled = bytearray(sample)
        for _ in range(rng.randrange(1, 6)):
            position = rng.randrange(len(mangled))
            mangled[position : position + rng.randrange(0, 4)] = bytes(
                [rng.choice(b"[]{}:-?&*!|>'\"#%@`,\t\n ")]
            )
        inputs.append(bytes(mangled))
    for raw in inputs:
        parsed = parse(raw)
        for finding in parsed.diagnostics:
            assert finding.code in RULES and finding.line >= 1 and finding.column >= 1, (
                raw,
                finding,
            )
        if parsed.ok:
            assert isinstance(parsed.data, dict)


# -- SourceMap.position --------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_map() -> SourceMap:
    return SourceMap(LIST_TEXT)


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        pytest.param("", (1, 1), id="root"),
        pytest.param("/schema", (1, 1), id="first-key"),
        pytest.param("/township", (2, 1), id="block-mapping-key"),
        pytest.param("/township/code", (3, 3), id="nested-key"),
        pytest.param("/township/kind", (5, 3), id="nested-key-after-cjk-line"),
        pytest.param("/county/name", (6, 26), id="flow-mapping-key"),
        pytest.param("/basic", (7, 1), id="sequence-key"),
        pytest.param("/basic/0", (8, 5), id="sequence-item"),
        pytest.param("/basic/0/name", (9, 5), id="item-key"),
        pytest.param("/basic/1", (11, 7), id="item-with-wide-indent"),
        pytest.param("/basic/1/id", (11, 7), id="first-key-of-item"),
        pytest.param("/basic/1/名称", (12, 7), id="cjk-key"),
        pytest.param("/basic/1/a~1b", (13, 7), id="escaped-slash"),
        pytest.param("/basic/1/t~0x", (14, 7), id="escaped-tilde"),
        pytest.param("/cooperative", (15, 1), id="empty-sequence"),
    ],
)
def test_position_of_a_pointer(
    source_map: SourceMap, pointer: str, position: tuple[int, int]
) -> None:
    assert source_map.position(pointer) == position


def test_columns_count_characters_not_bytes(source_map: SourceMap) -> None:
    # `    units: [党建工作办公室, 综合办]`: 综 is the 22nd character (and the 34th byte)
    assert source_map.position("/basic/0/units/1") == (10, 22)
    assert source_map.position("/basic/0/units/0") == (10, 13)


def test_columns_count_non_bmp_characters_once() -> None:
    text = "schema: x\nt: {name: 𠮷家村, kind: town}\n"
    assert SourceMap(text).position("/t/kind") == (2, 16)


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        pytest.param("/basic/0/content", (8, 5), id="missing-key-points-at-its-mapping"),
        pytest.param("/township/missing", (2, 1), id="missing-key-points-at-the-key-holding-it"),
        pytest.param("/nope", (1, 1), id="missing-top-level-key-points-at-root"),
        pytest.param("/basic/7", (7, 1), id="index-out-of-range-points-at-the-sequence-key"),
        pytest.param("/basic/x", (7, 1), id="non-numeric-index"),
        pytest.param("/township/code/deeper", (3, 3), id="below-a-scalar"),
    ],
)
def test_position_of_something_absent_is_its_nearest_parent(
    source_map: SourceMap, pointer: str, position: tuple[int, int]
) -> None:
    assert source_map.position(pointer) == position


def test_position_in_a_top_level_sequence() -> None:
    assert SourceMap("- 甲\n- 乙\n").position("/1") == (2, 3)


def test_position_in_unparseable_text_is_the_first_line() -> None:
    assert SourceMap("a: [1\n").position("/a") == (1, 1)


def test_position_when_only_the_yaml_1_2_fallback_composes() -> None:
    """`{x: :x}` is YAML 1.2 (the value is the plain scalar ':x'); PyYAML's 1.1 scanner refuses."""
    text = "schema: x\nb: {x: :x}\nc: 1\n"
    assert parse(text).ok
    source_map = SourceMap(text)
    assert source_map.position("/c") == (3, 1)
    assert source_map.position("/b/x") == (2, 5)


def test_locate_fills_in_unlocated_findings_only() -> None:
    parsed = parse(LIST_TEXT)
    unlocated = Diagnostic(
        file=FILE,
        code="DL101",
        severity=Severity.ERROR,
        pointer="/basic/0/content",
        args={"field": "content"},
    )
    assert (parsed.locate(unlocated).line, parsed.locate(unlocated).column) == (8, 5)
    located = unlocated.located(2, 3)
    assert parsed.locate(located) is located


def test_first_duplicate_key_is_none_without_duplicates(source_map: SourceMap) -> None:
    assert source_map.first_duplicate_key() is None


def test_first_duplicate_key_searches_sequences_and_nested_mappings() -> None:
    text = "a:\n  - b: 1\n  - c:\n      d: 1\n      e: 2\n      d: 3\n"
    duplicate = SourceMap(text).first_duplicate_key()
    assert duplicate is not None
    assert (duplicate.key, duplicate.line, duplicate.column, duplicate.first_line) == ("d", 6, 7, 4)
    assert duplicate.pointer == "/a/1/c/d"
