"""Real git repositories for `dutylist diff`: the bundled sample, fixed dates, a Chinese author.

Commits go through ``git -c user.name=… -c user.email=…`` with GIT_AUTHOR_DATE and
GIT_COMMITTER_DATE pinned, and the user's own git configuration shut out, so runs are
reproducible. The edits reuse the helpers of ``route_scenarios``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from route_scenarios import append_item, edit, remove_item

REPO = Path(__file__).resolve().parents[1]
AUTHOR = ("王晓红", "wangxiaohong@example.cn")
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
DONGSHAN_RENAMED = "lists/320115-江宁区/320115001-东山新城街道.yaml"
MOLING = "lists/320115-江宁区/320115002-秣陵街道.yaml"
NEW_TOWNSHIP = "lists/320115-江宁区/320115007-淳化街道.yaml"

# B007 统一战线工作 comes back under a new id with nearly the same name: a likely rename
B054_RENAMED = """\
  - id: B054
    name: 加强统一战线工作
    domain: 党的建设
    content: >-
      联系辖区党外代表人士和新的社会阶层人士，开展民族团结进步宣传。
    basis: [《中国共产党统一战线工作条例》]
"""
# B036 生活垃圾分类 leaves the basic duties and its duty comes back as cooperative: 明减暗增
C031_RETURNED = """\
  - id: C031
    name: 配合推进垃圾分类
    domain: 生态环保
    lead: 区城市管理局
    department_duties: >-
      负责全区生活垃圾分类工作的统筹推进和考核。
    township_duties: >-
      组织辖区居民小区和单位开展生活垃圾分类宣传和桶边督导，督促管理责任人设置分类投放设施。
    basis: [《南京市生活垃圾管理条例》]
"""


def git(root: Path, *args: str, date: str = "2025-03-01T09:30:00+08:00") -> str:
    name, email = AUTHOR
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    command = ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", *args]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root: Path, message: str, *, date: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


def sample_root(parent: Path, name: str = "江宁 数据仓库") -> Path:
    """A folder holding the bundled sample province (no git yet)."""
    root = parent / name
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    for folder in ("lists", "adjustments", "temporary"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def repository(parent: Path) -> Path:
    """A git repository whose first commit (tag ``base``) is the bundled sample."""
    root = sample_root(parent)
    git(root, "init", "-q", "-b", "main")
    commit(root, "基准清单", date="2025-03-01T09:30:00+08:00")
    git(root, "tag", "base")
    return root


# -- edits ---------------------------------------------------------------------------------------
def punctuation_only(root: Path) -> None:
    """东山 B003: the full stop at the end of the content goes (editorial)."""
    edit(root, DONGSHAN, "做好届中调整和补选。", "做好届中调整和补选")


def lead_change(root: Path) -> None:
    """东山 C001: the lead and the partner swap (a change of substance)."""
    edit(
        root,
        DONGSHAN,
        "lead: 区应急管理局\n    partners: [区消防救援大队]",
        "lead: 区消防救援大队\n    partners: [区应急管理局]",
    )


def move_r004_to_basic(root: Path) -> None:
    """东山 R004 户外广告设施设置许可 leaves the recovered items for the basic ones."""
    remove_item(root, DONGSHAN, "R004")
    append_item(
        root,
        DONGSHAN,
        "basic",
        "  - id: R004\n    name: 户外广告设施设置许可\n    domain: 城乡建设\n"
        "    content: >-\n      受理辖区户外广告设施设置申请，开展日常巡查。\n",
    )


def rename_suspect(root: Path) -> None:
    remove_item(root, DONGSHAN, "B007")
    append_item(root, DONGSHAN, "basic", B054_RENAMED)


def returned_suspect(root: Path) -> None:
    remove_item(root, DONGSHAN, "B036")
    append_item(root, DONGSHAN, "cooperative", C031_RETURNED)


def new_township(root: Path) -> str:
    """An untracked list for a new township 320115007 淳化街道 with three items."""
    text = (root / DONGSHAN).read_text("utf-8")
    head, _ = text.split("\nbasic:", 1)
    head = head.replace('code: "320115001"', 'code: "320115007"').replace("东山街道", "淳化街道")
    body = """
basic:
  - id: B001
    name: 加强基层党组织建设
    domain: 党的建设
    content: >-
      落实党建工作责任制，指导村（社区）党组织规范化建设。
  - id: B002
    name: 临时救助
    domain: 民生服务
    content: >-
      受理辖区困难群众临时救助申请并审核。
cooperative:
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区应急管理局
    department_duties: >-
      负责辖区安全生产综合监督管理。
    township_duties: >-
      开展网格化安全巡查，发现隐患及时报告。
"""
    (root / NEW_TOWNSHIP).write_text(head + "\n" + body, "utf-8")
    return NEW_TOWNSHIP
