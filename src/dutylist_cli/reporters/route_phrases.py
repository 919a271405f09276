"""Phrases every human-readable report of `route`, `check`, `diff` and `history` shares.

Imported by the format modules (route_text, route_markdown, route_github, diff_*, history_text);
it imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dutylist_cli import messages
from dutylist_cli.model.enums import ApprovalLevel, Category, LabeledEnum, Trigger

if TYPE_CHECKING:
    from dutylist_cli.audit.diffing import ItemChange
    from dutylist_cli.gate.routing import RouteDecision, RouteResult

ROUTES = ("admission", "dynamic", "editorial")


def joined(parts: Iterable[str], lang: str) -> str:
    return messages.text("route.sep", lang).join(parts)


def _labels(enum: type[LabeledEnum]) -> dict[str, str]:
    return {member.value: member.label for member in enum}


def level_name(level: str, lang: str) -> str:
    if lang == "en":
        return level
    return _labels(ApprovalLevel).get(level, level)


def levels_text(levels: Iterable[str], lang: str) -> str:
    names = [level_name(level, lang) for level in levels]
    return joined(names, lang) if names else messages.text("route.none", lang)


def route_name(route: str, lang: str) -> str:
    return messages.text(f"route.{route}", lang) if route in ROUTES else route


def trigger_name(token: str, lang: str) -> str:
    if lang == "en":
        return token.replace("_", " ")
    return _labels(Trigger).get(token, token)


def category_name(category: str | None, lang: str) -> str:
    if category is None:
        return ""
    if lang == "en":
        return category
    return _labels(Category).get(category, category)


# the item fields with a published heading (list-format §2), shown by it in every report
_FIELDS = frozenset(
    {
        "name",
        "domain",
        "content",
        "basis",
        "units",
        "posts",
        "lead",
        "partners",
        "department_duties",
        "township_duties",
        "department",
        "working_mode",
        "penalty_powers",
        "handover",
        "remarks",
        "source",
        "keywords",
    }
)


def field_label(field: str, lang: str) -> str:
    """具体内容 for content: the published heading, as the printed list has it."""
    return messages.text(f"diff.field.{field}", lang) if field in _FIELDS else field


def fields_text(fields: Iterable[str], lang: str) -> str:
    return joined((field_label(f, lang) for f in fields), lang)


def change_text(change: ItemChange, lang: str) -> str:
    """新增（配合履职事项）, 调整类别（上级部门收回事项 → 基本履职事项）, 修改（具体内容）."""
    verb = messages.text(f"change.{change.change}", lang)
    if change.change == "moved":
        detail = f"{category_name(change.source, lang)} → {category_name(change.target, lang)}"
    elif change.change == "modified":
        detail = fields_text(change.fields, lang)
    else:
        detail = category_name(change.category, lang)
    return messages.text("route.change", lang, verb=verb, detail=detail)


def item_text(change: ItemChange) -> str:
    fields = change.after or change.before or {}
    name = fields.get("name")
    return f"{change.item} {name}" if isinstance(name, str) and name else change.item


def township_text(code: str, names: dict[str, str]) -> str:
    name = names.get(code)
    return f"{code} {name}" if name else code


def status_text(decision: RouteDecision, lang: str) -> str:
    """通过 / 待省级审批 / 需补调整记录."""
    if decision.status == "pending":
        return messages.text(
            "route.status.pending", lang, levels=levels_text(decision.missing, lang)
        )
    return messages.text(f"route.status.{decision.status}", lang)


def considered_texts(decision: RouteDecision, lang: str) -> list[str]:
    """Why each record that lists the item does not authorise this change."""
    texts = []
    for considered in decision.considered:
        action = messages.text(f"action.{considered.action}", lang)
        texts.append(
            messages.text(
                f"route.considered.{considered.reason}",
                lang,
                record=considered.record,
                action=action,
                to=category_name(considered.to, lang),
            )
        )
    return texts


def remapped_texts(change: ItemChange, lang: str) -> list[str]:
    """Departments that changed through the registry while the list kept the same name."""

    def name(value: Any) -> str:
        return joined(value, lang) if isinstance(value, list) else str(value)

    return [
        messages.text("route.remapped", lang, field=f, old=name(a), new=name(b))
        for f, a, b in change.remapped
    ]


def needs_text(decision: RouteDecision, lang: str) -> str:
    """What an unauthorised change needs: a record, and the approvals its route requires."""
    return messages.text(
        "route.needs_record",
        lang,
        route=route_name(decision.route, lang),
        levels=levels_text(decision.required, lang),
    )


def summary_text(result: RouteResult, lang: str) -> str:
    changes = result.changes
    if not changes:
        return messages.text("route.no_changes", lang)
    count = {route: sum(1 for d in changes if d.route == route) for route in ROUTES}
    return messages.text(
        "route.summary",
        lang,
        changes=len(changes),
        admission=count["admission"],
        dynamic=count["dynamic"],
        editorial=count["editorial"],
        pending=sum(1 for d in changes if d.status == "pending"),
        unauthorised=sum(1 for d in changes if d.status == "unauthorised"),
    )
