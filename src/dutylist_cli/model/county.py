"""The county registry (县级部门名录): canonical department names and their aliases."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from dutylist_cli.model.common import CityRef, CountyRef, NoneAsEmpty, StrictModel

COUNTY_SCHEMA = "dutylist/county/1"


class Department(StrictModel):
    name: str = Field(description="部门规范名称 / canonical department name")
    aliases: Annotated[list[str], NoneAsEmpty] = Field(
        default_factory=list, description="常用简称 / aliases people write"
    )


class CountyRegistry(StrictModel):
    schema_: Literal["dutylist/county/1"] = Field(alias="schema", description="文件类型 / kind")
    county: CountyRef
    city: CityRef
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
