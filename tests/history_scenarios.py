"""Real git repositories with a story for `history` and `blame`: fixed dates, a Chinese author,
a rename, a branch merged with --no-ff, an adjustment record, and a conflict resolved in a merge.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from route_scenarios import MOLING, NEW_COOPERATIVE, append_item, edit, write_record

REPO = Path(__file__).resolve().parents[1]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
RENAMED = "lists/320115-江宁区/320115001-东山新城街道.yaml"
ZHANG = ("张三", "zhangsan@example.cn")
LI = ("李四", "lisi@example.cn")
OFFICE = ("江宁区委编办", "bianban@example.org")
B003_NAME = "name: 基层党组织换届选举\n"
B005_CONTENT = "处置基层网络舆情。"
C002_DUTIES = "发现重大火灾隐患及时报告。"


def git(
    root: Path,
    *args: str,
    date: str = "2025-01-01T09:00:00+08:00",
    who: tuple[str, str] = OFFICE,
) -> str:
    name, email = who
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 or args[0] == "merge", result.stderr
    return result.stdout


def commit(root: Path, message: str, *, date: str, who: tuple[str, str] = OFFICE) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date, who=who)
    return git(root, "rev-parse", "HEAD").strip()


def base_repository(parent: Path) -> Path:
    """The bundled sample in one commit (2025-01-01, 江宁区委编办); quotepath left on."""
    root = parent / "江宁 数据仓库"
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    for folder in ("lists", "adjustments"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "core.quotepath", "true")
    commit(root, "基准清单", date="2025-01-01T09:00:00+08:00")
    return root


@dataclass
class Story:
    root: Path
    base: str
    added: str  # 张三 adds C025 with record 320115-2026-001
    renamed: str  # git mv to 东山新城街道 and B003 renamed in the same commit
    branch: str  # 李四, on branch 调整: C002's township duties
    moling: str  # main meanwhile: 秣陵 only
    merge: str  # git merge --no-ff 调整, clean


def story(parent: Path) -> Story:
    root = base_repository(parent)
    base = git(root, "rev-parse", "HEAD").strip()
    append_item(root, DONGSHAN, "cooperative", NEW_COOPERATIVE)
    write_record(
        root,
        "320115-2026-001",
        trigger="department_proposal",
        changes=[("320115001", "add", "C025")],
        approvals=[],
    )
    added = commit(root, "新增电动自行车充电安全巡查", date="2025-03-01T10:00:00+08:00", who=ZHANG)
    git(root, "mv", DONGSHAN, RENAMED)
    edit(root, RENAMED, "name: 东山街道\n", "name: 东山新城街道\n")
    edit(root, RENAMED, B003_NAME, "name: 基层党组织换届选举工作\n")
    renamed = commit(root, "东山街道更名为东山新城街道", date="2025-04-01T10:00:00+08:00")
    git(root, "checkout", "-q", "-b", "调整")
    edit(root, RENAMED, C002_DUTIES, "发现重大火灾隐患及时报告并督促整改。")
    branch = commit(root, "消防安全检查：明确督促整改", date="2025-05-01T10:00:00+08:00", who=LI)
    git(root, "checkout", "-q", "main")
    edit(root, MOLING, "处置基层网络舆情。", "处置基层网络舆情，引导网络舆论。")
    moling = commit(root, "秣陵街道：意识形态工作", date="2025-05-02T10:00:00+08:00")
    git(
        root,
        "merge",
        "-q",
        "--no-ff",
        "调整",
        "-m",
        "合并分支 调整",
        date="2025-05-03T10:00:00+08:00",
    )
    merge = git(root, "rev-parse", "HEAD").strip()
    return Story(root, base, added, renamed, branch, moling, merge)


@dataclass
class Conflict:
    root: Path
    ours: str
    theirs: str
    merge: str


def conflict(parent: Path) -> Conflict:
    """Both sides rewrite 东山 B005; the merge resolves the conflict with a third wording."""
    root = base_repository(parent)
    git(root, "checkout", "-q", "-b", "side")
    edit(root, DONGSHAN, B005_CONTENT, "处置基层网络舆情，每季度研判一次。")
    theirs = commit(root, "B005：每季度研判", date="2025-02-01T10:00:00+08:00", who=LI)
    git(root, "checkout", "-q", "main")
    edit(root, DONGSHAN, B005_CONTENT, "处置基层网络舆情，每月研判一次。")
    ours = commit(root, "B005：每月研判", date="2025-02-02T10:00:00+08:00", who=ZHANG)
    git(root, "merge", "-q", "--no-ff", "side", "-m", "合并 side", date="2025-02-03T10:00:00+08:00")
    text = (root / DONGSHAN).read_text("utf-8")
    start, end = text.index("<<<<<<<"), text.index(">>>>>>> side\n") + len(">>>>>>> side\n")
    resolved = "      落实意识形态工作责任制，处置基层网络舆情，每半月研判一次。\n"
    (root / DONGSHAN).write_text(text[:start] + resolved + text[end:], "utf-8")
    merge = commit(root, "合并 side：B005 取折中", date="2025-02-03T10:00:00+08:00")
    return Conflict(root, ours, theirs, merge)
