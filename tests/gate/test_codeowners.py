"""`dutylist codeowners`: CODEOWNERS from `owners:`, admission records listed with the province."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dutylist_cli import messages
from dutylist_cli.errors import ExitCode
from dutylist_cli.gate.codeowners import (
    CodeownersStale,
    CodeownersUnavailable,
    build_codeowners,
    update_codeowners,
)

OWNERS = """\
owners:
  province: ["@js/province"]
  counties:
    "320115": ["@js/jiangning", reviewer@example.cn]
    "320116": ["@js/luhe"]
"""
CONFIG = 'schema: dutylist/config/1\nprovince: {code: "32", name: 江苏省}\ndomains: [党的建设]\n'


def record(record_id: str, trigger: str) -> str:
    return (
        f'schema: dutylist/adjustment/1\nid: {record_id}\ncounty: "{record_id[:6]}"\n'
        f"trigger: {trigger}\nproposed: 2025-04-28\nsummary: 调整\n"
        'changes:\n  - {township: "320115001", action: add, item: C031}\napprovals: []\n'
    )


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "dutylist.yaml").write_text(CONFIG + OWNERS, "utf-8")
    (tmp_path / "lists/320115-江宁区").mkdir(parents=True)
    (tmp_path / "lists/320115-江宁区/320115.yaml").write_text("schema: x\n", "utf-8")
    (tmp_path / "lists/320113-栖霞区").mkdir(parents=True)
    records = tmp_path / "adjustments/320115"
    records.mkdir(parents=True)
    (records / "320115-2025-007.yaml").write_text(
        record("320115-2025-007", "department_proposal"), "utf-8"
    )
    (records / "320115-2025-008.yaml").write_text(
        record("320115-2025-008", "市县两级党委政府交办"), "utf-8"
    )
    (records / "320115-2025-011.yaml").write_text(record("320115-2025-011", "law_change"), "utf-8")
    (records / "320115-2025-012.yaml").write_text(
        "schema: [\n", "utf-8"
    )  # unreadable: stricter review
    (tmp_path / "adjustments/320116").mkdir()
    (tmp_path / "adjustments/320116/320116-2025-001.yaml").write_text(
        record("320116-2025-001", "township_application"), "utf-8"
    )
    return tmp_path


def rules(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_counties_own_their_files_and_admission_records_need_the_province(root: Path) -> None:
    text = build_codeowners(root).text()
    assert text.startswith("# 此文件由 dutylist 根据 dutylist.yaml 中的 owners: 生成")
    assert "dutylist codeowners --check" in text.splitlines()[1]
    county = "@js/jiangning reviewer@example.cn"
    assert rules(text) == [
        "* @js/province",
        "/dutylist.yaml @js/province",
        "/schemas/ @js/province",
        "/CODEOWNERS @js/province",
        f"/lists/320115-江宁区/ {county}",
        f"/adjustments/320115/ {county}",
        f"/temporary/320115/ {county}",
        "/lists/320116-*/ @js/luhe",
        "/adjustments/320116/ @js/luhe",
        "/temporary/320116/ @js/luhe",
        f"/adjustments/320115/320115-2025-007.yaml {county} @js/province",
        f"/adjustments/320115/320115-2025-008.yaml {county} @js/province",
        f"/adjustments/320115/320115-2025-012.yaml {county} @js/province",
    ]


def test_notes_name_unowned_counties_and_missing_folders(root: Path) -> None:
    notes = build_codeowners(root).notes
    assert any("320116" in note for note in notes)  # owners but no lists folder yet
    assert any("320113" in note for note in notes)  # lists but no owners


def test_the_policy_decides_which_triggers_are_admission(root: Path) -> None:
    policy = "policy:\n  triggers:\n    law_change: {heavier: admission}\n"
    (root / "dutylist.yaml").write_text(CONFIG + OWNERS + policy, "utf-8")
    text = build_codeowners(root).text()
    assert "/adjustments/320115/320115-2025-011.yaml @js/jiangning" in text
    assert "320116-2025-001" not in text


def test_the_text_does_not_follow_the_language(root: Path) -> None:
    chinese = build_codeowners(root).text()
    messages.set_language("en")
    assert build_codeowners(root).text() == chinese


def test_without_owners_there_is_nothing_to_write(root: Path) -> None:
    (root / "dutylist.yaml").write_text(CONFIG, "utf-8")
    with pytest.raises(CodeownersUnavailable) as caught:
        build_codeowners(root)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.hint and "owners:" in caught.value.hint


def test_owner_names_with_spaces_are_refused(root: Path) -> None:
    (root / "dutylist.yaml").write_text(CONFIG + 'owners: {province: ["@js/省 级"]}\n', "utf-8")
    with pytest.raises(CodeownersUnavailable):
        build_codeowners(root)


def test_a_broken_config_is_a_usage_error(root: Path) -> None:
    (root / "dutylist.yaml").write_text(CONFIG + "owners: {province: [\n", "utf-8")
    with pytest.raises(CodeownersUnavailable) as caught:
        build_codeowners(root)
    assert "dutylist.yaml" in caught.value.message and "YAML" in caught.value.message


def test_update_writes_then_check_passes_and_catches_drift(root: Path) -> None:
    with pytest.raises(CodeownersStale) as caught:
        update_codeowners(root, check=True)
    assert caught.value.exit_code == ExitCode.FINDINGS
    assert not (root / "CODEOWNERS").exists()
    assert update_codeowners(root, check=False).changed
    assert not update_codeowners(root, check=True).changed
    assert not update_codeowners(root, check=False).changed
    (root / "adjustments/320115/320115-2025-020.yaml").write_text(
        record("320115-2025-020", "department_proposal"), "utf-8"
    )
    with pytest.raises(CodeownersStale) as stale:
        update_codeowners(root, check=True)
    assert "CODEOWNERS" in stale.value.message


def test_paths_are_relative_to_the_git_top(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    top = tmp_path_factory.mktemp("top")
    data = top / "清单"
    shutil.copytree(root, data)
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    owners = build_codeowners(data, output=top / ".github" / "CODEOWNERS")
    lines = rules(owners.text())
    assert "/清单/dutylist.yaml @js/province" in lines
    assert "/.github/CODEOWNERS @js/province" in lines
    assert "/清单/lists/320115-江宁区/ @js/jiangning reviewer@example.cn" in lines
    outcome = update_codeowners(data, check=False)
    assert outcome.path == top.resolve() / "CODEOWNERS"


# -- through the CLI ---------------------------------------------------------------------------
def invoke(*args: str) -> Result:
    from dutylist_cli.cli.main import _register, app

    if not any(command.name == "codeowners" for command in app.registered_commands):
        _register()
    return CliRunner().invoke(app, [*args, "--lang", "zh"])


def test_cli_writes_checks_and_prints(root: Path) -> None:
    result = invoke("codeowners", "--root", str(root), "--check")
    assert result.exit_code == 1, result.output
    assert "CODEOWNERS 不存在" in result.stderr
    result = invoke("codeowners", "--root", str(root))
    assert result.exit_code == 0
    assert result.stdout.strip() == "已写出 CODEOWNERS"
    assert "320113" in result.stderr
    result = invoke("codeowners", "--root", str(root), "--check")
    assert result.exit_code == 0
    printed = invoke("codeowners", "--root", str(root), "-o", "-")
    assert printed.stdout == (root / "CODEOWNERS").read_text("utf-8")


def test_cli_without_owners_exits_2(root: Path) -> None:
    (root / "dutylist.yaml").write_text(CONFIG, "utf-8")
    result = invoke("codeowners", "--root", str(root))
    assert result.exit_code == 2
    assert "owners" in result.stderr
