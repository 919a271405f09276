"""What `dutylist import` writes: block-style headings; a replaced list keeps its comments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cli_run import run_dutylist as dutylist
from dutylist_cli.spreadsheet.run import list_text
from dutylist_cli.store.yaml_writer import canonical_text

COUNTY = "lists/320115-江宁区"
DONGSHAN = f"{COUNTY}/320115001-东山街道.yaml"


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "schemas", name="数据")


def test_a_new_list_has_its_heading_mappings_in_block_style(root: Path) -> None:
    assert dutylist("export", "320115001", "-o", "x.xlsx", cwd=root).returncode == 0
    (root / DONGSHAN).unlink()
    done = dutylist("import", "x.xlsx", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (root / DONGSHAN).read_text("utf-8")
    assert "edition:\n  version:" in text
    for key in ("township", "county", "city"):
        assert f"\n{key}:\n  code:" in text
    assert dutylist("fmt", "--check", DONGSHAN, cwd=root).returncode == 0


def test_a_bracket_typo_in_the_imported_edition_is_fixed_by_fmt(root: Path) -> None:
    assert dutylist("export", "320115001", "-o", "x.xlsx", cwd=root).returncode == 0
    (root / DONGSHAN).unlink()
    assert dutylist("import", "x.xlsx", cwd=root).returncode == 0
    path = root / DONGSHAN
    text = path.read_text("utf-8")
    assert "  document: 江宁编〔2025〕30号\n" in text
    path.write_text(text.replace("江宁编〔2025〕30号", "江宁编[2025]30号", 1), "utf-8")
    done = dutylist("fmt", DONGSHAN, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.read_text("utf-8") == text
    assert dutylist("validate", DONGSHAN, "--no-cache", cwd=root).returncode == 0


def test_a_forced_import_keeps_the_replaced_list_s_comments(root: Path) -> None:
    path = root / DONGSHAN
    text = path.read_text("utf-8")
    text = text.replace(
        "schema: dutylist/township-list/1\n",
        "# 东山街道，2025 年版\n\nschema: dutylist/township-list/1\n",
        1,
    )
    text = text.replace("  - id: B002\n", "\n  # 党员管理\n  - id: B002   # 常年\n", 1)
    text = text.replace(
        "    name: 基层党组织换届选举\n", "    name: 基层党组织换届选举  # 五年一次\n", 1
    )
    text = text.replace("  - id: C001\n", "  # 配合事项从这里开始\n  - id: C001\n", 1)
    path.write_text(text, "utf-8")
    assert dutylist("fmt", "--check", DONGSHAN, cwd=root).returncode == 0
    assert dutylist("export", "320115001", "-o", "x.xlsx", cwd=root).returncode == 0
    book = openpyxl.load_workbook(root / "x.xlsx")
    (cell,) = [
        c
        for row in book["基本履职事项"].iter_rows()
        for c in row
        if c.value == "党员发展和教育管理"
    ]
    cell.value = "党员发展和教育管理工作"
    book.save(root / "x.xlsx")

    done = dutylist("import", "x.xlsx", "--force", "-o", DONGSHAN, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    after = path.read_text("utf-8")
    assert after == text.replace("name: 党员发展和教育管理\n", "name: 党员发展和教育管理工作\n", 1)
    assert dutylist("validate", DONGSHAN, "--no-cache", cwd=root).returncode == 0
    assert dutylist("fmt", "--check", DONGSHAN, cwd=root).returncode == 0


EXISTING = """\
# yaml-language-server: $schema=../../schemas/township-list.schema.json
schema: dutylist/township-list/1
township: {code: "320115001", name: 东山街道, kind: subdistrict}   # 街道
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
edition:
  version: "2025.1"
  effective: 2025-01-01
  document: 江宁编〔2025〕1号

basic:         # 基本履职事项
  - id: B001
    name: 甲   # 第一项
    units: [党政办公室]

  # 第二项的说明
  - id: B002
    name: 乙
    units: [党政办公室]
  - id: B003
    name: 丙
    units: [党政办公室]   # 丙的机构
"""


def _data(*items: dict[str, object]) -> dict[str, object]:
    return {
        "schema": "dutylist/township-list/1",
        "township": {"code": "320115001", "name": "东山街道", "kind": "subdistrict"},
        "county": {"code": "320115", "name": "江宁区"},
        "city": {"code": "320100", "name": "南京市"},
        "edition": {
            "version": "2025.2",
            "effective": dt.date(2025, 9, 1),
            "document": "江宁编[2025]30号",
        },
        "basic": list(items),
    }


def test_replacing_merges_items_by_id() -> None:
    data = _data(
        {"id": "B001", "name": "甲", "units": ["党政办公室"]},
        {"id": "B003", "name": "丙", "units": ["党政办公室", "综合执法局"]},
        {"id": "B004", "name": "丁", "content": "一句话", "units": ["党政办公室"]},
    )
    text = list_text(data, schema_link=None, replacing=EXISTING)
    assert text == canonical_text(text)
    assert 'township: {code: "320115001", name: 东山街道, kind: subdistrict}   # 街道\n' in text
    edition = 'edition:\n  version: "2025.2"\n  effective: 2025-09-01\n'
    assert edition + "  document: 江宁编〔2025〕30号\n\nbasic:         # 基本履职事项\n" in text
    assert "    name: 甲   # 第一项\n    units: [党政办公室]\n  - id: B003\n" in text
    assert "乙" not in text and "第二项的说明" not in text  # a removed item goes with its comments
    assert "    units: [党政办公室, 综合执法局] # 丙的机构\n" in text
    assert text.endswith(
        "  - id: B004\n    name: 丁\n    content: >-\n      一句话\n    units: [党政办公室]\n"
    )


def test_an_unreadable_list_is_replaced_whole() -> None:
    data = _data({"id": "B001", "name": "甲"})
    assert list_text(data, schema_link=None, replacing="basic: [oops\n") == list_text(
        data, schema_link=None
    )
