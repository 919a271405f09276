"""`dutylist init DIR` through the CLI: the new repository validates, non-empty DIR is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dutylist_cli import messages

ValidateJson = Callable[..., tuple[int, dict[str, Any]]]
COUNTY = [
    "--county-code",
    "320115",
    "--county-name",
    "江宁区",
    "--city-code",
    "320100",
    "--city-name",
    "南京市",
]


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield


def invoke(*args: str) -> Result:
    from dutylist_cli.cli.main import _register, app

    if not any(command.name == "init" for command in app.registered_commands):
        _register()
    return CliRunner().invoke(app, [*args, "--lang", "zh"])


def test_init_then_validate_and_fmt_pass(tmp_path: Path, validate_json: ValidateJson) -> None:
    target = tmp_path / "江苏清单"
    result = invoke("init", str(target), *COUNTY)
    assert result.exit_code == 0, result.stderr
    assert "已写出 lists/320115-江宁区/320115.yaml" in result.stdout
    assert "新建数据仓库" in result.stdout
    code, report = validate_json(target)
    assert code == 0, report
    assert report["errors"] == 0 and report["warnings"] == 0
    assert report["files"] == 3  # dutylist.yaml, the county registry and the worked example
    assert (target / "docs" / "清单格式说明.md").is_file()
    fmt = invoke("fmt", "--check", "--root", str(target))
    assert fmt.exit_code == 0, fmt.stdout + fmt.stderr


def test_init_without_a_county_validates_too(tmp_path: Path, validate_json: ValidateJson) -> None:
    result = invoke(
        "init", str(tmp_path / "repo"), "--province-code", "33", "--province-name", "浙江省"
    )
    assert result.exit_code == 0, result.stderr
    assert "未指定县" in result.stdout
    code, report = validate_json(tmp_path / "repo")
    assert code == 0, report


def test_init_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("旧的说明", "utf-8")
    refused = invoke("init", str(tmp_path), *COUNTY)
    assert refused.exit_code == 2
    assert "不是空的" in refused.stderr and "--force" in refused.stderr
    assert not (tmp_path / "dutylist.yaml").exists()
    forced = invoke("init", str(tmp_path), *COUNTY, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / "dutylist.yaml").is_file()
    assert "旧的说明" not in (tmp_path / "README.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--county-code", "320115"], "--county-name"),
        ([*COUNTY[:1], "330106", *COUNTY[2:]], "--county-code"),
        (["--province-code", "3"], "--province-code"),
    ],
)
def test_bad_options_exit_2_naming_the_option(tmp_path: Path, args: list[str], named: str) -> None:
    result = invoke("init", str(tmp_path / "repo"), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dutylist: {named} 无效：")
    assert not (tmp_path / "repo").exists()


def test_init_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    run = [sys.executable, "-m", "dutylist_cli"]
    result = subprocess.run(
        [*run, "init", "新仓库", *COUNTY], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    validate = subprocess.run(
        [*run, "validate", "--no-cache"],
        cwd=tmp_path / "新仓库" / "lists",
        capture_output=True,
        text=True,
        env=env,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr


@pytest.mark.parametrize(
    ("option", "name"),
    [
        ("--county-name", "../../../../逃逸"),
        ("--county-name", "江宁/区"),
        ("--county-name", ".."),
        ("--county-name", ".江宁区"),
        ("--county-name", "江宁\\区"),
        ("--city-name", "../南京市"),
        ("--province-name", "江苏/省"),
    ],
)
def test_names_that_are_not_one_path_component_are_refused(
    tmp_path: Path, option: str, name: str
) -> None:
    target = tmp_path / "a" / "repo"
    target.parent.mkdir()
    values = dict(zip(COUNTY[::2], COUNTY[1::2], strict=True))
    values[option] = name
    args = [part for pair in values.items() for part in pair]
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    result = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "init", str(target), *args],
        cwd=target.parent,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"dutylist: {option} 无效：“{name}”不能用作目录名")
    assert "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.rglob("*")] == ["a"]  # nothing written, inside or out


def test_install_names_where_ci_and_pre_commit_get_dutylist(tmp_path: Path) -> None:
    spec = "git+https://git.example.org/tools/dutylist.git@0123456789abcdef"
    result = invoke("init", str(tmp_path / "repo"), *COUNTY, "--install", spec)
    assert result.exit_code == 0, result.stderr
    assert f"从 {spec} 安装 dutylist" in result.stdout
    assert "只在本机有效" not in result.stdout
    for name in (".github/workflows/dutylist.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        assert f'pip install "{spec}"' in (tmp_path / "repo" / name).read_text("utf-8").replace(
            "pre-commit ", ""
        ), name


def test_without_install_the_running_source_is_written_and_a_local_one_flagged(
    tmp_path: Path,
) -> None:
    from dutylist_cli.scaffold.install_source import detect_install_source

    source = detect_install_source()
    result = invoke("init", str(tmp_path / "repo"), *COUNTY)
    assert result.exit_code == 0, result.stderr
    assert f"从 {source.requirement} 安装 dutylist" in result.stdout
    assert ("只在本机有效" in result.stdout) is source.is_local
    workflow = (tmp_path / "repo" / ".github/workflows/dutylist.yml").read_text("utf-8")
    assert f'python -m pip install "{source.requirement}"' in workflow


def test_a_bad_install_value_exits_2_naming_the_option(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "repo"), "--install", 'x"; id')
    assert result.exit_code == 2
    assert result.stderr.startswith("dutylist: --install 无效：")
    assert not (tmp_path / "repo").exists()
