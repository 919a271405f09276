"""A township list with schema errors: its valid parts are checked, records still see it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from dutylist_cli.checks.partial import build_partial_list, county_of_folder, township_of_file
from dutylist_cli.model.enums import Category
from dutylist_cli.validation.run import validate

CASES = Path(__file__).resolve().parents[1] / "cases"
TONGSHAN = "lists/320115-江宁区/320115101-铜山镇.yaml"
TODAY = dt.date(2026, 11, 28)


def test_items_keep_their_indexes() -> None:
    data = {
        "basic": [{"id": "B001"}, {"id": "B002", "name": "n", "domain": "d", "content": "c"}],
        "cooperative": None,
        "edition": {"version": 2025},
        "county": {"code": "320115", "name": "江宁区"},
    }
    parts = build_partial_list(data)
    assert [(c, i, item.id) for c, i, item in parts.iter_items()] == [(Category.BASIC, 1, "B002")]
    assert parts.edition is None
    assert parts.county is not None and parts.county.code == "320115"


def test_codes_from_the_layout() -> None:
    assert township_of_file(TONGSHAN) == "320115101"
    assert township_of_file("lists/320115-江宁区/铜山镇.yaml") is None
    assert county_of_folder("lists/320115-江宁区") == "320115"
    assert county_of_folder("lists/江宁区") == ""


def _settle(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        os.utime(path, (time.time() - 10, time.time() - 10))


def _findings(root: Path, *, use_cache: bool) -> list[tuple[str, str, int]]:
    result = validate(root, today=TODAY, use_cache=use_cache)
    return [(d.file, d.code, d.line) for d in result.diagnostics]


def test_cache_agrees_when_a_header_breaks_and_is_fixed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(CASES / "base", root)
    _settle(root)
    assert _findings(root, use_cache=True) == []
    listing = root / TONGSHAN
    text = listing.read_text("utf-8")
    listing.write_text(text.replace('code: "320115101"', "code: 320115101"), "utf-8")
    _settle(root)
    broken = [(TONGSHAN, "DL104", 3)]
    assert _findings(root, use_cache=True) == broken
    assert _findings(root, use_cache=True) == broken  # from the cache
    assert _findings(root, use_cache=False) == broken
    # a broken item too: the records still find C002, and the cache follows the change
    listing.write_text(
        text.replace('code: "320115101"', "code: 320115101").replace("id: C002", "id: C 002"),
        "utf-8",
    )
    _settle(root)
    fresh = _findings(root, use_cache=False)
    assert _findings(root, use_cache=True) == fresh
    assert ("adjustments/320115/320115-2025-007.yaml", "DL408", 8) in fresh
    listing.write_text(text, "utf-8")
    _settle(root)
    assert _findings(root, use_cache=True) == []
