"""Temporary tasks (临时性工作任务): registered, ledgered and written off outside the lists."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import CountyCode, Identifier, StrictModel, TownshipCode
from dutylist_cli.model.enums import StatusField
from dutylist_cli.model.kinds import (
    TEMPORARY_TASK_SCHEMA as TEMPORARY_TASK_SCHEMA,  # the kind's id, re-exported
)


class Decision(StrictModel):
    model_config = ConfigDict(title="决定")

    body: str = Field(description="决定机关 / deciding body")
    document: str = Field(description="决定文号 / document number")
    date: dt.date = Field(description="决定日期 / date")


class Closure(StrictModel):
    model_config = ConfigDict(title="销号")

    date: dt.date = Field(description="销号日期 / date written off")
    note: str = Field(description="销号说明 / note")


class TemporaryTask(StrictModel):
    model_config = ConfigDict(title="临时性工作任务")

    schema_: Literal["dutylist/temporary-task/1"] = Field(
        alias="schema", description="文件类型 / kind"
    )
    id: Identifier = Field(description="任务编号，即文件名 / task id, also the file name")
    county: CountyCode = Field(description="县级区划代码 / county code")
    title: str = Field(description="任务名称 / title")
    townships: list[TownshipCode | Literal["all"]] = Field(
        min_length=1, description="涉及乡镇代码，或 [all] / township codes or [all]"
    )
    decision: Decision = Field(description="决定：机关、文号、日期 / the decision")
    start: dt.date = Field(description="开始日期 / start")
    due: dt.date = Field(description="完成时限 / due date")
    status: StatusField = Field(description="状态：未销号/已销号 / open or closed")
    closed: Closure | None = Field(default=None, description="销号信息 / closure")
