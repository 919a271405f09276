"""The county registry (县级部门名录): canonical department names and their aliases."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import CityRef, CountyRef, NoneAsEmpty, StrictModel
from dutylist_cli.model.kinds import COUNTY_SCHEMA as COUNTY_SCHEMA  # the kind's id, re-exported


class Department(StrictModel):
    model_config = ConfigDict(title="县级部门")

    name: str = Field(description="部门规范名称 / canonical department name")
    aliases: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="常用简称 / aliases people write"
    )


class CountyRegistry(StrictModel):
    model_config = ConfigDict(title="县级部门名录")

    schema_: Literal["dutylist/county/1"] = Field(alias="schema", description="文件类型 / kind")
    county: CountyRef = Field(
        title="本县（市、区）", description="本县（市、区）：代码、名称 / the county"
    )
    city: CityRef = Field(description="所属地级市：代码、名称 / its city")
    departments: Annotated[list[Department], NoneAsEmpty] = Field(
        default_factory=list, description="县级部门 / county departments"
    )

    def canonical_names(self) -> dict[str, str]:
        """Every name and alias people may write, mapped to the canonical name."""
        names: dict[str, str] = {}
        for department in self.departments:
            for alias in department.aliases:
                names.setdefault(alias, department.name)
            names[department.name] = department.name
        return names
