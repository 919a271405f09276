"""Assessment indicators (依单考核) through `dutylist validate` on a copy of the sample root."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TOWNSHIP = "assessments/320115/320115-K2026-01.yaml"
DEPARTMENT = "assessments/320115/320115-K2026-02.yaml"
HEADER = """\
schema: dutylist/assessment/1
id: {id}
county: "320115"
year: 2026
subject: {subject}
title: 2026年度综合考核指标
indicators:
"""


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "assessments")


def _write(root: Path, body: str, *, subject: str = "township", name: str = TOWNSHIP) -> None:
    (root / name).write_text(HEADER.format(subject=subject, id=Path(name).stem) + body, "utf-8")


def _findings(report: dict[str, Any], name: str = TOWNSHIP) -> list[dict[str, Any]]:
    return [f for f in report["diagnostics"] if f["file"] == name]


def test_the_sample_assessments_validate_clean(root: Path, validate_json: Any) -> None:
    exit_code, report = validate_json(root, str(root / "assessments"))
    assert exit_code == 0
    assert (report["files"], report["errors"], report["warnings"]) == (2, 0, 0)


def test_a_recovered_item_is_refused_naming_township_and_department(
    root: Path, validate_json: Any
) -> None:
    _write(
        root,
        "  - id: K01\n    name: 违法建设查处\n    townships: [all]\n    items: [B001, R001]\n",
    )
    exit_code, report = validate_json(root)
    assert exit_code == 1
    [finding] = _findings(report)
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == (
        "DL701",
        "error",
        11,
        19,
    )
    assert finding["pointer"] == "/indicators/0/items/1"
    assert finding["item"] == "K01"
    assert "严禁将上级部门收回事项作为乡镇（街道）考核指标" in finding["message"]
    assert "区城市管理局" in finding["message"] and "东山街道（320115001）" in finding["message"]
    assert "等 7 个乡镇（街道）" in finding["message"]


def test_all_townships_cannot_sneak_in_one_townships_recovered_item(
    root: Path, validate_json: Any
) -> None:
    """C024 is cooperative in six lists; recovered in one, [all] must still fail there."""
    listed = root / "lists/320115-江宁区/320115201-横山乡.yaml"
    text = listed.read_text("utf-8")
    assert "  - id: C024\n" in text
    start = text.index("  - id: C024\n")
    end = text.index("\n  - id:", start + 1)
    block = text[start:end]
    name = block.split("name: ", 1)[1].split("\n", 1)[0]
    text = text[:start] + text[end + 1 :]
    text = text.rstrip("\n") + (
        f"\n  - id: C024\n    name: {name}\n    domain: 应急管理\n    department: 区应急管理局\n"
        "    basis: [《江苏省燃气管理条例》第五条]\n"
    )
    listed.write_text(text, "utf-8")
    _write(root, "  - {id: K01, name: 燃气安全, townships: [all], items: [C024]}\n")
    _, report = validate_json(root)
    assert [f for f in report["diagnostics"] if f["file"] != TOWNSHIP] == []
    [finding] = _findings(report)
    assert finding["code"] == "DL701"
    assert "横山乡（320115201）" in finding["message"]
    assert "东山街道" not in finding["message"]
    assert "区应急管理局" in finding["message"]


def test_an_unknown_item_gets_the_closest_list_items(root: Path, validate_json: Any) -> None:
    _write(
        root,
        "  - id: K01\n"
        "    name: 燃气安全检查\n"
        '    townships: ["320115001"]\n'
        "    items: [C099]\n"
        "    text: 瓶装液化气用户入户检查\n",
    )
    _, report = validate_json(root)
    [finding] = _findings(report)
    assert (finding["code"], finding["line"], finding["column"]) == ("DL702", 11, 13)
    assert "清单外事项不得作为考核指标" in finding["message"]
    assert "东山街道清单中最接近的事项：C024 城镇燃气安全检查" in finding["message"]
    _, english = validate_json(root, lang="en")
    assert (
        "the closest items in 东山街道's list: C024 城镇燃气安全检查"
        in (_findings(english)[0]["message"])
    )


def test_an_indicator_without_items_is_outside_the_list(root: Path, validate_json: Any) -> None:
    _write(root, "  - {id: K01, name: 安全生产检查, townships: [all]}\n")
    _, report = validate_json(root)
    [finding] = _findings(report)
    assert (finding["code"], finding["line"], finding["pointer"]) == ("DL702", 8, "/indicators/0")
    assert "C001 安全生产监督管理" in finding["message"]
    assert "R0" not in finding["message"]  # a recovered item is never suggested


def test_a_department_assessment_without_list_execution_warns(
    root: Path, validate_json: Any
) -> None:
    _write(
        root,
        "  - {id: K01, name: 安全生产综合监管, departments: [区应急管理局]}\n",
        subject="department",
    )
    exit_code, report = validate_json(root)
    assert exit_code == 0
    [finding] = _findings(report)
    assert (finding["code"], finding["severity"], finding["line"]) == ("DL703", "warning", 7)
    assert "县级部门综合考核应设置“清单执行情况”指标" in finding["message"]


def test_an_alias_resolves_to_its_department(root: Path, validate_json: Any) -> None:
    """清单执行情况 written for 区应急局 covers 区应急管理局 assessed by its canonical name."""
    _write(
        root,
        "  - {id: K01, name: 清单执行情况, departments: [区应急局], list_execution: true}\n"
        "  - {id: K02, name: 安全生产综合监管, departments: [区应急管理局]}\n",
        subject="department",
    )
    exit_code, report = validate_json(root)
    assert exit_code == 0
    assert [(f["code"], f["line"]) for f in _findings(report)] == [("DL708", 8)]
    assert "区应急管理局" in _findings(report)[0]["message"]


def test_unknown_department_and_foreign_township(root: Path, validate_json: Any) -> None:
    _write(
        root,
        "  - {id: K01, name: 清单执行情况, departments: [区安全监管局, all],"
        " list_execution: true}\n",
        subject="department",
        name=DEPARTMENT,
    )
    _write(root, '  - {id: K01, name: 党建, townships: ["320116001"], items: [B001]}\n')
    _, report = validate_json(root)
    assert [(f["code"], f["line"]) for f in _findings(report, DEPARTMENT)] == [("DL707", 8)]
    assert [(f["code"], f["line"]) for f in _findings(report)] == [("DL706", 8)]


def test_editing_a_list_rechecks_the_assessment(root: Path, validate_json: Any) -> None:
    """With the cache on: a list that moves an assessed item to recovered is seen next run."""
    from typer.testing import CliRunner

    from dutylist_cli.cli.main import app

    def run() -> str:
        result = CliRunner().invoke(
            app, ["validate", "--root", str(root), "--today", "2026-11-28", "--lang", "en"]
        )
        return result.stdout

    assert "DL701" not in run()
    listed = root / "lists/320115-江宁区/320115001-东山街道.yaml"
    text = listed.read_text("utf-8")
    start = text.index("  - id: B001\n")
    end = text.index("\n  - id:", start + 1)
    moved = text[start:end].replace("content:", "department: 区委组织部\n    working_mode:")
    listed.write_text(text[:start] + text[end + 1 :].rstrip("\n") + "\n" + moved + "\n", "utf-8")
    output = run()
    assert "DL701" in output and "东山街道 (320115001)" in output
