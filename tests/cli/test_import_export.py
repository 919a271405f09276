"""`dutylist export` and `dutylist import` through the real CLI, on real files."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

import workbook_scenarios as scenario
from cli_run import run_dutylist as dutylist
from dutylist_cli.model.township import TownshipList
from dutylist_cli.store.yaml_source import parse_file

SAMPLE = Path(__file__).resolve().parents[2]
COUNTY = "lists/320115-江宁区"
DONGSHAN = f"{COUNTY}/320115001-东山街道.yaml"
CHUNHUA = f"{COUNTY}/320115004-淳化街道.yaml"


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "schemas", name="数据")


def model_of(path: Path) -> TownshipList:
    return TownshipList.model_validate(parse_file(path.read_bytes(), file=path.name).data)


def assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout
    assert "内部错误" not in done.stderr


def test_export_writes_the_default_file_name(root: Path) -> None:
    done = dutylist("export", "320115001", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "已导出 320115001-东山街道.xlsx" in done.stderr
    assert "配合履职事项 23 项" in done.stderr
    book = openpyxl.load_workbook(root / "320115001-东山街道.xlsx")
    assert book.sheetnames == ["清单信息", "基本履职事项", "配合履职事项", "上级部门收回事项"]
    sheet = book["配合履职事项"]
    assert sheet["A1"].value == "《东山街道履行职责事项清单》—配合履职事项"
    assert [c.value for c in sheet[3]][:3] == ["序号", "事项名称", "主办部门（对应上级部门）"]
    assert sheet.page_setup.orientation == "landscape"
    assert book["基本履职事项"].page_setup.orientation == "portrait"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert any(r.min_row == r.max_row and r.max_col > 1 for r in sheet.merged_cells.ranges)


def test_export_by_file_to_a_chosen_name(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "导出" / "东山.xlsx"
    out.parent.mkdir()
    done = dutylist("export", DONGSHAN, "-o", str(out), cwd=root)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.parent.iterdir()] == ["东山.xlsx"]


def test_export_refuses_a_list_with_errors(root: Path) -> None:
    path = root / DONGSHAN
    path.write_text(path.read_text("utf-8").replace("lead: 区应急管理局", "lead: 区无此局", 1))
    done = dutylist("export", "320115001", cwd=root)
    assert done.returncode == 1
    assert "DL" in done.stderr and "有错误，未生成" in done.stderr
    assert not (root / "320115001-东山街道.xlsx").exists()
    assert_clean(done)


@pytest.mark.parametrize("code", ["320115001", "320115101", "320115201"])
def test_export_then_import_in_place(root: Path, code: str) -> None:
    (name,) = [p for p in (root / COUNTY).glob(f"{code}-*.yaml")]
    before = model_of(name)
    done = dutylist("export", code, "-o", "list.xlsx", cwd=root)
    assert done.returncode == 0, done.stderr
    name.unlink()
    done = dutylist("import", "list.xlsx", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"已写入 {COUNTY}/{name.name}" in done.stdout
    assert "未发现问题" in done.stdout
    after = model_of(name)
    for category in ("basic", "cooperative", "recovered"):
        old = {item.id: item for item in getattr(before, category)}
        new = {item.id: item for item in getattr(after, category)}
        assert old == new, category
    assert (after.township, after.county, after.city, after.edition) == (
        before.township,
        before.county,
        before.city,
        before.edition,
    )
    assert name.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/township-list.schema.json\n"
    )
    # the written list is canonical: fmt leaves it as it is
    assert dutylist("fmt", "--check", str(name), cwd=root).returncode == 0


def test_import_of_a_published_style_workbook(root: Path, tmp_path: Path) -> None:
    book = scenario.published_style(tmp_path / "淳化街道清单.xlsx")
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "清单!H4: 列标题“联系电话”无法对应到基本履职事项的任何字段，该列已忽略" in done.stdout
    assert "清单!H10" in done.stdout
    assert "基本履职事项 3 项，配合履职事项 2 项，上级部门收回事项 1 项" in done.stdout
    assert "已按顺序生成 B001–B003" in done.stdout
    written = model_of(root / CHUNHUA)
    assert written.edition.document == "江宁编〔2025〕5号"
    assert [item.lead for item in written.cooperative] == ["区应急管理局"] * 2
    validated = dutylist("validate", CHUNHUA, "--format", "json", "--no-cache", cwd=root)
    assert validated.returncode == 0 and json.loads(validated.stdout)["diagnostics"] == []
    # and the imported list round-trips: export it, import that, and get the same list back
    exported = tmp_path / "淳化街道导出.xlsx"
    assert dutylist("export", "320115004", "-o", str(exported), cwd=root).returncode == 0
    again = tmp_path / "again.yaml"
    done = dutylist("import", str(exported), "-o", str(again), cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert model_of(again) == written


def test_import_json_report(root: Path, tmp_path: Path) -> None:
    book = scenario.published_style(tmp_path / "清单.xlsx")
    done = dutylist(
        "import", str(book), *scenario.PUBLISHED_OPTIONS, "--format", "json", cwd=root, lang="en"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["written"] is True and report["output"] == CHUNHUA
    assert report["counts"] == {"basic": 3, "cooperative": 2, "recovered": 1}
    assert report["township"] == {"code": "320115004", "name": "淳化街道"}
    assert (report["errors"], report["warnings"]) == (0, 2)
    first = report["diagnostics"][0]
    assert (first["file"], first["line"], first["column"], first["code"]) == (
        str(book),
        4,
        8,
        "DL603",
    )
    assert first["cell"] == "清单!H4"
    assert first["message"].startswith("清单!H4: the heading “联系电话” matches no field")
    assert report["notes"][0] == "3 basic items had no 事项编码; generated B001–B003 in order"


def test_import_outside_the_data_root_is_checked_all_the_same(root: Path, tmp_path: Path) -> None:
    book = scenario.published_style(tmp_path / "清单.xlsx")
    out = tmp_path / "elsewhere" / "淳化.yaml"
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, "-o", str(out), cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.is_file() and not (root / CHUNHUA).exists()
    # a department the county registry does not know is found there too
    bad = tmp_path / "bad.xlsx"
    scenario.published_style(bad)
    workbook = openpyxl.load_workbook(bad)
    workbook["清单"]["C12"] = "区无此局"
    workbook.save(bad)
    done = dutylist(
        "import", str(bad), *scenario.PUBLISHED_OPTIONS, "-o", str(out), "--force", cwd=root
    )
    assert done.returncode == 1
    assert f"{out}:" in done.stdout and "区无此局" in done.stdout
    assert "已写入的清单有" in done.stdout


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (scenario.old_excel, "旧版 Excel 97-2003（.xls）"),
        (scenario.not_a_workbook, "不是 Excel 工作簿"),
        (scenario.no_header, "没有找到表头行"),
        (scenario.missing_name, "基本履职事项!B3: 基本履职事项第 3 行缺少“事项名称”"),
    ],
)
def test_bad_workbooks_write_nothing(
    build: object, expected: str, root: Path, tmp_path: Path
) -> None:
    assert callable(build)
    book = build(tmp_path / "清单.xls")
    before = sorted(p.name for p in (root / COUNTY).iterdir())
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert expected in done.stdout
    assert "未写入任何文件" in done.stdout
    assert sorted(p.name for p in (root / COUNTY).iterdir()) == before
    assert_clean(done)


def test_import_never_overwrites_without_force(root: Path, tmp_path: Path) -> None:
    book = scenario.published_style(tmp_path / "清单.xlsx")
    target = root / CHUNHUA
    target.write_text("# hand-written, keep me\n", "utf-8")
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert done.returncode == 2
    assert "已存在，未覆盖" in done.stderr and "--force" in done.stderr
    assert target.read_text("utf-8") == "# hand-written, keep me\n"
    assert_clean(done)
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, "--force", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert model_of(target).township.name == "淳化街道"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "没有这个文件.xlsx"], "不存在"),
        (["import", "x.xlsx", "--kind", "县"], "--kind 的值“县”无法识别"),
        (["import", "x.xlsx", "--effective", "2025-13-01"], "不是日期"),
        (["import", "x.xlsx", "--format", "xml"], "--format"),
        (["export", "320115999"], "找不到代码为 320115999"),
    ],
)
def test_usage_errors(args: list[str], message: str, root: Path) -> None:
    scenario.published_style(root / "x.xlsx")
    done = dutylist(*args, cwd=root)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert_clean(done)


def test_identity_missing_is_reported(root: Path, tmp_path: Path) -> None:
    book = scenario.no_identity(tmp_path / "x.xlsx")
    done = dutylist("import", str(book), cwd=root)
    assert done.returncode == 1
    assert "缺少乡镇（街道）代码" in done.stdout and "--code" in done.stdout
    done = dutylist("import", str(book), cwd=root, lang="en")
    assert done.returncode == 1
    assert "township.code is missing" in done.stdout and "give --code" in done.stdout
    assert "nothing was written" in done.stdout
