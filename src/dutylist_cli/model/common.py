"""Building blocks shared by every file kind: codes, ids, divisions, the strict base model."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"


class StrictModel(BaseModel):
    """Every spec model forbids unknown keys, so a typo never hides data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)


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
    code: CityCode = Field(description="地级区划代码（6 位） / 6-digit city division code")
    name: str = Field(description="地级市名称 / city name")


class CountyRef(StrictModel):
    code: CountyCode = Field(description="县级区划代码（6 位） / 6-digit county division code")
    name: str = Field(description="县（市、区）名称 / county name")


class ProvinceRef(StrictModel):
    code: ProvinceCode = Field(description="省级区划代码（2 位） / 2-digit province code")
    name: str = Field(description="省名称 / province name")
