"""`format_files`: what changes, what is skipped and why, and how files are written."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from dutylist_cli import messages
from dutylist_cli.errors import ExitCode
from dutylist_cli.store.formatting import format_files
from dutylist_cli.store.layout import iter_data_files

CONFIG = (
    'schema: dutylist/config/1\nprovince: {code: "32", name: 江苏省}\n'
    "domains: [党的建设, 应急管理]\n"
)
TOWNSHIP = "lists/320115-江宁区/320115001-东山街道.yaml"
CANONICAL_LIST = """\
# yaml-language-server: $schema=../../schemas/township-list.schema.json
schema: dutylist/township-list/1
township:
  code: "320115001"
  name: 东山街道
  kind: subdistrict
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
edition:
  version: "2025.1"
  effective: 2025-01-01
  document: 江宁编〔2025〕3号   # 文号

basic:                        # 基本履职事项
  - id: B001
    name: 加强基层党组织建设
    domain: 党的建设
    content: >-
      落实党建工作责任制，指导村（社区）党组织规范化建设。
    basis: [《中国共产党农村基层组织工作条例》第十条]
"""
# The same list as people write it: CRLF, [2025], a zero-width space, sequence at column 0.
MESSY_LIST = (
    CANONICAL_LIST.replace("〔2025〕", "[2025]")
    .replace("加强基层", "加强\u200b基层")
    .replace("  - id: B001\n    name", "- id: B001\n  name")
    .replace("    domain:", "  domain:")
    .replace("    content:", "  content:")
    .replace("      落实", "    落实")
    .replace("    basis:", "  basis:")
    .replace("\n", "  \r\n")
)


def make_root(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "数据 仓库"
    root.mkdir()
    (root / "dutylist.yaml").write_text(CONFIG, "utf-8")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture(autouse=True)
def chinese() -> None:
    messages.set_language("zh")


def test_messy_list_becomes_canonical(tmp_path: Path) -> None:
    assert MESSY_LIST != CANONICAL_LIST
    root = make_root(tmp_path, **{TOWNSHIP: MESSY_LIST})
    result = format_files(iter_data_files(root), root=root, check=False)
    assert result.changed == [TOWNSHIP]
    assert result.unchanged == ["dutylist.yaml"]
    assert result.skipped == []
    assert result.exit_code == ExitCode.OK
    assert (root / TOWNSHIP).read_bytes() == CANONICAL_LIST.encode("utf-8")
    again = format_files(iter_data_files(root), root=root, check=True)
    assert again.changed == [] and again.exit_code == ExitCode.OK


def test_check_reports_and_writes_nothing(tmp_path: Path) -> None:
    root = make_root(tmp_path, **{TOWNSHIP: MESSY_LIST})
    path = root / TOWNSHIP
    before = path.stat()
    result = format_files(iter_data_files(root), root=root, check=True)
    assert result.changed == [TOWNSHIP]
    assert result.exit_code == ExitCode.FINDINGS
    after = path.stat()
    assert path.read_bytes() == MESSY_LIST.encode("utf-8")
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_write_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    root = make_root(tmp_path, **{TOWNSHIP: MESSY_LIST})
    path = root / TOWNSHIP
    path.chmod(0o640)
    inode = path.stat().st_ino
    format_files([path], root=root, check=False)
    assert path.stat().st_ino != inode  # replaced by rename, never rewritten in place
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    root = make_root(tmp_path, **{TOWNSHIP: "\ufeff" + CANONICAL_LIST})
    result = format_files([root / TOWNSHIP], root=root, check=False)
    assert result.changed == [TOWNSHIP]
    assert (root / TOWNSHIP).read_bytes() == CANONICAL_LIST.encode("utf-8")


def test_broken_files_are_skipped_untouched_with_a_reason(tmp_path: Path) -> None:
    broken = "schema: dutylist/township-list/1\nbasic:\n  - id: [B001\n    name: 甲\n"
    root = make_root(
        tmp_path, **{TOWNSHIP: broken, "lists/320115-江宁区/320115002-秣陵街道.yaml": MESSY_LIST}
    )
    (root / "lists/320115-江宁区/notes.txt").write_text("不是 YAML", "utf-8")
    gbk = root / "temporary/320115/320115-T2025-003.yaml"
    gbk.parent.mkdir(parents=True)
    gbk.write_bytes("title: 配合开展人口抽样调查\n".encode("gbk"))
    paths = [*iter_data_files(root), root / "lists/320115-江宁区/notes.txt"]
    result = format_files(paths, root=root, check=False)
    assert result.changed == ["lists/320115-江宁区/320115002-秣陵街道.yaml"]
    skipped = {s.file: s for s in result.skipped}
    assert set(skipped) == {
        TOWNSHIP,
        "temporary/320115/320115-T2025-003.yaml",
        "lists/320115-江宁区/notes.txt",
    }
    assert skipped[TOWNSHIP].reason.startswith("YAML 语法错误")
    assert skipped[TOWNSHIP].line == 4
    assert skipped[TOWNSHIP].location == TOWNSHIP + ":4"
    assert "GB18030" in skipped["temporary/320115/320115-T2025-003.yaml"].reason
    assert "yaml" in skipped["lists/320115-江宁区/notes.txt"].reason
    assert (root / TOWNSHIP).read_text("utf-8") == broken
    assert gbk.read_bytes() == "title: 配合开展人口抽样调查\n".encode("gbk")
    assert result.exit_code == ExitCode.FINDINGS


def test_a_failed_write_is_a_skip_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("dutylist_cli.store.formatting.write_text_atomic", refuse)
    root = make_root(tmp_path, **{TOWNSHIP: MESSY_LIST})
    result = format_files([root / TOWNSHIP], root=root, check=False)
    assert [s.file for s in result.skipped] == [TOWNSHIP]
    assert result.skipped[0].reason == "无法写入：Permission denied"
    assert result.changed == [] and result.exit_code == ExitCode.FINDINGS


def test_many_files_in_parallel_give_the_same_result(tmp_path: Path) -> None:
    files = {
        f"lists/320115-江宁区/3201150{n:02d}-街道{n}.yaml": MESSY_LIST if n % 2 else CANONICAL_LIST
        for n in range(60)
    }
    root = make_root(tmp_path, **files)
    paths = iter_data_files(root)
    result = format_files(paths, root=root, check=False, jobs=2)
    assert sorted(result.changed) == sorted(k for n, k in enumerate(files) if n % 2)
    assert len(result.unchanged) == 31
    assert all((root / name).read_text("utf-8") == CANONICAL_LIST for name in files)
