"""Assessment indicators (考核指标, 依单考核): what a county assesses townships or departments
on."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import CountyCode, Identifier, StrictModel, TownshipCode
from dutylist_cli.model.enums import SubjectField
from dutylist_cli.model.kinds import (
    ASSESSMENT_SCHEMA as ASSESSMENT_SCHEMA,  # the kind's id, re-exported
)
from dutylist_cli.model.temporary import Decision

ALL = "all"  # townships: [all] / departments: [all]


class Indicator(StrictModel):
    model_config = ConfigDict(title="考核指标")

    id: Identifier = Field(description="指标编号，文件内唯一 / indicator id, unique in the file")
    name: str = Field(description="指标名称 / indicator name")
    points: float | None = Field(default=None, description="分值（可选） / points (optional)")
    townships: list[TownshipCode | Literal["all"]] | None = Field(
        default=None,
        description="适用乡镇（乡镇考核）：本县乡镇代码，或 [all] / township subject: township "
        "codes of this county, or [all]",
    )
    items: list[Identifier] | None = Field(
        default=None,
        description="考核的清单事项编号（乡镇考核，必填；只能是基本或配合履职事项） / township "
        "subject: the list items it assesses, by id (basic or cooperative only)",
    )
    departments: list[str] | None = Field(
        default=None,
        description="考核的县级部门（部门考核）：县级部门名录中的名称，或 [all] / department "
        "subject: departments of the county registry, or [all]",
    )
    list_execution: bool = Field(
        default=False,
        description="是否为“清单执行情况”指标（部门考核） / marks the 清单执行情况 indicator of a "
        "department assessment",
    )
    text: str | None = Field(default=None, description="指标说明（可选） / description (optional)")


class Assessment(StrictModel):
    model_config = ConfigDict(title="考核指标")

    schema_: Literal["dutylist/assessment/1"] = Field(alias="schema", description="文件类型 / kind")
    id: Identifier = Field(description="考核编号，即文件名 / assessment id, also the file name")
    county: CountyCode = Field(description="县级区划代码 / county code")
    year: int = Field(description="考核年度 / year assessed")
    subject: SubjectField = Field(
        description="考核对象：乡镇（街道）考核/县级部门考核 / township or department"
    )
    title: str = Field(description="考核名称 / title")
    decision: Decision | None = Field(
        default=None, description="印发决定（可选）：机关、文号、日期 / the decision (optional)"
    )
    indicators: list[Indicator] = Field(min_length=1, description="考核指标 / indicators")
