"""`dutylist validate` through the real CLI on the bundled sample and on edited copies of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dutylist_cli.cli.main import _register, app

REPO = Path(__file__).resolve().parents[2]
TOWNSHIP = "lists/320115-江宁区/320115001-东山街道.yaml"

_register()


def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def validate_json(root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run_cli(
        "validate", "--root", str(root), "--format", "json", "--today", "2026-11-28", *extra
    )
    return code, json.loads(out)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the bundled sample province."""
    root = tmp_path / "省级数据 仓库"
    root.mkdir()
    shutil.copy(REPO / "dutylist.yaml", root)
    for folder in ("lists", "adjustments", "temporary"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_bundled_sample_is_clean() -> None:
    code, report = validate_json(REPO, "--no-cache")
    assert code == 0, report["diagnostics"][:5]
    assert report["errors"] == 0 and report["warnings"] == 0
    assert report["files"] >= 10


def test_json_shape_and_located_unknown_department(sample: Path) -> None:
    path = sample / TOWNSHIP
    text = path.read_text("utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("lead:"))
    lines[index] = lines[index].split("lead:")[0] + "lead: 区不存在局"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    code, report = validate_json(sample)
    assert code == 1
    assert list(report) == ["files", "errors", "warnings", "diagnostics"]
    [finding] = [d for d in report["diagnostics"] if d["code"] == "DL302"]
    assert list(finding) == [
        "file",
        "line",
        "column",
        "severity",
        "code",
        "message",
        "item",
        "pointer",
    ]
    assert finding["file"] == TOWNSHIP
    assert finding["line"] == index + 1
    assert finding["column"] == lines[index].index("lead:") + 1
    assert finding["pointer"].startswith("/cooperative/") and finding["pointer"].endswith("/lead")
    assert finding["item"].startswith("C")
    assert "区不存在局" in finding["message"]


def test_cache_reuses_and_invalidates(sample: Path) -> None:
    first = validate_json(sample)
    assert (sample / ".dutylist_cache" / ".gitignore").exists()
    assert validate_json(sample) == first
    registry = sample / "lists/320115-江宁区/320115.yaml"
    text = registry.read_text("utf-8")
    registry.write_text(text.replace("name: 区应急管理局", "name: 区应急管理局（改）"), "utf-8")
    os.utime(registry, (1_700_000_000, 1_700_000_000))
    code, report = validate_json(sample)
    assert code == 1, "a registry change must re-check the lists of its county"
    assert any(
        d["code"] == "DL302" and d["file"].startswith("lists/") for d in report["diagnostics"]
    )


def test_parallel_and_serial_agree(sample: Path) -> None:
    folder = sample / "lists/320115-江宁区"
    source = folder / "320115001-东山街道.yaml"
    text = source.read_text("utf-8")
    for number in range(10, 68):  # enough lists to take the parallel path
        code = f"3201150{number:02d}"
        name = f"测试{number}街道"
        body = text.replace("320115001", code).replace("东山街道", name)
        (folder / f"{code}-{name}.yaml").write_text(
            body.replace("lead: 区", "lead: 区未知", 1), "utf-8"
        )
    serial = validate_json(sample, "--no-cache", "--jobs", "1")
    parallel = validate_json(sample, "--no-cache", "--jobs", "2")
    assert serial == parallel
    assert serial[1]["errors"] >= 58


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-06-02T10:00:00+08:00",
        "GIT_COMMITTER_DATE": "2025-06-02T10:00:00+08:00",
    }
    return subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def test_changed_since_validates_changed_files_and_dependents(sample: Path) -> None:
    git(sample, "init", "-q", "-b", "main")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "初始清单")
    path = sample / TOWNSHIP
    path.write_text(path.read_text("utf-8").replace("domain: 党的建设", "domain: 党建", 1), "utf-8")
    code, report = validate_json(sample, "--changed-since", "HEAD")
    assert code == 1
    files = {d["file"] for d in report["diagnostics"]}
    assert files == {TOWNSHIP}
    adjustments = len(list((sample / "adjustments").rglob("*.yaml")))
    tasks = len(list((sample / "temporary").rglob("*.yaml")))
    assert report["files"] == 1 + adjustments + tasks  # the list and the records naming it


def test_unknown_revision_is_a_usage_error(sample: Path) -> None:
    git(sample, "init", "-q", "-b", "main")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "初始")
    code, out, err = run_cli("validate", "--root", str(sample), "--changed-since", "nope")
    assert code == 2
    assert "nope" in err and "Traceback" not in err + out


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "junit"])
def test_every_format_reports_the_finding(sample: Path, fmt: str) -> None:
    path = sample / TOWNSHIP
    path.write_text(path.read_text("utf-8").replace("domain: 党的建设", "domain: 党建", 1), "utf-8")
    code, out, _ = run_cli("validate", "--root", str(sample), "--format", fmt)
    assert code == 1
    assert "DL301" in out
    assert "320115001-东山街道.yaml" in out or "%E4%B8%9C" in out


def test_english_messages(sample: Path) -> None:
    path = sample / TOWNSHIP
    path.write_text(path.read_text("utf-8").replace("domain: 党的建设", "domain: 党建", 1), "utf-8")
    _, out, _ = run_cli("validate", "--root", str(sample), "--format", "json", "--lang", "en")
    message = json.loads(out)["diagnostics"][0]["message"]
    assert "is not in the domains" in message and "did you mean" in message


def test_english_counts_agree_with_their_nouns(sample: Path) -> None:
    path = sample / TOWNSHIP
    one_file = ("validate", "--root", str(sample), str(path), "--lang", "en", "-f", "text")
    code, out, _ = run_cli(*one_file)
    assert code == 0 and "1 file checked, no problems" in out
    path.write_text(path.read_text("utf-8").replace("domain: 党的建设", "domain: 党建", 1), "utf-8")
    code, out, _ = run_cli(*one_file)
    assert code == 1 and "1 file checked: 1 error, 0 warnings" in out


def test_real_subprocess_run_from_inside_the_root(sample: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "validate"],
        cwd=sample / "lists",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_changed_since_rechecks_lists_when_their_registry_is_deleted(sample: Path) -> None:
    git(sample, "init", "-q", "-b", "main")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "初始清单")
    (sample / "lists/320115-江宁区/320115.yaml").unlink()
    code, report = validate_json(sample, "--changed-since", "HEAD")
    assert code == 1
    assert {d["code"] for d in report["diagnostics"]} >= {"DL304"}
    assert TOWNSHIP in {d["file"] for d in report["diagnostics"]}
