"""The repository config (dutylist.yaml): province, domains, and optional policy overrides."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import CountyCode, ProvinceRef, StrictModel
from dutylist_cli.model.policy import RoutingPolicy

CONFIG_SCHEMA = "dutylist/config/1"

DEFAULT_DOMAINS = (
    "党的建设",
    "经济发展",
    "民生服务",
    "平安法治",
    "生态环保",
    "城乡建设",
    "应急管理",
    "综合保障",
)


class Owners(StrictModel):
    """Who must review what: used by `dutylist codeowners` to write a CODEOWNERS file."""

    model_config = ConfigDict(title="审核分工")

    province: list[str] = Field(
        default_factory=list,
        description="省级审核人（团队），审核职责准入记录 / reviewers of admission records",
    )
    counties: dict[CountyCode, list[str]] = Field(
        default_factory=dict,
        description="各县审核人（团队），审核本县清单与记录 / reviewers per county code",
    )


class RepositoryConfig(StrictModel):
    model_config = ConfigDict(title="数据仓库配置")

    schema_: Literal["dutylist/config/1"] = Field(alias="schema", description="文件类型 / kind")
    province: ProvinceRef = Field(description="省：代码、名称 / the province")
    domains: list[str] = Field(min_length=1, description="领域 / domains items may use")
    owners: Owners | None = Field(
        default=None, description="审核分工（可选） / reviewers for CODEOWNERS"
    )
    policy: RoutingPolicy | None = Field(
        default=None, description="调整路由策略覆盖（可选） / routing policy overrides"
    )
