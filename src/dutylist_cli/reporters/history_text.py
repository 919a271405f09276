"""Plain-text output of `dutylist history` (a log) and `dutylist blame` (a rich table)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.audit.diffing import CATEGORIES
from dutylist_cli.reporters.route_phrases import category_name, change_text, item_text, joined

if TYPE_CHECKING:
    from dutylist_cli.audit.blame import BlameLine, BlameResult
    from dutylist_cli.audit.diffing import ItemChange
    from dutylist_cli.audit.history import HistoryEntry, HistoryResult

_MARK = {"added": "+", "removed": "-", "moved": "→", "modified": "~"}
BULK = 10  # more additions (or removals) than this in one commit are counted, not listed


def short(sha: str) -> str:
    return sha[:8]


def date_text(date: str) -> str:
    """2025-06-02T10:00:00+08:00 -> 2025-06-02 10:00:00+08:00 (the offset is kept: it matters)."""
    return date.replace("T", " ", 1)


def township_title(code: str, name: str, lang: str) -> str:
    if not name:
        return code
    return f"{name} ({code})" if lang == "en" else f"{name}（{code}）"


def _change_line(change: ItemChange, lang: str) -> str:
    line = f"  {_MARK.get(change.change, '?')} {item_text(change)}：{change_text(change, lang)}"
    if change.change == "modified" and change.editorial:
        line += " · " + messages.text("history.editorial", lang)
    return line if lang != "en" else line.replace("：", ": ", 1)


def _entry_lines(entry: HistoryEntry, lang: str) -> list[str]:
    lines = [
        f"{short(entry.commit)}  {date_text(entry.date)}  {entry.author}",
        f"  {entry.message}",
    ]
    if entry.merge:
        lines.append("  " + messages.text("history.merge", lang))
    if entry.renamed:
        old, new = entry.renamed
        lines.append("  " + messages.text("history.renamed", lang, old=old, new=new))
    if entry.records:
        records = joined(entry.records, lang)
        lines.append("  " + messages.text("history.records", lang, records=records))
    later = [r for r in entry.approved_by if r not in entry.records]
    if later:
        lines.append("  " + messages.text("history.approved_by", lang, records=joined(later, lang)))
    if entry.unreadable:
        files = joined(entry.unreadable, lang)
        lines.append("  " + messages.text("history.unreadable", lang, files=files))
    kinds = {change.change for change in entry.changes}
    if len(entry.changes) > BULK and kinds in ({"added"}, {"removed"}):
        lines.append(_bulk_line(entry.changes, lang))
    else:
        lines.extend(_change_line(change, lang) for change in entry.changes)
    return lines


def _bulk_line(changes: Sequence[ItemChange], lang: str) -> str:
    """A list created or dropped as a whole: counted by category, not listed item by item."""
    kind = changes[0].change
    counts = Counter(change.category for change in changes)
    categories = joined(
        (
            messages.text(
                "history.bulk.category", lang, category=category_name(c, lang), count=counts[c]
            )
            for c in CATEGORIES
            if counts[c]
        ),
        lang,
    )
    verb = messages.text(f"change.{kind}", lang)
    text = messages.text("history.bulk", lang, verb=verb, count=len(changes), categories=categories)
    return f"  {_MARK[kind]} {text}"


def _truncation_lines(boundary: tuple[str, ...], lang: str) -> list[str]:
    if not boundary:
        return []
    commits = joined((short(sha) for sha in boundary), lang)
    return [
        messages.text("history.truncated", lang, commits=commits),
        messages.text("history.truncated.hint", lang),
    ]


def render_history(result: HistoryResult, *, lang: str, width: int = 100) -> str:
    township = township_title(result.township, result.name, lang)
    if not result.entries:
        lines = [messages.text("history.none", lang, revision=result.revision, township=township)]
        return "\n".join(lines + _truncation_lines(result.boundary, lang))
    key, args = "history.title", {"township": township, "count": len(result.entries)}
    if result.item is not None:
        key, args = "history.title.item", {**args, "item": result.item}
    lines = [messages.text(key, lang, **args)]
    for entry in result.entries:
        lines += ["", *_entry_lines(entry, lang)]
    tail = _truncation_lines(result.boundary, lang)
    return "\n".join(lines + (["", *tail] if tail else []))


def author_name(author: str) -> str:
    """张三 <zhangsan@example.cn> -> 张三 (the table is narrow; JSON keeps the address)."""
    name = author.split(" <", 1)[0]
    return name or author


def _blame_cells(line: BlameLine, lang: str) -> list[str]:
    entry = line.entry
    if entry is None:
        key = "blame.uncommitted" if line.uncommitted else "blame.unseen"
        return [messages.text(key, lang), "", "", ""]
    change = messages.text(f"change.{line.change}", lang) if line.change else ""
    day = date_text(entry.date)[:16]  # to the minute; the offset is in the JSON
    return [f"{short(entry.commit)} {change}", author_name(entry.author), day, entry.message]


def render_blame(result: BlameResult, *, lang: str, width: int = 100) -> str:
    from rich.console import Console
    from rich.table import Table

    township = township_title(result.township, result.name, lang)
    table = Table(
        title=messages.text("blame.title", lang, file=result.file, township=township),
        title_justify="left",
    )
    for column in ("item", "name", "commit", "author", "date", "message"):
        wraps = column in ("name", "message", "author")
        table.add_column(
            messages.text(f"blame.column.{column}", lang),
            overflow="fold" if wraps else "ellipsis",
            no_wrap=not wraps,
        )
    for line in result.items:
        table.add_row(line.item, line.name, *_blame_cells(line, lang))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, markup=False)
    console.print(table)
    lines = [row.rstrip() for row in buffer.getvalue().rstrip("\n").splitlines()]
    if any(line.uncommitted for line in result.items):
        lines.append(messages.text("blame.uncommitted.note", lang))
    return "\n".join(lines + _truncation_lines(result.boundary, lang))
