"""The repository config (dutylist.yaml): province, domains, and optional policy overrides."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from dutylist_cli.model.common import CountyCode, ProvinceRef, StrictModel
from dutylist_cli.model.kinds import CONFIG_SCHEMA as CONFIG_SCHEMA  # the kind's id, re-exported
from dutylist_cli.model.policy import RoutingPolicy

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


class SupervisionSettings(StrictModel):
    """The thresholds of `dutylist report supervision` (双向评价); options override them."""

    model_config = ConfigDict(title="监督报告设置")

    pending_days: int = Field(
        default=30,
        ge=0,
        description="调整记录动议后超过多少天仍未完成审批即为调整不及时 / days a record may "
        "stay pending before it counts as late",
    )
    long_open_days: int = Field(
        default=90,
        ge=0,
        description="临时性工作任务开始后超过多少天仍未销号即为长期未销号 / days a temporary "
        "task may stay open before it counts as kept open",
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
    supervision: SupervisionSettings | None = Field(
        default=None,
        description="监督报告的天数阈值（可选） / thresholds of the supervision report",
    )
