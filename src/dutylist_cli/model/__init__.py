"""Pydantic models of every file kind in the spec; no I/O here."""

from __future__ import annotations

from pydantic import BaseModel

from dutylist_cli.model.adjustment import ADJUSTMENT_SCHEMA, AdjustmentRecord
from dutylist_cli.model.assessment import ASSESSMENT_SCHEMA, Assessment
from dutylist_cli.model.config import CONFIG_SCHEMA, RepositoryConfig
from dutylist_cli.model.county import COUNTY_SCHEMA, CountyRegistry
from dutylist_cli.model.temporary import TEMPORARY_TASK_SCHEMA, TemporaryTask
from dutylist_cli.model.township import TOWNSHIP_LIST_SCHEMA, TownshipList

MODEL_BY_SCHEMA: dict[str, type[BaseModel]] = {
    TOWNSHIP_LIST_SCHEMA: TownshipList,
    COUNTY_SCHEMA: CountyRegistry,
    ADJUSTMENT_SCHEMA: AdjustmentRecord,
    TEMPORARY_TASK_SCHEMA: TemporaryTask,
    CONFIG_SCHEMA: RepositoryConfig,
    ASSESSMENT_SCHEMA: Assessment,
}

# file name in schemas/ for each kind
SCHEMA_FILE_BY_SCHEMA = {
    TOWNSHIP_LIST_SCHEMA: "township-list.schema.json",
    COUNTY_SCHEMA: "county.schema.json",
    ADJUSTMENT_SCHEMA: "adjustment.schema.json",
    TEMPORARY_TASK_SCHEMA: "temporary-task.schema.json",
    CONFIG_SCHEMA: "config.schema.json",
    ASSESSMENT_SCHEMA: "assessment.schema.json",
}

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
