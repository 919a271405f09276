"""`dutylist import` on hostile workbooks: refused in bounded time and memory, never a traceback.

Each workbook is built for real (openpyxl, then one XML part rewritten inside the zip where
openpyxl cannot write the hostile thing). Before the package check, a 5 KB workbook with one
value at XFD1048576 took 87 s and 5.2 GB and ended in a MemoryError (exit 3); one merging
A1:XFD1048576 took 128 s and 6.6 GB; a DTD was expanded, an external entity or a control
character ended in exit 3, a 120-character township name in an OSError (exit 3), and a merged
header row dropped its sheet with a warning.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

import workbook_scenarios as scenario
from dutylist_cli.messages import render_message
from dutylist_cli.model.enums import Category, TownshipKind
from dutylist_cli.publishing.loading import repository_domains
from dutylist_cli.spreadsheet.identity import Identity
from dutylist_cli.spreadsheet.importing import ImportResult, import_workbook
from dutylist_cli.spreadsheet.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_MERGED_CELLS,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
)
from dutylist_cli.spreadsheet.run import county_registries

SAMPLE = Path(__file__).resolve().parents[2]
DOMAINS = repository_domains(SAMPLE)
REGISTRIES = [registry.model for registry in county_registries(SAMPLE)]
IDENTITY = Identity(
    code=scenario.PUBLISHED_CODE,
    name=scenario.PUBLISHED_NAME,
    kind=TownshipKind.SUBDISTRICT,
    version="2025.1",
    effective=dt.date(2025, 3, 1),
)
MEMORY = 1024**3  # the address space a hostile import may take (the CLI needs ~70 MB)
SECONDS = 20
HEADER = ["序号", "事项名称", "具体内容", "依据", "领域"]
GOOD = [
    1,
    "统计调查",
    "组织辖区统计调查对象按时报送统计资料。",
    "《中华人民共和国统计法》",
    "经济发展",
]


def run(path: Path, identity: Identity | None = IDENTITY) -> ImportResult:
    return import_workbook(path, domains=DOMAINS, registries=REGISTRIES, overrides=identity)


def found(result: ImportResult) -> list[tuple[str, str]]:
    return [(d.code, d.args.get("cell", "")) for d in result.findings]


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def dutylist(*args: str, cwd: Path, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess with 1 GB of address space; TimeoutExpired fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *args, "--lang", lang],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=SECONDS,
        preexec_fn=_bounded,  # the test process runs no threads
        check=False,
    )


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", "schemas", name="数据")


def assert_refused(done: subprocess.CompletedProcess[str], root: Path, *texts: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    for text in texts:
        assert text in done.stdout, done.stdout
    assert "未写入任何文件" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert "内部错误" not in done.stderr and "MemoryError" not in done.stdout + done.stderr
    assert not (root / "lists" / "320115-江宁区" / "320115004-淳化街道.yaml").exists()


# -- sizes: refused before a cell is loaded --------------------------------------------------
@pytest.mark.parametrize(
    ("build", "texts"),
    [
        (
            scenario.far_cell,
            (
                "基本履职事项!XFD1048576: 工作表“基本履职事项”的单元格 XFD1048576"
                "（第 1048576 行、第 16384 列）超出导入上限（最多 100000 行、200 列）",
            ),
        ),
        (
            scenario.huge_merge,
            (
                "基本履职事项!A1:XFD1048576: 工作表“基本履职事项”的合并区域 A1:XFD1048576"
                "（1048576 行 × 16384 列）超出导入上限",
            ),
        ),
    ],
    ids=["cell-at-XFD1048576", "merge-A1-XFD1048576"],
)
def test_huge_sheets_are_refused_in_bounded_time_and_memory(
    build: Callable[[Path], Path], texts: tuple[str, ...], root: Path, tmp_path: Path
) -> None:
    book = build(tmp_path / "清单.xlsx")
    assert book.stat().st_size < 10_000  # a few kilobytes that claim a whole sheet
    started = time.monotonic()
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert time.monotonic() - started < SECONDS
    assert_refused(done, root, "DL615", *texts)


def test_the_limits_are_where_they_say(tmp_path: Path) -> None:
    def one_value(ref: str) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "基本履职事项"
        sheet.append(HEADER)
        sheet.append(GOOD)
        sheet[ref] = "备注"
        path = tmp_path / f"{ref}.xlsx"
        book.save(path)
        return path

    last_column = openpyxl.utils.get_column_letter(MAX_COLUMNS)
    beyond_column = openpyxl.utils.get_column_letter(MAX_COLUMNS + 1)
    for ref in (f"{last_column}3", f"A{MAX_ROWS}"):
        result = run(one_value(ref))
        assert "DL615" not in [code for code, _ in found(result)], ref
        assert result.counts[Category.BASIC] == 1
    for ref in (f"{beyond_column}3", f"A{MAX_ROWS + 1}"):
        assert found(run(one_value(ref))) == [("DL615", f"基本履职事项!{ref}")]


def test_used_ranges_are_bounded_across_sheets(tmp_path: Path) -> None:
    rows = MAX_CELLS // MAX_COLUMNS // 2 + 1  # two sheets of this many full-width rows: too many
    corner = f"{openpyxl.utils.get_column_letter(MAX_COLUMNS)}{rows}"
    book = openpyxl.Workbook()
    book.active.title = "基本履职事项"
    book.active.append(HEADER)
    book.active.append(GOOD)
    book.active[corner] = "x"
    book.create_sheet("说明")[corner] = "x"
    path = tmp_path / "two.xlsx"
    book.save(path)
    result = run(path)
    assert found(result) == [("DL615", f"说明!A1:{corner}")]
    message = render_message(result.findings[0], "en")
    assert (
        f"used range A1:{corner} ({rows} rows × {MAX_COLUMNS} columns, with the sheets" in message
    )
    assert f"at most {MAX_CELLS} cells in all" in message


def test_merged_cells_are_bounded(tmp_path: Path) -> None:
    tall = MAX_MERGED_CELLS // 2 + 1
    path = scenario._basic([GOOD])(tmp_path / "merges.xlsx")

    def edit(xml: bytes) -> bytes:
        merges = f'<mergeCells count="2"><mergeCell ref="F1:F{tall}"/><mergeCell ref="G1:G{tall}"/>'
        return xml.replace(b"</sheetData>", b"</sheetData>" + merges.encode() + b"</mergeCells>")

    scenario.rewrite_part(path, scenario.SHEET_PART, edit)
    result = run(path)
    assert found(result) == [("DL615", f"基本履职事项!G1:G{tall}")]
    assert f"合计最多 {MAX_MERGED_CELLS} 个" in render_message(result.findings[0], "zh")


def test_a_styled_empty_cell_far_away_is_no_value(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "基本履职事项"
    sheet.append(HEADER)
    sheet.append(GOOD)
    sheet["XFD1048576"].font = openpyxl.styles.Font(bold=True)  # formatted, holds nothing
    path = tmp_path / "styled.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b'r="XFD1048576"' in archive.read(scenario.SHEET_PART)
    result = run(path)
    assert result.errors == 0 and result.data["basic"][0]["name"] == "统计调查"


def test_a_claimed_dimension_is_not_trusted(tmp_path: Path) -> None:
    """Read-only mode would stop at the <dimension> a sheet claims; the cells decide."""
    path = scenario._basic([GOOD, [2, "统计执法", "开展统计执法检查。", "《统计法》", "经济发展"]])(
        tmp_path / "small.xlsx"
    )
    scenario.rewrite_part(
        path, scenario.SHEET_PART, lambda xml: xml.replace(b'<dimension ref="A1:E3"/>', b"")
    )
    scenario.rewrite_part(
        path,
        scenario.SHEET_PART,
        lambda xml: xml.replace(b"<sheetData>", b'<dimension ref="A1:B2"/><sheetData>'),
    )
    result = run(path)
    assert result.errors == 0
    assert [item["content"] for item in result.data["basic"]] == [
        "组织辖区统计调查对象按时报送统计资料。",
        "开展统计执法检查。",
    ]


def test_zip_bombs_and_huge_files_are_refused(tmp_path: Path) -> None:
    path = scenario._basic([GOOD])(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(MAX_UNZIPPED_BYTES + 2**20))
    assert path.stat().st_size < 1_000_000
    result = run(path)
    assert [code for code, _ in found(result)] == ["DL601"]
    assert "解压后有 65 MB，超过上限 64 MB" in render_message(result.findings[0], "zh")

    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as file:
        file.write(b"PK\x03\x04")
        file.truncate(MAX_FILE_BYTES + 2**20)  # sparse: nothing is written to the disk
    result = run(huge)
    assert [code for code, _ in found(result)] == ["DL601"]
    assert "the file is 51 MB, more than the limit of 50 MB" in render_message(
        result.findings[0], "en"
    )


# -- unsafe or malformed XML -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("build", "cell", "says"),
    [
        (scenario.with_doctype, "基本履职事项", "文档类型声明（DTD）"),
        (scenario.with_external_entity, "xl/workbook.xml", "文档类型声明（DTD）"),
        (scenario.with_external_entity_in_sheet, "基本履职事项", "文档类型声明（DTD）"),
        (scenario.with_control_character, "基本履职事项!A1", "XML 不允许的控制字符 U+0001"),
    ],
    ids=["dtd-entity-in-sheet", "xxe-in-workbook-part", "xxe-in-sheet", "control-character"],
)
def test_unsafe_or_malformed_xml_is_refused(
    build: Callable[[Path], Path], cell: str, says: str, root: Path, tmp_path: Path
) -> None:
    book = build(tmp_path / "清单.xlsx")
    result = run(book)
    assert found(result) == [("DL616", cell)]
    assert says in render_message(result.findings[0], "zh")
    assert result.data == {}  # nothing read, nothing expanded
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert_refused(done, root, f"DL616 {cell}: 工作簿的 XML 部件 ", says)
    assert "root:x:0:0" not in done.stdout  # /etc/passwd was never read


def test_the_bad_character_is_located_in_its_part(tmp_path: Path) -> None:
    result = run(scenario.with_control_character(tmp_path / "x.xlsx"))
    (finding,) = result.findings
    assert (finding.line, finding.column) == (1, 1)  # the row and column of A1
    assert finding.args["part"].startswith(scenario.SHEET_PART + ":1:")
    english = render_message(finding, "en")
    assert "holds the control character U+0001, which XML does not allow" in english
    assert "the workbook was not read" in english


def test_a_character_reference_xml_forbids(tmp_path: Path) -> None:
    path = scenario._basic([GOOD])(tmp_path / "ref.xlsx")
    scenario.rewrite_part(
        path, scenario.SHEET_PART, lambda xml: xml.replace(b"</t>", b"&#1;</t>", 1)
    )
    result = run(path)
    assert found(result) == [("DL616", "基本履职事项!A1")]
    assert "reference to invalid character number" in render_message(result.findings[0], "en")


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (b'<c r="A2"', b'<c r="A0"', "the cell reference “A0” is not valid"),
        (b'<row r="2"', b'<row r="two / 2"', "the row number “two ／ 2” is not valid"),
    ],
)
def test_references_that_name_no_cell(old: bytes, new: bytes, says: str, tmp_path: Path) -> None:
    path = scenario._basic([GOOD])(tmp_path / "refs.xlsx")
    scenario.rewrite_part(path, scenario.SHEET_PART, lambda xml: xml.replace(old, new, 1))
    result = run(path)
    assert found(result) == [("DL616", "基本履职事项")]
    message = render_message(result.findings[0], "en")
    assert says in message and f"XML part {scenario.SHEET_PART}:1:" in message


def test_two_sheets_of_one_name_are_refused(tmp_path: Path) -> None:
    """Sheets are matched to their parts by name: a name twice is never read blind."""
    path = scenario._basic([GOOD])(tmp_path / "twins.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("说明")
    book.save(path)
    scenario.rewrite_part(
        path,
        "xl/workbook.xml",
        lambda xml: xml.replace('name="说明"'.encode(), 'name="基本履职事项"'.encode()),
    )
    result = run(path)
    assert [code for code, _ in found(result)] == ["DL601"]
    assert "two sheets are named “基本履职事项”" in render_message(result.findings[0], "en")


def test_legacy_vml_and_media_parts_are_left_to_themselves(tmp_path: Path) -> None:
    """Excel's VML drawings are not well-formed XML and openpyxl does not read them."""
    path = scenario._basic([GOOD])(tmp_path / "vml.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/drawings/vmlDrawing1.vml", b"<xml><o:shapelayout><br></xml>")
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert run(path).errors == 0
    with zipfile.ZipFile(path, "a") as archive:  # but a DTD is refused wherever it stands
        archive.writestr("xl/drawings/vmlDrawing2.vml", b'<!DOCTYPE x [<!ENTITY a "b">]><xml/>')
    assert found(run(path)) == [("DL616", "xl/drawings/vmlDrawing2.vml")]


