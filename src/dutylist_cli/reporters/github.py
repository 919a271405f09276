"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires."""

from __future__ import annotations

from dutylist_cli import messages
from dutylist_cli.diagnostics import Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

# GitHub shows at most 10 error and 10 warning annotations per step (50 per job).
_SHOWN_PER_SEVERITY = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    result: ValidationResult,
    *,
    lang: str,
    source: SourceLines | None = None,
    color: bool = False,
    width: int = 100,
) -> str:
    lines = []
    for d in result.diagnostics:
        command = "error" if d.severity is Severity.ERROR else "warning"
        title = f"{d.code} {messages.rule_title(d.code, lang)}"
        properties = ",".join(
            [
                f"file={escape_property(d.file)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={escape_property(title)}",
            ]
        )
        lines.append(f"::{command} {properties}::{escape_data(messages.render_message(d, lang))}")
    summary_key = "summary" if result.diagnostics else "summary.clean"
    summary = messages.text(
        summary_key, lang, files=result.files, errors=result.errors, warnings=result.warnings
    )
    if result.errors > _SHOWN_PER_SEVERITY or result.warnings > _SHOWN_PER_SEVERITY:
        extra = (
            "GitHub 每步只显示前 10 个错误和 10 个警告；完整列表见日志或 SARIF 报告"
            if lang != "en"
            else "GitHub shows 10 errors and 10 warnings per step; the "
            "full list is in this log and in the SARIF report"
        )
        summary = f"{summary}. {extra}" if lang == "en" else f"{summary}。{extra}"
    lines.append(f"::notice title=dutylist::{escape_data(summary)}")
    return "\n".join(lines)
