"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires."""

from __future__ import annotations

from dutylist_cli import messages
from dutylist_cli.diagnostics import Severity, ValidationResult
from dutylist_cli.reporters import SourceLines

# GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the
# rest silently; every finding is still written, to the log, and a closing notice says so.
SHOWN_PER_SEVERITY = 10


def escape_data(text: str) -> str:
    """A command's message: only %, CR and LF are escaped (Chinese stays as it is)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus : and ,."""
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
        properties = [f"file={escape_property(d.file)}"]
        if d.line > 0:  # 0 is "not located": an annotation on the file as a whole
            properties.append(f"line={d.line}")
            if d.column > 0:
                properties.append(f"col={d.column}")
        properties.append(
            f"title={escape_property(f'{d.code} {messages.rule_title(d.code, lang)}')}"
        )
        message = escape_data(messages.render_message(d, lang))
        lines.append(f"::{command} {','.join(properties)}::{message}")
    counts = {"files": result.files, "errors": result.errors, "warnings": result.warnings}
    summary = messages.text("summary" if result.diagnostics else "summary.clean", lang, **counts)
    if result.errors > SHOWN_PER_SEVERITY or result.warnings > SHOWN_PER_SEVERITY:
        summary = messages.text(
            "summary.github_limit", lang, summary=summary, shown=SHOWN_PER_SEVERITY
        )
    lines.append(f"::notice title=dutylist::{escape_data(summary)}")
    return "\n".join(lines)
