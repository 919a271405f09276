"""Robustness: every case of the YAML test suite fed to `dutylist validate` as a township list.

The suite (public yaml/yaml-test-suite data, see its README) lives beside the project in
``../shared/corpus/yaml-test-suite``; ``DUTYLIST_YAML_SUITE`` names another copy. Each case folder
(some hold numbered sub-folders) has ``in.yaml`` and, when the input is not valid YAML, ``error``.
All cases go into one data root and are checked by one real CLI run: none is a valid township
list, so every case must get located findings with known codes, and every invalid one a YAML-level
finding; the run itself must end with exit 1, never a usage error, an internal error or a
traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dutylist_cli.messages import RULES

SUITE_ENV = "DUTYLIST_YAML_SUITE"
DEFAULT_SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "yaml-test-suite"
COUNTY_FOLDER = "lists/320115-江宁区"
# Findings that say "this is not (acceptable) YAML", as opposed to schema or list-rule findings.
YAML_LEVEL = {"DL001", "DL004", "DL005", "DL011", "DL012", "DL013"}
TIME_LIMIT = 60.0  # seconds for the whole corpus; it takes a few

CONFIG = """\
schema: dutylist/config/1
province: {code: "32", name: 江苏省}
domains: [党的建设, 经济发展, 民生服务, 平安法治, 生态环保, 城乡建设, 应急管理, 综合保障]
"""
REGISTRY = """\
schema: dutylist/county/1
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
departments:
  - name: 区应急管理局
    aliases: [区应急局]
  - name: 区城市管理局
    aliases: [区城管局]
