"""Reporters: a validation result rendered as text, json, github, sarif or junit."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Protocol

from dutylist_cli.diagnostics import ValidationResult

# (file relative to the data root, 1-based line) -> that line, or None; the CLI injects it so
# that reporters never read the disk.
SourceLines = Callable[[str, int], "str | None"]


class Reporter(Protocol):
    def __call__(
        self,
        result: ValidationResult,
        *,
        lang: str,
        source: SourceLines | None = None,
        color: bool = False,
        width: int = 100,
    ) -> str: ...


def _deferred(module: str) -> Reporter:
    """reporters/<module>.py's render, imported on first call: a run pays for what it prints."""

    def render(
        result: ValidationResult,
        *,
        lang: str,
        source: SourceLines | None = None,
        color: bool = False,
        width: int = 100,
    ) -> str:
        loaded: Reporter = importlib.import_module(f"{__name__}.{module}").render
        return loaded(result, lang=lang, source=source, color=color, width=width)

    render.__qualname__ = f"{module}.render"
    return render


# `--format` choices come from here: a new format is one module and one entry.
REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": _deferred("text"),
    "json": _deferred("json_report"),
    "github": _deferred("github"),
    "sarif": _deferred("sarif"),
    "junit": _deferred("junit"),
}
FORMAT_NAMES = tuple(REPORTER_BY_NAME)


def resolve_format(name: str, env: Mapping[str, str]) -> str:
    """`auto` is github inside GitHub Actions (GITHUB_ACTIONS set), text elsewhere."""
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") else "text"
    if name not in REPORTER_BY_NAME:
        raise ValueError(f"unknown format {name!r}; one of {', '.join(FORMAT_NAMES)} or auto")
    return name
