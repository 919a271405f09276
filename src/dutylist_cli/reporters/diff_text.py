"""`diff --format text`: changes by township and category, old and new wording side by side."""

from __future__ import annotations

import difflib
import io
from typing import TYPE_CHECKING

from dutylist_cli import messages
from dutylist_cli.reporters.diffs import (
    category_title,
    change_phrase,
    grouped,
    revision_label,
    summary_text,
    suspect_text,
    township_label,
    wording,
)
from dutylist_cli.reporters.route_phrases import item_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from dutylist_cli.audit.diffing import DiffResult, ItemChange

_MARK = {"added": "+", "removed": "-", "moved": "→", "modified": "~"}
_STYLE = {"added": "green", "removed": "red", "moved": "yellow", "modified": "cyan"}
_INDENT = 6  # the wording tables sit under their change line
_TABLE_WIDTH = 120  # wider than this and short wordings drown in a wide terminal


def _marked(old: str, new: str) -> tuple[Text, Text]:
    """The two wordings with what differs highlighted (visible only when colour is on)."""
    from rich.text import Text

    before, after = Text(old), Text(new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            before.stylize("bold red", i1, i2)
        if tag in ("replace", "insert"):
            after.stylize("bold green", j1, j2)
    return before, after


def _print_wording(console: Console, change: ItemChange, lang: str, width: int) -> None:
    """One table per item: a row per changed field, its old and new wording side by side."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table

    rows = wording(change, lang)
    if not rows:
        return
    table = Table(
        box=box.SQUARE,
        show_lines=len(rows) > 1,
        width=max(min(width - _INDENT, _TABLE_WIDTH), 30),
    )
    # fold, never ellipsis: an ellipsis would cut the Chinese wording a reviewer must read
    table.add_column("", overflow="fold", style="dim")
    table.add_column(messages.text("diff.column.old", lang), overflow="fold", ratio=1)
    table.add_column(messages.text("diff.column.new", lang), overflow="fold", ratio=1)
    for label, old, new in rows:
        table.add_row(label, *_marked(old, new))
    console.print(Padding(table, (0, 0, 0, _INDENT)))


def _change_line(change: ItemChange, lang: str) -> Text:
    from rich.text import Text

    style = "dim" if change.editorial else _STYLE.get(change.change, "")
    line = Text("    ")
    line.append(_MARK.get(change.change, "?") + " ", style=style)
    line.append(item_text(change), style="bold")
    line.append(": " if lang == "en" else "：")
    line.append(change_phrase(change, lang), style=style)
    return line


def render(result: DiffResult, *, lang: str, color: bool = False, width: int = 100) -> str:
    if not result.changes:
        return summary_text(result, lang)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
    )
    old, new = revision_label(result.old, lang), revision_label(result.new, lang)
    console.print(Text(messages.text("diff.title", lang, old=old, new=new), style="bold"))
    for code, categories in grouped(result):
        console.print()
        console.print(Text(township_label(result, code), style="bold underline"))
        for category, changes in categories:
            console.print(Text("  " + category_title(category, lang), style="bold"))
            for change in changes:
                # soft_wrap: the terminal wraps a long line; rich neither cuts nor splits it
                console.print(_change_line(change, lang), soft_wrap=True)
                _print_wording(console, change, lang, width)
    if result.suspects:
        console.print()
        console.print(Text(messages.text("diff.suspects", lang), style="bold yellow"))
        for suspect in result.suspects:
            where = township_label(result, suspect.township)
            line = Text("  ! ", style="bold yellow")
            line.append(where + (": " if lang == "en" else "："))
            line.append(suspect_text(suspect, result, lang))
            console.print(line, soft_wrap=True)
    console.print()
    console.print(Text(summary_text(result, lang), style="bold"), soft_wrap=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").splitlines())
