"""`dutylist fmt` through the CLI: output, exit status, and what lands on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dutylist_cli import messages
from dutylist_cli.cli.main import _register, app

CONFIG = (
    'schema: dutylist/config/1\nprovince: {code: "32", name: 江苏省}\n'
    "domains: [党的建设, 应急管理]\n"
)
TOWNSHIP = "lists/320115-江宁区/320115001-东山街道.yaml"
REGISTRY = "lists/320115-江宁区/320115.yaml"
CANONICAL = """\
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

cooperative:                  # 配合履职事项
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区应急管理局          # 主办部门
    department_duties: >-
      负责辖区安全生产综合监督管理。
    township_duties: >-
      配合开展安全生产检查，发现隐患及时报告。
    basis: [《中华人民共和国安全生产法》第九条]
"""
MESSY = CANONICAL.replace("〔2025〕", "【2025】").replace("配合开展", "配合\u200b开展")
REGISTRY_TEXT = (
    'schema: dutylist/county/1\ncounty: {code: "320115", name: 江宁区}\n'
    'city: {code: "320100", name: 南京市}\ndepartments:\n'
    "  - name: 区应急管理局\n    aliases: [区应急局]\n"
)

_register()


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield
    messages.set_language("zh")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "江苏 数据"
    (data / "lists/320115-江宁区").mkdir(parents=True)
    (data / "dutylist.yaml").write_text(CONFIG, "utf-8")
    (data / REGISTRY).write_text(REGISTRY_TEXT, "utf-8")
    (data / TOWNSHIP).write_text(MESSY, "utf-8")
    return data


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_check_exits_1_and_writes_nothing(root: Path) -> None:
    before = (root / TOWNSHIP).stat()
    code, out, err = run_cli("fmt", "--check", "--root", str(root))
    assert code == 1, err
    assert out.splitlines() == [f"需要格式化：{TOWNSHIP}", "1 个文件需要格式化，2 个文件无需改动"]
    after = (root / TOWNSHIP).stat()
    assert (root / TOWNSHIP).read_text("utf-8") == MESSY
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_fmt_rewrites_then_check_passes(root: Path) -> None:
    code, out, _ = run_cli("fmt", "--root", str(root))
    assert code == 0
    assert out.splitlines() == [f"已格式化 {TOWNSHIP}", "1 个文件已格式化，2 个文件无需改动"]
    assert (root / TOWNSHIP).read_text("utf-8") == CANONICAL
    code, out, _ = run_cli("fmt", "--check", "--root", str(root))
    assert code == 0
    assert out.splitlines() == ["0 个文件需要格式化，3 个文件无需改动"]


def test_paths_select_files_and_folders(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root / "lists")
    code, out, _ = run_cli("fmt", "--check", "320115-江宁区/320115.yaml")
    assert (code, out.splitlines()) == (0, ["0 个文件需要格式化，1 个文件无需改动"])
    code, out, _ = run_cli("fmt", "--check", "320115-江宁区")
    assert code == 1
    assert out.splitlines()[0] == f"需要格式化：{TOWNSHIP}"
    assert out.splitlines()[-1] == "1 个文件需要格式化，1 个文件无需改动"


def test_syntax_error_is_reported_with_file_and_line(root: Path) -> None:
    broken = "schema: dutylist/county/1\ndepartments:\n  - name: [区应急管理局\n"
    (root / REGISTRY).write_text(broken, "utf-8")
    code, out, err = run_cli("fmt", "--root", str(root))
    assert code == 1
    assert err.startswith(f"跳过 {REGISTRY}:4：YAML 语法错误")
    assert out.splitlines()[-1] == (
        "1 个文件已格式化，1 个文件无需改动，1 个文件无法格式化（未改动）"
    )
    assert (root / REGISTRY).read_text("utf-8") == broken


def test_english_output(root: Path) -> None:
    code, out, _ = run_cli("fmt", "--check", "--lang", "en", "--root", str(root))
    assert code == 1
    assert out.splitlines() == [
        f"would reformat {TOWNSHIP}",
        "1 file would be reformatted, 2 files left unchanged",
    ]


def _dutylist(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DUTYLIST_LANG": "zh", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_real_console_run(root: Path) -> None:
    checked = _dutylist("fmt", "--check", cwd=root / "lists")
    assert checked.returncode == 1, checked.stderr
    assert f"需要格式化：{TOWNSHIP}" in checked.stdout  # Chinese path, unquoted
    assert (root / TOWNSHIP).read_text("utf-8") == MESSY
    formatted = _dutylist("fmt", cwd=root)
    assert formatted.returncode == 0, formatted.stderr
    assert (root / TOWNSHIP).read_text("utf-8") == CANONICAL
    assert _dutylist("fmt", "--check", cwd=root).returncode == 0


def test_no_data_root_and_paths_outside_it_are_usage_errors(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "别处"
    outside.mkdir()
    no_root = _dutylist("fmt", cwd=outside)
    assert no_root.returncode == 2
    assert "dutylist.yaml" in no_root.stderr and "Traceback" not in no_root.stderr
    elsewhere = _dutylist("fmt", "--root", str(root), str(outside), cwd=root)
    assert elsewhere.returncode == 2 and "Traceback" not in elsewhere.stderr


def test_a_symlinked_list_is_formatted_through_its_link(root: Path) -> None:
    shared = root / "shared" / "东山街道.yaml"  # inside the data root, outside the walk
    shared.parent.mkdir()
    shared.write_text(MESSY, "utf-8")
    shared.chmod(0o640)
    link = root / TOWNSHIP
    link.unlink()
    link.symlink_to(Path("../../shared/东山街道.yaml"))
    code, out, err = run_cli("fmt", "--root", str(root))
    assert code == 0, err
    assert out.splitlines()[0] == f"已格式化 {TOWNSHIP}"
    assert link.is_symlink() and os.readlink(link) == "../../shared/东山街道.yaml"
    assert shared.read_text("utf-8") == CANONICAL
    assert shared.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in shared.parent.iterdir()) == ["东山街道.yaml"]
    assert sorted(p.name for p in link.parent.iterdir()) == sorted(
        ["320115.yaml", "320115001-东山街道.yaml"]
    )


def test_a_link_to_a_file_outside_the_data_root_is_not_rewritten(
    root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "别处" / "东山街道.yaml"
    outside.parent.mkdir()
    outside.write_text(MESSY, "utf-8")
    link = root / TOWNSHIP
    link.unlink()
    link.symlink_to(outside)
    code, _, err = run_cli("fmt", "--root", str(root))
    assert code == 1
    assert err.startswith(f"跳过 {TOWNSHIP}：是指向数据目录之外的符号链接（{outside}）")
    assert outside.read_text("utf-8") == MESSY and link.is_symlink()
    code, out, _ = run_cli("fmt", "--check", "--root", str(root))  # reading it is harmless
    assert code == 1 and out.splitlines()[0] == f"需要格式化：{TOWNSHIP}"


def test_diff_shows_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(repo / "dutylist.yaml", root)
    shutil.copytree(repo / "lists", root / "lists")
    name = "lists/320115-江宁区/320115001-东山街道.yaml"
    path = root / name
    before = path.read_text("utf-8").replace("〔2025〕", "[2025]", 1)
    assert before != path.read_text("utf-8")
    path.write_text(before, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "fmt", "--diff", name],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"--- a/{name}" in done.stdout and f"+++ b/{name}" in done.stdout
    assert "-" in done.stdout and "[2025]" in done.stdout and "〔2025〕" in done.stdout
    assert path.read_text("utf-8") == before  # nothing written
