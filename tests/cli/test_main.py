"""The options every command shares (--root, --lang, --debug), before or after the command."""

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

SAMPLE = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield
    messages.set_language("zh")


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    from dutylist_cli.cli.main import _register, app

    _register()
    return CliRunner().invoke(app, list(args), env={"DUTYLIST_LANG": "zh", **(env or {})})


def every_command() -> list[tuple[str, ...]]:
    """Each command as typed, `temp add` and its siblings included."""
    import typer

    from dutylist_cli.cli.main import _register, app

    _register()
    group: Any = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            paths += [(name, sub) for sub in subcommands]
        else:
            paths.append((name,))
    return paths


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_every_command_takes_root_lang_and_debug(command: tuple[str, ...]) -> None:
    result = invoke(*command, "-h")
    assert result.exit_code == 0, result.output
    for option in ("--root", "--lang", "--debug"):
        assert option in result.stdout, (command, option)


@pytest.mark.parametrize("command", [(), ("temp",), *every_command()], ids=" ".join)
def test_help_is_in_chinese_without_strftime_placeholders(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "显示本帮助并退出" in result.stdout
    assert "Show this message and exit" not in result.stdout
    assert "%Y" not in result.stdout and "%m" not in result.stdout


def test_the_summary_names_every_command() -> None:
    from dutylist_cli.cli.main import COMMAND_GROUPS

    result = invoke("-h")
    summary = result.stdout.split("Options:")[0]
    assert "校验、格式化、导出 JSON Schema" not in summary
    grouped = [name for _, names in COMMAND_GROUPS for name in names]
    assert sorted(grouped) == sorted({path[0] for path in every_command()})
    for title, names in COMMAND_GROUPS:
        assert f"{title}：{'、'.join(names)}" in summary


@pytest.fixture
def broken_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    """validate's core fails as a bug would."""

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in validation")

    monkeypatch.setattr("dutylist_cli.validation.run.validate", fail)


@pytest.mark.parametrize(
    "args",
    [
        ("--debug", "validate", "--root", str(SAMPLE)),
        ("validate", "--root", str(SAMPLE), "--debug"),
        ("--root", str(SAMPLE), "validate", "--debug"),
    ],
    ids=["before", "after", "after with root before"],
)
def test_debug_before_or_after_the_command_shows_the_traceback(
    broken_validation: None, args: tuple[str, ...]
) -> None:
    result = invoke(*args)
    assert result.exit_code == 3, result.output
    assert "Traceback" in result.stderr and "a bug in validation" in result.stderr


def test_without_debug_an_internal_error_is_one_line(broken_validation: None) -> None:
    result = invoke("validate", "--root", str(SAMPLE))
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
    assert "--debug" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "en", "validate", "--root", str(SAMPLE)),
        ("validate", "--root", str(SAMPLE), "--lang", "en"),
        ("--lang", "zh", "validate", "--root", str(SAMPLE), "--lang", "en"),
    ],
    ids=["before", "after", "after wins"],
)
def test_lang_before_or_after_the_command(args: tuple[str, ...]) -> None:
    result = invoke(*args, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "files checked" in result.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_unknown_language_is_a_usage_error(where: str) -> None:
    validate = ("validate", "--root", str(SAMPLE))
    args = ("--lang", "fr", *validate) if where == "before" else (*validate, "--lang", "fr")
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "--lang" in result.stderr and "fr" in result.stderr and "zh|en" in result.stderr
    assert result.stdout == ""


def test_root_before_the_command(tmp_path: Path) -> None:
    result = invoke("--root", str(SAMPLE), "validate", "--no-cache")
    assert result.exit_code == 0, result.output
    listing = invoke("--root", str(SAMPLE), "temp", "list", "--format", "json")
    assert listing.exit_code == 0, listing.output
    assert '"tasks"' in listing.stdout


def test_root_after_the_command_wins(tmp_path: Path) -> None:
    result = invoke("--root", str(tmp_path), "validate", "--root", str(SAMPLE), "--no-cache")
    assert result.exit_code == 0, result.output


def test_schema_takes_root_and_writes_into_its_schemas(
    copy_sample: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_sample()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("schema", "--root", str(data))
    assert result.exit_code == 0, result.output
    assert (data / "schemas" / "township-list.schema.json").is_file()
    assert not (elsewhere / "schemas").exists()
    check = invoke("--root", str(data), "schema", "--check")
    assert check.exit_code == 0, check.output


def test_schema_root_must_be_a_data_root(tmp_path: Path) -> None:
    result = invoke("schema", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "dutylist.yaml" in result.stderr


def test_rules_takes_root() -> None:
    result = invoke("rules", "--root", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output


def test_init_takes_root_as_the_folder_to_create(tmp_path: Path) -> None:
    result = invoke("init", "--root", str(tmp_path / "新仓库"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "新仓库" / "dutylist.yaml").is_file()
    clash = invoke("init", str(tmp_path / "甲"), "--root", str(tmp_path / "乙"))
    assert clash.exit_code == 2
    assert "--root" in clash.stderr
    neither = invoke("init")
    assert neither.exit_code == 2


def test_a_real_run_takes_the_options_after_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    env.pop("GITHUB_ACTIONS", None)
    process = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "validate", "--lang", "en", "--debug"],
        cwd=SAMPLE / "lists",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    assert "files checked" in process.stdout


def _real_env() -> dict[str, str]:
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    env.pop("GITHUB_ACTIONS", None)
    return env


@pytest.mark.parametrize("args", [("rules",), ("validate", "--root", str(SAMPLE)), ("-h",)])
def test_a_closed_stdout_ends_quietly_with_141(args: tuple[str, ...]) -> None:
    """The reader is gone before the first write: every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.run(
            [sys.executable, "-m", "dutylist_cli", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=_real_env(),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert process.returncode == 141, process.stderr
    assert process.stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline")
def test_rules_piped_into_head_is_not_an_error() -> None:
    """`dutylist rules | head -1`, ten times: 141 when the pipe closed first, else 0."""
    script = (
        f"for i in 1 2 3 4 5 6 7 8 9 10; do '{sys.executable}' -m dutylist_cli rules"
        ' | head -1 >/dev/null; echo "${PIPESTATUS[0]}"; done'
    )
    process = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=_real_env(), check=False
    )
    statuses = process.stdout.split()
    assert len(statuses) == 10, process.stderr
    assert set(statuses) <= {"0", "141"}, statuses
    assert process.stderr == ""
