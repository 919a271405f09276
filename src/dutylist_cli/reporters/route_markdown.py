"""Markdown of `dutylist route` and the `dutylist check` summary for a pull-request comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.diagnostics import Severity
from dutylist_cli.reporters import SourceLines
from dutylist_cli.reporters.markdown_text import code_span, escape_markdown
from dutylist_cli.reporters.route_phrases import (
    ROUTES,
    change_text,
    considered_texts,
    item_text,
    joined,
    levels_text,
    needs_text,
    remapped_texts,
    route_name,
    status_text,
    summary_text,
    township_text,
    trigger_name,
)

if TYPE_CHECKING:
    from dutylist_cli.diagnostics import Diagnostic
    from dutylist_cli.gate.pull_request import GateResult
    from dutylist_cli.gate.routing import RouteDecision, RouteResult

ERRORS_SHOWN = 10
_STATUS_MARK = {"ok": "✅", "pending": "⏳", "unauthorised": "❌"}


def _table(result: RouteResult, decisions: list[RouteDecision], lang: str) -> list[str]:
    head = [messages.text(f"md.column.{c}", lang) for c in ("township", "item", "change")]
    head += [messages.text(f"md.column.{c}", lang) for c in ("record", "approved", "status")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for d in decisions:
        status = needs_text(d, lang) if d.status == "unauthorised" else status_text(d, lang)
        row = [
            township_text(d.change.township, result.townships),
            item_text(d.change),
            change_text(d.change, lang),
            d.record or "—",
            levels_text(d.approved, lang) if d.record else "—",
            f"{_STATUS_MARK.get(d.status, '')} {status}".strip(),
        ]
        lines.append("| " + " | ".join(escape_markdown(c) for c in row) + " |")
    return lines


def _changes_by_route(result: RouteResult, lang: str, level: str) -> list[str]:
    lines: list[str] = []
    for route in ROUTES:
        decisions = [d for d in result.changes if d.route == route]
        if decisions:
            title = messages.text(
                "md.route", lang, route=route_name(route, lang), count=len(decisions)
            )
            lines += ["", f"{level} {title}", "", *_table(result, decisions, lang)]
    return lines


def _records(result: RouteResult, lang: str, level: str) -> list[str]:
    if not result.records:
        return []
    head = [messages.text(f"md.column.{c}", lang) for c in ("record", "route", "approved")]
    head += [messages.text(f"md.column.{c}", lang) for c in ("status", "unused")]
    lines = ["", f"{level} {messages.text('route.records', lang)}", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for record in result.records:
        status = (
            messages.text("route.status.pending", lang, levels=levels_text(record.missing, lang))
            if record.missing
            else messages.text("route.status.ok", lang)
        )
        unused = joined((f"{c['township']}/{c['item']}" for c in record.unused_changes), lang)
        row = [
            record.id,
            route_name(record.route, lang),
            levels_text(record.approved, lang),
            status,
            unused or "—",
        ]
        lines.append("| " + " | ".join(escape_markdown(c) for c in row) + " |")
    return lines


def render_route(result: RouteResult, *, lang: str) -> str:
    lines = [f"## {messages.text('md.route.title', lang)}", "", summary_text(result, lang)]
    lines += _changes_by_route(result, lang, "###")
    lines += _records(result, lang, "###")
    return "\n".join(lines) + "\n"


# -- the gate's summary ----------------------------------------------------------------------
def _pending(result: GateResult, lang: str) -> list[str]:
    by_record: dict[str, list[RouteDecision]] = {}
    for d in result.routing.changes:
        if d.status == "pending" and d.record is not None:
            by_record.setdefault(d.record, []).append(d)
    if not by_record:
        return []
    lines = ["", f"### {messages.text('md.pending', lang)}", ""]
    for record, decisions in by_record.items():
        first = decisions[0]
        items = ", ".join(
            escape_markdown(
                f"{township_text(d.change.township, result.routing.townships)} {d.change.item}"
            )
            for d in decisions
        )
        lines.append(
            "- "
            + messages.text(
                "md.pending.record",
                lang,
                record=escape_markdown(record),
                trigger=escape_markdown(trigger_name(first.trigger or "", lang)),
                route=escape_markdown(route_name(first.route, lang)),
                approved=escape_markdown(levels_text(first.approved, lang)),
                missing=escape_markdown(levels_text(first.missing, lang)),
                items=items,
            )
        )
    return lines


def _unauthorised(result: GateResult, lang: str) -> list[str]:
    decisions = [d for d in result.routing.changes if d.status == "unauthorised"]
    if not decisions:
        return []
    lines = ["", f"### {messages.text('md.unauthorised', lang)}", ""]
    for d in decisions:
        where = township_text(d.change.township, result.routing.townships)
        what = f"{item_text(d.change)}：{change_text(d.change, lang)}"
        if lang == "en":
            what = f"{item_text(d.change)}: {change_text(d.change, lang)}"
        lines.append(
            f"- {escape_markdown(where)} · {escape_markdown(what)} — "
            f"{escape_markdown(needs_text(d, lang))}"
        )
        notes = remapped_texts(d.change, lang) + considered_texts(d, lang)
        lines += [f"  - {escape_markdown(note)}" for note in notes]
    return lines


def _edited(result: GateResult, lang: str) -> list[str]:
    if not result.edited:
        return []
    lines = ["", f"### {messages.text('md.edited', lang)}", ""]
    for e in result.edited:
        text = messages.text(
            f"check.edited.{e.change}", lang, id=escape_markdown(e.id), file=code_span(e.file)
        )
        lines.append(f"- {text}")
    return lines


def _diagnostic_line(d: Diagnostic, lang: str) -> str:
    where = code_span(f"{d.file}:{d.line}")
    return f"- {where} {d.code} {escape_markdown(messages.render_message(d, lang))}"


def _errors(result: GateResult, lang: str) -> list[str]:
    errors = [d for d in result.validation.diagnostics if d.severity is Severity.ERROR]
    if not errors:
        return []
    title = messages.text("md.errors", lang, count=len(errors))
    if len(errors) > ERRORS_SHOWN:
        title += messages.text("md.errors.first", lang, shown=ERRORS_SHOWN)
    lines = ["", f"### {title}", ""]
    lines += [_diagnostic_line(d, lang) for d in errors[:ERRORS_SHOWN]]
    return lines


def _overdue(result: GateResult, lang: str) -> list[str]:
    overdue = result.overdue
    if not overdue:
        return []
    lines = ["", f"### {messages.text('md.overdue', lang, count=len(overdue))}", ""]
    return lines + [_diagnostic_line(d, lang) for d in overdue]


def render_check(
    result: GateResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    verdict = "md.passed" if result.ok else "md.failed"
    validation = result.validation
    lines = [
        f"## {messages.text('md.check.title', lang, result=messages.text(verdict, lang))}",
        "",
        messages.text("md.base", lang, base=result.base),
        "",
        "- " + summary_text(result.routing, lang),
        "- "
        + messages.text(
            "summary" if validation.diagnostics else "summary.clean",
            lang,
            files=validation.files,
            errors=validation.errors,
            warnings=validation.warnings,
        ),
    ]
    if result.edited:
        lines.append("- " + messages.text("check.reason.edited", lang, count=len(result.edited)))
    if result.policy_changed:
        allowed = "check.policy_changed.allowed" if result.policy_change_allowed else ""
        lines += ["", "> " + messages.text(allowed or "check.policy_changed", lang)]
    if result.templates:
        lines += ["", f"### {messages.text('check.section.templates', lang)}", ""]
        lines += [f"- {code_span(name)}" for name in result.templates]
    lines += _pending(result, lang)
    lines += _unauthorised(result, lang)
    lines += _edited(result, lang)
    lines += _errors(result, lang)
    lines += _overdue(result, lang)
    if result.routing.changes:
        lines += ["", f"### {messages.text('md.changes', lang)}"]
        lines += _changes_by_route(result.routing, lang, "####")
    lines += _records(result.routing, lang, "###")
    return "\n".join(lines) + "\n"
