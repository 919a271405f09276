"""Pydantic models of every file kind in the spec; no I/O here.

The models are imported when first used (`model.kinds`): ``from dutylist_cli.model import
TownshipList`` imports the township model only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dutylist_cli.model.kinds import MODEL_BY_SCHEMA, MODEL_PLACES, SCHEMA_FILE_BY_SCHEMA

if TYPE_CHECKING:
    from dutylist_cli.model.adjustment import AdjustmentRecord
    from dutylist_cli.model.assessment import Assessment
    from dutylist_cli.model.config import RepositoryConfig
    from dutylist_cli.model.county import CountyRegistry
    from dutylist_cli.model.temporary import TemporaryTask
    from dutylist_cli.model.township import TownshipList

_MODULE_OF = {name: module for module, name in MODEL_PLACES.values()}


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        return getattr(importlib.import_module(_MODULE_OF[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MODEL_BY_SCHEMA",
    "SCHEMA_FILE_BY_SCHEMA",
    "AdjustmentRecord",
    "Assessment",
    "CountyRegistry",
    "RepositoryConfig",
    "TemporaryTask",
    "TownshipList",
]
