"""The answer of `dutylist who` in words: the item, why it matched, who leads, who answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.model.enums import Category

if TYPE_CHECKING:
    from dutylist_cli.matching import Match
    from dutylist_cli.use.who import BatchAnswer, WhoAnswer


_LABELS = {category.value: category.label for category in Category}


def _category(token: str, lang: str) -> str:
    return token if lang == "en" else _LABELS.get(token, token)


def _sep(lang: str) -> str:
    return ", " if lang == "en" else "、"


def _match_line(rank: int, match: Match, lang: str) -> str:
    return messages.text(
        "who.match_line",
        lang,
        rank=rank,
        item=match.item.id,
        name=match.item.name,
        category=_category(match.item.category, lang),
        score=f"{match.score:.2f}",
    )


def _why(match: Match, lang: str) -> str:
    if not match.why:
        return messages.text("who.why.none", lang)
    quoted = [f"“{w}”" if lang != "en" else f"'{w}'" for w in match.why]
    return messages.text("who.why", lang, words=_sep(lang).join(quoted))


def render_answer(answer: WhoAnswer, *, lang: str) -> str:
    township = answer.township
    lines = [
        messages.text(
            "who.head", lang, township=township.name, code=township.code, text=answer.text
        )
    ]
    matches = answer.ranking.matches
    if answer.ranking.listed:
        best = matches[0]
        item = best.item
        lines.append(
            messages.text(
                "who.listed",
                lang,
                category=_category(item.category, lang),
                item=item.id,
                name=item.name,
            )
        )
        if item.category == "basic":
            lines.append(messages.text("who.basic", lang, township=township.name))
        elif item.category == "cooperative":
            partners = (
                messages.text(
                    "who.cooperative.partners", lang, partners=_sep(lang).join(item.partners)
                )
                if item.partners
                else ""
            )
            lines.append(
                messages.text(
                    "who.cooperative",
                    lang,
                    lead=item.lead or "",
                    partners=partners,
                    township=township.name,
                )
            )
        else:
            lines.append(
                messages.text(
                    "who.recovered", lang, department=item.department or "", township=township.name
                )
            )
        lines.append(
            f"{_why(best, lang)} · {messages.text('who.score', lang, score=f'{best.score:.2f}')}"
        )
        others = matches[1:]
        if others:
            lines.append(messages.text("who.others", lang))
            lines += [_match_line(rank, m, lang) for rank, m in enumerate(others, start=2)]
    else:
        lines.append(messages.text("who.off_list", lang, township=township.name))
        lines.append(messages.text("who.off_list.how", lang))
        if matches:
            lines.append(messages.text("who.closest", lang))
            lines += [_match_line(rank, m, lang) for rank, m in enumerate(matches, start=1)]
    expansions = answer.ranking.expansions
    if expansions:
        pairs = _sep(lang).join(f"{e.word}→{'/'.join(e.terms)}" for e in expansions)
        lines.append(messages.text("who.lexicon", lang, pairs=pairs))
    if answer.findings:
        lines.append(
            messages.text("who.list_errors", lang, file=township.file, count=len(answer.findings))
        )
        lines += [f"  {finding}" for finding in answer.findings[:5]]
    return "\n".join(lines)


def render_batch(answers: Sequence[BatchAnswer], *, lang: str) -> str:
    """One line a request: row, id, township, verdict, item, handler, accountability."""
    lines = []
    for batch in answers:
        answer = batch.answer
        handler = answer.handler
        best = answer.ranking.matches[0] if answer.ranking.listed else None
        lines.append(
            messages.text(
                "who.batch.line",
                lang,
                row=batch.row,
                id=f"{batch.id}  " if batch.id else "",
                township=answer.township.name,
                verdict=messages.text(f"who.verdict.{answer.verdict}", lang),
                item=f"{best.item.id} {best.item.name}" if best is not None else "—",
                handler=handler.name if handler is not None else "—",
                accountability=messages.text(f"who.accountability.{answer.accountability}", lang),
            )
        )
    listed = sum(1 for b in answers if b.answer.ranking.listed)
    lines.append(
        messages.text(
            "who.batch.summary",
            lang,
            count=len(answers),
            listed=listed,
            off_list=len(answers) - listed,
        )
    )
    return "\n".join(lines)
