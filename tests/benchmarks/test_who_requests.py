"""The labelled `who` evaluation set (benchmarks/who/requests.jsonl) is well formed.

Every line parses, ids are unique, every labelled item exists in that township's bundled list,
the dev/held halves are balanced, and the off-list share stays in its band. The check reads the
labels only; it does not run the matcher.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
REQUESTS = REPO / "benchmarks" / "who" / "requests.jsonl"
LISTS = REPO / "lists" / "320115-江宁区"
FIELDS = {"id", "township", "text", "items", "split", "difficulty", "off_list", "note"}


def _requests() -> list[dict[str, Any]]:
    lines = REQUESTS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _list_ids() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in LISTS.glob("320115???-*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids = {
            item["id"]
            for category in ("basic", "cooperative", "recovered")
            for item in data.get(category) or []
        }
        out[str(data["township"]["code"])] = ids
    return out


@pytest.fixture(scope="module")
def requests() -> list[dict[str, Any]]:
    return _requests()


def test_fields_and_ids(requests: list[dict[str, Any]]) -> None:
    assert len(requests) >= 200
    assert len({r["id"] for r in requests}) == len(requests)
    assert len({(r["township"], r["text"]) for r in requests}) == len(requests)
    for r in requests:
        assert set(r) <= FIELDS, r["id"]
        assert r["split"] in {"dev", "held"}, r["id"]
        assert r["difficulty"] in {"easy", "hard"}, r["id"]
        assert r["text"].strip(), r["id"]
        assert len(set(r["items"])) == len(r["items"]), r["id"]
        assert bool(r.get("off_list")) == (not r["items"]), r["id"]


def test_items_exist_in_their_townships_list(requests: list[dict[str, Any]]) -> None:
    ids = _list_ids()
    for r in requests:
        assert r["township"] in ids, r["id"]
        missing = set(r["items"]) - ids[r["township"]]
        assert not missing, f"{r['id']}: {sorted(missing)} not in {r['township']}"


def test_balance(requests: list[dict[str, Any]]) -> None:
    n = len(requests)
    splits = Counter(r["split"] for r in requests)
    assert 0.4 <= splits["dev"] / n <= 0.6
    off = [r for r in requests if not r["items"]]
    assert 0.12 <= len(off) / n <= 0.20
    off_splits = Counter(r["split"] for r in off)
    assert 0.4 <= off_splits["dev"] / len(off) <= 0.6
    hard = [r for r in requests if r["difficulty"] == "hard"]
    assert 0.25 <= len(hard) / n <= 0.45
    per_township = Counter(r["township"] for r in requests)
    assert len(per_township) == 7
    assert min(per_township.values()) >= 25
