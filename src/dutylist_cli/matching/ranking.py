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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
OFF_LIST_CUE_PENALTY = 0.35  # a request naming what lists never cover needs a clear match
PRIOR_WEIGHT = 0.6  # the past tickets' vote for an item (a unanimous vote alone makes it listed)
PRIOR_OFF_LIST = 0.8  # past tickets voting 清单外 by this share make the answer 清单外
SOUND_WEIGHT = 0.5  # the pinyin channel repeats every exact match: it only tips the balance
SOUND_CREDIT = 0.7  # a bigram matched only by its sound counts for this much of its weight
# below this confidence the best item does not cover the request: 清单外 (calibrated on the
# development half of benchmarks/who/requests.jsonl, see benchmarks/who_accuracy.py)
OFF_LIST_THRESHOLD = 0.52
# the optional semantic channel (matching/semantic.py): a sentence encoder's cosine per item
SEMANTIC_CANDIDATES = 5  # the items the encoder ranks first join BM25's candidates
# how much the cosine counts beside the lexical confidence, and the off-list threshold of the
# fused confidence (score + MU * cosine) / (1 + MU): calibrated on the development half
# (who_accuracy.py --calibrate --semantic), where 1.0-1.2 and 0.40-0.46 form a plateau
MU = 1.0
OFF_LIST_THRESHOLD_SEMANTIC = 0.45


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
    semantic: Sequence[float] | None = None,
    prior: Mapping[str, float] | None = None,
    prior_off_list: float = 0.0,
) -> Ranking:
    """The items best matching ``text``; ``places`` are bigrams of place names (the townships,
    county and city of the data root): where a request comes from says nothing of its matter.

    ``semantic``, when given, is the encoder's cosine of the request with each item (in the
    order of ``index.items``): it adds candidates and weighs in the order and the verdict.
    ``prior`` (item id → 0..1) is evidence from elsewhere — the votes of a county's past tickets
    (matching/history.py): it adds candidates and counts PRIOR_WEIGHT in the order and the
    verdict; ``prior_off_list`` is the share of that evidence saying 清单外."""
    normalised = normalise(text)
    expansions = tuple(lexicon.expand(normalised))
    ignored = lexicon.filler | places
    tokens = [g for g in bigrams(text) if g not in ignored]
    expanded = [(e, [g for term in e.terms for g in bigrams(term)]) for e in expansions]
    for _, grams in expanded:
        tokens.extend(grams)
    if not index.items or not tokens:
        return Ranking([], False, expansions)
    chars, sounds = index.scores(tokens)
    combined = chars + SOUND_WEIGHT * sounds if sounds is not None else chars
    # the best first, ties in the list's order (a stable sort of the negated scores)
    order = (-combined).argsort(kind="stable")[: max(top, CANDIDATES)]
    candidates = [int(i) for i in order if float(combined[i]) > 0]
    found = _Found(index, normalised, _informative(normalised, ignored), expanded, expansions)
    if semantic is not None:
        return _fused(found, combined, candidates, semantic, top=top)
    prior = prior or {}
    if prior:
        positions = {item.id: i for i, item in enumerate(index.items)}
        candidates = list(
            dict.fromkeys([*candidates, *(positions[i] for i in prior if i in positions)])
        )
    if not candidates:
        return Ranking([], False, expansions)
    best_bm25 = max(float(combined[candidates[0]]), 1e-9)

    def weight(match: Match, bm25: float) -> float:
        evidence = PRIOR_WEIGHT * prior.get(match.item.id, 0.0)
        return match.score + BM25_SHARE * bm25 / best_bm25 + evidence

    scored = [(found.match(i), float(combined[i])) for i in candidates]
    # BM25 finds the candidates; their order weighs in how much of the request each explains
    scored.sort(key=lambda pair: -weight(*pair))
    matches = [match for match, _ in scored[: max(top, 1)]]
    confidence = matches[0].score + PRIOR_WEIGHT * prior.get(matches[0].item.id, 0.0)
    if any(cue in normalised for cue in lexicon.off_list_cues):
        confidence -= OFF_LIST_CUE_PENALTY  # a carrier's bill, a shop's refund: rarely a duty
    listed = confidence >= threshold and prior_off_list < PRIOR_OFF_LIST
    return Ranking(matches, listed, expansions)


