"""Reporters: a validation result rendered as text, json, github, sarif or junit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from dutylist_cli.diagnostics import ValidationResult

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


def _registry() -> dict[str, Reporter]:
    from dutylist_cli.reporters import github, json_report, junit, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "github": github.render,
        "sarif": sarif.render,
        "junit": junit.render,
    }


class _LazyRegistry(dict[str, Reporter]):
    """REPORTER_BY_NAME: filled on first use, so a command pays only for what it prints."""

    def _fill(self) -> None:
        if not dict.__len__(self):
            self.update(_registry())

    def __getitem__(self, name: str) -> Reporter:
        self._fill()
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        self._fill()
        return dict.__contains__(self, name)

    def keys(self):  # type: ignore[no-untyped-def]
        self._fill()
        return dict.keys(self)


REPORTER_BY_NAME: dict[str, Reporter] = _LazyRegistry()
FORMAT_NAMES = ("text", "json", "github", "sarif", "junit")


def resolve_format(name: str, env: Mapping[str, str]) -> str:
    """`auto` is github inside GitHub Actions, text elsewhere."""
    if name != "auto":
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" or env.get("GITHUB_ACTIONS") else "text"
