"""Human output: each finding with its source line and a caret, grouped by file, then a summary."""

from __future__ import annotations

import io
import unicodedata
from itertools import groupby

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

_GUTTER = 5  # digits of the line-number gutter


def summary(result: ValidationResult, lang: str) -> str:
    key = "summary" if result.diagnostics else "summary.clean"
    return messages.text(
        key, lang, files=result.files, errors=result.errors, warnings=result.warnings
    )


def visible(line: str) -> str:
    """The source line as shown: invisible characters (DL207's findings) get a visible stand-in.

    A tab becomes one space and a control character its Control Pictures sign (U+2400 block),
    both one cell wide; a zero-width format character becomes <U+200B>. The caret offset is the
    cell width of the shown prefix, so it stays right whatever was replaced.
    """
    shown = []
    for char in line:
        if char == "\t":
            shown.append(" ")
        elif char < " " or char == "\x7f":
            shown.append(chr(0x2421 if char == "\x7f" else 0x2400 + ord(char)))
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            shown.append(f"<U+{ord(char):04X}>")
        else:
            shown.append(char)
    return "".join(shown)


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    if not result.diagnostics:  # the common case stays cheap: rich is not even imported
        return summary(result, lang)
    from rich.cells import cell_len
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
    )

    # soft_wrap and no overflow: rich then neither cuts (ellipsis, or "fold" combined with
    # soft_wrap) nor hard-wraps ("fold" alone splits path:line:col and the Chinese message at
    # `width`); the terminal wraps long lines itself, and every finding stays one greppable line.
    def emit(text: Text) -> None:
        console.print(text, soft_wrap=True)

    ordered = sorted(result.diagnostics, key=Diagnostic.sort_key)
    for file, group in groupby(ordered, key=lambda d: d.file):
        emit(Text(file, style="bold underline"))
        for d in group:
            style = "bold red" if d.severity is Severity.ERROR else "bold yellow"
            label = messages.text("error" if d.severity is Severity.ERROR else "warning", lang)
            head = Text()
            head.append(f"{file}:{d.line}:{d.column}: ", style="bold")
            head.append(f"{label} {d.code}", style=style)
            if d.item:
                head.append(f" [{d.item}]", style="cyan")
            head.append(" " + messages.render_message(d, lang))
            emit(head)
            line = source(file, d.line) if source and d.line > 0 else None
            if line is None:
                continue
            prefix = visible(line[: max(d.column - 1, 0)])
            emit(Text(f"{d.line:>{_GUTTER}} | ", style="dim") + Text(visible(line)))
            emit(
                Text(" " * _GUTTER + " | ", style="dim")
                + Text(" " * cell_len(prefix) + "^", style=style)
            )
        emit(Text())
    emit(Text(summary(result, lang), style="bold"))
    return buffer.getvalue().rstrip("\n")
