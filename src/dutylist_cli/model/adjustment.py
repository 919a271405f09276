"""Adjustment records (调整记录): the changes they authorise and the approvals they carry."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import (
    CountyCode,
    Identifier,
    NoneAsEmpty,
    StrictModel,
    TownshipCode,
)
from dutylist_cli.model.enums import ActionField, CategoryField, LevelField, TriggerField
from dutylist_cli.model.kinds import (
    ADJUSTMENT_SCHEMA as ADJUSTMENT_SCHEMA,  # the kind's id, re-exported
)


class Change(StrictModel):
    model_config = ConfigDict(title="调整内容")

    township: TownshipCode = Field(description="乡镇代码 / township code")
    action: ActionField = Field(
        description="调整方式：新增/取消/调整类别/调整 / add, remove, move, modify"
    )
    item: Identifier = Field(description="事项编号 / item id")
    to: CategoryField | None = Field(
        default=None,
        description="调整类别时调整到的类别（可选；写明后只批准调到该类别） / move: the category "
        "it goes to (optional; when given, only a move there is authorised)",
    )


class Approval(StrictModel):
    model_config = ConfigDict(title="审批")

    level: LevelField = Field(description="审批层级：县级/市级/省级 / approval level")
    body: str = Field(description="审批机关（不得为空） / approving body, not blank")
    document: str = Field(description="批准文号（不得为空） / document number, not blank")
    date: dt.date = Field(description="批准日期 / date of approval")


class AdjustmentRecord(StrictModel):
    model_config = ConfigDict(title="清单调整记录")

    schema_: Literal["dutylist/adjustment/1"] = Field(alias="schema", description="文件类型 / kind")
    id: Identifier = Field(description="记录编号，即文件名 / record id, also the file name")
    county: CountyCode = Field(description="县级区划代码 / county code")
    trigger: TriggerField = Field(description="调整事由 / what triggered the adjustment")
    proposed: dt.date = Field(description="动议日期 / date proposed")
    summary: str = Field(description="调整摘要 / summary")
    changes: list[Change] = Field(min_length=1, description="调整内容 / changes authorised")
    approvals: Annotated[list[Approval], NoneAsEmpty] = Field(
        default_factory=list, description="审批（自下而上） / approvals, lowest level first"
    )
