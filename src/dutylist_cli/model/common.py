"""Building blocks shared by every file kind: codes, ids, divisions, the strict base model."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.fields import ComputedFieldInfo, FieldInfo

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"


def field_title(name: str, info: FieldInfo | ComputedFieldInfo) -> str:
    """A field's title in the JSON Schemas, what editors show on hover: the head of the Chinese
    half of its description, not pydantic's "Name" made of the key. "事项名称 / item name" gives
    事项名称; "主办部门（县级部门） / leading county department" gives 主办部门."""
    chinese = (info.description or "").split(" / ")[0]
    depth, end = 0, len(chinese)
    for index, char in enumerate(chinese):  # the first ，：— outside parentheses ends the head
        depth += {"（": 1, "）": -1}.get(char, 0)
        if depth == 0 and char in "，：—":
            end = index
            break
    head = re.sub(r"（[^）]*）$", "", chinese[:end].strip()).strip()
    return head or name


class StrictModel(BaseModel):
    """Every spec model forbids unknown keys, so a typo never hides data."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        validate_default=False,
        field_title_generator=field_title,
    )


ProvinceCode = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
CityCode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
CountyCode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
TownshipCode = Annotated[str, StringConstraints(pattern=r"^\d{9}$")]
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def empty_list_field(description: str) -> Any:
    return Field(default_factory=list, description=description)


NoneAsEmpty = BeforeValidator(_none_as_empty)


class CityRef(StrictModel):
    model_config = ConfigDict(title="所属地级市")

    code: CityCode = Field(description="地级区划代码（6 位） / 6-digit city division code")
    name: str = Field(description="地级市名称 / city name")


class CountyRef(StrictModel):
    model_config = ConfigDict(title="所属县（市、区）")

    code: CountyCode = Field(description="县级区划代码（6 位） / 6-digit county division code")
    name: str = Field(description="县（市、区）名称 / county name")


class ProvinceRef(StrictModel):
    model_config = ConfigDict(title="省")

    code: ProvinceCode = Field(description="省级区划代码（2 位） / 2-digit province code")
    name: str = Field(description="省名称 / province name")
