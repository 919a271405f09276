"""Validation rules as data: every case under tests/cases/ run through `dutylist validate`.

A case is one YAML file ``tests/cases/<CODE>-<slug>.yaml`` (or ``ok-<slug>.yaml`` for input that
must give no finding) whose leading comment lines say where it goes and what it must produce::

    # path: lists/320115-江宁区/320115001-东山街道.yaml   (default: the 东山街道 list)
    # expect: DL204@34:5 DL205@35:5                     (code@line[:column]; none = clean)
    # today: 2026-11-28                                  (optional)
    # message-zh: 是否应为“name”                        (optional: a message must contain it)
    # message-en: did you mean 'name'
    # xfail: <the src bug that makes this case fail>      (optional, strict)

The file, comments included, is copied into a fresh copy of ``tests/cases/base/`` at ``path``
(replacing the base file there, if any). A case that needs several files is a directory
``tests/cases/<CODE>-<slug>/`` holding them at their data-root-relative paths, beside an
``expect.txt`` of lines ``<path>: CODE@line:col …`` (plus optional ``today:``, ``remove: <path>``
to delete a base file, ``message-zh:``, ``message-en:``, ``xfail:`` lines). Every finding of
the run must be expected: files the case does not name must stay clean.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dutylist_cli.messages import RULES

CASES = Path(__file__).parents[1] / "cases"
BASE = CASES / "base"
FILE_LEVEL_TESTS = Path(__file__).parents[1] / "checks" / "test_file_level.py"
DEFAULT_PATH = "lists/320115-江宁区/320115001-东山街道.yaml"
TODAY = "2026-11-28"
_TOKEN = re.compile(r"^(DL\d{3})@(\d+)(?::(\d+))?$")
_NAME = re.compile(r"^(DL\d{3}|ok)-[\w.-]+$")
_ITEM_POINTER = re.compile(r"^/(basic|cooperative|recovered)/\d+(/|$)")
_PLACEHOLDER = re.compile(r"\{\w+\}")  # a template argument the finding did not fill
_KEYWORDS = ("today", "remove", "message-zh", "message-en", "xfail")


@dataclass(frozen=True)
class Expected:
    code: str
    line: int
    column: int | None

    @classmethod
    def parse(cls, token: str) -> Expected:
        match = _TOKEN.match(token)
        assert match, f"bad expectation {token!r}: write CODE@line or CODE@line:column"
        code, line, column = match.groups()
        assert code in RULES, f"{code} is not in the rule catalogue"
        return cls(code, int(line), int(column) if column else None)

    def matches(self, finding: dict[str, Any]) -> bool:
        return (
            finding["code"] == self.code
            and finding["line"] == self.line
            and (self.column is None or finding["column"] == self.column)
        )

    def __str__(self) -> str:
        return f"{self.code}@{self.line}" + (f":{self.column}" if self.column else "")


@dataclass
class Case:
    name: str
    files: dict[str, bytes] = field(default_factory=dict)  # data-root path -> content
    expected: dict[str, list[Expected]] = field(default_factory=lambda: defaultdict(list))
    removed: list[str] = field(default_factory=list)
    today: str = TODAY
    messages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    xfail: str = ""  # a known bug in src: the case fails until it is fixed (strict)

    @property
    def code(self) -> str | None:
        prefix = self.name.split("-", 1)[0]
        return prefix if prefix in RULES else None

    def expected_codes(self) -> set[str]:
        return {e.code for found in self.expected.values() for e in found}

    def build(self, root: Path) -> Path:
        shutil.copytree(BASE, root)
        for name in self.removed:
            (root / name).unlink()
        for name, content in self.files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return root

    def directive(self, key: str, value: str) -> None:
        if key == "today":
            self.today = value
        elif key == "xfail":
            self.xfail = value
        elif key == "remove":
            self.removed.append(value)
        elif key.startswith("message-"):
            self.messages[key.removeprefix("message-")].append(value)
        else:
            self.expected[key].extend(Expected.parse(t) for t in value.split())


def _header(text: str) -> list[tuple[str, str]]:
    """The ``# key: value`` lines that open a case file."""
    found = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, colon, value = line[1:].partition(":")
        if colon and key.strip() in ("path", "expect", *_KEYWORDS):
            found.append((key.strip(), value.strip()))
    return found


