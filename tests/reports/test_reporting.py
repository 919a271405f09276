"""The report's figures against counts made here, straight from the sample data's YAML."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dutylist_cli.errors import UsageError
from dutylist_cli.publishing.loading import InvalidLists
from dutylist_cli.reports.build import build_report
from dutylist_cli.reports.model import HEAVY_RATIO, LIGHT_RATIO, Flag

SAMPLE = Path(__file__).resolve().parents[2]
COUNTY = "lists/320115-江宁区"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "temporary", "adjustments")


def lists_of(root: Path) -> dict[str, dict[str, Any]]:
    """township code -> the list as plain YAML data."""
    found = {}
    for path in sorted((root / COUNTY).glob("320115?*-*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        found[data["township"]["code"]] = data
    return found


def canonical(root: Path) -> dict[str, str]:
    registry = yaml.safe_load((root / COUNTY / "320115.yaml").read_text("utf-8"))
    names = {}
    for department in registry["departments"]:
        for alias in department.get("aliases") or []:
            names[alias] = department["name"]
        names[department["name"]] = department["name"]
    return names


def items(data: dict[str, Any], category: str) -> list[dict[str, Any]]:
    return data.get(category) or []


def accountable(data: dict[str, Any]) -> int:
    return len(items(data, "basic")) + len(items(data, "cooperative"))


def test_township_counts_domains_and_penalties_match_the_lists() -> None:
    report = build_report(SAMPLE, scope="county", today=TODAY)
    (county,) = report.counties
    lists = lists_of(SAMPLE)
    assert (county.code, county.name, len(county.townships)) == ("320115", "江宁区", 7)
    assert [t.code for t in county.townships] == sorted(lists)
    config = yaml.safe_load((SAMPLE / "dutylist.yaml").read_text("utf-8"))
    assert list(report.domains) == config["domains"]
    for township in county.townships:
        data = lists[township.code]
        assert township.name == data["township"]["name"]
        counts = township.counts
        assert counts.basic == len(items(data, "basic"))
        assert counts.cooperative == len(items(data, "cooperative"))
        assert counts.recovered == len(items(data, "recovered"))
        assert counts.total == counts.basic + counts.cooperative + counts.recovered
        for domain in config["domains"]:
            for category in ("basic", "cooperative", "recovered"):
                expected = sum(i["domain"] == domain for i in items(data, category))
                assert getattr(township.domains[domain], category) == expected, (domain, category)
        recovered = items(data, "recovered")
        assert township.penalty_powers == sum(i.get("penalty_powers") or 0 for i in recovered)
        assert township.penalty_unfilled == sum(i.get("penalty_powers") is None for i in recovered)
    assert county.counts.total == sum(
        len(items(d, c)) for d in lists.values() for c in ("basic", "cooperative", "recovered")
    )
    assert county.penalty_powers == sum(
        i.get("penalty_powers") or 0 for d in lists.values() for i in items(d, "recovered")
    )


def test_median_ratio_and_flags_on_the_sample() -> None:
    (county,) = build_report(SAMPLE, scope="county", today=TODAY).counties
    lists = lists_of(SAMPLE)
    median = statistics.median(accountable(d) for d in lists.values())
    assert county.median == median == 94
    for township in county.townships:
        assert township.ratio == pytest.approx(accountable(lists[township.code]) / median)
    # the sample townships lie within 0.75–1.25 of the median: nothing is flagged
    assert [t.flag for t in county.townships] == [None] * 7
    assert min(t.ratio or 0 for t in county.townships) == pytest.approx(76 / 94)


def test_department_side_view_matches_the_lists() -> None:
    (county,) = build_report(SAMPLE, scope="county", today=TODAY).counties
    lists = lists_of(SAMPLE)
    names = canonical(SAMPLE)
    lead: dict[str, dict[str, int]] = {}
    partner: dict[str, dict[str, int]] = {}
    taken: dict[str, dict[str, int]] = {}
    powers: dict[str, int] = {}
    for code, data in lists.items():
        for item in items(data, "cooperative"):
            per = lead.setdefault(names[item["lead"]], {})
            per[code] = per.get(code, 0) + 1
            for name in item.get("partners") or []:
                per = partner.setdefault(names[name], {})
                per[code] = per.get(code, 0) + 1
        for item in items(data, "recovered"):
            per = taken.setdefault(names[item["department"]], {})
            per[code] = per.get(code, 0) + 1
            department = names[item["department"]]
            powers[department] = powers.get(department, 0) + (item.get("penalty_powers") or 0)
    by_name = {d.name: d for d in county.departments}
    registry = yaml.safe_load((SAMPLE / COUNTY / "320115.yaml").read_text("utf-8"))
    assert [d.name for d in county.departments] == [d["name"] for d in registry["departments"]]
    for name, figures in by_name.items():
        for role, expected in (("lead", lead), ("partner", partner), ("recovered", taken)):
            got = getattr(figures, role)
            assert {s.code: s.count for s in got.townships} == expected.get(name, {}), (name, role)
            assert got.count == sum(expected.get(name, {}).values())
        assert figures.penalty_powers == powers.get(name, 0)
    assert by_name["区城市管理局"].penalty_powers == 203
    assert by_name["区公安分局"].lead.count == 28
    assert not by_name["区审计局"].involved


def test_aliases_count_under_the_canonical_name(root: Path) -> None:
    path = next((root / COUNTY).glob("320115001-*.yaml"))
    text = path.read_text("utf-8")
    assert "lead: 区应急管理局" in text and "department: 区城市管理局" in text
    path.write_text(
        text.replace("lead: 区应急管理局", "lead: 区应急局", 1).replace(
            "department: 区城市管理局", "department: 区城管局"
        ),
        "utf-8",
    )
    before = build_report(SAMPLE, scope="county", today=TODAY).counties[0]
    after = build_report(root, scope="county", today=TODAY).counties[0]
    assert [d.as_json() for d in after.departments] == [d.as_json() for d in before.departments]
    assert {"区应急局", "区城管局"}.isdisjoint(d.name for d in after.departments)
    dongshan = after.townships[0]
    assert "区城管局" not in dongshan.penalty_by_department
    assert dongshan.penalty_by_department["区城市管理局"] == 29


def _add_basic_items(path: Path, count: int) -> None:
    """Append ``count`` distinct, valid basic items to a list file."""
    data = yaml.safe_load(path.read_text("utf-8"))
    extra = "".join(
        f"  - id: B9{n:02d}\n"
        f"    name: 新增测试事项第{n}项\n"
        "    domain: 综合保障\n"
        f"    content: 按照县级统一部署完成第{n}项专项工作，建立工作台账并按月报送进展情况。\n"
        f"    basis: [《测试依据第{n}号》]\n"
        "    units: [党政办公室]\n"
        for n in range(1, count + 1)
    )
    text = path.read_text("utf-8")
    marker = "\ncooperative:"
    assert len(items(data, "basic")) > 0 and marker in text
    path.write_text(text.replace(marker, "\n" + extra.rstrip("\n") + marker, 1), "utf-8")


def _keep_basic_items(path: Path, keep: int) -> None:
    """Drop the basic items after the first ``keep``."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("basic:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("cooperative:"))
    starts = [i for i in range(start, end) if lines[i].startswith("  - id:")]
    cut_from = starts[keep]
    last = end
    while not lines[last - 1].strip():
        last -= 1
    path.write_text("".join(lines[:cut_from] + lines[last:]), "utf-8")


