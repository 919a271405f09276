"""Learning from a county's own dispatched tickets: the nearest past requests vote.

A county that has dispatched requests by its lists keeps the answers (the dispatch table that
`who --batch -o` writes, corrected by the dispatchers, or any csv/xlsx/jsonl with a request, a
township and the item chosen or 清单外). Requests repeat their wording far more than lists do:
the few past tickets most like a new request (character-bigram BM25, as the list match) vote
for their items, weighted by similarity, and the vote is added to the list match. Items are
carried across townships by name (one township's C012 is another's C014), so a ticket of one
township helps its neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from dutylist_cli.matching.text import bigrams

NEIGHBOURS = 5  # past tickets that vote
MIN_SIMILARITY = 0.35  # a ticket less like the request than this (to the best one) votes not
OFF_LIST_VERDICTS = frozenset({"清单外", "off_list", "off-list", "off list"})


@dataclass(frozen=True)
class Ticket:
    """One dispatched request: where it came from, what it said, what it was found to be."""

    township: str  # 9-digit code
    text: str
    items: tuple[str, ...]  # item names (empty: 清单外)

    @property
    def off_list(self) -> bool:
        return not self.items


@dataclass(frozen=True)
class Votes:
    """What the nearest tickets say of a request: item name → share, and the 清单外 share."""

    items: Mapping[str, float]
    off_list: float

    @property
    def any(self) -> bool:
        return bool(self.items) or self.off_list > 0


NO_VOTES = Votes({}, 0.0)


class TicketHistory:
    def __init__(self, tickets: Iterable[Ticket]) -> None:
        from dutylist_cli.matching.index import Bm25

        self.tickets = [t for t in tickets if t.text.strip()]
        self._index = Bm25([bigrams(t.text) for t in self.tickets], b=0.75)

    def __len__(self) -> int:
        return len(self.tickets)

    def votes(self, text: str, *, exclude: str | None = None) -> Votes:
        """The nearest tickets' votes; ``exclude`` leaves out a ticket with the same text."""
        tokens = bigrams(text)
        if not self.tickets or not tokens:
            return NO_VOTES
        scores = self._index.get_scores(tokens)
        order = (-scores).argsort(kind="stable")
        chosen = [int(i) for i in order[: NEIGHBOURS + 1] if self.tickets[int(i)].text != exclude][
            :NEIGHBOURS
        ]
        best = float(scores[chosen[0]]) if chosen else 0.0
        if best <= 0:
            return NO_VOTES
        items: dict[str, float] = {}
        off_list = total = 0.0
        for i in chosen:
            weight = float(scores[i]) / best
            if weight < MIN_SIMILARITY:
                continue
            total += weight
            ticket = self.tickets[i]
            if ticket.off_list:
                off_list += weight
            for name in ticket.items:
                items[name] = items.get(name, 0.0) + weight / len(ticket.items)
        if total == 0:
            return NO_VOTES
        return Votes({name: share / total for name, share in items.items()}, off_list / total)


def tickets_from_rows(
    rows: Iterable[tuple[str, str, str | None, str | None]],
    *,
    item_names: Callable[[str], Mapping[str, str]],
) -> list[Ticket]:
    """Tickets from (township code, text, item ids, verdict) rows; item ids become names.

    A row with neither an item nor a 清单外 verdict says nothing and is left out, and so is an
    item id its township's list does not have.
    """
    tickets: list[Ticket] = []
    for township, text, item_ids, verdict in rows:
        names_by_id = item_names(township)
        ids = [part for part in _split(item_ids or "") if part]
        names = tuple(dict.fromkeys(names_by_id[i] for i in ids if i in names_by_id))
        if names:
            tickets.append(Ticket(township, text, names))
        elif not ids and (verdict or "").strip().lower() in OFF_LIST_VERDICTS:
            tickets.append(Ticket(township, text, ()))
    return tickets


def _split(value: str) -> list[str]:
    for separator in "，、；; ":
        value = value.replace(separator, ",")
    return [part.strip() for part in value.split(",")]