"""


def suite_folder() -> Path:
    configured = os.environ.get(SUITE_ENV)
    folder = Path(configured) if configured else DEFAULT_SUITE
    if not folder.is_dir():
        where = f"{SUITE_ENV}={configured}" if configured else str(DEFAULT_SUITE)
        pytest.skip(
            f"YAML test suite not found at {where} (set {SUITE_ENV} to a copy of the "
            "yaml-test-suite data branch)"
        )
    return folder


@dataclass(frozen=True)
class Case:
    id: str  # e.g. "229Q", "MUS6_03"
    folder: Path

    @property
    def file(self) -> str:
        return f"{COUNTY_FOLDER}/{self.id}.yaml"

    @property
    def invalid(self) -> bool:
        return (self.folder / "error").exists()

    @property
    def title(self) -> str:
        try:
            return (self.folder / "===").read_text("utf-8").strip()
        except OSError:
            return ""


@dataclass
class CorpusRun:
    cases: list[Case]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    def report(self) -> dict[str, Any]:
        assert self.stdout.strip(), f"no output (exit {self.exit_code}): {self.stderr[-2000:]}"
        try:
            report: dict[str, Any] = json.loads(self.stdout)
        except json.JSONDecodeError as exc:
            raise AssertionError(f"output is not JSON ({exc}): {self.stdout[:500]!r}") from exc
        return report

    def findings_by_file(self) -> dict[str, list[dict[str, Any]]]:
        by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for finding in self.report()["diagnostics"]:
            by_file[finding["file"]].append(finding)
        return by_file


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    suite = suite_folder()
    cases = sorted(
        (
            Case(path.parent.relative_to(suite).as_posix().replace("/", "_"), path.parent)
            for path in suite.rglob("in.yaml")
        ),
        key=lambda case: case.id,
    )
    if not cases:
        pytest.skip(f"no in.yaml cases under {suite}")
    root = tmp_path_factory.mktemp("corpus") / "数据仓库"
    county = root / COUNTY_FOLDER
    county.mkdir(parents=True)
    (root / "dutylist.yaml").write_text(CONFIG, "utf-8")
    (county / "320115.yaml").write_text(REGISTRY, "utf-8")
    for case in cases:
        (root / case.file).write_bytes((case.folder / "in.yaml").read_bytes())
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    env.pop("GITHUB_ACTIONS", None)
    start = time.monotonic()
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "dutylist_cli",
            "validate",
            "--root",
            str(root),
            "--format",
            "json",
            "--today",
            "2026-11-28",
            "--no-cache",
        ],
        cwd=root,
        capture_output=True,
        timeout=TIME_LIMIT * 2,
        env=env,
        check=False,
    )
    seconds = time.monotonic() - start
    return CorpusRun(
        cases,
        process.returncode,
        process.stdout.decode("utf-8", "replace"),
        process.stderr.decode("utf-8", "replace"),
        seconds,
    )


def test_corpus_is_not_trivially_small(corpus_run: CorpusRun) -> None:
    assert len(corpus_run.cases) >= 300
    assert sum(case.invalid for case in corpus_run.cases) >= 50


def test_run_ends_with_findings_not_a_failure(corpus_run: CorpusRun) -> None:
    assert "Traceback" not in corpus_run.stderr + corpus_run.stdout, corpus_run.stderr[-3000:]
    assert corpus_run.exit_code in (0, 1), (
        f"exit {corpus_run.exit_code}; stderr: {corpus_run.stderr[-2000:]}"
    )
    assert corpus_run.exit_code == 1, "no case is a valid township list, so errors must be found"
    assert corpus_run.seconds < TIME_LIMIT, f"the corpus took {corpus_run.seconds:.1f} s"


def test_report_counts_every_file(corpus_run: CorpusRun) -> None:
    report = corpus_run.report()
    findings = report["diagnostics"]
    assert report["files"] == len(corpus_run.cases) + 2  # the cases, the config, the registry
    assert report["errors"] == sum(1 for f in findings if f["severity"] == "error")
    assert report["warnings"] == sum(1 for f in findings if f["severity"] == "warning")
    by_file = corpus_run.findings_by_file()
    assert by_file.get("dutylist.yaml", []) == []
    assert by_file.get(f"{COUNTY_FOLDER}/320115.yaml", []) == []
    known = {case.file for case in corpus_run.cases} | {"dutylist.yaml"}
    assert set(by_file) <= known, sorted(set(by_file) - known)[:10]


def test_every_case_has_located_findings_with_known_codes(corpus_run: CorpusRun) -> None:
    by_file = corpus_run.findings_by_file()
    problems: list[str] = []
    for case in corpus_run.cases:
        findings = by_file.get(case.file, [])
        if not findings:
            problems.append(f"{case.id} ({case.title}): no finding")
        for finding in findings:
            line, column, code = finding.get("line"), finding.get("column"), finding.get("code")
            if not (
                isinstance(line, int) and line >= 1 and isinstance(column, int) and column >= 1
            ):
                problems.append(f"{case.id}: {code} not located ({line}:{column})")
            if code not in RULES:
                problems.append(f"{case.id}: unknown code {code!r}")
            if not finding.get("message"):
                problems.append(f"{case.id}: {code} without a message")
            if finding.get("severity") not in ("error", "warning"):
                problems.append(f"{case.id}: {code} severity {finding.get('severity')!r}")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_invalid_yaml_cases_get_a_yaml_level_finding(corpus_run: CorpusRun) -> None:
    by_file = corpus_run.findings_by_file()
    problems = []
    for case in corpus_run.cases:
        if not case.invalid:
            continue
        codes = [f["code"] for f in by_file.get(case.file, [])]
        if not YAML_LEVEL.intersection(codes):
            problems.append(f"{case.id} ({case.title}): got {codes or 'nothing'}")
    assert not problems, (
        f"{len(problems)} invalid-YAML case(s) without a {'/'.join(sorted(YAML_LEVEL))} "
        "finding:\n" + "\n".join(problems)
    )


def test_no_python_warnings_reach_the_user(corpus_run: CorpusRun) -> None:
    """Library warnings (e.g. ruamel's ReusedAnchorWarning) are noise with internal paths."""
    assert "Warning" not in corpus_run.stderr, corpus_run.stderr[-2000:]
