"""The routing policy: which trigger takes which route, and the approvals each route requires.

The default is the table of spec §4 (Jiangsu: 职责准入 goes up to the province, 动态调整 is the
county's call); `dutylist.yaml` may override any part of it under `policy:`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, WithJsonSchema

from dutylist_cli.model.common import NoneAsEmpty, StrictModel
from dutylist_cli.model.enums import ApprovalLevel, Category, LevelField, Trigger

RouteName = Literal["admission", "dynamic"]
# a category by its token only (a policy is config, not a list people fill in)
_CategoryToken = Annotated[
    Category,
    WithJsonSchema(
        {"type": "string", "enum": [c.value for c in Category], "description": Category.choices()}
    ),
]


class TriggerRule(StrictModel):
    model_config = ConfigDict(title="调整事由的路由")

    heavier: RouteName = Field(
        description="新增或加重乡镇职责时的路由 / route for adds and heavier duties"
    )
    lighter: RouteName = Field(
        default="dynamic", description="取消或减轻职责时的路由 / route for removals, lighter moves"
    )


class EditorialAllowance(StrictModel):
    """An opt-in small-edit allowance: by default only punctuation, spaces and width differ."""

    model_config = ConfigDict(title="文字修改的容差")

    max_chars: int = Field(
        ge=1, le=10, description="最多改动的字数 / at most this many characters edited"
    )
    min_ratio: float = Field(
        ge=0.5, le=1.0, description="最低相似度 / the texts at least this similar (0..1)"
    )


class RoutingPolicy(StrictModel):
    model_config = ConfigDict(title="调整路由策略")

    triggers: dict[str, TriggerRule] = Field(
        default_factory=dict, description="按调整事由覆盖路由 / route per trigger token"
    )
    approvals: dict[RouteName, Annotated[list[LevelField], NoneAsEmpty]] = Field(
        default_factory=dict, description="各路由所需审批层级 / approval levels per route"
    )
    heavier_moves: list[str] | None = Field(
        default=None,
        description="视为加重的类别调整，如 recovered->cooperative / moves that count as heavier",
    )
    heavier_adds: list[_CategoryToken] | None = Field(
        default=None, description="新增到哪些类别视为加重 / categories where an add is heavier"
    )
    editorial: EditorialAllowance | None = Field(
        default=None,
        description="文字修改的容差（可选，缺省只认标点、空格、全半角差异） / opt-in small-edit "
        "allowance for editorial changes; the default allows none",
    )


DEFAULT_TRIGGERS: dict[str, TriggerRule] = {
    Trigger.LEADERSHIP_ASSIGNMENT.value: TriggerRule(heavier="admission"),
    Trigger.DEPARTMENT_PROPOSAL.value: TriggerRule(heavier="admission"),
    Trigger.LAW_CHANGE.value: TriggerRule(heavier="dynamic"),
    Trigger.CENTRAL_DEPLOYMENT.value: TriggerRule(heavier="dynamic"),
    Trigger.PROVINCIAL_REQUIREMENT.value: TriggerRule(heavier="dynamic"),
    Trigger.TOWNSHIP_APPLICATION.value: TriggerRule(heavier="dynamic"),
}
DEFAULT_APPROVALS: dict[str, list[ApprovalLevel]] = {
    "admission": [ApprovalLevel.COUNTY, ApprovalLevel.CITY, ApprovalLevel.PROVINCE],
    "dynamic": [ApprovalLevel.COUNTY],
}
DEFAULT_HEAVIER_MOVES = (
    "recovered->cooperative",
    "recovered->basic",
    "cooperative->basic",
)
DEFAULT_HEAVIER_ADDS = (Category.BASIC, Category.COOPERATIVE)
