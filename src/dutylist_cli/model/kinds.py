"""The file kinds of the spec: their `schema:` ids, schema file names and models, the models
imported only when a file of their kind is met (a warm `validate` of one changed list does not
build the models of records, tasks and assessments)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

TOWNSHIP_LIST_SCHEMA = "dutylist/township-list/1"
COUNTY_SCHEMA = "dutylist/county/1"
ADJUSTMENT_SCHEMA = "dutylist/adjustment/1"
TEMPORARY_TASK_SCHEMA = "dutylist/temporary-task/1"
CONFIG_SCHEMA = "dutylist/config/1"
ASSESSMENT_SCHEMA = "dutylist/assessment/1"

# schema id -> (module, model class), in the order the schemas are listed and exported
MODEL_PLACES: dict[str, tuple[str, str]] = {
    TOWNSHIP_LIST_SCHEMA: ("dutylist_cli.model.township", "TownshipList"),
    COUNTY_SCHEMA: ("dutylist_cli.model.county", "CountyRegistry"),
    ADJUSTMENT_SCHEMA: ("dutylist_cli.model.adjustment", "AdjustmentRecord"),
    TEMPORARY_TASK_SCHEMA: ("dutylist_cli.model.temporary", "TemporaryTask"),
    CONFIG_SCHEMA: ("dutylist_cli.model.config", "RepositoryConfig"),
    ASSESSMENT_SCHEMA: ("dutylist_cli.model.assessment", "Assessment"),
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


def model_for(schema: str) -> type[BaseModel]:
    """The model of a schema id (KeyError for an unknown one), imported on first use."""
    module, name = MODEL_PLACES[schema]
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


class _Models(Mapping[str, "type[BaseModel]"]):
    """schema id -> model, each imported when first looked up."""

    def __getitem__(self, schema: str) -> type[BaseModel]:
        return model_for(schema)

    def __iter__(self) -> Iterator[str]:
        return iter(MODEL_PLACES)

    def __len__(self) -> int:
        return len(MODEL_PLACES)


MODEL_BY_SCHEMA: Mapping[str, type[BaseModel]] = _Models()
