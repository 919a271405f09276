"""Reporters of `dutylist diff`: the format registry and the phrases every format shares."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from dutylist_cli import messages
from dutylist_cli.reporters.route_phrases import (
    category_name,
    field_label,
    fields_text,
    item_text,
    joined,
    township_text,
)

if TYPE_CHECKING:
    from dutylist_cli.audit.diffing import DiffResult, ItemChange, SuspectChange

CATEGORY_ORDER = ("basic", "cooperative", "recovered")


class DiffReporter(Protocol):
    def __call__(
        self, result: DiffResult, *, lang: str, color: bool = False, width: int = 100
    ) -> str: ...


def _deferred(module: str) -> DiffReporter:
    """reporters/<module>.py's render, imported on first call."""

    def render(result: DiffResult, *, lang: str, color: bool = False, width: int = 100) -> str:
        loaded: DiffReporter = importlib.import_module(f"dutylist_cli.reporters.{module}").render
        return loaded(result, lang=lang, color=color, width=width)

    render.__qualname__ = f"{module}.render"
    return render


# `diff --format` choices come from here: a new format is one module and one entry.
DIFF_REPORTER_BY_NAME: dict[str, DiffReporter] = {
    "text": _deferred("diff_text"),
    "json": _deferred("diff_json"),
    "markdown": _deferred("diff_markdown"),
}
DIFF_FORMATS = tuple(DIFF_REPORTER_BY_NAME)


# -- phrases -------------------------------------------------------------------------------------
def revision_label(label: str, lang: str) -> str:
    """A side of the diff as people read it: the working tree gets its name in words."""
    from dutylist_cli.store.git import WORKTREE

    return messages.text("diff.worktree", lang) if label == WORKTREE else label


def category_title(category: str | None, lang: str) -> str:
    if category in CATEGORY_ORDER:
        return messages.text(f"diff.category.{category}", lang)
    return category or ""


def change_phrase(change: ItemChange, lang: str) -> str:
    """新增 / 取消 / 类别调整：从基本履职事项到配合履职事项 / 修改：具体内容（文字修改）."""
    if change.change == "moved":
        phrase = messages.text(
            "diff.moved",
            lang,
            source=category_name(change.source, lang),
            target=category_name(change.target, lang),
        )
        if change.fields:
            phrase += messages.text(
                "diff.moved.fields", lang, fields=fields_text(change.fields, lang)
            )
        return phrase
    if change.change == "modified":
        phrase = messages.text("diff.modified", lang, fields=fields_text(change.fields, lang))
        return phrase + (messages.text("diff.editorial", lang) if change.editorial else "")
    return messages.text(f"diff.{change.change}", lang)


def value_text(value: Any, lang: str) -> str:
    """A field's value as one line of text; absent values say so."""
    if value is None or value == "" or value == []:
        return messages.text("diff.absent", lang)
    if isinstance(value, Mapping):
        return joined((value_text(v, lang) for v in value.values()), lang)
    if isinstance(value, list):
        return messages.text("route.sep", lang).join(value_text(v, lang) for v in value)
    return str(value).strip()


def wording(change: ItemChange, lang: str) -> list[tuple[str, str, str]]:
    """(field label, old text, new text) for each changed field of a modified or moved item."""
    if change.change not in ("modified", "moved"):
        return []
    before, after = change.before or {}, change.after or {}
    return [
        (field_label(f, lang), value_text(before.get(f), lang), value_text(after.get(f), lang))
        for f in change.fields
    ]


def _named_item(result: DiffResult, township: str, item: str) -> str:
    for change in result.changes:
        if change.township == township and change.item == item:
            return item_text(change)
    return item


def suspect_text(suspect: SuspectChange, result: DiffResult, lang: str) -> str:
    old = _named_item(result, suspect.township, suspect.old_item)
    new = _named_item(result, suspect.township, suspect.new_item)
    similarity = f"{round(suspect.similarity * 100)}%"
    if suspect.kind == "returned":
        return messages.text(
            "diff.suspect.returned",
            lang,
            old=old,
            new=new,
            old_category=category_name(suspect.old_category, lang),
            new_category=category_name(suspect.new_category, lang),
            similarity=similarity,
        )
    return messages.text(
        "diff.suspect.rename",
        lang,
        old=old,
        new=new,
        category=category_name(suspect.new_category, lang),
        similarity=similarity,
    )


def township_label(result: DiffResult, code: str) -> str:
    return township_text(code, result.townships)


# -- counting and grouping -----------------------------------------------------------------------
@dataclass
class ChangeCounts:
    """新增 / 取消 / 调整 (of which editorial) / 类别变更 of one township or of all."""

    added: int = 0
    removed: int = 0
    modified: int = 0
    editorial: int = 0
    moved: int = 0

    def add(self, change: ItemChange) -> None:
        if change.change == "added":
            self.added += 1
        elif change.change == "removed":
            self.removed += 1
        elif change.change == "moved":
            self.moved += 1
        else:
            self.modified += 1
            self.editorial += bool(change.editorial)

    @property
    def total(self) -> int:
        return self.added + self.removed + self.modified + self.moved


def counts_by_township(result: DiffResult) -> dict[str, ChangeCounts]:
    counts: dict[str, ChangeCounts] = {}
    for change in result.changes:
        counts.setdefault(change.township, ChangeCounts()).add(change)
    return counts


def grouped(result: DiffResult) -> Iterator[tuple[str, list[tuple[str, list[ItemChange]]]]]:
    """Township by township (in code order), the changes by category (a moved item: its new)."""
    by_township: dict[str, dict[str, list[ItemChange]]] = {}
    for change in result.changes:
        categories = by_township.setdefault(change.township, {})
        categories.setdefault(change.category or "", []).append(change)
    for code in sorted(by_township):
        categories = by_township[code]
        order = sorted(categories, key=lambda c: (_rank(c), c))
        yield code, [(category, categories[category]) for category in order]


def _rank(category: str) -> int:
    return CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)


def summary_text(result: DiffResult, lang: str) -> str:
    """共 5 项变动，涉及 2 个乡镇：新增 1，取消 1，调整 2（其中文字修改 1），类别变更 1……"""
    if not result.changes:
        old, new = revision_label(result.old, lang), revision_label(result.new, lang)
        return messages.text("diff.none", lang, old=old, new=new)
    total = ChangeCounts()
    for change in result.changes:
        total.add(change)
    modified = str(total.modified)
    if total.editorial:
        modified += messages.text("diff.summary.editorial", lang, count=total.editorial)
    text = messages.text(
        "diff.summary",
        lang,
        total=total.total,
        townships=len({c.township for c in result.changes}),
        added=total.added,
        removed=total.removed,
        modified=modified,
        moved=total.moved,
    )
    if result.suspects:
        text += messages.text("diff.summary.suspects", lang, count=len(result.suspects))
    return text
