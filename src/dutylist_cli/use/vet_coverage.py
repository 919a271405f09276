"""How much of a notice's work the item it matched accounts for (vet's coverage signal).

The matching confidence (matching/ranking.py) counts the distinctive words of the work an item
contains: one rare word shared is enough to be sure of it. A notice's sentence is long, though,
and an item that shares one generic word with it (企业, 考核, 建设, 服务 — frequent in a list,
so its idf is low) may still score high while the matter of the work (专精特新, 社区矫正, 托育)
is nowhere in the list. Coverage is the other side: the share of the work's informative wording
— its character bigrams, less filler, everyday words and place names, each weighted by its
rarity in the township's list (a bigram no item holds weighs as the rarest) — that the item's
text contains. A colloquial word the lexicon knows covers its characters when the item holds
one of its list terms, as in the confidence. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from dutylist_cli.matching import IndexedItem, ItemIndex, Lexicon, Match
from dutylist_cli.matching.text import bigrams, common_words, normalise, positioned_bigrams


def coverage(
    index: ItemIndex,
    item: IndexedItem,
    work: str,
    *,
    lexicon: Lexicon,
    places: frozenset[str] = frozenset(),
) -> float:
    """The idf-weighted share (0..1) of the work's informative bigrams that ``item`` holds;
    1.0 when the work has none (nothing to account for)."""
    normalised = normalise(work)
    ignored = lexicon.filler | places | common_words()
    # the bigrams (by position) of the words the lexicon knows — list wording even when
    # everyday (河道) — and those the item covers by holding one of the word's terms
    known: set[int] = set()
    bridged: set[int] = set()
    for expansion in lexicon.expand(normalised):
        span = range(expansion.start, expansion.start + len(expansion.word) - 1)
        known.update(span)
        if any(g in item.bigrams for term in expansion.terms for g in bigrams(term)):
            bridged.update(span)
    weights: dict[str, float] = {}
    held: set[str] = set()
    for position, gram in positioned_bigrams(normalised):
        if gram.isascii() or (gram in ignored and position not in known):
            continue
        weights[gram] = index.weight(gram)
        if gram in item.bigrams or position in bridged:
            held.add(gram)
    total = sum(weights.values())
    if total <= 0:
        return 1.0
    return sum(weights[g] for g in held) / total


def most_covering(
    index: ItemIndex,
    best: Match,
    candidates: Sequence[Match],
    work: str,
    *,
    lexicon: Lexicon,
    places: frozenset[str] = frozenset(),
    threshold: float,
) -> Match | None:
    """``best`` when it covers ``threshold`` of the work; else the candidate covering most of it
    when that one does (the ranking put an item sharing a generic word first: 农机服务 before
    秸秆离田利用); None when no candidate covers the work: it is off the list."""
    shares = [
        (coverage(index, m.item, work, lexicon=lexicon, places=places), m)
        for m in (best, *(c for c in candidates if c.item.id != best.item.id))
    ]
    if shares[0][0] >= threshold:
        return best
    share, fuller = max(shares, key=lambda pair: pair[0])
    return fuller if share >= threshold else None