def test_townships_far_from_the_median_are_flagged(root: Path) -> None:
    _add_basic_items(next((root / COUNTY).glob("320115001-*.yaml")), 50)  # 76 -> 126
    _keep_basic_items(next((root / COUNTY).glob("320115002-*.yaml")), 40)  # 91 -> 67
    lists = lists_of(root)
    median = statistics.median(accountable(d) for d in lists.values())
    expected = {}
    for code, data in lists.items():
        ratio = accountable(data) / median
        expected[code] = (
            Flag.HEAVY if ratio >= HEAVY_RATIO else Flag.LIGHT if ratio <= LIGHT_RATIO else None
        )
    assert expected["320115001"] is Flag.HEAVY and expected["320115002"] is Flag.LIGHT
    (county,) = build_report(root, scope="county", today=TODAY).counties
    assert county.median == median
    assert {t.code: t.flag for t in county.townships} == expected
    assert [t.name for t in county.flagged(Flag.HEAVY)] == ["东山街道"]
    assert [t.name for t in county.flagged(Flag.LIGHT)] == ["秣陵街道"]


def test_open_and_overdue_tasks_per_township(root: Path) -> None:
    (root / "temporary/320115/320115-T2026-009.yaml").write_text(
        "schema: dutylist/temporary-task/1\n"
        "id: 320115-T2026-009\n"
        'county: "320115"\n'
        "title: 秋季森林防火隐患集中排查\n"
        'townships: ["320115003", "320115101"]\n'
        "decision: {body: 江宁区人民政府办公室, document: 江宁政办发〔2026〕50号,"
        " date: 2026-09-01}\n"
        "start: 2026-09-05\n"
        "due: 2026-10-31\n"
        "status: open\n"
        "closed: null\n",
        "utf-8",
    )
    (county,) = build_report(root, scope="county", today=TODAY).counties
    tasks = [
        yaml.safe_load(p.read_text("utf-8"))
        for p in sorted((root / "temporary/320115").glob("*.yaml"))
    ]
    open_tasks = [t for t in tasks if t["status"] == "open"]
    late = [t for t in open_tasks if t["due"] < TODAY]
    assert [t["id"] for t in late] == ["320115-T2026-009"]
    assert len(county.tasks.open) == len(open_tasks) == 3
    assert county.tasks.overdue == 1
    assert county.tasks.closed == len(tasks) - len(open_tasks)
    for township in county.townships:
        mine = [t for t in open_tasks if "all" in t["townships"] or township.code in t["townships"]]
        assert township.open_tasks == len(mine), township.name
        assert township.overdue_tasks == sum(t in late for t in mine), township.name
    late_task = next(t for t in county.tasks.open if t.overdue)
    assert late_task.overdue_days == (TODAY - dt.date(2026, 10, 31)).days
    # judged against --today: before the due date nothing is overdue
    (earlier,) = build_report(root, scope="county", today=dt.date(2026, 10, 31)).counties
    assert earlier.tasks.overdue == 0


def test_a_list_with_errors_stops_the_report(root: Path) -> None:
    path = next((root / COUNTY).glob("320115201-*.yaml"))
    path.write_text(path.read_text("utf-8").replace("domain: 党的建设", "domain: 不存在的领域", 1))
    with pytest.raises(InvalidLists) as caught:
        build_report(root, scope="county", today=TODAY)
    assert caught.value.exit_code == 1
    assert {d.file for d in caught.value.diagnostics} == {path.relative_to(root).as_posix()}


def test_county_selection(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="320199"):
        build_report(SAMPLE, scope="county", code="320199", today=TODAY)
    assert build_report(SAMPLE, scope="county", code="320115", today=TODAY).counties[0].code == (
        "320115"
    )
    report = build_report(SAMPLE, scope="province", code="320100", today=TODAY)
    assert (report.city, [c.code for c in report.counties]) == ("320100", ["320115"])
    with pytest.raises(UsageError):
        build_report(SAMPLE, scope="province", code="320500", today=TODAY)
