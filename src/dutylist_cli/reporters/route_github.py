"""`dutylist check --format github`: validation annotations, then one error per blocked change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.reporters import SourceLines, github
from dutylist_cli.reporters.route_phrases import (
    change_text,
    item_text,
    needs_text,
    status_text,
)
from dutylist_cli.reporters.route_text import edited_text, verdict_text

if TYPE_CHECKING:
    from dutylist_cli.gate.pull_request import GateResult
    from dutylist_cli.gate.routing import RouteDecision


def _properties(file: str | None, line: int | None, title: str) -> str:
    parts = []
    if file is not None:
        parts.append(f"file={github.escape_property(file)}")
        if line:
            parts.append(f"line={line}")
    parts.append(f"title={github.escape_property(title)}")
    return ",".join(parts)


def _blocked_line(result: GateResult, decision: RouteDecision, lang: str) -> str:
    change = decision.change
    where = result.locations.get((change.township, change.item))
    title = messages.text(f"github.title.{decision.status}", lang)
    status = (
        needs_text(decision, lang)
        if decision.status == "unauthorised"
        else status_text(decision, lang)
    )
    message = messages.text(
        "github.blocked" if decision.record else "github.blocked.unauthorised",
        lang,
        township=change.township,
        item=item_text(change),
        change=change_text(change, lang),
        status=status,
        record=decision.record or "",
    )
    properties = _properties(where.file if where else None, where.line if where else None, title)
    return f"::error {properties}::{github.escape_data(message)}"


def render_check(
    result: GateResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    lines = [github.render(result.validation, lang=lang)]
    lines += [_blocked_line(result, d, lang) for d in result.routing.blocked]
    title = messages.text("github.title.edited", lang)
    for e in result.edited:
        properties = _properties(e.file, 1, title)
        message = edited_text(e.id, e.file, e.change, lang)
        lines.append(f"::error {properties}::{github.escape_data(message)}")
    if result.policy_blocked:
        title = messages.text("check.reason.policy", lang)
        message = messages.text("check.policy_changed", lang)
        lines.append(
            f"::error {_properties('dutylist.yaml', 1, title)}::{github.escape_data(message)}"
        )
    command = "notice" if result.ok else "error"
    lines.append(
        f"::{command} title=dutylist check::{github.escape_data(verdict_text(result, lang))}"
    )
    return "\n".join(lines)