def load_case(source: Path) -> Case:
    case = Case(source.name.removesuffix(".yaml"))
    if source.is_file():
        raw = source.read_bytes()
        header = _header(raw.decode("utf-8"))
        path = next((value for key, value in header if key == "path"), DEFAULT_PATH)
        case.files[path] = raw
        case.expected.setdefault(path, [])  # a clean file is an expectation too
        for key, value in header:
            if key != "path":
                case.directive(path if key == "expect" else key, value)
        return case
    for file in sorted(source.rglob("*")):
        if file.is_file() and file.name != "expect.txt":
            case.files[file.relative_to(source).as_posix()] = file.read_bytes()
    for line in (source / "expect.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, colon, value = line.partition(":")
            assert colon, f"{source.name}/expect.txt: bad line {line!r}"
            case.directive(key.strip(), value.strip())
    return case


def all_cases() -> list[Path]:
    return sorted(
        p for p in CASES.iterdir() if p.name != "base" and (p.is_dir() or p.suffix == ".yaml")
    )


def _compare(
    findings: list[dict[str, Any]], expected: list[Expected]
) -> tuple[list[str], list[str]]:
    """(expected but missing, found but unexpected)."""
    left = list(findings)
    missing = []
    for wanted in sorted(expected, key=lambda e: e.column is None):
        hit = next((f for f in left if wanted.matches(f)), None)
        if hit is None:
            missing.append(str(wanted))
        else:
            left.remove(hit)
    extra = [f"{f['code']}@{f['line']}:{f['column']} {f['message']}" for f in left]
    return missing, extra


def _by_file(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in report["diagnostics"]:
        grouped[finding["file"]].append(finding)
    return grouped


@pytest.mark.parametrize("source", all_cases(), ids=lambda p: p.name)
def test_case(
    source: Path, tmp_path: Path, validate_json: Any, request: pytest.FixtureRequest
) -> None:
    case = load_case(source)
    if case.xfail:
        request.applymarker(pytest.mark.xfail(reason=case.xfail, strict=True))
    assert _NAME.match(case.name), f"name cases <CODE>-<slug> or ok-<slug>: {case.name}"
    if case.code:
        assert case.code in case.expected_codes(), f"{case.name} never expects {case.code}"
    else:
        assert not case.expected_codes(), "an ok- case expects no finding"
    root = case.build(tmp_path / "数据 仓库")
    exit_code, report = validate_json(root, today=case.today)

    found = _by_file(report)
    problems = []
    for name in sorted(set(found) | set(case.expected)):
        missing, extra = _compare(found.get(name, []), case.expected.get(name, []))
        if missing or extra:
            problems.append(f"{name}:\n  missing: {missing}\n  unexpected: {extra}")
    assert not problems, "\n".join(problems)

    for finding in report["diagnostics"]:
        for key in ("file", "line", "column", "pointer", "severity", "message"):
            assert key in finding, (key, finding)
        assert finding["line"] >= 1 and finding["column"] >= 1, finding
        assert finding["pointer"] == "" or finding["pointer"].startswith("/"), finding
        assert finding["severity"] == RULES[finding["code"]].severity.value, finding
        assert not finding["file"].startswith("/") and "\\" not in finding["file"], finding
        # an item's finding names the item (file-level DL0xx findings come before the data)
        if _ITEM_POINTER.match(finding["pointer"]) and not finding["code"].startswith("DL0"):
            assert finding.get("item"), f"no item: {finding}"
        assert finding["message"].strip(), finding
    errors = sum(RULES[c].severity.value == "error" for c in _codes(report))
    assert (report["errors"], report["warnings"]) == (errors, len(report["diagnostics"]) - errors)
    assert exit_code == (1 if errors else 0)

    reports = {"zh": report}
    reports["en"] = validate_json(root, today=case.today, lang="en")[1]
    assert _places(reports["en"]) == _places(report), "only the language may differ"
    for lang, translated in reports.items():
        for finding in translated["diagnostics"]:
            assert not _PLACEHOLDER.search(finding["message"]), (lang, finding)
        messages = [f["message"] for f in translated["diagnostics"]]
        for needle in case.messages.get(lang, []):
            assert any(needle in m for m in messages), (lang, needle, messages)


def _codes(report: dict[str, Any]) -> list[str]:
    return [finding["code"] for finding in report["diagnostics"]]


def test_base_is_clean(tmp_path: Path, validate_json: Any) -> None:
    root = tmp_path / "base"
    shutil.copytree(BASE, root)
    exit_code, report = validate_json(root)
    assert report["diagnostics"] == []
    assert (report["errors"], report["warnings"]) == (0, 0)
    assert report["files"] == 6
    assert exit_code == 0


def _file_level_codes() -> set[str]:
    """The codes tests/checks/test_file_level.py generates (files that cannot be case files)."""
    tree = ast.parse(FILE_LEVEL_TESTS.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "GENERATED_CODES" for t in targets):
                assert node.value is not None
                return set(ast.literal_eval(node.value))
    raise AssertionError("test_file_level.py declares no GENERATED_CODES")


def test_every_rule_has_a_case() -> None:
    """The catalogue and the suite never drift: each code has a case named after it.

    DL6xx findings come from spreadsheets, not YAML files: tests/publishing/test_importing.py
    holds a hand-made workbook for each of them instead.
    """
    named = {load_case(p).code for p in all_cases()} - {None}
    covered = named | _file_level_codes()
    spreadsheet = {code for code in RULES if code.startswith("DL6")}
    assert sorted(set(RULES) - covered - spreadsheet) == [], "codes without a case"
    assert sorted(covered - set(RULES)) == [], "cases for codes not in the catalogue"


# -- message language -----------------------------------------------------------------------
# The same finding (DL102 with a "did you mean") in both languages: --lang, then DUTYLIST_LANG,
# then the locale. Only the message changes; code, place and pointer do not.

LANG_CASE = CASES / "DL102-misspelt-name.yaml"
ZH_TEXT = "未知字段“nmae”，是否应为“name”？"
EN_TEXT = "unknown field 'nmae' (did you mean 'name'?)"
_LANG_VARIABLES = ("DUTYLIST_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _run_module(root: Path, args: list[str], env: dict[str, str]) -> tuple[int, dict[str, Any]]:
    """`python -m dutylist_cli validate …` in a clean language environment plus ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in _LANG_VARIABLES}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "dutylist_cli",
            "validate",
            "--root",
            str(root),
            "--format",
            "json",
            "--no-cache",
            "--today",
            TODAY,
            *args,
        ],
        env={**clean, "PYTHONIOENCODING": "utf-8", **env},
        capture_output=True,
        check=False,
        cwd=root.parent,
    )
    assert completed.returncode in (0, 1), completed.stderr.decode("utf-8", "replace")
    return completed.returncode, json.loads(completed.stdout.decode("utf-8"))


def _places(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (f["file"], f["code"], f["line"], f["column"], f["pointer"], f.get("item"), f["severity"])
        for f in report["diagnostics"]
    ]


@pytest.fixture(scope="module")
def lang_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_case(LANG_CASE).build(tmp_path_factory.mktemp("lang") / "数据")


LANGUAGE_SETTINGS = {
    "flag-zh": (["--lang", "zh"], {}, ZH_TEXT),
    "flag-en": (["--lang", "en"], {}, EN_TEXT),
    "flag-en-equals": (["--lang=en"], {}, EN_TEXT),
    "env-en": ([], {"DUTYLIST_LANG": "en"}, EN_TEXT),
    "env-zh": ([], {"DUTYLIST_LANG": "zh", "LANG": "en_US.UTF-8"}, ZH_TEXT),
    "flag-beats-env": (["--lang", "zh"], {"DUTYLIST_LANG": "en"}, ZH_TEXT),
    "locale-en": ([], {"LANG": "en_US.UTF-8"}, EN_TEXT),
    "locale-zh": ([], {"LC_ALL": "zh_CN.UTF-8"}, ZH_TEXT),
}


@pytest.mark.parametrize("setting", sorted(LANGUAGE_SETTINGS))
def test_message_language(setting: str, lang_root: Path) -> None:
    args, env, text = LANGUAGE_SETTINGS[setting]
    exit_code, report = _run_module(lang_root, args, env)
    _, reference = _run_module(lang_root, ["--lang", "zh"], {})
    assert exit_code == 1
    assert _places(report) == _places(reference)
    [unknown] = [f for f in report["diagnostics"] if f["code"] == "DL102"]
    assert text in unknown["message"], unknown["message"]


@pytest.mark.parametrize(("lang", "text"), [("zh", ZH_TEXT), ("en", EN_TEXT)])
def test_message_language_in_process(
    lang: str, text: str, lang_root: Path, validate_json: Any
) -> None:
    """typer's CliRunner on the app itself honours --lang too (not only the console script)."""
    _, report = validate_json(lang_root, lang=lang)
    [unknown] = [f for f in report["diagnostics"] if f["code"] == "DL102"]
    assert text in unknown["message"], unknown["message"]


def test_message_language_from_env_in_process(lang_root: Path, validate_json: Any) -> None:
    _, report = validate_json(lang_root, lang="", env={"DUTYLIST_LANG": "en"})
    [unknown] = [f for f in report["diagnostics"] if f["code"] == "DL102"]
    assert EN_TEXT in unknown["message"], unknown["message"]
