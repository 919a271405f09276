"""The reporter registry, `--format auto`, and every format against its golden files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from dutylist_cli.diagnostics import ValidationResult
from dutylist_cli.reporters import FORMAT_NAMES, REPORTER_BY_NAME, SourceLines, resolve_format

SUFFIX = {"text": "txt", "json": "json", "github": "txt", "sarif": "sarif", "junit": "xml"}


def test_registry_holds_the_five_formats() -> None:
    assert FORMAT_NAMES == ("text", "json", "github", "sarif", "junit")
    assert list(REPORTER_BY_NAME) == list(FORMAT_NAMES)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_output(
    fmt: str,
    lang: str,
    result: ValidationResult,
    source: SourceLines,
    golden: Callable[[str, str], None],
) -> None:
    rendered = REPORTER_BY_NAME[fmt](result, lang=lang, source=source, width=100)
    golden(f"{fmt}.{lang}.{SUFFIX[fmt]}", rendered)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_english_has_no_chinese_chrome(fmt: str, result: ValidationResult) -> None:
    zh = REPORTER_BY_NAME[fmt](result, lang="zh")
    en = REPORTER_BY_NAME[fmt](result, lang="en")
    assert "建议：" in zh and "建议：" not in en
    assert "Fix: use a canonical name" in en
    assert "区不存在局" in en  # the data stays as written


def test_auto_format() -> None:
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("auto", {"GITHUB_ACTIONS": ""}) == "text"
    assert resolve_format("sarif", {"GITHUB_ACTIONS": "true"}) == "sarif"
    with pytest.raises(ValueError, match="xml"):
        resolve_format("xml", {})


def test_a_clean_run_imports_no_reporter_library() -> None:
    code = (
        "import sys\n"
        "from dutylist_cli.diagnostics import ValidationResult\n"
        "from dutylist_cli.reporters import REPORTER_BY_NAME\n"
        "out = REPORTER_BY_NAME['text'](ValidationResult(files=2, diagnostics=[]), lang='en')\n"
        "assert out == '2 files checked, no problems', out\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('rich', 'xml')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
