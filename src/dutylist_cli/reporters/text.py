"""Human output: each finding with its source line and a caret, grouped by file, then a summary."""

from __future__ import annotations

import io
from itertools import groupby

from dutylist_cli import messages
from dutylist_cli.diagnostics import Severity, ValidationResult
from dutylist_cli.reporters import SourceLines


def _summary(result: ValidationResult, lang: str) -> str:
    key = "summary" if result.diagnostics else "summary.clean"
    return messages.text(
        key, lang, files=result.files, errors=result.errors, warnings=result.warnings
    )


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    if not result.diagnostics:  # the common case stays cheap: no rich import
        return _summary(result, lang)
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
        soft_wrap=False,
    )
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        console.print(Text(file, style="bold underline"), soft_wrap=True)
        for d in group:
            is_error = d.severity is Severity.ERROR
            label = messages.text("error" if is_error else "warning", lang)
            head = Text()
            head.append(f"{file}:{d.line}:{d.column}: ", style="bold")
            head.append(f"{label} {d.code}", style="bold red" if is_error else "bold yellow")
            if d.item:
                head.append(f" [{d.item}]", style="cyan")
            head.append(" " + messages.render_message(d, lang))
            console.print(head, soft_wrap=True)
            line = source(file, d.line) if source else None
            if line is not None:
                shown = line.replace("\t", " ")
                gutter = f"{d.line:>5} | "
                console.print(Text(gutter, style="dim") + Text(shown), soft_wrap=True)
                caret = " " * cell_len(shown[: max(d.column - 1, 0)])
                console.print(
                    Text(" " * 5 + " | ", style="dim")
                    + Text(caret + "^", style="bold red" if is_error else "bold yellow")
                )
        console.print()
    console.print(Text(_summary(result, lang), style="bold"))
    return buffer.getvalue().rstrip("\n")
