"""The search index of one township list: every item as weighted bigram documents.

An item is matched on what it is called and what the township or the department does: its name
and keywords weigh most, then the township's own duties (content, township_duties), then the
department's duties and working mode, then the domain. Weights are applied by repeating a
field's tokens, the usual way of weighting fields in a single BM25 document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dutylist_cli.matching.text import bigrams, pinyin_of

# field -> how many times its tokens count
FIELD_WEIGHTS: dict[str, int] = {
    "name": 3,
    "keywords": 3,
    "content": 2,
    "township_duties": 2,
    "department_duties": 1,
    "working_mode": 1,
    "domain": 1,
}
BM25_K1 = 1.2
BM25_B = 0.5  # items differ in length for reasons unrelated to relevance: damp the penalty


@dataclass(frozen=True)
class IndexedItem:
    """What an answer needs to say about an item: who handles it and who answers for it."""

    id: str
    category: str  # basic | cooperative | recovered
    name: str
    lead: str | None = None  # cooperative: 主办部门
    partners: tuple[str, ...] = ()
    department: str | None = None  # recovered: 收回部门
    bigrams: frozenset[str] = field(default_factory=frozenset)
    pinyin: frozenset[str] = field(default_factory=frozenset)


CATEGORIES = ("basic", "cooperative", "recovered")
_CATEGORY_FIELDS = {
    "basic": ("content",),
    "cooperative": ("township_duties", "department_duties"),
    "recovered": ("working_mode",),
}


def field_text(value: Any) -> str:
    """A list field's text: a string, or a list's strings joined with 。 (anything else: "")."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "。".join(v for v in value if isinstance(v, str))
    return ""


def _fields(category: str, entry: Mapping[str, Any]) -> dict[str, str]:
    keys = ("name", "keywords", "domain", *_CATEGORY_FIELDS[category])
    return {key: field_text(entry.get(key)) for key in keys}


def _indexed(category: str, entry: Mapping[str, Any], tokens: Sequence[str]) -> IndexedItem:
    grams = frozenset(t for t in tokens if len(t) == 2)
    pinyin = frozenset(pinyin_of(t) for t in grams)
    partners = entry.get("partners")
    return IndexedItem(
        id=str(entry.get("id")),
        category=category,
        name=field_text(entry.get("name")),
        lead=field_text(entry.get("lead")) or None if category == "cooperative" else None,
        partners=tuple(p for p in partners if isinstance(p, str))
        if category == "cooperative" and isinstance(partners, list)
        else (),
        department=field_text(entry.get("department")) or None if category == "recovered" else None,
        bigrams=grams,
        pinyin=pinyin,
    )


_SENTINEL = "\x00"  # a token no text has: a document of it keeps bm25s's vocabulary non-empty


class Bm25:
    """bm25s over token lists, any of which may be empty (so may all of them be).

    bm25s refuses a corpus without a single token; a sentinel document is indexed after the
    real ones and its score cut off, so scores line up with the documents given.
    """

    def __init__(self, documents: list[list[str]], *, k1: float = BM25_K1, b: float = BM25_B):
        import bm25s

        self.count = len(documents)
        self._index = bm25s.BM25(k1=k1, b=b)
        self._index.index([*documents, [_SENTINEL]], show_progress=False)

    def get_scores(self, tokens: list[str]) -> Any:
        """A numpy array: the score of each document for ``tokens``."""
        return self._index.get_scores(tokens)[: self.count]


class ItemIndex:
    """BM25 over character bigrams and over their pinyin, for the items of one list."""

    def __init__(self, items: list[IndexedItem], documents: list[list[str]]) -> None:
        self.items = items
        self.documents = documents
        self.chars = Bm25(documents)
        self.sounds = Bm25([[pinyin_of(t) for t in doc if len(t) == 2] for doc in documents])
        frequency: Counter[str] = Counter()
        for item in items:
            frequency.update(item.bigrams)
        count = max(len(items), 1)
        # the informativeness of a bigram in this list (smoothed idf); unseen: the rarest
        self.idf = {g: math.log(1 + count / n) for g, n in frequency.items()}
        self.unseen_idf = math.log(1 + count)

    def weight(self, gram: str) -> float:
        return self.idf.get(gram, self.unseen_idf)

    def scores(self, tokens: list[str]) -> Any:
        """BM25 scores of every item (a numpy array) for character tokens and their sounds."""
        chars = self.chars.get_scores(tokens) if tokens else None
        sounds = [pinyin_of(t) for t in tokens if len(t) == 2]
        return chars, (self.sounds.get_scores(sounds) if sounds else None)

    # -- as data, for the index cache (JSON only: never code from a data repository) ---------
    def to_data(self) -> dict[str, Any]:
        return {
            "items": [
                [i.id, i.category, i.name, i.lead, list(i.partners), i.department]
                for i in self.items
            ],
            "documents": self.documents,
        }

    @classmethod
    def from_data(cls, data: Any) -> ItemIndex | None:
        """The index ``to_data`` gave, or None when ``data`` is not that (rebuild instead)."""
        if not isinstance(data, dict):
            return None
        rows, documents = data.get("items"), data.get("documents")
        if not isinstance(rows, list) or not isinstance(documents, list):
            return None
        if len(rows) != len(documents) or not all(_is_document(d) for d in documents):
            return None
        items = []
        for row, tokens in zip(rows, documents, strict=True):
            if not (isinstance(row, list) and len(row) == 6 and _is_item_row(row)):
                return None
            grams = frozenset(t for t in tokens if len(t) == 2)
            items.append(
                IndexedItem(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    tuple(row[4]),
                    row[5],
                    grams,
                    frozenset(pinyin_of(t) for t in grams),
                )
            )
        return cls(items, documents)


def _is_document(tokens: Any) -> bool:
    return isinstance(tokens, list) and all(isinstance(t, str) for t in tokens)


def _is_item_row(row: list[Any]) -> bool:
    identifier, category, name, lead, partners, department = row
    return (
        isinstance(identifier, str)
        and category in CATEGORIES
        and isinstance(name, str)
        and (lead is None or isinstance(lead, str))
        and _is_document(partners)
        and (department is None or isinstance(department, str))
    )


def build_index(data: Mapping[str, Any]) -> ItemIndex:
    """The index of a township list's parsed data, items in the list's order.

    Read from the data rather than the model: a list with a schema error in one item still
    answers for the others (the caller reports the list's findings beside the answer).
    """
    items: list[IndexedItem] = []
    documents: list[list[str]] = []
    for category in CATEGORIES:
        entries = data.get(category)
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
                continue
            tokens = _document(_fields(category, entry).items())
            items.append(_indexed(category, entry, tokens))
            documents.append(tokens)
    return ItemIndex(items, documents)


def _document(fields: Iterable[tuple[str, str]]) -> list[str]:
    tokens: list[str] = []
    for name, text in fields:
        tokens.extend(bigrams(text) * FIELD_WEIGHTS.get(name, 1))
    return tokens
