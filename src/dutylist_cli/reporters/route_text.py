"""Plain-text output of `dutylist route` and `dutylist check`, and `route --explain`."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.reporters import SourceLines
from dutylist_cli.reporters.route_phrases import (
    ROUTES,
    category_name,
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
    from dutylist_cli.gate.pull_request import GateResult
    from dutylist_cli.gate.routing import Policy, RecordRoute, RouteDecision, RouteResult

_DOT = " · "


def _decision_lines(decision: RouteDecision, lang: str) -> list[str]:
    notes = remapped_texts(decision.change, lang) + considered_texts(decision, lang)
    return [_decision_line(decision, lang)] + ["    " + note for note in notes]


def _decision_line(decision: RouteDecision, lang: str) -> str:
    route = route_name(decision.route, lang)
    if decision.heavier:
        route += messages.text("route.heavier", lang)
    parts = [item_text(decision.change), change_text(decision.change, lang), route]
    if decision.record is not None:
        approved = levels_text(decision.approved, lang)
        parts.append(messages.text("route.record", lang, id=decision.record))
        parts.append(messages.text("route.approved", lang, levels=approved))
    if decision.status == "unauthorised":
        parts.append(needs_text(decision, lang))
    else:
        parts.append(status_text(decision, lang))
    return "  " + _DOT.join(parts)


def _record_lines(record: RecordRoute, lang: str) -> list[str]:
    status = (
        messages.text("route.status.pending", lang, levels=levels_text(record.missing, lang))
        if record.missing
        else messages.text("route.status.ok", lang)
    )
    head = _DOT.join(
        [
            f"{record.id}（{record.file}）" if lang != "en" else f"{record.id} ({record.file})",
            route_name(record.route, lang),
            messages.text("route.approved", lang, levels=levels_text(record.approved, lang)),
            status,
        ]
    )
    lines = ["  " + head]
    if record.unused_changes:
        listed = joined((_unused_text(c, lang) for c in record.unused_changes), lang)
        lines.append("    " + messages.text("route.unused", lang, changes=listed))
    return lines


def _unused_text(change: dict[str, str], lang: str) -> str:
    action = messages.text("action." + change["action"], lang)
    return messages.text(
        "route.change", lang, verb=f"{change['township']}/{change['item']}", detail=action
    )


def route_lines(result: RouteResult, lang: str) -> list[str]:
    """The changes grouped by township, then the records, then the count."""
    lines: list[str] = []
    for township, group in groupby(result.changes, key=lambda d: d.change.township):
        lines.append(township_text(township, result.townships))
        for decision in group:
            lines.extend(_decision_lines(decision, lang))
    if result.records:
        if lines:
            lines.append("")
        lines.append(messages.text("route.records", lang))
        for record in result.records:
            lines.extend(_record_lines(record, lang))
    if lines:
        lines.append("")
    lines.append(summary_text(result, lang))
    return lines


def render_route(result: RouteResult, *, lang: str) -> str:
    return "\n".join(route_lines(result, lang))


def render_check(
    result: GateResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    from dutylist_cli.reporters import text

    lines = [
        messages.text("check.section.validate", lang),
        text.render(result.validation, lang=lang, source=source, color=color, width=width),
        "",
        messages.text("check.section.route", lang, base=result.base),
        *route_lines(result.routing, lang),
    ]
    if result.policy_changed:
        allowed = "check.policy_changed.allowed" if result.policy_change_allowed else ""
        lines += ["", messages.text(allowed or "check.policy_changed", lang)]
    if result.templates:
        lines += ["", messages.text("check.section.templates", lang)]
        lines += [f"  {name}" for name in result.templates]
    if result.edited:
        lines += ["", messages.text("check.section.edited", lang)]
        lines += ["  " + edited_text(e.id, e.file, e.change, lang) for e in result.edited]
    lines += ["", verdict_text(result, lang)]
    return "\n".join(lines)


def edited_text(record_id: str, file: str, change: str, lang: str) -> str:
    return messages.text(f"check.edited.{change}", lang, id=record_id, file=file)


def verdict_text(result: GateResult, lang: str) -> str:
    """检查结果：未通过（…）, with what failed it."""
    if result.ok:
        return messages.text("check.verdict.ok", lang)
    reasons = []
    if result.validation.errors:
        reasons.append(messages.text("check.reason.errors", lang, count=result.validation.errors))
    blocked = result.routing.blocked
    pending = sum(1 for d in blocked if d.status == "pending")
    if pending:
        reasons.append(messages.text("check.reason.pending", lang, count=pending))
    if len(blocked) > pending:
        reasons.append(
            messages.text("check.reason.unauthorised", lang, count=len(blocked) - pending)
        )
    if result.edited:
        reasons.append(messages.text("check.reason.edited", lang, count=len(result.edited)))
    if result.policy_blocked:
        reasons.append(messages.text("check.reason.policy", lang))
    return messages.text("check.verdict.failed", lang, reasons=joined(reasons, lang))


# -- route --explain -------------------------------------------------------------------------
_LIGHT_TO_HEAVY = ("recovered", "cooperative", "basic")


def _category_rank(category: str) -> tuple[int, str]:
    rank = _LIGHT_TO_HEAVY.index(category) if category in _LIGHT_TO_HEAVY else -1
    return rank, category


def render_explain(policy: Policy, *, lang: str) -> str:
    """The policy in force, in words: routes and approvals, triggers, what counts as heavier."""
    source = "explain.source.config" if policy.overridden else "explain.source.default"
    lines = [
        messages.text("explain.title", lang, source=messages.text(source, lang)),
        "",
        messages.text("explain.approvals", lang),
    ]
    for route in ROUTES[:2]:
        levels = [level.value for level in policy.approvals.get(route, ())]
        wanted = (
            messages.text("explain.levels", lang, levels=levels_text(levels, lang))
            if levels
            else messages.text("explain.no_approval", lang)
        )
        lines.append(
            messages.text(
                "explain.route", lang, route=route_name(route, lang), token=route, levels=wanted
            )
        )
    lines.append(messages.text("explain.editorial", lang))
    lines += ["", messages.text("explain.rules", lang)]
    lines += [
        messages.text(f"explain.rule.{rule}", lang)
        for rule in ("match", "spent", "approval", "policy", "departments")
    ]
    wording = policy.wording
    if wording.max_chars:
        lines.append(
            messages.text(
                "explain.rule.wording.allowance",
                lang,
                chars=wording.max_chars,
                ratio=wording.min_ratio,
            )
        )
    else:
        lines.append(messages.text("explain.rule.wording.strict", lang))
    lines += ["", messages.text("explain.triggers", lang)]
    for token, rule in policy.triggers.items():
        key = "explain.trigger.any" if rule.heavier == rule.lighter else "explain.trigger"
        lines.append(
            messages.text(
                key,
                lang,
                label=trigger_name(token, lang),
                token=token,
                heavier=route_name(rule.heavier, lang),
                lighter=route_name(rule.lighter, lang),
            )
        )
    adds = sorted(policy.heavier_adds, key=_category_rank, reverse=True)
    moves = sorted(policy.heavier_moves, key=lambda m: (_category_rank(m[1]), _category_rank(m[0])))
    lines += [
        "",
        messages.text("explain.heavier", lang),
        messages.text(
            "explain.heavier_adds",
            lang,
            categories=joined((category_name(c, lang) for c in adds), lang)
            or messages.text("route.none", lang),
        ),
        messages.text(
            "explain.heavier_moves",
            lang,
            moves=joined(
                (f"{category_name(a, lang)} → {category_name(b, lang)}" for a, b in moves), lang
            )
            or messages.text("route.none", lang),
        ),
        messages.text("explain.lighter", lang),
    ]
    return "\n".join(lines)
