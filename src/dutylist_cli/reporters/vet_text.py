"""`dutylist vet` for people: each finding's line, sentence, verdict and item side by side."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from dutylist_cli import messages

if TYPE_CHECKING:
    from dutylist_cli.use.vet_findings import VetFinding, VetResult

_MARK = {"ok": "✓", "lead_mismatch": "!", "recovered": "✗", "off_list": "✗"}


def _townships(finding: VetFinding, names: dict[str, str], lang: str) -> str:
    sep = ", " if lang == "en" else "、"
    return sep.join(names.get(code, code) for code in finding.townships)


def _items(finding: VetFinding, names: dict[str, str]) -> str:
    by_item: dict[str, list[str]] = {}
    for code, item in finding.items:
        by_item.setdefault(f"{item.id} {item.name}", []).append(names.get(code, code))
    if len(by_item) == 1:
        return next(iter(by_item))
    return "\n".join(f"{label}（{'、'.join(where)}）" for label, where in by_item.items())


def render(result: VetResult, *, lang: str, width: int = 100) -> str:
    """A table of the findings, the messages of the warnings and errors, then the totals."""
    from rich.console import Console
    from rich.table import Table

    assigning = len({f.line for f in result.findings})
    table = Table(
        title=messages.text(
            "vet.head", lang, document=result.document, county=result.county, count=assigning
        ),
        title_justify="left",
        show_lines=True,
    )
    table.add_column(messages.text("vet.column.line", lang), no_wrap=True)
    table.add_column(messages.text("vet.sentence", lang), overflow="fold", ratio=3)
    table.add_column(messages.text("vet.townships", lang), overflow="fold", ratio=1)
    table.add_column("", no_wrap=True)
    table.add_column(messages.text("vet.item", lang), overflow="fold", ratio=2)
    notes: list[str] = []
    for finding in result.findings:
        verdict = messages.text(f"vet.verdict.{finding.verdict}", lang)
        table.add_row(
            str(finding.line),
            finding.text,
            _townships(finding, result.names, lang),
            f"{_MARK[finding.verdict]} {verdict}",
            _items(finding, result.names) or "—",
        )
        if finding.verdict != "ok":
            where = messages.text("vet.line", lang, line=finding.line)
            notes.append(f"{where} {verdict}：{finding.message(lang)}")
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, markup=False)
    console.print(table)
    lines = [row.rstrip() for row in buffer.getvalue().rstrip("\n").splitlines()]
    ok = sum(1 for f in result.findings if f.verdict == "ok")
    summary = messages.text(
        "vet.summary", lang, errors=result.errors, warnings=result.warnings, ok=ok
    )
    return "\n".join([*lines, "", *notes, *([""] if notes else []), summary])
