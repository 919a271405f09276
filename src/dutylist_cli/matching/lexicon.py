"""The colloquial lexicon: the words callers use, mapped to the words lists use.

The package ships one (``data/lexicon.yaml``); a data repository may add to it or override it
with a ``lexicon.yaml`` of the same form at its root (an entry mapped to ``[]`` removes one).
Items may also carry their own ``keywords``; those are indexed with the item, not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dutylist_cli.matching.text import normalise, syllable

LEXICON_NAME = "lexicon.yaml"
LEXICON_SCHEMA = "dutylist/lexicon/1"
SOUND_MATCH_MIN = 3  # the shortest lexicon word matched by its sound


@dataclass(frozen=True)
class LexiconFile:
    """A lexicon file: ``terms`` maps a colloquial word to the list terms it stands for;
    ``filler`` lists the two-character words callers say around any request.

    Read by hand rather than through pydantic: `who` answers one request in well under half a
    second, and importing pydantic alone costs a fifth of that.
    """

    terms: dict[str, list[str]]
    filler: list[str]
    off_list_cues: list[str]


@dataclass(frozen=True)
class Expansion:
    """A colloquial word found in a request, and the list terms it stands for."""

    word: str
    start: int  # in the normalised request
    terms: tuple[str, ...]


class Lexicon:
    def __init__(
        self,
        terms: Mapping[str, list[str]],
        filler: Iterable[str] = (),
        off_list_cues: Iterable[str] = (),
    ) -> None:
        self.filler = frozenset(normalise(word) for word in filler)
        # what a township's list never covers: a shop's refund, a carrier's bill, a bank's fee
        self.off_list_cues = tuple(sorted({normalise(w) for w in off_list_cues if w.strip()}))
        self.terms = {
            normalise(word): tuple(normalise(t) for t in targets)
            for word, targets in terms.items()
            if targets and word.strip()
        }
        # longest first: 小电驴 before 电驴, so the longer reading wins where they overlap
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(self.terms, key=len, reverse=True):
            self._by_first.setdefault(word[0], []).append(word)
        # words of three characters or more by their sounds: 违章搭健 is heard as 违章搭建
        # (two-character homophones are too many: 直不 would be heard as 支部)
        self._by_first_sound: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for word in sorted(self.terms, key=len, reverse=True):
            if len(word) >= SOUND_MATCH_MIN:
                sounds = tuple(syllable(c) for c in word)
                self._by_first_sound.setdefault(sounds[0], []).append((sounds, word))

    def expand(self, normalised: str) -> list[Expansion]:
        """The lexicon words in a normalised request, left to right, not overlapping.

        Where two readings overlap the longer wins (then the earlier); words typed exactly are
        taken before words recognised by their sound.
        """
        taken = [False] * len(normalised)
        found = self._claim(self._exact(normalised), normalised, taken, typed=False)
        found += self._claim(self._by_sounds(normalised), normalised, taken, typed=True)
        return sorted(found, key=lambda e: e.start)

    def _exact(self, normalised: str) -> list[tuple[int, str]]:
        return [
            (start, word)
            for start, char in enumerate(normalised)
            for word in self._by_first.get(char, ())
            if normalised.startswith(word, start)
        ]

    def _by_sounds(self, normalised: str) -> list[tuple[int, str]]:
        """Lexicon words typed with homophones (a common typo in typed and transcribed calls)."""
        sounds = [syllable(c) for c in normalised]
        return [
            (start, word)
            for start, first in enumerate(sounds)
            for heard, word in self._by_first_sound.get(first, ())
            if tuple(sounds[start : start + len(heard)]) == heard
        ]

    def _claim(
        self, candidates: list[tuple[int, str]], normalised: str, taken: list[bool], *, typed: bool
    ) -> list[Expansion]:
        found: list[Expansion] = []
        for start, word in sorted(candidates, key=lambda c: (-len(c[1]), c[0])):
            span = range(start, start + len(word))
            if any(taken[i] for i in span):
                continue
            for i in span:
                taken[i] = True
            shown = normalised[start : start + len(word)] if typed else word
            found.append(Expansion(shown, start, self.terms[word]))
        return found


def load_lexicon(root: Path | None = None) -> Lexicon:
    """The shipped lexicon, with the data repository's ``lexicon.yaml`` applied over it."""
    shipped = resources.files("dutylist_cli").joinpath("data", LEXICON_NAME).read_bytes()
    base = _read(shipped, file=LEXICON_NAME)
    terms = dict(base.terms)
    filler = set(base.filler)
    cues = set(base.off_list_cues)
    if root is not None:
        path = root / LEXICON_NAME
        if path.is_file():
            local = _read(path.read_bytes(), file=LEXICON_NAME)
            terms.update(local.terms)
            filler.update(local.filler)
            cues.update(local.off_list_cues)
    return Lexicon(terms, filler, cues)


def _read(raw: bytes, *, file: str) -> LexiconFile:
    from dutylist_cli import messages
    from dutylist_cli.errors import UsageError
    from dutylist_cli.store.yaml_source import parse_file

    parsed = parse_file(raw, file=file)
    data = parsed.data
    problem = not parsed.ok or not isinstance(data, dict) or data.get("schema") != LEXICON_SCHEMA
    terms = data.get("terms", {}) if isinstance(data, dict) else None
    filler = data.get("filler", "") if isinstance(data, dict) else None
    cues = data.get("off_list_cues", "") if isinstance(data, dict) else None
    if isinstance(data, dict) and set(data) - {"schema", "terms", "filler", "off_list_cues"}:
        problem = True
    if not isinstance(terms, dict) or not all(
        isinstance(word, str)
        and isinstance(targets, list)
        and all(isinstance(t, str) for t in targets)
        for word, targets in terms.items()
    ):
        problem = True
    if not isinstance(filler, str) or not isinstance(cues, str):
        problem = True
    if problem:
        raise UsageError(
            messages.text("lexicon.unreadable", file=file),
            hint=messages.text("lexicon.unreadable.hint"),
        )
    assert isinstance(terms, dict) and isinstance(filler, str) and isinstance(cues, str)
    return LexiconFile(dict(terms), filler.split(), cues.split())
