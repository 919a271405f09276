"""Ranking a request against a township's items, and telling when none covers it.

The ranking fuses two BM25 channels: character bigrams of the request (with the list terms of
any colloquial word the lexicon knows appended) and the same bigrams read as pinyin, which
forgives homophone typos. The confidence of a match is how many distinctive words of the request
the item contains (bigrams weighted by their rarity in the list, filler words such as
你好/反映/请问 left out): a request whose best item shares only common words with it is off the
list.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from dutylist_cli.matching.index import IndexedItem, ItemIndex
from dutylist_cli.matching.lexicon import Expansion, Lexicon
from dutylist_cli.matching.text import (
    bigrams,
    common_words,
    normalise,
    pinyin_of,
    positioned_bigrams,
)

CANDIDATES = 10  # the items BM25 ranks first, re-ranked by what they explain of the request
BM25_SHARE = 0.5  # how much BM25's own order counts in the final one (its best scores 1.0)
SOUND_WEIGHT = 0.5  # the pinyin channel repeats every exact match: it only tips the balance
SOUND_CREDIT = 0.7  # a bigram matched only by its sound counts for this much of its weight
# below this confidence the best item does not cover the request: 清单外 (calibrated on the
# development half of benchmarks/who/requests.jsonl, see benchmarks/who_accuracy.py)
OFF_LIST_THRESHOLD = 0.54


@dataclass(frozen=True)
class Match:
    item: IndexedItem
    score: float  # confidence 0..1: how much of the request the item accounts for
    why: tuple[str, ...]  # the words of the request that matched


@dataclass(frozen=True)
class Ranking:
    matches: list[Match]  # best first
    listed: bool  # False: 清单外, no item covers the request
    expansions: tuple[Expansion, ...] = ()


def rank(
    index: ItemIndex,
    text: str,
    *,
    lexicon: Lexicon,
    top: int = 3,
    threshold: float = OFF_LIST_THRESHOLD,
    places: frozenset[str] = frozenset(),
) -> Ranking:
    """The items best matching ``text``; ``places`` are bigrams of place names (the townships,
    county and city of the data root): where a request comes from says nothing of its matter."""
    normalised = normalise(text)
    expansions = lexicon.expand(normalised)
    ignored = lexicon.filler | places
    tokens = [g for g in bigrams(text) if g not in ignored]
    for expansion in expansions:
        for term in expansion.terms:
            tokens.extend(bigrams(term))
    if not index.items or not tokens:
        return Ranking([], False, tuple(expansions))
    chars, sounds = index.scores(tokens)
    combined = chars + SOUND_WEIGHT * sounds if sounds is not None else chars
    order = sorted(range(len(index.items)), key=lambda i: (-float(combined[i]), i))
    candidates = [i for i in order[: max(top, CANDIDATES)] if float(combined[i]) > 0]
    if not candidates:
        return Ranking([], False, tuple(expansions))
    query = _informative(normalised, ignored)
    best_bm25 = float(combined[candidates[0]])
    scored = [
        (_match(index, index.items[i], normalised, query, expansions), float(combined[i]))
        for i in candidates
    ]
    # BM25 finds the candidates; their order weighs in how much of the request each explains
    scored.sort(key=lambda pair: -(pair[0].score + BM25_SHARE * pair[1] / best_bm25))
    matches = [match for match, _ in scored[: max(top, 1)]]
    listed = matches[0].score >= threshold
    return Ranking(matches, listed, tuple(expansions))


def _informative(normalised: str, filler: frozenset[str]) -> list[tuple[int, str]]:
    """The request's bigrams that carry substance: CJK pairs that are not filler."""
    return [
        (position, gram)
        for position, gram in positioned_bigrams(normalised)
        if gram not in filler and not gram.isascii()
    ]


def _match(
    index: ItemIndex,
    item: IndexedItem,
    normalised: str,
    query: list[tuple[int, str]],
    expansions: Iterable[Expansion],
) -> Match:
    """The item's confidence and the words of the request it matched.

    Each distinct bigram of the request the item contains counts for its rarity in the list
    (idf relative to a bigram found in one item only; a match by sound counts less), and so does
    each colloquial word whose list terms the item uses. The sum is the number of distinctive
    words matched, mapped to 0..1: one distinctive word ≈ 0.63, two ≈ 0.86.
    """
    credits: dict[str, float] = {}
    covered: set[int] = set()
    words: list[tuple[int, str]] = []
    for expansion in expansions:
        matched = [g for term in expansion.terms for g in bigrams(term) if g in item.bigrams]
        if matched:
            words.append((expansion.start, expansion.word))
            covered.update(range(expansion.start, expansion.start + len(expansion.word)))
            for gram in matched:
                credits[gram] = max(credits.get(gram, 0.0), index.weight(gram))
    everyday = common_words()
    for position, gram in query:
        if gram in everyday:
            continue  # 知道, 需要, 生活: any request may say them, whatever it is about
        if gram in item.bigrams:
            credits[gram] = max(credits.get(gram, 0.0), index.weight(gram))
            covered.update((position, position + 1))
        elif pinyin_of(gram) in item.pinyin:
            credits[gram] = max(credits.get(gram, 0.0), SOUND_CREDIT * index.weight(gram))
            covered.update((position, position + 1))
    distinctive = sum(credits.values()) / index.unseen_idf
    score = 1.0 - math.exp(-distinctive)
    runs = _runs(normalised, covered - {p for w in words for p in range(w[0], w[0] + len(w[1]))})
    why = tuple(dict.fromkeys(word for _, word in sorted(words + runs)))
    return Match(item, round(score, 3), why)


def _runs(text: str, positions: set[int]) -> list[tuple[int, str]]:
    """Maximal runs of covered positions as (start, word)."""
    runs: list[tuple[int, str]] = []
    start: int | None = None
    for position in range(len(text) + 1):
        inside = position in positions
        if inside and start is None:
            start = position
        elif not inside and start is not None:
            runs.append((start, text[start:position]))
            start = None
    return runs
