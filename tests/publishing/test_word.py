"""Word output: sample lists written to .docx and read back with python-docx."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from dutylist_cli.errors import UsageError
from dutylist_cli.model.enums import Category
from dutylist_cli.model.township import TownshipList
from dutylist_cli.publishing.columns import printed_columns
from dutylist_cli.publishing.document import PrintableList, printable_list
from dutylist_cli.publishing.loading import load_townships, repository_domains, township_names
from dutylist_cli.publishing.word import write_list_docx
from dutylist_cli.publishing.word_geometry import text_width

SAMPLE = Path(__file__).resolve().parents[2]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
KEYS = {
    Category.BASIC: "basic",
    Category.COOPERATIVE: "cooperative",
    Category.RECOVERED: "recovered",
}


def _model(name: str) -> TownshipList:
    (loaded,) = load_townships(SAMPLE, [name])
    return loaded.model


def _printable(name: str = DONGSHAN) -> PrintableList:
    return printable_list(_model(name), repository_domains(SAMPLE))


def _yaml_items(name: str, category: Category) -> list[dict[str, Any]]:
    data = yaml.safe_load((SAMPLE / name).read_text("utf-8"))
    items = data[KEYS[category]]
    assert isinstance(items, list)
    return items


@pytest.fixture(scope="module")
def dongshan(tmp_path_factory: pytest.TempPathFactory) -> tuple[PrintableList, Any]:
    printable = _printable()
    path = tmp_path_factory.mktemp("word") / "东山街道.docx"
    write_list_docx(printable, path)
    return printable, docx.Document(str(path))


def _is_group(tr: Any) -> bool:
    return bool(tr.findall(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}"))


def _item_rows(table: Any) -> list[Any]:
    return [row for row in table.rows[1:] if not _is_group(row._tr)]


def _group_rows(table: Any) -> list[Any]:
    return [row for row in table.rows[1:] if _is_group(row._tr)]


def _word_section_of_each_table(document: Any) -> list[int]:
    """For each table, the index of the Word section it lies in (section breaks end sections)."""
    places, index = [], 0
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            places.append(index)
        elif child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    return places


def test_title_edition_summary_and_section_headings(dongshan: tuple[PrintableList, Any]) -> None:
    printable, document = dongshan
    first = [p.text for p in document.paragraphs[:3]]
    assert first == ["《东山街道履行职责事项清单》", printable.edition_line, printable.summary_line]
    assert printable.edition_line == "版本 2025.2 · 2025年9月1日起施行 · 江宁编〔2025〕30号"
    assert document.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        f"一、基本履职事项（共 {printable.sections[0].count} 项）　必须为、负全责",
        f"二、配合履职事项（共 {printable.sections[1].count} 项）　配合为、尽次责",
        f"三、上级部门收回事项（共 {printable.sections[2].count} 项）"
        "　上级部门收回，乡镇（街道）不再承担",
    ]
    assert document.core_properties.title == "《东山街道履行职责事项清单》"


@pytest.mark.parametrize("name", township_names(SAMPLE))
def test_every_sample_list_has_its_items_and_published_headings(name: str, tmp_path: Path) -> None:
    printable = _printable(name)
    path = tmp_path / "list.docx"
    write_list_docx(printable, path)
    document = docx.Document(str(path))
    assert len(document.tables) == len(printable.sections)
    for table, section in zip(document.tables, printable.sections, strict=True):
        headings = [c.heading for c in printed_columns(section.category)]
        assert [cell.text for cell in table.rows[0].cells] == headings
        rows = _item_rows(table)
        assert len(rows) == len(_yaml_items(name, section.category)) == section.count
        assert [row.cells[0].text for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
        expected = [list(row.cells) for group in section.groups for row in group.rows]
        assert [[cell.text for cell in row.cells] for row in rows] == expected


def test_cells_hold_the_yaml_values(dongshan: tuple[PrintableList, Any]) -> None:
    printable, document = dongshan
    for table, section in zip(document.tables, printable.sections, strict=True):
        by_id = {item["id"]: item for item in _yaml_items(DONGSHAN, section.category)}
        ids = [row.item_id for group in section.groups for row in group.rows]
        headings = [cell.text for cell in table.rows[0].cells]
        for word_row, item_id in zip(_item_rows(table), ids, strict=True):
            item = by_id[item_id]
            cells = dict(zip(headings, (cell.text for cell in word_row.cells), strict=True))
            assert cells["事项名称"] == item["name"]
            # one citation a line: each its own paragraph in the cell
            assert cells["依据"] == "\n".join(item.get("basis") or [])
            assert cells["备注"] == (item.get("remarks") or "")
            if section.category is Category.BASIC:
                assert cells["具体内容"] == item["content"]
                assert cells["承担机构"] == "、".join(item["units"])
            elif section.category is Category.COOPERATIVE:
                assert cells["主办部门（对应上级部门）"] == item["lead"]
                assert cells["协同部门"] == "、".join(item.get("partners") or [])
                assert cells["镇街配合职责"] == item["township_duties"]
            else:
                assert cells["承接部门"] == item["department"]


def test_a_shaded_bold_group_row_opens_each_domain(dongshan: tuple[PrintableList, Any]) -> None:
    printable, document = dongshan
    for table, section in zip(document.tables, printable.sections, strict=True):
        groups = _group_rows(table)
        assert [row.cells[0].text for row in groups] == [g.heading for g in section.groups]
        assert all(g.domain in g.heading for g in section.groups)
        for row in groups:
            (tc,) = row._tr.tc_lst
            assert tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == str(
                len(section.columns)
            )
            assert tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "F2F2F2"
            assert all(run.bold for p in row.cells[0].paragraphs for run in p.runs)
        # the first data row after the header is a domain row, and each domain's items follow it
        body = [row.cells[0].text for row in table.rows[1:]]
        starts = [body.index(g.heading) for g in section.groups]
        sizes = [b - a - 1 for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
        assert starts[0] == 0 and sizes == [len(g.rows) for g in section.groups]


def test_header_row_repeats_and_rows_stay_on_one_page(dongshan: tuple[PrintableList, Any]) -> None:
    _, document = dongshan
    for table in document.tables:
        rows = table._tbl.tr_lst
        header = rows[0].trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in rows[1:])
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


def test_a_row_taller_than_half_a_page_may_break(tmp_path: Path) -> None:
    model = _model(DONGSHAN)
    long = model.basic[1].model_copy(update={"content": "落实工作责任制。" * 400})
    model = model.model_copy(update={"basic": [model.basic[0], long, *model.basic[2:]]})
    path = tmp_path / "long.docx"
    write_list_docx(printable_list(model, repository_domains(SAMPLE)), path)
    rows = _item_rows(docx.Document(str(path)).tables[0])
    can_split = [row.cells[1].text for row in rows if row._tr.trPr.find(qn("w:cantSplit")) is None]
    assert can_split == [long.name]


def test_pages_are_a4_with_landscape_for_the_wide_table(
    dongshan: tuple[PrintableList, Any],
) -> None:
    printable, document = dongshan
    assert [s.landscape for s in printable.sections] == [False, True, False]
    assert len(document.sections) == len(printable.sections)
    assert _word_section_of_each_table(document) == [0, 1, 2]
    for word_section, section in zip(document.sections, printable.sections, strict=True):
        short, long = sorted((word_section.page_width, word_section.page_height))
        assert abs(short - Mm(210)) < Mm(0.5) and abs(long - Mm(297)) < Mm(0.5)
        landscape = word_section.orientation == WD_ORIENT.LANDSCAPE
        assert landscape == section.landscape == (word_section.page_width > long - Mm(1))
        assert abs(word_section.left_margin - Mm(20)) < Mm(0.5)
        assert abs(word_section.top_margin - Mm(20)) < Mm(0.5)


def test_every_cell_has_its_width_and_the_table_fills_the_page(
    dongshan: tuple[PrintableList, Any],
) -> None:
    printable, document = dongshan
    for table, section in zip(document.tables, printable.sections, strict=True):
        tbl = table._tbl
        grid = [int(col.get(qn("w:w"))) for col in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == text_width(landscape=section.landscape)
        weights = [column.width for column in section.columns]
        # wider published columns are wider on paper (序号 is held at its heading's width, 备注
        # at its least width)
        keys = [column.key for column in section.columns]
        by_weight = sorted(
            (i for i in range(1, len(grid)) if keys[i] != "remarks"), key=lambda i: weights[i]
        )
        assert [grid[i] for i in by_weight] == sorted(grid[i] for i in by_weight)
        for tr in tbl.tr_lst:
            widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.tc_lst]
            assert widths == grid or widths == [sum(grid)]


def _runs(element: Any) -> Iterator[Any]:
    yield from element.iter(qn("w:r"))


def test_every_run_names_an_east_asian_font(tmp_path: Path) -> None:
    path = tmp_path / "仿宋.docx"
    write_list_docx(_printable(), path, font="仿宋", heading_font="方正小标宋简体")
    document = docx.Document(str(path))
    parts = [document.element.body, document.sections[0].footer._element]
    fonts = [run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") for part in parts for run in _runs(part)]
    assert len(fonts) > 500 and all(f is not None for f in fonts)
    assert {f.get(qn("w:eastAsia")) for f in fonts} == {"仿宋", "方正小标宋简体"}
    assert document.paragraphs[0].runs[0].element.rPr.rFonts.get(qn("w:eastAsia")) == (
        "方正小标宋简体"
    )
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋" and normal.get(qn("w:ascii")) == "仿宋"


def test_footer_numbers_pages_in_every_section(dongshan: tuple[PrintableList, Any]) -> None:
    _, document = dongshan
    for section in document.sections:
        (paragraph,) = section.footer.paragraphs
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        # the field results (1) stand in until Word or LibreOffice computes the numbers
        assert paragraph.text == "第 1 页 / 共 1 页"
        element = paragraph._p
        fields = [t.text.strip() for t in element.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]
        kinds = [c.get(qn("w:fldCharType")) for c in element.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"] * 2


def test_writes_atomically_replacing_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "东山街道.docx"
    path.write_bytes(b"an older render")
    os.chmod(path, 0o640)
    write_list_docx(_printable(), path)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    assert path.stat().st_mode & 0o777 == 0o640
    assert docx.Document(str(path)).paragraphs[0].text == "《东山街道履行职责事项清单》"


def test_without_python_docx_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    with pytest.raises(UsageError) as failure:
        write_list_docx(_printable(), tmp_path / "x.docx")
    assert "python-docx" in failure.value.message
    assert failure.value.hint is not None and "dutylist[office]" in failure.value.hint
    assert not list(tmp_path.iterdir())


def test_a_300_item_list_writes_in_well_under_a_second(tmp_path: Path) -> None:
    model = _model("lists/320115-江宁区/320115006-江宁街道.yaml")

    def cycle(items: list[Any], count: int, prefix: str) -> list[Any]:
        return [
            items[n % len(items)].model_copy(update={"id": f"{prefix}{n + 1:03d}"})
            for n in range(count)
        ]

    model = model.model_copy(
        update={
            "basic": cycle(model.basic, 200, "B"),
            "cooperative": cycle(model.cooperative, 60, "C"),
            "recovered": cycle(model.recovered, 40, "R"),
        }
    )
    printable = printable_list(model, repository_domains(SAMPLE))
    path = tmp_path / "300.docx"
    started = time.perf_counter()
    write_list_docx(printable, path)
    elapsed = time.perf_counter() - started
    tables = docx.Document(str(path)).tables
    assert [len(_item_rows(table)) for table in tables] == [200, 60, 40]
    assert elapsed < 1.5, f"{elapsed:.2f} s"  # about 0.3 s here; generous for slow CI machines


def test_a_40_character_remark_takes_at_most_four_lines(
    dongshan: tuple[PrintableList, Any],
) -> None:
    """备注 at its spreadsheet share was 3 characters wide: a remark wrapped over 13 lines."""
    printable, document = dongshan
    character = 21 * 10  # twips of a Chinese character at the body size (五号, 10.5 pt)
    for table, section in zip(document.tables, printable.sections, strict=True):
        headings = [tc.xpath("string(.)") for tc in table._tbl.tr_lst[0].tc_lst]
        remarks = table._tbl.tr_lst[0].tc_lst[headings.index("备注")]
        width = int(remarks.tcPr.find(qn("w:tcW")).get(qn("w:w")))
        per_line = (width - 2 * 85) // character  # less the cell's left and right margins
        assert -(-40 // per_line) <= 4, (section.category, width, per_line)
