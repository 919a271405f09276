"""`dutylist vet` as Markdown, for a review comment on the pull request that adds a notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutylist_cli import messages

if TYPE_CHECKING:
    from dutylist_cli.use.vet_findings import VetFinding, VetResult

_ICON = {"ok": "✅", "lead_mismatch": "⚠️", "recovered": "❌", "off_list": "❌"}


def _cell(text: str) -> str:
    """Text that stays inside one table cell."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def _row(finding: VetFinding, names: dict[str, str], lang: str) -> str:
    verdict = messages.text(f"vet.verdict.{finding.verdict}", lang)
    townships = "、".join(names.get(code, code) for code in finding.townships)
    items = "<br>".join(dict.fromkeys(f"`{item.id}` {item.name}" for _, item in finding.items))
    note = finding.message(lang) if finding.verdict != "ok" else ""
    if finding.verdict == "off_list":
        note = note.replace(finding.temp_command(), f"`{finding.temp_command()}`")
    cells = [
        str(finding.line),
        f"{_ICON[finding.verdict]} {verdict}",
        finding.text,
        townships,
        items or "—",
        note,
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render(result: VetResult, *, lang: str) -> str:
    lines = [f"### {messages.text('vet.md.title', lang, document=result.document)}", ""]
    ok = sum(1 for f in result.findings if f.verdict == "ok")
    lines.append(
        messages.text("vet.summary", lang, errors=result.errors, warnings=result.warnings, ok=ok)
    )
    lines.append("")
    if not result.findings:
        return "\n".join([*lines, messages.text("vet.md.none", lang)]) + "\n"
    lines.append(messages.text("vet.md.columns", lang))
    lines.append("|---|---|---|---|---|---|")
    lines.extend(_row(f, result.names, lang) for f in result.findings)
    return "\n".join(lines) + "\n"
