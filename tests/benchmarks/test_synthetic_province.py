"""The synthetic-province generator writes spec-format data that dutylist accepts, reproducibly."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic_province import generate  # noqa: E402


def test_generated_province_is_valid_and_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    stats = generate(first, counties=3, townships=12, items=40, seed=7)
    generate(second, counties=3, townships=12, items=40, seed=7)
    assert stats.townships == 12
    assert stats.records >= 3 and stats.tasks >= 3  # at least one of each per county
    for kind in ("adjustments", "temporary"):
        assert {p.name for p in (first / kind).iterdir()} == {
            p.name.split("-")[0] for p in (first / "lists").iterdir()
        }
    comparison = filecmp.dircmp(first, second)
    assert not (comparison.diff_files or comparison.left_only or comparison.right_only)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dutylist_cli",
            "validate",
            "--root",
            str(first),
            "--format",
            "json",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0, report["diagnostics"][:3]
    assert report["files"] == 1 + 3 + 12 + stats.records + stats.tasks
    assert report["warnings"] == 0, report["diagnostics"][:3]
