"""The core of `dutylist who`: a citizen's request → the item, who handles it, who answers for it.

The answer comes from the township's own list alone (依单派单、依单问责): a basic item is the
township's (it answers in full), a cooperative item is led by its 主办部门 with the township
cooperating (secondary responsibility), a recovered item belongs to the department that took it
back (the township is not accountable). No item covering the request is 清单外: such work
reaches a township only through 一事一议 (a temporary task) or 职责准入.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.matching import ItemIndex, Lexicon, Ranking, build_index, rank
from dutylist_cli.store.reading import read_data_file

if TYPE_CHECKING:
    from dutylist_cli.matching.history import TicketHistory
    from dutylist_cli.matching.semantic import SemanticScorer
    from dutylist_cli.store.index_cache import IndexCache

_PLACE_SUFFIX = re.compile(r"(街道|镇|乡|民族乡|苏木|区|县|市|自治县|自治州|州|盟|旗)$")
_HEADER_NAME = re.compile(r"^(?:county|city):.*?name:\s*([\u4e00-\u9fff]{2,12})", re.M)
MAX_REQUEST_CHARACTERS = 5_000  # a request is a call or a ticket, not a document
ACCOUNTABILITY = {"basic": "full", "cooperative": "secondary", "recovered": "none"}


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    file: str  # relative to the data root


@dataclass(frozen=True)
class Handler:
    kind: str  # township | department
    name: str
    partners: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name}
        if self.kind == "department":
            out["partners"] = list(self.partners)
        return out


@dataclass(frozen=True)
class WhoAnswer:
    township: Township
    text: str
    ranking: Ranking
    findings: tuple[str, ...] = ()  # the list's errors, when it has any: the answer may be off

    @property
    def verdict(self) -> str:
        return "listed" if self.ranking.listed else "off_list"

    @property
    def category(self) -> str | None:
        return self.ranking.matches[0].item.category if self.ranking.listed else None

    @property
    def handler(self) -> Handler | None:
        if not self.ranking.listed:
            return None
        item = self.ranking.matches[0].item
        if item.category == "basic":
            return Handler("township", self.township.name)
        if item.category == "cooperative":
            return Handler("department", item.lead or "", item.partners)
        return Handler("department", item.department or "")

    @property
    def accountability(self) -> str:
        return ACCOUNTABILITY[self.category] if self.category is not None else "none"

    def as_json(self) -> dict[str, Any]:
        handler = self.handler
        out: dict[str, Any] = {
            "township": self.township.code,
            "text": self.text,
            "verdict": self.verdict,
            "category": self.category,
            "handler": handler.as_json() if handler is not None else None,
            "accountability": self.accountability,
            "matches": [
                {
                    "item": m.item.id,
                    "name": m.item.name,
                    "category": m.item.category,
                    "score": m.score,
                    "why": list(m.why),
                }
                for m in self.ranking.matches
            ],
        }
        if self.findings:
            out["warnings"] = list(self.findings)
        return out


def semantic_scorer() -> SemanticScorer:
    """The sentence encoder for ``who --semantic``; a usage error when it is not installed."""
    from dutylist_cli.matching import semantic

    if not semantic.available():
        raise UsageError(
            messages.text("who.semantic_missing"), hint=messages.text("who.semantic_missing.hint")
        )
    return semantic.SemanticScorer()


@dataclass
class Dispatcher:
    """Answers requests for the townships of one data root, each list indexed once.

    With a ``semantic`` scorer the sentence encoder's cosines are fused with the lexical
    ranking (``who --semantic``).
    """

    root: Path
    lexicon: Lexicon
    today: dt.date
    top: int = 3
    semantic: SemanticScorer | None = None
    history: TicketHistory | None = None  # the county's dispatched tickets (who --history)
    use_cache: bool = True  # keep each list's index in .dutylist_cache/ (keyed by its bytes)
    _townships: list[Township] | None = None
    _places: frozenset[str] | None = None
    _indexes: dict[str, tuple[ItemIndex, tuple[str, ...]]] = field(default_factory=dict)
    _item_texts: dict[str, list[str]] = field(default_factory=dict)  # what the encoder reads

    # -- townships ------------------------------------------------------------------------
    @functools.cached_property
    def _cache(self) -> IndexCache:
        from dutylist_cli.store.index_cache import IndexCache

        return IndexCache(self.root)

    def townships(self) -> list[Township]:
        if self._townships is None:
            from dutylist_cli.publishing.loading import township_names

            found = []
            for name in township_names(self.root):
                stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                code, _, township_name = stem.partition("-")
                found.append(Township(code, township_name, name))
            self._townships = found
        return self._townships

    def places(self) -> frozenset[str]:
        """Bigrams of the data root's place names (townships, counties, cities): a caller's
        place says where, not what — 汤山 must not pull 汤山温泉度假区 up for any request there."""
        if self._places is None:
            from dutylist_cli.matching.text import bigrams

            names = {t.name for t in self.townships()}
            for township in self.townships():
                names.update(self._header_names(township))
            grams: set[str] = set()
            for name in names:
                grams.update(bigrams(_PLACE_SUFFIX.sub("", name)))
            self._places = frozenset(grams)
        return self._places

    def _header_names(self, township: Township) -> list[str]:
        """The county and city names of a list, from its header (the first lines)."""
        try:
            with (self.root / township.file).open("rb") as handle:
                head = handle.read(2048).decode("utf-8", "ignore")
        except OSError:
            return []
        return _HEADER_NAME.findall(head)

    def township(self, ref: str) -> Township:
        """A township by its 9-digit code or by its name, unique in the data root."""
        ref = ref.strip()
        townships = self.townships()
        if ref.isdigit():
            matches = [t for t in townships if t.code == ref]
        else:
            matches = [t for t in townships if t.name == ref] or [
                t for t in townships if ref and (ref in t.name or t.name in ref)
            ]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UsageError(
                messages.text(
                    "who.ambiguous_township",
                    ref=ref,
                    candidates="、".join(f"{t.code} {t.name}" for t in matches[:8]),
                )
            )
        labels = {f"{t.code} {t.name}": t for t in townships}
        close = difflib.get_close_matches(ref, [t.name for t in townships], n=3, cutoff=0.3)
        close += difflib.get_close_matches(ref, [t.code for t in townships], n=3, cutoff=0.6)
        suggestions = [label for label, t in labels.items() if t.name in close or t.code in close]
        raise UsageError(
            messages.text("who.unknown_township", ref=ref),
            hint=messages.text("who.unknown_township.hint", candidates="、".join(suggestions))
            if suggestions
            else messages.text("who.unknown_township.none"),
        )

    # -- answering ------------------------------------------------------------------------
    def answer(self, township: Township, text: str) -> WhoAnswer:
        return self.answer_many([(township, text)])[0]

    def answer_many(self, requests: Sequence[tuple[Township, str]]) -> list[WhoAnswer]:
        """Each request answered from its township's list; with the encoder, all the requests
        are embedded in one call (many short texts embed much faster together)."""
        checked = [(township, check_request(text)) for township, text in requests]
        vectors = None
        if self.semantic is not None:
            vectors = self.semantic.embed([request for _, request in checked])
        answers = []
        for k, (township, request) in enumerate(checked):
            index, findings = self._index(township)
            cosines = None
            if self.semantic is not None and vectors is not None:
                texts = self._item_texts[township.code]
                cosines = self.semantic.cosines(index, texts, vectors[k : k + 1])[0].tolist()
            prior, prior_off_list = self._votes(index, request)
            ranking = rank(
                index,
                request,
                lexicon=self.lexicon,
                top=self.top,
                places=self.places(),
                semantic=cosines,
                prior=prior,
                prior_off_list=prior_off_list,
            )
            answers.append(WhoAnswer(township, request, ranking, findings))
        return answers

    def _votes(self, index: ItemIndex, request: str) -> tuple[dict[str, float], float]:
        """The past tickets' votes as this list's item ids (items are carried by name)."""
        if self.history is None:
            return {}, 0.0
        votes = self.history.votes(request)
        prior = {
            item.id: votes.items[item.name] for item in index.items if item.name in votes.items
        }
        return prior, votes.off_list

    def item_names(self, code: str) -> dict[str, str]:
        """Item id → name in the list of the township ``code`` (empty when there is none)."""
        matches = [t for t in self.townships() if t.code == code]
        if not matches:
            return {}
        index, _ = self._index(matches[0])
        return {item.id: item.name for item in index.items}

    def load_history(self, rows: Sequence[Any], *, township: str | None = None) -> int:
        """Take the dispatched tickets of a requests file as history; how many were usable."""
        from dutylist_cli.matching.history import TicketHistory, tickets_from_rows

        resolved = []
        for row in rows:
            ref = (row.township or township or "").strip()
            if not ref or not row.text.strip():
                continue
            resolved.append((self.township(ref).code, row.text, row.item, row.verdict))
        self.history = TicketHistory(tickets_from_rows(resolved, item_names=self.item_names))
        return len(self.history)

    def index(self, township: Township) -> ItemIndex:
        """The township's item index (built once, kept in the cache): what `vet` matches on."""
        return self._index(township)[0]

    def _index(self, township: Township) -> tuple[ItemIndex, tuple[str, ...]]:
        if township.code not in self._indexes:
            from dutylist_cli.store.yaml_source import parse_file

            try:
                raw = read_data_file(self.root / township.file)
            except OSError as exc:
                raise UsageError(messages.text("path.missing", path=township.file)) from exc
            index = ItemIndex.from_data(self._cache.load(raw)) if self.use_cache else None
            data: dict[str, Any] | None = None
            if index is None or self.semantic is not None:
                parsed = parse_file(raw, file=township.file)
                data = parsed.data if parsed.ok and isinstance(parsed.data, dict) else {}
            if index is None:
                assert data is not None
                index = build_index(data)
                if self.use_cache:
                    self._cache.save(raw, index.to_data())
            self._indexes[township.code] = (index, self._findings(township))
            if self.semantic is not None:
                from dutylist_cli.matching.semantic import item_texts

                self._item_texts[township.code] = item_texts(data or {})
        return self._indexes[township.code]

    def _findings(self, township: Township) -> tuple[str, ...]:
        """The list's errors as one line each (file:line code message)."""
        from dutylist_cli.publishing.loading import township_errors

        errors = township_errors(self.root, [township.file], today=self.today)
        return tuple(
            f"{d.file}:{d.line} {d.code} {messages.render_message(d, messages.language())}"
            for d in errors
        )


