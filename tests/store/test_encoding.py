"""decode_text: UTF-8 (BOM tolerated) is text; anything else is named so the user can convert it."""

from __future__ import annotations

import codecs

import pytest

from dutylist_cli.store.encoding import Undecodable, decode_text

# A realistic list head: ASCII keys and indentation, Chinese values.
LIST_TEXT = (
    "schema: dutylist/township-list/1\n"
    "township:\n"
    '  code: "320115001"\n'
    "  name: 东山街道\n"
    "  kind: subdistrict\n"
    'county: {code: "320115", name: 江宁区}\n'
    "basic:\n"
    "  - id: B001\n"
    "    name: 加强基层党组织建设\n"
    "    content: 落实党建工作责任制，指导村（社区）党组织规范化建设。\n"
)


def undecodable(raw: bytes) -> Undecodable:
    result = decode_text(raw)
    assert isinstance(result, Undecodable), f"{raw[:20]!r} decoded as text: {result[:40]!r}"
    return result


def test_utf8_is_text() -> None:
    assert decode_text(LIST_TEXT.encode("utf-8")) == LIST_TEXT


def test_utf8_bom_is_tolerated_and_stripped() -> None:
    assert decode_text(codecs.BOM_UTF8 + LIST_TEXT.encode("utf-8")) == LIST_TEXT


def test_bom_alone_is_empty_text() -> None:
    assert decode_text(codecs.BOM_UTF8) == ""


def test_empty_bytes_are_empty_text() -> None:
    assert decode_text(b"") == ""


def test_non_bmp_characters_are_text() -> None:
    text = "name: 𠮷家村\n"  # U+20BB7, four bytes in UTF-8
    assert decode_text(text.encode("utf-8")) == text


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_is_named_with_its_iconv_name(codec: str) -> None:
    found = undecodable(LIST_TEXT.encode(codec))
    assert "GB18030" in found.encoding and "GBK" in found.encoding
    assert found.iconv == "GB18030"
    assert not found.binary_detail


def test_gb18030_only_characters_are_gb18030() -> None:
    found = undecodable("name: 𠮷家村\n".encode("gb18030"))
    assert "GB18030" in found.encoding


@pytest.mark.parametrize(
    ("raw", "label", "iconv"),
    [
        pytest.param(LIST_TEXT.encode("utf-16"), "UTF-16", "UTF-16", id="utf16-bom-native"),
        pytest.param(
            codecs.BOM_UTF16_LE + LIST_TEXT.encode("utf-16-le"),
            "UTF-16 LE",
            "UTF-16",
            id="utf16le-bom",
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + LIST_TEXT.encode("utf-16-be"),
            "UTF-16 BE",
            "UTF-16",
            id="utf16be-bom",
        ),
        pytest.param(LIST_TEXT.encode("utf-16-le"), "UTF-16 LE", "UTF-16LE", id="utf16le-no-bom"),
        pytest.param(LIST_TEXT.encode("utf-16-be"), "UTF-16 BE", "UTF-16BE", id="utf16be-no-bom"),
        pytest.param(LIST_TEXT.encode("utf-32"), "UTF-32", "UTF-32", id="utf32-bom"),
    ],
)
def test_utf16_and_utf32_are_named(raw: bytes, label: str, iconv: str) -> None:
    found = undecodable(raw)
    assert found.encoding.startswith(label)
    assert found.iconv == iconv
    assert not found.binary_detail


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_heavy_utf16_without_bom_is_named_not_binary(codec: str) -> None:
    """Long Chinese paragraphs leave few ASCII characters (and so few NUL bytes) to go by."""
    text = "content: " + "落实党建工作责任制，指导村（社区）党组织规范化建设。" * 40 + "\n"
    found = undecodable(text.encode(codec))
    assert found.encoding.startswith("UTF-16"), found
    assert not found.binary_detail


def test_png_is_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    found = undecodable(png)
    assert found.encoding == "" and found.iconv == ""
    assert "NUL" in found.binary_detail and "8" in found.binary_detail


def test_invalid_utf8_without_chinese_is_binary_with_its_offset() -> None:
    found = undecodable("name: café\n".encode("latin-1"))
    assert found.encoding == ""
    assert "9" in found.binary_detail