# -- a merged header row ---------------------------------------------------------------------
def test_a_merged_header_row_is_an_error(root: Path, tmp_path: Path) -> None:
    book = scenario.merged_header(tmp_path / "清单.xlsx")
    result = run(book)
    assert found(result) == [("DL617", "基本履职事项!A3:E3")]
    assert result.errors == 1 and result.findings[0].args["rows"] == "2"
    done = dutylist("import", str(book), *scenario.PUBLISHED_OPTIONS, cwd=root)
    assert_refused(
        done,
        root,
        "基本履职事项!A3:E3: 工作表“基本履职事项”中有 2 行数据，但没有找到表头行，这些行无法导入",
        "表头行被合并的，先取消合并",
    )


def test_a_sheet_of_notes_is_still_only_a_warning(tmp_path: Path) -> None:
    result = run(scenario.extra_sheet(tmp_path / "x.xlsx"))
    assert found(result) == [("DL614", "说明!A1")] and result.errors == 0


def test_an_exported_sheet_with_its_header_merged(root: Path, tmp_path: Path) -> None:
    """The issue's case: a county merged A3:K3 of an exported workbook; 66 items were lost."""
    exported = tmp_path / "东山.xlsx"
    assert dutylist("export", "320115001", "-o", str(exported), cwd=root).returncode == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["基本履职事项"]
    last = openpyxl.utils.get_column_letter(sheet.max_column)
    sheet.merge_cells(f"A3:{last}3")
    book.save(exported)
    result = run(exported, identity=None)
    assert found(result) == [("DL617", f"基本履职事项!A3:{last}3")]
    assert int(result.findings[0].args["rows"]) > 1


