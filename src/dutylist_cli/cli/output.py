"""Writing reports to the terminal: the one place validation results reach stdout."""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, ValidationResult


def source_lines(root: Path) -> Callable[[str, int], str | None]:
    """A reader of source lines for the text reporter (it never touches disk itself)."""

    @functools.lru_cache(maxsize=64)
    def lines_of(name: str) -> list[str]:
        try:
            return (root / name).read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def line(name: str, number: int) -> str | None:
        lines = lines_of(name)
        return lines[number - 1] if 0 < number <= len(lines) else None

    return line


def terminal_width() -> int:
    """The terminal's width when writing to one, else 100 (logs, files, pipes)."""
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100


def require_format(name: str, choices: Iterable[str]) -> None:
    """A --format outside ``choices`` is a usage error (exit 2) that lists the choices."""
    allowed = list(choices)
    if name not in allowed:
        import typer

        raise typer.BadParameter(f"{name} ∉ {'|'.join(allowed)}", param_hint="--format")


def print_report(
    result: ValidationResult, *, fmt: str, source: Callable[[str, int], str | None], color: bool
) -> None:
    from dutylist_cli.reporters import REPORTER_BY_NAME

    reporter = REPORTER_BY_NAME[fmt]
    width = terminal_width()
    rendered = reporter(result, lang=messages.language(), source=source, color=color, width=width)
    sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")


def print_blocking_findings(root: Path, diagnostics: list[Diagnostic]) -> None:
    """The errors that stop a publishing command, on stderr, as `validate` would show them."""
    from dutylist_cli.reporters import REPORTER_BY_NAME

    result = ValidationResult(files=len({d.file for d in diagnostics}), diagnostics=diagnostics)
    rendered = REPORTER_BY_NAME["text"](
        result,
        lang=messages.language(),
        source=source_lines(root),
        color=sys.stderr.isatty(),
        width=terminal_width(),
    )
    sys.stderr.write(rendered if rendered.endswith("\n") else rendered + "\n")


_SUFFIX_FORMATS = {"htm": "html", "markdown": "md"}


def format_from_output(output: Path | None, formats: Iterable[str]) -> str:
    """The format an output file's extension names (东山.pdf → pdf), else html."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    suffix = _SUFFIX_FORMATS.get(suffix, suffix)
    return suffix if suffix in set(formats) else "html"
