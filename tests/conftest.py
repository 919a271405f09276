"""Shared fixtures: `dutylist validate --format json` run through the real CLI, report parsed."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ValidateJson = Callable[..., tuple[int, dict[str, Any]]]

CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium package; no browser download
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One Chromium for the whole run, through Playwright (a second sync_playwright in the same
    process fails), or a skip on a machine without it (CI installs it: there it must run)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def validate_json() -> ValidateJson:
    """``validate_json(root, *extra, today=..., lang=...)`` -> (exit code, parsed JSON report)."""
    from dutylist_cli.cli.main import _register, app

    if not any(command.name == "validate" for command in app.registered_commands):
        _register()

    def run(
        root: Path,
        *extra: str,
        today: str = "2026-11-28",
        lang: str = "zh",
        env: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        args = [
            "validate",
            "--root",
            str(root),
            "--format",
            "json",
            "--no-cache",
            "--today",
            today,
            *(["--lang", lang] if lang else []),
            *extra,
        ]
        result = CliRunner().invoke(app, args, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
        return result.exit_code, json.loads(result.stdout)

    return run


SAMPLE = Path(__file__).resolve().parents[1]  # this repository is itself a data root


@pytest.fixture
def copy_sample(tmp_path: Path) -> Callable[..., Path]:
    """``copy_sample("lists", "temporary", name="data")``: the sample data root in tmp_path."""

    def copy(*folders: str, name: str = "data") -> Path:
        data = tmp_path / name
        data.mkdir()
        shutil.copy(SAMPLE / "dutylist.yaml", data)
        for folder in folders or ("lists",):
            shutil.copytree(SAMPLE / folder, data / folder)
        return data

    return copy


@pytest.fixture
def latin_only_fonts(tmp_path: Path) -> Path:
    """A FONTCONFIG_FILE that knows DejaVu only: what a server without Chinese fonts has."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("DejaVu fonts are not installed here")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir>'
        f"<cachedir>{tmp_path / 'font-cache'}</cachedir></fontconfig>",
        "utf-8",
    )
    return config


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: text equals golden/<name> beside the test; UPDATE_GOLDEN=1
    rewrites it instead (refresh on purpose, then read the diff)."""
    folder = Path(str(request.path)).parent / "golden"

    def check(name: str, text: str) -> None:
        path = folder / name
        if os.environ.get("UPDATE_GOLDEN"):
            folder.mkdir(exist_ok=True)
            path.write_text(text, "utf-8", newline="")
        assert path.exists(), f"golden file {name} missing: run with UPDATE_GOLDEN=1"
        assert text == path.read_bytes().decode("utf-8"), f"differs from golden/{name}"

    return check


@pytest.fixture(autouse=True)
def _keep_the_process_language() -> Any:
    """`--lang` sets the process's language for the rest of the run (as the CLI must): a test
    that runs the app in process with `--lang en` must not leave English to the next test."""
    from dutylist_cli import messages

    saved = messages.language()
    yield
    messages.set_language(saved)
