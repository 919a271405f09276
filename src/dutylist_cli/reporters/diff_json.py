"""`dutylist diff --format json`: the contract shape of cli.md (plus the suspects list)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dutylist_cli.audit.diffing import DiffResult


def render(result: DiffResult, *, lang: str, color: bool = False, width: int = 100) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)
