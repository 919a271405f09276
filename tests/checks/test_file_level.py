"""File-level findings whose input cannot be a UTF-8 case file: encodings, size, binary data.

Each case writes the bytes into a copy of tests/cases/base/ and runs `dutylist validate`; the
file gets exactly one finding at line 1 and nothing else is reported for it (spec §6).
test_rule_cases.py counts GENERATED_CODES as covered.
"""

from __future__ import annotations

import codecs
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BASE = Path(__file__).resolve().parents[1] / "cases" / "base"
LIST = "lists/320115-江宁区/320115001-东山街道.yaml"
MAX_BYTES = 16 * 1024 * 1024

GENERATED_CODES = ("DL002", "DL009", "DL010")


def _list_text() -> str:
    return (BASE / LIST).read_text("utf-8")


def _too_large() -> bytes:
    text = _list_text().encode("utf-8")
    padding = b"# " + b"x" * 78 + b"\n"
    return text + padding * ((MAX_BYTES - len(text)) // len(padding) + 1)


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
XLSX_HEADER = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"

# id -> (bytes of the file, code, substrings the zh message must hold)
GENERATED: dict[str, tuple[Callable[[], bytes], str, tuple[str, ...]]] = {
    "gbk": (lambda: _list_text().encode("gbk"), "DL002", ("GB18030", "iconv -f GB18030")),
    "gb18030": (lambda: _list_text().encode("gb18030"), "DL002", ("GB18030",)),
    "utf-16-le-bom": (
        lambda: codecs.BOM_UTF16_LE + _list_text().encode("utf-16-le"),
        "DL002",
        ("UTF-16 LE", "iconv -f UTF-16"),
    ),
    "utf-16-be-bom": (
        lambda: codecs.BOM_UTF16_BE + _list_text().encode("utf-16-be"),
        "DL002",
        ("UTF-16 BE",),
    ),
    "utf-16-le-no-bom": (
        lambda: _list_text().encode("utf-16-le"),
        "DL002",
        ("UTF-16 LE", "无 BOM"),
    ),
    "utf-16-be-no-bom": (lambda: _list_text().encode("utf-16-be"), "DL002", ("UTF-16 BE",)),
    "too-large": (_too_large, "DL009", ("16 MiB",)),
    "png": (lambda: PNG_HEADER + bytes(range(256)) * 4, "DL010", ("NUL",)),
    "xlsx-renamed": (lambda: XLSX_HEADER + b"\x00" * 64, "DL010", ("NUL",)),
    "invalid-utf8": (
        lambda: b"schema: dutylist/township-list/1\nname: \xc3\x28\xa0\xa1\xff\n",
        "DL010",
        ("UTF-8",),
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_file(case: str, tmp_path: Path, validate_json: Any) -> None:
    produce, code, needles = GENERATED[case]
    root = tmp_path / "数据"
    shutil.copytree(BASE, root)
    (root / LIST).write_bytes(produce())

    exit_code, report = validate_json(root)

    [finding] = report["diagnostics"]
    assert (finding["file"], finding["code"], finding["line"], finding["column"]) == (
        LIST,
        code,
        1,
        1,
    )
    assert finding["severity"] == "error"
    for needle in needles:
        assert needle in finding["message"], (needle, finding["message"])
    assert (report["errors"], report["warnings"], exit_code) == (1, 0, 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_encoding_message_names_the_conversion(
    lang: str, tmp_path: Path, validate_json: Any
) -> None:
    root = tmp_path / "数据"
    shutil.copytree(BASE, root)
    (root / LIST).write_bytes(_list_text().encode("gbk"))
    _, report = validate_json(root, lang=lang)
    [finding] = report["diagnostics"]
    word = "转换为 UTF-8" if lang == "zh" else "convert it"
    assert word in finding["message"] and "-t UTF-8" in finding["message"]


def test_utf8_bom_is_tolerated(tmp_path: Path, validate_json: Any) -> None:
    root = tmp_path / "数据"
    shutil.copytree(BASE, root)
    (root / LIST).write_bytes(codecs.BOM_UTF8 + (root / LIST).read_bytes())
    exit_code, report = validate_json(root)
    assert (exit_code, report["diagnostics"]) == (0, [])


def test_crlf_line_ends_locate_like_lf(tmp_path: Path, validate_json: Any) -> None:
    root = tmp_path / "数据"
    shutil.copytree(BASE, root)
    text = _list_text().replace("lead: 区应急管理局", "lead: 区应急局")
    (root / LIST).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    _, report = validate_json(root)
    [finding] = report["diagnostics"]
    line = text.splitlines().index("    lead: 区应急局") + 1
    assert (finding["code"], finding["line"], finding["column"]) == ("DL303", line, 5)


def test_generated_codes_are_declared() -> None:
    assert {code for _, code, _ in GENERATED.values()} == set(GENERATED_CODES)
