"""`dutylist diff` through the CLI on real git repositories: JSON contract, paths, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import diff_scenarios as scenario
from dutylist_cli.cli.main import _register, app

if not any(command.name == "diff" for command in app.registered_commands):
    _register()

ADDED_KEYS = ["township", "item", "change", "category"]
MOVED_KEYS = ["township", "item", "change", "from", "to"]
MODIFIED_KEYS = ["township", "item", "change", "category", "fields", "editorial"]


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """The app in-process; ``cwd`` changes the working directory for the run."""
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(app, ["diff", *args], env={"DUTYLIST_LANG": "zh"})
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def diff_json(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run("--root", str(root), "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.repository(tmp_path)


def test_json_follows_the_contract(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.lead_change(repo)
    scenario.move_r004_to_basic(repo)
    scenario.returned_suspect(repo)
    code, report = diff_json(repo)
    assert code == 0
    assert list(report) == ["old", "new", "changes", "suspects"]
    assert (report["old"], report["new"]) == ("HEAD", "worktree")
    changes = {c["item"]: c for c in report["changes"]}
    assert list(changes["C031"]) == ADDED_KEYS and changes["C031"]["change"] == "added"
    assert list(changes["B036"]) == ADDED_KEYS and changes["B036"]["change"] == "removed"
    assert list(changes["R004"])[:5] == MOVED_KEYS
    assert (changes["R004"]["from"], changes["R004"]["to"]) == ("recovered", "basic")
    assert list(changes["B003"]) == MODIFIED_KEYS and changes["B003"]["editorial"] is True
    assert changes["C001"]["fields"] == ["lead", "partners"]
    assert changes["C001"]["editorial"] is False
    assert [(s["kind"], s["old_item"], s["new_item"]) for s in report["suspects"]] == [
        ("returned", "B036", "C031")
    ]


def test_old_and_new_revisions(repo: Path) -> None:
    scenario.punctuation_only(repo)
    first = scenario.commit(repo, "文字修改", date="2025-04-01T10:00:00+08:00")
    scenario.rename_suspect(repo)
    scenario.commit(repo, "统一战线工作改名", date="2025-05-01T10:00:00+08:00")
    _, report = diff_json(repo, "base", first)
    assert [c["item"] for c in report["changes"]] == ["B003"]
    assert (report["old"], report["new"]) == ("base", first)
    _, report = diff_json(repo, "HEAD~1", "HEAD")
    assert [(c["item"], c["change"]) for c in report["changes"]] == [
        ("B007", "removed"),
        ("B054", "added"),
    ]
    assert report["suspects"][0]["kind"] == "rename"
    _, report = diff_json(repo, "base")  # NEW defaults to the working tree
    assert [c["item"] for c in report["changes"]] == ["B003", "B007", "B054"]
    assert report["new"] == "worktree"


def test_git_renamed_township(repo: Path) -> None:
    scenario.git(repo, "mv", scenario.DONGSHAN, scenario.DONGSHAN_RENAMED)
    scenario.commit(repo, "东山街道清单文件更名", date="2025-04-01T10:00:00+08:00")
    code, report = diff_json(repo, "base", "HEAD", "--exit-code")
    assert (code, report["changes"]) == (0, [])
    scenario.edit(repo, scenario.DONGSHAN_RENAMED, "name: 统一战线工作", "name: 统战工作")
    _, report = diff_json(repo, "base")
    assert [(c["item"], c["change"], c["fields"]) for c in report["changes"]] == [
        ("B007", "modified", ["name"])
    ]


def test_untracked_township_in_the_working_tree(repo: Path) -> None:
    scenario.new_township(repo)
    _, report = diff_json(repo)
    assert {(c["township"], c["change"]) for c in report["changes"]} == {("320115007", "added")}
    assert [c["item"] for c in report["changes"]] == ["B001", "B002", "C001"]


def test_paths_after_double_dash(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.remove_item(repo, scenario.MOLING, "C023")
    _, report = diff_json(repo, "--", scenario.MOLING)
    assert [c["item"] for c in report["changes"]] == ["C023"]
    _, report = diff_json(repo, "base", "--", scenario.DONGSHAN, scenario.MOLING)
    assert [c["item"] for c in report["changes"]] == ["B003", "C023"]
    # relative to the working directory, like git: from inside the county folder
    code, out, _ = run(
        "--format", "json", "--", "320115002-秣陵街道.yaml", cwd=repo / "lists/320115-江宁区"
    )
    assert code == 0
    assert [c["item"] for c in json.loads(out)["changes"]] == ["C023"]
    # options before -- still count; what follows -- is a path even if it looks like an option
    _, report = diff_json(repo, "--", "--format")
    assert report["changes"] == []


def test_a_path_outside_the_data_root_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    code, out, err = run("--root", str(repo), "--", str(tmp_path))
    assert code == 2 and out == ""
    assert "不在数据目录" in err and "Traceback" not in err
    code, _, err = run("--root", str(repo), "--", "../../elsewhere.yaml", cwd=repo / "lists")
    assert code == 2 and "不在数据目录" in err


def test_data_root_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "省级仓库"
    top.mkdir()
    root = scenario.sample_root(top, "江苏")
    scenario.git(top, "init", "-q", "-b", "main")
    scenario.commit(top, "基准清单", date="2025-03-01T09:30:00+08:00")
    scenario.remove_item(root, scenario.MOLING, "C023")
    (top / "README.md").write_text("不在数据目录内的文件\n", "utf-8")
    code, out, _ = run("--format", "json", "--", scenario.MOLING, cwd=root)
    assert code == 0
    assert [c["item"] for c in json.loads(out)["changes"]] == ["C023"]
    code, _, err = run("--", "../README.md", cwd=root)
    assert code == 2 and "不在数据目录" in err


def test_too_many_revisions_point_at_double_dash(repo: Path) -> None:
    code, _, err = run("--root", str(repo), "base", "HEAD", scenario.DONGSHAN)
    assert code == 2
    assert "--" in err and scenario.DONGSHAN in err


def test_files(repo: Path, tmp_path: Path) -> None:
    draft = tmp_path / "东山街道（征求意见稿）.yaml"
    text = (repo / scenario.DONGSHAN).read_text("utf-8")
    draft.write_text(text.replace("name: 统一战线工作", "name: 统战工作"), "utf-8")
    code, report = diff_json(repo, "--files", str(repo / scenario.DONGSHAN), str(draft))
    assert code == 0
    assert report["old"] == scenario.DONGSHAN  # inside the data root: relative to it
    assert report["new"] == draft.as_posix()  # outside: as given
    assert [(c["item"], c["change"]) for c in report["changes"]] == [("B007", "modified")]
    code, out, _ = run(
        "--format", "json", "--exit-code", "--files", scenario.DONGSHAN, scenario.DONGSHAN, cwd=repo
    )
    assert code == 0 and json.loads(out)["changes"] == []


def test_files_needs_no_git_and_no_data_root(tmp_path: Path) -> None:
    source = scenario.REPO / scenario.DONGSHAN
    copy = tmp_path / "副本.yaml"
    copy.write_text(source.read_text("utf-8").replace("做好届中调整和补选。", "做好届中调整和补选"))
    code, out, err = run("--format", "json", "--files", str(source), str(copy), cwd=tmp_path)
    assert code == 0, err
    assert [c["editorial"] for c in json.loads(out)["changes"]] == [True]


def test_files_errors(repo: Path) -> None:
    code, _, err = run("--root", str(repo), "--files", scenario.DONGSHAN, "没有这个文件.yaml")
    assert code == 2 and "没有这个文件.yaml" in err and "Traceback" not in err
    code, _, err = run("--root", str(repo), "base", "--files", scenario.DONGSHAN, scenario.MOLING)
    assert code == 2 and "--files" in err


def test_files_that_are_not_lists_say_so(repo: Path, tmp_path: Path) -> None:
    """Two records or two configs are not "no changes": there is nothing to compare."""
    record = "adjustments/320115/320115-2025-007.yaml"
    code, out, err = run("--root", str(repo), "--files", record, "dutylist.yaml", cwd=repo)
    assert code == 2 and out == ""
    assert f"{record} 不是乡镇（街道）清单文件" in err and "Traceback" not in err
    plain = tmp_path / "说明.txt"
    plain.write_text("这不是清单\n", "utf-8")
    code, _, err = run("--files", scenario.DONGSHAN, str(plain), cwd=repo)
    assert code == 2 and "不是乡镇（街道）清单文件" in err


def test_exit_code(repo: Path) -> None:
    assert run("--root", str(repo), "--exit-code")[0] == 0
    scenario.punctuation_only(repo)
    assert run("--root", str(repo))[0] == 0
    assert run("--root", str(repo), "--exit-code")[0] == 1
    assert run("--root", str(repo), "--exit-code", "--", scenario.MOLING)[0] == 0


def test_unknown_revision(repo: Path) -> None:
    code, out, err = run("--root", str(repo), "no-such-branch")
    assert code == 2 and out == ""
    assert err.splitlines()[0] == "dutylist: 找不到 git 版本 no-such-branch"
    assert "git log --oneline" in err and "Traceback" not in err
    code, _, err = run("--root", str(repo), "--lang", "en", "base", "v9.9")
    assert code == 2 and "unknown git revision v9.9" in err


def test_repository_without_commits(tmp_path: Path) -> None:
    root = scenario.sample_root(tmp_path)
    scenario.git(root, "init", "-q", "-b", "main")
    code, out, err = run("--root", str(root))
    assert code == 2 and out == ""
    assert "还没有任何提交" in err and "git commit" in err and "Traceback" not in err


def test_folder_that_is_not_a_git_repository(tmp_path: Path) -> None:
    root = scenario.sample_root(tmp_path)
    code, _, err = run("--root", str(root), "base")
    assert code == 2
    assert "不是 git 仓库" in err and "Traceback" not in err


def test_shallow_clone_asks_to_deepen(repo: Path, tmp_path: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.commit(repo, "文字修改", date="2025-04-01T10:00:00+08:00")
    clone = tmp_path / "浅克隆"
    scenario.git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    assert diff_json(clone)[1]["changes"] == []  # HEAD against the working tree still works
    code, out, err = run("--root", str(clone), "HEAD~1", "HEAD")
    assert code == 2 and out == ""
    assert "git fetch --unshallow" in err and "Traceback" not in err


def test_chinese_paths_whatever_core_quotepath_says(repo: Path, tmp_path: Path) -> None:
    scenario.git(repo, "config", "core.quotepath", "true")
    scenario.new_township(repo)
    scenario.git(repo, "mv", scenario.DONGSHAN, scenario.DONGSHAN_RENAMED)
    scenario.edit(repo, scenario.DONGSHAN_RENAMED, "name: 统一战线工作", "name: 统战工作")
    _, report = diff_json(repo, "--", scenario.DONGSHAN_RENAMED)
    assert [c["item"] for c in report["changes"]] == ["B007"]
    _, report = diff_json(repo)
    assert {c["township"] for c in report["changes"]} == {"320115001", "320115007"}
    code, out, _ = run(
        "--root",
        str(repo),
        "--format",
        "json",
        "--files",
        scenario.DONGSHAN_RENAMED,
        scenario.NEW_TOWNSHIP,
        cwd=repo,
    )
    assert code == 0
    assert f'"old": "{scenario.DONGSHAN_RENAMED}"' in out  # unquoted, not \u escapes or octal
    assert "\\u" not in out and "\\3" not in out


def test_text_and_markdown_formats(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.returned_suspect(repo)
    code, out, _ = run("--root", str(repo))
    assert code == 0
    assert "320115001 东山街道" in out and "基本履职事项" in out
    assert "原文" in out and "新文" in out and "…" not in out
    assert "疑似“明减暗增”" in out
    assert out.rstrip().splitlines()[-1].startswith("共 3 项变动")
    code, out, _ = run("--root", str(repo), "--format", "markdown", "--lang", "en")
    assert code == 0 and out.startswith("## List diff: `HEAD` → `working tree`")
    assert "<details>" in out and "| Township | Added | Removed | Modified | Moved |" in out


def test_no_changes_in_text(repo: Path) -> None:
    code, out, _ = run("--root", str(repo))
    assert (code, out.strip()) == (0, "没有事项变动（HEAD → 工作区）")


def test_unreadable_file_warns_on_stderr(repo: Path) -> None:
    (repo / scenario.MOLING).write_text("schema: dutylist/township-list/1\nbasic: [\n", "utf-8")
    code, out, err = run("--root", str(repo), "--format", "json", "--exit-code")
    assert code == 1
    assert f"{scenario.MOLING} 无法解析" in err
    # the core compares the township against nothing (what route and check rely on), so its
    # items show as removed; the warning says why
    assert {c["change"] for c in json.loads(out)["changes"]} == {"removed"}
    (repo / scenario.MOLING).write_text("basic: [\n", "utf-8")
    broken = str(repo / scenario.MOLING)
    code, _, err = run("--root", str(repo), "--exit-code", "--files", broken, broken)
    assert code == 1 and err.count("无法解析") == 2


def test_unknown_format_is_a_usage_error(repo: Path) -> None:
    code, _, err = run("--root", str(repo), "--format", "sarif")
    assert code == 2 and "text|json|markdown" in err


def test_real_process(repo: Path) -> None:
    scenario.lead_change(repo)
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    done = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "diff", "base", "--format", "json", "--exit-code"],
        cwd=repo,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr.decode()
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["changes"] == [
        {
            "township": "320115001",
            "item": "C001",
            "change": "modified",
            "category": "cooperative",
            "fields": ["lead", "partners"],
            "editorial": False,
        }
    ]
    bad = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "diff", "HEAD~5"],
        cwd=repo,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr
    assert "找不到 git 版本 HEAD~5" in bad.stderr.decode("utf-8")
