"""`dutylist vet --format docx`: the review's comments (批注) for the notice's lines — what a
reviewer would write in the margin of a department's draft: the verdict, the townships it holds
for and what to do (the 主办部门, the department that holds the power, 职责准入 or 一事一议)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dutylist_cli import messages

if TYPE_CHECKING:
    from dutylist_cli.use.vet_findings import VetResult

AUTHOR = "dutylist 发文审核"


def comments(result: VetResult, *, lang: str) -> dict[int, str]:
    """Line → the comment on it: one paragraph per error or warning found there (ok is said
    by saying nothing)."""
    by_line: dict[int, list[str]] = {}
    for finding in result.findings:
        if finding.verdict == "ok":
            continue
        verdict = messages.text(f"vet.verdict.{finding.verdict}", lang)
        townships = "、".join(result.names.get(code, code) for code in finding.townships)
        by_line.setdefault(finding.line, []).append(
            messages.text(
                "vet.word.comment",
                lang,
                verdict=verdict,
                townships=townships,
                message=finding.message(lang),
            )
        )
    return {line: "\n".join(texts) for line, texts in by_line.items()}
