"""Chinese text as the matcher sees it: normalised runs of characters, bigrams, pinyin.

Requests are short and colloquial, item texts formal; word segmentation splits the same thing
differently on each side (电瓶车 / 电动自行车), so both are cut into overlapping character
bigrams within runs of letters, digits and CJK characters (punctuation and spaces end a run).
Homophone typos (违章搭健 for 违章搭建) are common in typed and transcribed calls, so a second
channel reads the same bigrams as pinyin syllables.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

# a run: CJK ideographs, latin letters and digits (after NFKC, full-width forms are ASCII)
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGITS = re.compile(r"^[0-9]+$")
# function characters: a bigram holding one says nothing of what a request or an item is about
# (的衣, 在网, 了吗); one-character words of substance (狗, 烟, 水) are not among them
FUNCTION_CHARACTERS = frozenset(
    "的了吗呢吧啊呀哦嘛么在是我你他她它们这那和与及或就都也还又被把给让从向着过得地之其所"
    "几"  # a count (几十, 几只, 好几) says how many, never what
)


def _substantive(pair: str) -> bool:
    return not any(c.isdigit() or c in FUNCTION_CHARACTERS for c in pair)


def normalise(text: str) -> str:
    """NFKC (full/half width), lower case; punctuation is left to split runs."""
    return unicodedata.normalize("NFKC", text).lower()


def iter_runs(text: str) -> Iterator[tuple[int, str]]:
    """(start, run) of every run of a normalised text."""
    for match in _RUN.finditer(text):
        yield match.start(), match.group(0)


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams of each run; a one-character run is its own token.

    Numbers (dates, house numbers, phone numbers) say where and when, not what: they are left
    out, and so are bigrams that mix a digit with a character.
    """
    tokens: list[str] = []
    for _, run in iter_runs(normalise(text)):
        tokens.extend(_run_bigrams(run))
    return tokens


def _run_bigrams(run: str) -> Iterator[str]:
    if _DIGITS.match(run):
        return
    if len(run) == 1:
        if _CJK.match(run):
            yield run
        return
    for index in range(len(run) - 1):
        pair = run[index : index + 2]
        if _substantive(pair):
            yield pair


def positioned_bigrams(text: str) -> list[tuple[int, str]]:
    """(position in the normalised text, bigram) for each bigram, to say which words matched."""
    out: list[tuple[int, str]] = []
    for start, run in iter_runs(normalise(text)):
        for index in range(len(run) - 1):
            pair = run[index : index + 2]
            if _substantive(pair):
                out.append((start + index, pair))
    return out


@functools.cache
def _syllables() -> dict[str, str]:
    """Character → toneless pinyin, from the table tools/make_pinyin_table.py makes."""
    from importlib import resources

    table = resources.files("dutylist_cli").joinpath("data", "pinyin.txt").read_text("utf-8")
    syllables: dict[str, str] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            syllable, _, characters = line.partition("\t")
            syllables.update(dict.fromkeys(characters, syllable))
    return syllables


@functools.cache
def common_words() -> frozenset[str]:
    """Everyday two-character words (jieba's most frequent; tools/make_common_words.py)."""
    from importlib import resources

    table = resources.files("dutylist_cli").joinpath("data", "common_words.txt")
    return frozenset(
        word
        for line in table.read_text("utf-8").splitlines()
        if not line.startswith("#")
        for word in line.split()
    )


def syllable(char: str) -> str:
    """A character's toneless pinyin (itself when it has none)."""
    return _syllables().get(char, char)


def pinyin_bigrams(text: str) -> list[str]:
    """The bigrams of ``text`` read as toneless pinyin: 搭健 and 搭建 are both da-jian."""
    return [pinyin_of(pair) for pair in bigrams(text) if len(pair) == 2]


@functools.lru_cache(maxsize=1 << 16)
def pinyin_of(pair: str) -> str:
    return "-".join(syllable(c) for c in pair)


def joined(parts: Iterable[str | None]) -> str:
    """Several fields as one text, each its own run (a full stop between them)."""
    return "。".join(p for p in parts if p)
