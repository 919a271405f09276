"""The township list (乡镇（街道）履行职责事项清单): header and the three item categories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, NonNegativeInt

from dutylist_cli.model.common import (
    CityRef,
    CountyRef,
    Identifier,
    NoneAsEmpty,
    StrictModel,
    TownshipCode,
)
from dutylist_cli.model.enums import Category, KindField, SourceField
from dutylist_cli.model.kinds import (
    TOWNSHIP_LIST_SCHEMA as TOWNSHIP_LIST_SCHEMA,  # the kind's id, re-exported
)


class Township(StrictModel):
    model_config = ConfigDict(title="乡镇（街道）")

    code: TownshipCode = Field(
        description="乡级区划代码（9 位，GB/T 10114） / 9-digit township code"
    )
    name: str = Field(description="乡镇（街道）名称 / township name")
    kind: KindField = Field(description="类型：街道/镇/乡/民族乡/苏木 / kind of township")


class Edition(StrictModel):
    model_config = ConfigDict(title="清单版本")

    version: str = Field(description="版本，印在清单上 / version shown on printouts")
    effective: dt.date = Field(description="施行日期 / effective date")
    document: str | None = Field(default=None, description="批准文号 / approval document number")


class Handover(StrictModel):
    model_config = ConfigDict(title="承接确认")

    document: str | None = Field(default=None, description="承接确认文号 / handover document")
    date: dt.date | None = Field(default=None, description="承接日期 / handover date")


class Item(StrictModel):
    id: Identifier = Field(description="事项编号，文件内唯一、稳定、不复用 / stable item id")
    name: str = Field(description="事项名称 / item name")
    domain: str = Field(description="领域，须为 dutylist.yaml 中的 domains 之一 / domain")
    basis: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="依据：《标题》及条款 / legal basis citations"
    )
    remarks: str | None = Field(default=None, description="备注 / remarks")
    source: SourceField | None = Field(
        default=None, description="来源：通用模板或个性化 / template or local"
    )
    keywords: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list,
        description="常见说法：群众用而清单文字没有的词，如 煤气罐、液化气 / words people use for "
        "it that its name and text do not",
    )


class BasicItem(Item):
    model_config = ConfigDict(title="基本履职事项")

    content: str = Field(description="具体内容 / what the township does")
    units: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="承担机构（职能机构） / internal bodies"
    )
    posts: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="工作岗位 / posts"
    )


class CooperativeItem(Item):
    model_config = ConfigDict(title="配合履职事项")

    lead: str = Field(description="主办部门（县级部门） / leading county department")
    partners: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="协同部门 / partner departments"
    )
    department_duties: str = Field(description="上级部门职责 / the department's duties")
    township_duties: str = Field(description="镇街配合职责 / the township's cooperating duties")


class RecoveredItem(Item):
    model_config = ConfigDict(title="上级部门收回事项")

    department: str = Field(description="收回（承接）部门 / department that took it back")
    working_mode: str | None = Field(default=None, description="工作方式 / how it is handled now")
    penalty_powers: NonNegativeInt | None = Field(
        default=None, description="随之收回的行政处罚权事项数 / penalty powers taken back"
    )
    handover: Handover | None = Field(default=None, description="承接确认 / handover record")


class TownshipList(StrictModel):
    """One township's list: 基本履职事项, 配合履职事项, 上级部门收回事项."""

    model_config = ConfigDict(title="乡镇（街道）履行职责事项清单")

    schema_: Literal["dutylist/township-list/1"] = Field(
        alias="schema", description="文件类型 / file kind"
    )
    township: Township = Field(
        title="乡镇（街道）", description="本乡镇（街道）：代码、名称、类型 / the township"
    )
    county: CountyRef = Field(
        title="所属县（市、区）", description="所属县（市、区）：代码、名称 / its county"
    )
    city: CityRef = Field(description="所属地级市：代码、名称 / its city")
    edition: Edition = Field(description="清单版本：版本号、施行日期、批准文号 / edition")
    basic: Annotated[list[BasicItem], NoneAsEmpty] = Field(
        default_factory=list, description="基本履职事项 — 必须为、负全责 / basic duties"
    )
    cooperative: Annotated[list[CooperativeItem], NoneAsEmpty] = Field(
        default_factory=list, description="配合履职事项 — 配合为、尽次责 / cooperative duties"
    )
    recovered: Annotated[list[RecoveredItem], NoneAsEmpty] = Field(
        default_factory=list, description="上级部门收回事项 — 不再负责 / recovered duties"
    )

    def iter_items(self) -> Iterator[tuple[Category, int, Item]]:
        """Every item with its category and its index in that category."""
        for category, items in (
            (Category.BASIC, self.basic),
            (Category.COOPERATIVE, self.cooperative),
            (Category.RECOVERED, self.recovered),
        ):
            for index, item in enumerate(items):
                yield category, index, item
