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
    line: int = 1  # where the first undecodable byte stands


def decode_text(raw: bytes) -> str | Undecodable:
    """The text of a list file, or what it looks like when it is not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
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


def _plausible_text(text: str) -> bool:
    """Mostly CJK, ASCII and punctuation with line breaks: what a list file decodes to."""
    if "\n" not in text and len(text) > 80:
        return False
    good = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return good >= len(text) * 0.97


def _guess_nul_encoding(raw: bytes) -> Undecodable:
    head = raw[:8192]
    head = head[: len(head) - len(head) % 2]
    for codec, label, iconv in (
        ("utf-16-le", "UTF-16 LE（无 BOM）", "UTF-16LE"),
        ("utf-16-be", "UTF-16 BE（无 BOM）", "UTF-16BE"),
    ):
        try:
            decoded = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_text(decoded):
            return Undecodable(label, iconv)
    offset = raw.index(b"\x00")
    return Undecodable(
        "", "", binary_detail=f"NUL byte at offset {offset}", line=raw.count(b"\n", 0, offset) + 1
    )


def _guess_legacy(raw: bytes, exc: UnicodeDecodeError) -> Undecodable:
    line = raw.count(b"\n", 0, exc.start) + 1
    try:
        decoded = raw.decode("gb18030")
    except UnicodeDecodeError:
        decoded = ""
    if decoded and any("\u4e00" <= ch <= "\u9fff" for ch in decoded):
        return Undecodable("GB18030/GBK", "GB18030", line=line)
    start = raw.rfind(b"\n", 0, exc.start) + 1
    end = raw.find(b"\n", exc.start)
    fragment = raw[start:] if end < 0 else raw[start:end]
    try:
        if any("\u4e00" <= ch <= "\u9fff" for ch in fragment.decode("gb18030")):
            return Undecodable("GB18030/GBK", "GB18030", line=line)
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("big5")
        return Undecodable("Big5", "BIG5", line=line)
    except UnicodeDecodeError:
        pass
    return Undecodable("", "", binary_detail=f"invalid UTF-8 at byte {exc.start}", line=line)
