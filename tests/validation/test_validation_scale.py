"""Records and tasks cost what their own county's lists cost, not the province's (issue 11)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from dutylist_cli.checks import records
from dutylist_cli.diagnostics import ValidationResult
from dutylist_cli.validation import checking
from dutylist_cli.validation.run import validate
from dutylist_cli.validation.selection import with_dependents

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic_province import generate  # noqa: E402

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def province(tmp_path: Path) -> Path:
    root = tmp_path / "province"
    generate(root, counties=6, townships=36, items=30, seed=11)
    for path in root.rglob("*.yaml"):
        settle(path)
    return root


def settle(path: Path) -> None:
    """Date a file back, so the cache trusts its stamp (a file just written is racy)."""
    os.utime(path, (time.time() - 10, time.time() - 10))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each township list, record and task is read and parsed in this process (the
    config and a county registry, small, are read for each list checked)."""
    counter: Counter[str] = Counter()
    original = checking._read

    def counting(data_file: checking.DataFile) -> checking.ParsedFile:
        if data_file.kind in ("list", "adjustment", "temporary"):
            counter[data_file.name] += 1
        return original(data_file)

    monkeypatch.setattr(checking, "_read", counting)
    return counter


@pytest.fixture
def directories(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many township entries the record rules' directories hold, summed over the run."""
    built: list[int] = []
    original = records.TownshipIndex.__init__

    def counting(self: records.TownshipIndex, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(records.TownshipIndex, "__init__", counting)
    return built


def run(root: Path, *, cache: bool = True) -> ValidationResult:
    return validate(root, today=TODAY, use_cache=cache, jobs=1)


def lists_of(root: Path) -> list[Path]:
    return sorted(p for p in (root / "lists").rglob("*.yaml") if "-" in p.stem)


def named_list(root: Path) -> tuple[Path, str, str]:
    """A township list that an adjustment record names, with the item it names."""
    record = sorted((root / "adjustments").rglob("*.yaml"))[0]
    line = next(
        x
        for x in record.read_text("utf-8").splitlines()
        if "action: add" in x or "action: modify" in x
    )
    code = line.split('township: "', 1)[1][:9]
    item = line.split("item: ", 1)[1].rstrip("}").strip()
    return next(p for p in lists_of(root) if p.name.startswith(code)), code, item


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    settle(path)


def test_cold_run_reads_every_file_once(province: Path, reads: Counter[str]) -> None:
    result = run(province, cache=False)
    assert not result.diagnostics
    assert len(reads) == len(list(province.rglob("*-*.yaml")))
    assert set(reads.values()) == {1}, [n for n, c in reads.items() if c > 1]


def test_township_directory_is_built_once_a_run(province: Path, directories: list[int]) -> None:
    run(province, cache=False)
    assert len(directories) == len(lists_of(province))


def test_one_changed_sentence_rechecks_only_that_list(province: Path, reads: Counter[str]) -> None:
    run(province)
    path, _, _ = named_list(province)
    edit(path, "content: ", "content: 改")
    reads.clear()
    result = run(province)
    assert not result.diagnostics
    assert list(reads) == [path.relative_to(province).as_posix()]


def test_changed_items_recheck_only_the_records_naming_that_township(
    province: Path, reads: Counter[str]
) -> None:
    run(province)
    path, code, item = named_list(province)
    county = code[:6]
    edit(path, f"- id: {item}\n", f"- id: {item[0]}9{item[2:]}\n")  # the record's item is gone
    reads.clear()
    result = run(province)
    assert [(d.code, d.file.split("/")[1]) for d in result.diagnostics] == [("DL408", county)]
    rechecked = [n for n in reads if not n.startswith("lists/")]
    assert rechecked and all(n.split("/")[1] == county for n in rechecked)
    for name in rechecked:  # only records and tasks that name the township (or all of them)
        text = (province / name).read_text("utf-8")
        assert code in text or "[all]" in text
    # lists read: the changed one, and the county's others only for a task of [all]
    assert {n.split("/")[1][:6] for n in reads if n.startswith("lists/")} == {county}
    assert all(count == 1 for count in reads.values())
    # and back: the warning goes away again, from the cache for everything else
    edit(path, f"- id: {item[0]}9{item[2:]}\n", f"- id: {item}\n")
    assert not run(province).diagnostics


def test_results_equal_cold_warm_and_in_workers(province: Path) -> None:
    path, _, item = named_list(province)
    edit(path, f"- id: {item}\n", f"- id: {item[0]}9{item[2:]}\n")
    cold = run(province, cache=False).diagnostics
    assert [d.code for d in cold] == ["DL408"]
    assert run(province).diagnostics == cold  # fills the cache
    assert run(province).diagnostics == cold  # from it
    parallel = validate(province, today=TODAY, use_cache=False, jobs=2)
    assert parallel.diagnostics == cold


def test_a_changed_list_selects_the_records_of_its_county(province: Path) -> None:
    path, code, _ = named_list(province)
    selected = with_dependents(province, [path])
    names = {p.relative_to(province).as_posix() for p in selected}
    records = {n for n in names if not n.startswith("lists/")}
    assert path.relative_to(province).as_posix() in names
    assert records and {n.split("/")[1] for n in records} == {code[:6]}
    assert records == {
        p.relative_to(province).as_posix()
        for kind in ("adjustments", "temporary")
        for p in (province / kind / code[:6]).glob("*.yaml")
    }
