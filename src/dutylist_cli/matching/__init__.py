"""Matching citizens' and departments' words to list items: normalisation, lexicon, index, rank.

Pure: it reads no files of its own beyond the shipped lexicon, prints nothing, and serves
`who` (dispatch), `vet` (what departments assign) and assessment checks alike.
"""

from dutylist_cli.matching.index import IndexedItem, ItemIndex, build_index
from dutylist_cli.matching.lexicon import Lexicon, load_lexicon
from dutylist_cli.matching.ranking import Match, Ranking, rank

__all__ = [
    "IndexedItem",
    "ItemIndex",
    "Lexicon",
    "Match",
    "Ranking",
    "build_index",
    "load_lexicon",
    "rank",
]
