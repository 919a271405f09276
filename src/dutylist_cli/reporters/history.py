"""Reporters of `dutylist history` and `dutylist blame`: the format registries and JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dutylist_cli.audit.blame import BlameResult
    from dutylist_cli.audit.history import HistoryResult

HISTORY_FORMATS = ("text", "json")


class HistoryReporter(Protocol):
    def __call__(self, result: HistoryResult, *, lang: str, width: int = 100) -> str: ...


class BlameReporter(Protocol):
    def __call__(self, result: BlameResult, *, lang: str, width: int = 100) -> str: ...


def history_reporter(name: str) -> HistoryReporter:
    """The renderer of `history --format NAME` (imported on use)."""
    from dutylist_cli.reporters import history_text

    reporters: dict[str, HistoryReporter] = {
        "text": history_text.render_history,
        "json": render_history_json,
    }
    return reporters[name]


def blame_reporter(name: str) -> BlameReporter:
    """The renderer of `blame --format NAME`."""
    from dutylist_cli.reporters import history_text

    reporters: dict[str, BlameReporter] = {
        "text": history_text.render_blame,
        "json": render_blame_json,
    }
    return reporters[name]


def render_history_json(result: HistoryResult, *, lang: str, width: int = 100) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def render_blame_json(result: BlameResult, *, lang: str, width: int = 100) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)
