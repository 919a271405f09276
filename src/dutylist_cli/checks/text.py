"""Text rules shared by the checks: normalised names, blanks, invisible characters, 文号 form."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e"
                        r"\u2060-\u2064\ufeff]")
_DOCUMENT = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
_DOCUMENT_LOOSE = re.compile(r"^(?P<org>\S+?)\s*[\[【(（〔]\s*(?P<year>\d{4})\s*[\]】)）〕]\s*"
                             r"(?P<serial>\d+)\s*号$")
_PUNCTUATION = re.compile(r"[\s\u3000，。、；：！？,.;:!?·…—\-（）()【】\[\]“”\"'‘’《》<>]")

VAGUE_PHRASES = frozenset({"协调配合", "积极配合", "配合做好", "联动推进", "按要求配合"})
CATCH_ALL = re.compile(r"(完成|承办|办理|做好)?(上级|区委区政府|县委县政府|党委政府|领导)?"
                       r"(交办|交付|布置)的?其他(工作|事项|任务)")


def normalise_name(name: str) -> str:
    """How names are compared: NFKC (full/half width, brackets), no spaces, case-folded."""
    folded = unicodedata.normalize("NFKC", name)
    return re.sub(r"\s+", "", folded).casefold()


def is_blank(text: str) -> bool:
    return not text.strip().strip("\u3000").strip()


def invisible_character(text: str) -> str | None:
    """The first control or zero-width character in ``text`` (newlines and tabs are fine)."""
    match = _INVISIBLE.search(text)
    if match is None:
        return None
    return f"U+{ord(match.group()):04X}"


def is_vague(text: str) -> str | None:
    """The vague phrase when it is the whole duty, after removing punctuation and spaces."""
    core = _PUNCTUATION.sub("", text)
    return core if core in VAGUE_PHRASES else None


def is_catch_all(name: str) -> bool:
    return CATCH_ALL.search(normalise_name(name)) is not None


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
