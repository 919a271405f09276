"""`dutylist diff --format markdown`: a pull-request comment with a summary table per township."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.reporters.diffs import (
    ChangeCounts,
    category_title,
    change_phrase,
    counts_by_township,
    grouped,
    revision_label,
    summary_text,
    suspect_text,
    township_label,
    wording,
)
from dutylist_cli.reporters.markdown_text import code_span, escape_html, escape_markdown
from dutylist_cli.reporters.route_phrases import item_text

if TYPE_CHECKING:
    from dutylist_cli.audit.diffing import DiffResult, ItemChange

_COLUMNS = ("added", "removed", "modified", "moved")


def _counts_row(label: str, counts: ChangeCounts, lang: str) -> str:
    modified = str(counts.modified)
    if counts.editorial:
        modified = messages.text(
            "diff.md.count.editorial", lang, count=counts.modified, editorial=counts.editorial
        )
    cells = [label, str(counts.added), str(counts.removed), modified, str(counts.moved)]
    return "| " + " | ".join(cells) + " |"


def _summary_table(result: DiffResult, lang: str) -> list[str]:
    head = [messages.text("md.column.township", lang)]
    head += [messages.text(f"diff.md.column.{c}", lang) for c in _COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * len(_COLUMNS)]
    counts = counts_by_township(result)
    for code in sorted(counts):
        lines.append(_counts_row(escape_markdown(township_label(result, code)), counts[code], lang))
    if len(counts) > 1:
        total = ChangeCounts()
        for change in result.changes:
            total.add(change)
        label = f"**{messages.text('diff.md.total', lang)}**"
        lines.append(_counts_row(label, total, lang))
    return lines


def _change_lines(change: ItemChange, lang: str) -> list[str]:
    colon = ": " if lang == "en" else "："
    name, phrase = escape_markdown(item_text(change)), escape_markdown(change_phrase(change, lang))
    lines = [f"- **{name}**{colon}{phrase}"]
    old_label = messages.text("diff.column.old", lang)
    new_label = messages.text("diff.column.new", lang)
    for field, old, new in wording(change, lang):
        lines.append(f"  - {escape_markdown(field)}")
        lines.append(f"    - {old_label}{colon}{escape_markdown(old)}")
        lines.append(f"    - {new_label}{colon}{escape_markdown(new)}")
    return lines


def _township_sections(result: DiffResult, lang: str) -> list[str]:
    counts = counts_by_township(result)
    lines: list[str] = []
    for code, categories in grouped(result):
        title = messages.text(
            "diff.md.township",
            lang,
            township=escape_html(township_label(result, code)),
            count=counts[code].total,
        )
        lines += ["", "<details>", f"<summary>{title}</summary>"]
        for category, changes in categories:
            lines += ["", f"**{category_title(category, lang)}**", ""]
            for change in changes:
                lines += _change_lines(change, lang)
        lines += ["", "</details>"]
    return lines


def _attention(result: DiffResult, lang: str) -> list[str]:
    notes = [
        f"- ⚠️ {escape_markdown(township_label(result, s.township))}"
        f"{': ' if lang == 'en' else '：'}{escape_markdown(suspect_text(s, result, lang))}"
        for s in result.suspects
    ]
    notes += [
        f"- ⚠️ {messages.text('diff.md.unreadable', lang, file=code_span(name))}"
        for name in result.unreadable
    ]
    if not notes:
        return []
    return ["", f"### {messages.text('diff.suspects', lang)}", "", *notes]


def render(result: DiffResult, *, lang: str, color: bool = False, width: int = 100) -> str:
    old, new = revision_label(result.old, lang), revision_label(result.new, lang)
    lines = [f"## {messages.text('diff.title', lang, old=f'`{old}`', new=f'`{new}`')}", ""]
    lines.append(escape_markdown(summary_text(result, lang)))
    if result.changes:
        lines += ["", *_summary_table(result, lang)]
        lines += _township_sections(result, lang)
    lines += _attention(result, lang)
    return "\n".join(lines) + "\n"