def check_request(text: str) -> str:
    """The request as matched: not blank, not a whole document."""
    request = text.strip().strip("\u3000").strip()
    if not request:
        raise UsageError(messages.text("who.empty"), hint=messages.text("who.empty.hint"))
    if len(request) > MAX_REQUEST_CHARACTERS:
        raise UsageError(
            messages.text("who.too_long", length=len(request), limit=MAX_REQUEST_CHARACTERS),
            hint=messages.text("who.too_long.hint"),
        )
    return request


def answers_json(answers: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"results": list(answers)}


@dataclass(frozen=True)
class BatchAnswer:
    row: int
    id: str | None
    answer: WhoAnswer

    def as_json(self) -> dict[str, Any]:
        out = self.answer.as_json()
        out["township_name"] = self.answer.township.name
        out["row"] = self.row
        if self.id is not None:
            out["id"] = self.id
        return out


def plan_batch(
    dispatcher: Dispatcher, rows: Sequence[Any], *, township: str | None
) -> tuple[list[tuple[Any, Township]], list[tuple[int, str]]]:
    """Each row with its township, resolved before any is answered (an unknown one: exit 2).

    Returns the rows to answer and the rows skipped with why (blank or over-long requests).
    """
    given = dispatcher.township(township) if township is not None else None
    planned: list[tuple[Any, Township]] = []
    skipped: list[tuple[int, str]] = []
    for row in rows:
        ref = (row.township or "").strip()
        if given is None and not ref:
            raise UsageError(messages.text("who.no_township"))
        try:
            check_request(row.text)
        except UsageError as problem:
            skipped.append((row.row, problem.message))
            continue
        planned.append((row, dispatcher.township(ref) if given is None else given))
    return planned, skipped
