"""Real git repositories holding the bundled sample, and the edits of the spec's routing scenarios.

The base commit is the sample as shipped (tagged ``base``), committed with fixed dates so runs are
reproducible. Each scenario is a small edit of a township list plus, where the scenario has one,
an adjustment record; they can be combined in one working tree.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"
COUNTY = "320115"
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"  # 320115001
MOLING = "lists/320115-江宁区/320115002-秣陵街道.yaml"  # 320115002
APPROVED_AT_BASE = "adjustments/320115/320115-2025-007.yaml"  # admission, all three levels

COUNTY_APPROVAL = (
    "{level: county, body: 江宁区委编办, document: 江宁编〔2026〕40号, date: 2026-09-10}"
)
CITY_APPROVAL = "{level: city, body: 南京市委编办, document: 宁编〔2026〕51号, date: 2026-09-20}"
PROVINCE_APPROVAL = (
    "{level: province, body: 江苏省委编办, document: 苏编〔2026〕12号, date: 2026-10-08}"
)

NEW_COOPERATIVE = """\
  - id: C025
    name: 电动自行车充电安全巡查
    domain: 应急管理
    lead: 区消防救援大队
    partners: [区应急管理局]
    department_duties: >-
      负责电动自行车充电场所消防监督检查，查处违规停放充电行为。
    township_duties: >-
      组织村（社区）排查居民楼道和出租房屋内电动自行车违规充电，发现隐患及时劝阻并报告。
    basis: [《中华人民共和国消防法》第五十三条]
"""
R004_AS_BASIC = """\
  - id: R004
    name: 户外广告设施设置许可
    domain: 城乡建设
    content: >-
      受理辖区户外广告设施设置申请并审批，对户外广告设施开展日常巡查。
    basis: [《城市市容和环境卫生管理条例》第十一条]
"""


def git(root: Path, *args: str, date: str = "2026-10-01T10:00:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "江宁区委编办",
        "GIT_AUTHOR_EMAIL": "bianban@example.org",
        "GIT_COMMITTER_NAME": "江宁区委编办",
        "GIT_COMMITTER_EMAIL": "bianban@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def commit_all(root: Path, message: str, *, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def make_repository(parent: Path) -> Path:
    """A git repository whose one commit (tag ``base``) is the bundled sample."""
    root = parent / "江宁 数据仓库"
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    for folder in ("lists", "adjustments", "temporary"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "基准清单", date="2026-10-01T10:00:00+08:00")
    git(root, "tag", "base")
    return root


# -- editing lists and records ---------------------------------------------------------------
def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), "utf-8")


def _item_block(text: str, item: str) -> str:
    match = re.search(rf"^  - id: {re.escape(item)}\n(?:    .*\n)*", text, re.M)
    assert match, item
    return match.group(0)


def remove_item(root: Path, name: str, item: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    path.write_text(text.replace(_item_block(text, item), "", 1), "utf-8")


def append_item(root: Path, name: str, category: str, block: str) -> None:
    """Add ``block`` as the last item of ``category`` (the categories are in spec order)."""
    path = root / name
    text = path.read_text("utf-8")
    following = {"basic": "\ncooperative:", "cooperative": "\nrecovered:"}.get(category)
    if following is None:
        path.write_text(text.rstrip("\n") + "\n" + block, "utf-8")
        return
    head, tail = text.split(following, 1)
    path.write_text(head.rstrip("\n") + "\n" + block + following + tail, "utf-8")


def write_record(
    root: Path,
    record_id: str,
    *,
    trigger: str,
    changes: list[tuple[str, str, str]],
    approvals: list[str],
    proposed: str = "2026-09-01",
    summary: str = "测试用调整记录",
) -> str:
    """An adjustment record of county 320115; changes are (township, action, item)."""
    name = f"adjustments/{COUNTY}/{record_id}.yaml"
    lines = [
        "schema: dutylist/adjustment/1",
        f"id: {record_id}",
        f'county: "{COUNTY}"',
        f"trigger: {trigger}",
        f"proposed: {proposed}",
        f"summary: {summary}",
        "changes:",
        *(f'  - {{township: "{t}", action: {a}, item: {i}}}' for t, a, i in changes),
        "approvals:" if approvals else "approvals: []",
        *(f"  - {approval}" for approval in approvals),
    ]
    (root / name).write_text("\n".join(lines) + "\n", "utf-8")
    return name


# -- the scenarios of the spec ---------------------------------------------------------------
def admission_pending(root: Path) -> str:
    """department_proposal adds C025 into 东山's cooperative duties; county and city approved."""
    append_item(root, DONGSHAN, "cooperative", NEW_COOPERATIVE)
    return write_record(
        root,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[COUNTY_APPROVAL, CITY_APPROVAL],
        summary="将“电动自行车充电安全巡查”列入东山街道配合履职事项",
    )


def dynamic_ok(root: Path) -> str:
    """law_change rewrites the content of 东山 B041; the county approved."""
    edit(
        root,
        DONGSHAN,
        "组织安全生产宣传教育。",
        "组织安全生产宣传教育，督促生产经营单位落实全员安全生产责任制和隐患排查治理。",
    )
    return write_record(
        root,
        "320115-2026-002",
        trigger="law_change",
        changes=[("320115001", "modify", "B041")],
        approvals=[COUNTY_APPROVAL],
        summary="依据修改后的安全生产法调整“落实安全生产属地管理责任”的具体内容",
    )


def heavier_move_without_record(root: Path) -> None:
    """R004 moves from recovered back to basic in 东山, and no record lists it."""
    remove_item(root, DONGSHAN, "R004")
    append_item(root, DONGSHAN, "basic", R004_AS_BASIC)


def editorial(root: Path) -> None:
    """Punctuation only: the full stop at the end of 东山 B003's content goes."""
    edit(root, DONGSHAN, "做好届中调整和补选。", "做好届中调整和补选")


def removal_ok(root: Path) -> str:
    """秣陵 removes C023 on its own application; the county approved."""
    remove_item(root, MOLING, "C023")
    return write_record(
        root,
        "320115-2026-003",
        trigger="township_application",
        changes=[("320115002", "remove", "C023")],
        approvals=[COUNTY_APPROVAL],
        summary="秣陵街道申请取消“城乡居民医疗保险参保扩面”配合事项",
    )


def edit_approved_record(root: Path) -> None:
    """The summary of 320115-2025-007, fully approved at the base, is rewritten."""
    edit(root, APPROVED_AT_BASE, "主办部门为区城市管理局", "主办部门为区住房和城乡建设局")


def override_department_proposal(root: Path) -> None:
    """dutylist.yaml routes department_proposal the dynamic way (another province's policy)."""
    with (root / "dutylist.yaml").open("a", encoding="utf-8") as config:
        config.write("policy:\n  triggers:\n    department_proposal: {heavier: dynamic}\n")