# -- a township name too long for a file name ------------------------------------------------
def test_a_long_name_in_the_workbook_is_a_finding(root: Path, tmp_path: Path) -> None:
    book = scenario.long_name(tmp_path / "清单.xlsx")
    assert len(scenario.LONG_NAME) == 120
    result = run(book, identity=None)
    assert ("DL607", "清单信息!B3") in found(result)
    message = render_message(next(d for d in result.findings if d.code == "DL607"), "zh")
    assert "不超过 240 字节（80 个汉字）的名称，它是清单文件名的一部分" in message
    done = dutylist("import", str(book), cwd=root)
    assert_refused(done, root, "清单信息!B3", "不是有效的乡镇（街道）名称")


@pytest.mark.parametrize("output", [None, "elsewhere.yaml"])
def test_a_long_name_given_on_the_command_line_is_a_usage_error(
    output: str | None, root: Path, tmp_path: Path
) -> None:
    book = scenario.published_style(tmp_path / "清单.xlsx")
    options = list(scenario.PUBLISHED_OPTIONS)
    options[options.index("--name") + 1] = scenario.LONG_NAME
    extra = ["-o", str(tmp_path / output)] if output else []
    done = dutylist("import", str(book), *options, *extra, cwd=root, lang="en")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "(120 characters) is too long to name the list's file" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert not any((root / "lists" / "320115-江宁区").glob("320115004-*"))
    assert not (tmp_path / "elsewhere.yaml").exists()