@dataclass(frozen=True)
class _Found:
    """What the lexical channel made of a request, for the fusion to explain matches with."""

    index: ItemIndex
    normalised: str
    query: list[tuple[int, str, str]]  # (position, bigram, its pinyin)
    expanded: list[tuple[Expansion, list[str]]]  # each colloquial word and its terms' bigrams
    expansions: tuple[Expansion, ...]

    def match(self, position: int) -> Match:
        """The match of the item at ``position`` of the index."""
        return _match(
            self.index, self.index.items[position], self.normalised, self.query, self.expanded
        )


def _fused(
    found: _Found, combined: Any, lexical: list[int], semantic: Sequence[float], *, top: int
) -> Ranking:
    """BM25's candidates and the encoder's, ordered by what each explains of the request,
    BM25's order and the cosine; off the list when the fused confidence of the first is low.

    MU and OFF_LIST_THRESHOLD_SEMANTIC are read when called, for the calibration to vary."""
    index = found.index
    if len(semantic) != len(index.items):
        raise ValueError(f"{len(semantic)} cosines for {len(index.items)} items")
    cosines = [max(float(c), 0.0) for c in semantic]
    by_meaning = sorted(range(len(cosines)), key=lambda i: (-cosines[i], i))
    candidates = list(dict.fromkeys([*lexical, *by_meaning[:SEMANTIC_CANDIDATES]]))
    if not candidates:
        return Ranking([], False, found.expansions)
    best_bm25 = float(combined[lexical[0]]) if lexical else 0.0
    scored: list[tuple[float, Match, float]] = []
    for i in candidates:
        match = found.match(i)
        share = BM25_SHARE * max(float(combined[i]), 0.0) / best_bm25 if best_bm25 > 0 else 0.0
        scored.append((match.score + share + MU * cosines[i], match, cosines[i]))
    scored.sort(key=lambda entry: -entry[0])
    matches = [match for _, match, _ in scored[: max(top, 1)]]
    confidence = (matches[0].score + MU * scored[0][2]) / (1 + MU)
    return Ranking(matches, confidence >= OFF_LIST_THRESHOLD_SEMANTIC, found.expansions)


def _informative(normalised: str, filler: frozenset[str]) -> list[tuple[int, str, str]]:
    """(position, bigram, its pinyin) of the request's bigrams that carry substance: CJK pairs
    that are neither filler nor everyday words (知道, 需要, 生活: any request may say them)."""
    everyday = common_words()
    return [
        (position, gram, pinyin_of(gram))
        for position, gram in positioned_bigrams(normalised)
        if gram not in filler and gram not in everyday and not gram.isascii()
    ]


def _match(
    index: ItemIndex,
    item: IndexedItem,
    normalised: str,
    query: list[tuple[int, str, str]],
    expanded: list[tuple[Expansion, list[str]]],
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
    for expansion, grams in expanded:
        matched = [g for g in grams if g in item.bigrams]
        if matched:
            words.append((expansion.start, expansion.word))
            covered.update(range(expansion.start, expansion.start + len(expansion.word)))
            for gram in matched:
                credits[gram] = max(credits.get(gram, 0.0), index.weight(gram))
    for position, gram, sound in query:
        if gram in item.bigrams:
            credits[gram] = max(credits.get(gram, 0.0), index.weight(gram))
            covered.update((position, position + 1))
        elif sound in item.pinyin:
            credits[gram] = max(credits.get(gram, 0.0), SOUND_CREDIT * index.weight(gram))
            covered.update((position, position + 1))
    distinctive = sum(credits.values()) / index.unseen_idf
    score = 1.0 - math.exp(-distinctive)
    runs = _runs(normalised, covered - {p for w in words for p in range(w[0], w[0] + len(w[1]))})
    # a lone character left over from a bigram at a run's edge is no word to show
    runs = [(start, word) for start, word in runs if len(word) >= 2]
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
