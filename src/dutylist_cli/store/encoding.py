"""Decoding list files: UTF-8 (BOM tolerated); anything else is named so the user can convert."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class Undecodable:
    """Why bytes are not UTF-8 text: the encoding they look like, or binary data."""

    encoding: str  # e.g. "GB18030 (GBK)", "UTF-16 LE"; empty for binary data
    iconv: str  # the name iconv -f takes
    binary_detail: str = ""


def decode_text(raw: bytes) -> str | Undecodable:
    """The text of a list file, or what it looks like when it is not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Undecodable("UTF-32", "UTF-32")
    elif raw.startswith(codecs.BOM_UTF16_LE):
        return Undecodable("UTF-16 LE", "UTF-16")
    elif raw.startswith(codecs.BOM_UTF16_BE):
        return Undecodable("UTF-16 BE", "UTF-16")
    if b"\x00" in raw:
        return _guess_nul_encoding(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _guess_legacy(raw, exc)


def _guess_nul_encoding(raw: bytes) -> Undecodable:
    head = raw[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = max(len(head) // 2, 1)
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return Undecodable("UTF-16 LE（无 BOM）", "UTF-16LE")
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return Undecodable("UTF-16 BE（无 BOM）", "UTF-16BE")
    offset = raw.index(b"\x00")
    return Undecodable("", "", binary_detail=f"NUL byte at offset {offset}")


def _guess_legacy(raw: bytes, exc: UnicodeDecodeError) -> Undecodable:
    try:
        decoded = raw.decode("gb18030")
    except UnicodeDecodeError:
        decoded = ""
    if decoded and sum(1 for ch in decoded if "\u4e00" <= ch <= "\u9fff") > 0:
        return Undecodable("GB18030/GBK", "GB18030")
    try:
        raw.decode("big5")
        return Undecodable("Big5", "BIG5")
    except UnicodeDecodeError:
        pass
    return Undecodable("", "", binary_detail=f"invalid UTF-8 at byte {exc.start}")
