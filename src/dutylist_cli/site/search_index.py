"""The site's search index: character bigrams → items, sharded into small JSON files.

Word segmentation splits 电动自行车 into 电动/自行/车 and then misses 行车; every two-character
substring is a bigram here, so any word of two or more characters is found. The browser (search.js)
fetches only the shards of its query's bigrams, intersects their postings and then the item
shards of the results it shows. Postings are item numbers in site order, written either as
LEB128 gaps or as a bitmap over all items, whichever is smaller, in base64. The shards are
gzipped JSON named ``.bin`` (no web server adds a Content-Encoding to that, so the browser
always gets the gzip bytes and inflates them with DecompressionStream): a province's index is
about a third of its plain JSON.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

POSTING_SHARDS = 512  # bigram → shard: (code point 1 × 65599 + code point 2) mod this
ITEMS_PER_SHARD = 1024
INDEX_VERSION = 1

Postings = npt.NDArray[np.uint32]


def normalise(text: str) -> str:
    """NFKC and lower case, as search.js does with normalize('NFKC').toLowerCase()."""
    return unicodedata.normalize("NFKC", text).lower()


# letters and digits: Python's \w without "_" is str.isalnum(), i.e. Unicode L* and N*, as
# search.js's /[\p{L}\p{N}]+/u (a regex: 10x faster than testing each character's category)
_RUN = re.compile(r"[^\W_]+")


def runs(text: str) -> list[str]:
    r"""Runs of letters and digits (Unicode L* and N*: JS /[\p{L}\p{N}]+/u)."""
    return _RUN.findall(text)


def bigrams(text: str) -> set[str]:
    """Every pair of neighbouring characters inside a run of the normalised text."""
    found: set[str] = set()
    for run in runs(normalise(text)):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def shard_of(bigram: str) -> int:
    return (ord(bigram[0]) * 65599 + ord(bigram[1])) % POSTING_SHARDS


@dataclass
class SearchChunk:
    """What a worker makes of some items: their bigrams' postings (numbered from 0 in the
    chunk) and the rows of the items table (township number in the chunk, id, name, category)."""

    postings: dict[str, Postings] = field(default_factory=dict)
    items: list[tuple[int, str, str, int]] = field(default_factory=list)


def search_chunk(records: Iterable[tuple[int, str, str, int, str]]) -> SearchChunk:
    """``records``: (township number, item id, name, category number, searchable text)."""
    by_bigram: dict[str, list[int]] = {}
    chunk = SearchChunk()
    for number, (township, item_id, name, category, text) in enumerate(records):
        chunk.items.append((township, item_id, name, category))
        for bigram in bigrams(f"{name}\n{text}"):
            by_bigram.setdefault(bigram, []).append(number)
    chunk.postings = {b: np.asarray(n, dtype=np.uint32) for b, n in by_bigram.items()}
    return chunk


class SearchIndex:
    """Chunks merged in site order, then written as shards."""

    def __init__(self) -> None:
        self._postings: dict[str, list[Postings]] = {}
        self._items: list[tuple[int, str, str, int]] = []
        self._townships: list[tuple[str, str, str]] = []  # code, name, county name

    def add_township(self, code: str, name: str, county: str) -> int:
        self._townships.append((code, name, county))
        return len(self._townships) - 1

    def add(self, chunk: SearchChunk, townships: Sequence[int]) -> None:
        """Merge ``chunk``, whose township numbers index ``townships`` (site numbers)."""
        base = len(self._items)
        self._items.extend((townships[t], i, n, c) for t, i, n, c in chunk.items)
        for bigram, numbers in chunk.postings.items():
            self._postings.setdefault(bigram, []).append(numbers + np.uint32(base))

    @property
    def item_count(self) -> int:
        return len(self._items)

    def files(self, categories: Sequence[str]) -> dict[str, bytes]:
        """Relative path (under search/) → content, for every file of the index."""
        total = len(self._items)
        shards: list[dict[str, str]] = [{} for _ in range(POSTING_SHARDS)]
        for bigram, parts in self._postings.items():
            numbers = np.concatenate(parts) if len(parts) > 1 else parts[0]
            shards[shard_of(bigram)][bigram] = encode_postings(numbers, total)
        files = {f"p/{k}.bin": _packed(shard) for k, shard in enumerate(shards) if shard}
        for start in range(0, total, ITEMS_PER_SHARD):
            rows = [list(row) for row in self._items[start : start + ITEMS_PER_SHARD]]
            files[f"i/{start // ITEMS_PER_SHARD}.bin"] = _packed(rows)
        files["townships.json"] = _json([list(t) for t in self._townships])
        files["meta.json"] = _json(
            {
                "version": INDEX_VERSION,
                "items": total,
                "shards": POSTING_SHARDS,
                "items_per_shard": ITEMS_PER_SHARD,
                "categories": list(categories),
            }
        )
        return files


def encode_postings(numbers: Postings, total: int) -> str:
    """``v`` + base64 of LEB128 gaps (the first number as is), or ``b`` + base64 of a
    little-endian bitmap over all ``total`` items, whichever is shorter."""
    gaps = np.diff(numbers, prepend=np.uint32(0)).astype(np.uint32)
    if len(numbers):
        gaps[0] = numbers[0]
    widths = np.ones(len(gaps), dtype=np.int64)
    for shift in (7, 14, 21, 28):
        widths += gaps >= (1 << shift)
    if widths.sum() <= (total + 7) // 8:
        starts = np.cumsum(widths) - widths
        out = np.zeros(int(widths.sum()), dtype=np.uint8)
        for k in range(5):
            more = widths > k
            if not more.any():
                break
            part = (gaps[more] >> np.uint32(7 * k)) & np.uint32(0x7F)
            cont = np.where(widths[more] > k + 1, 0x80, 0)
            out[starts[more] + k] = (part | cont).astype(np.uint8)
        return "v" + base64.b64encode(out.tobytes()).decode("ascii")
    bits = np.zeros(total, dtype=bool)
    bits[numbers] = True
    packed = np.packbits(bits, bitorder="little")
    return "b" + base64.b64encode(packed.tobytes()).decode("ascii")


def decode_postings(value: str, total: int) -> list[int]:
    """The inverse of `encode_postings` (for tests; search.js does this in the browser)."""
    raw = base64.b64decode(value[1:])
    if value[0] == "b":
        bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:total]
        return [int(n) for n in np.flatnonzero(bits)]
    numbers: list[int] = []
    current = shift = gap = 0
    for byte in raw:
        gap |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        current = gap if not numbers else current + gap
        numbers.append(current)
        gap = shift = 0
    return numbers


def read_shard(content: bytes) -> Any:
    """A shard's value back (for tests and tools)."""
    return json.loads(gzip.decompress(content))


def _packed(value: object) -> bytes:
    return gzip.compress(_json(value), compresslevel=6, mtime=0)


def _json(value: object) -> bytes:
    """Compact JSON, every string escaped by json.dumps (Chinese kept as UTF-8)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
