"""Text rules shared by the checks: normalised names, blanks, invisible characters, 文号 form."""

from __future__ import annotations

import functools
import re
import unicodedata

_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u2064\ufeff]"
)
_DOCUMENT = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
_DOCUMENT_LOOSE = re.compile(
    r"^(?P<org>\S+?)\s*[\[【(（〔]\s*(?P<year>\d{4})\s*[\]】)）〕]\s*"
    r"(?P<serial>\d+)\s*号$"
)
_PUNCTUATION = re.compile(r"[\s\u3000，。、；：！？,.;:!?·…—\-（）()【】\[\]“”\"'‘’《》<>]")

VAGUE_PHRASES = frozenset({"协调配合", "积极配合", "配合做好", "联动推进", "按要求配合"})
CATCH_ALL = re.compile(
    r"(交办|安排|布置|交付|部署)的?其[他它]的?(工作|事项|任务)"
    r"|其[他它](上级|临时)?(交办|安排|布置)的?(工作|事项|任务)"
)


_SPACES = re.compile(r"\s+")


def strip_punctuation(text: str) -> str:
    """The text without punctuation (Chinese and ASCII) and white space."""
    return _PUNCTUATION.sub("", text)


def wording(text: str) -> str:
    """What wording comparisons see: NFKC, case-folded, no punctuation or white space."""
    return strip_punctuation(unicodedata.normalize("NFKC", text)).casefold()


def normalise_text(text: str) -> str:
    """How texts are compared: NFKC (full/half width, brackets), no spaces, case-folded."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """normalise_text for names, cached: a county template repeats names across townships."""
    return normalise_text(name)


_WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _fold(text: str) -> str:
    return _SPACES.sub("", text.translate(_WIDTH_FOLD)).casefold()


def same_text(first: str, second: str) -> bool:
    """Equal apart from white space and full-/half-width forms (cheap: no NFKC on long texts)."""
    if abs(len(first) - len(second)) > max(len(first), len(second)) // 5 + 2:
        return False
    return first == second or _fold(first) == _fold(second)


def is_blank(text: str) -> bool:
    return not text.strip().strip("\u3000").strip()


def invisible_character(text: str) -> str | None:
    """The first control or zero-width character in ``text`` (newlines and tabs are fine)."""
    if text.isprintable():
        return None
    match = _INVISIBLE.search(text)
    if match is None:
        return None
    return f"U+{ord(match.group()):04X}"


def is_vague(text: str) -> str | None:
    """The vague phrase when it is the whole duty, after removing punctuation and spaces."""
    if len(text) > 24:  # a vague phrase with some punctuation is short; skip the work
        return None
    core = strip_punctuation(text)
    return core if core in VAGUE_PHRASES else None


def is_catch_all(name: str) -> bool:
    return "其他" in name and CATCH_ALL.search(normalise_name(name)) is not None


def document_number_problem(value: str) -> str | None:
    """None when ``value`` is of the form 机关代字〔YYYY〕N号, else the suggested form or ''."""
    if _DOCUMENT.match(value):
        return None
    loose = _DOCUMENT_LOOSE.match(value.strip())
    if loose:
        return f"{loose['org']}〔{loose['year']}〕{int(loose['serial'])}号"
    return ""


def has_title(citation: str) -> bool:
    return "《" in citation and "》" in citation
