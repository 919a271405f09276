"""`import_workbook`: exported lists come back unchanged; county workbooks are read or reported."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import workbook_scenarios as scenario
from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.messages import RULES, render_message
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.enums import Category, TownshipKind
from dutylist_cli.model.township import TownshipList
from dutylist_cli.publishing.document import printable_list
from dutylist_cli.publishing.loading import load_townships, repository_domains, township_names
from dutylist_cli.publishing.workbook import write_list_workbook
from dutylist_cli.spreadsheet.cells import (
    category_named,
    date_value,
    group_domain,
    normalise_heading,
    split_citations,
    split_names,
    whole_number,
)
from dutylist_cli.spreadsheet.identity import Identity
from dutylist_cli.spreadsheet.importing import ImportResult, import_workbook
from dutylist_cli.spreadsheet.run import county_registries, layout_name, list_text
from dutylist_cli.store.yaml_source import parse_file
from dutylist_cli.validation.run import validate

SAMPLE = Path(__file__).resolve().parents[2]
DOMAINS = repository_domains(SAMPLE)
IDENTITY = Identity(
    code=scenario.PUBLISHED_CODE,
    name=scenario.PUBLISHED_NAME,
    kind=TownshipKind.SUBDISTRICT,
    version="2025.1",
    effective=dt.date(2025, 3, 1),
)


@pytest.fixture(scope="module")
def registries() -> list[CountyRegistry]:
    return [registry.model for registry in county_registries(SAMPLE)]


def run(path: Path, registries: list[CountyRegistry], identity: Identity | None = IDENTITY) -> Any:
    return import_workbook(path, domains=DOMAINS, registries=registries, overrides=identity)


def codes(result: ImportResult) -> list[str]:
    return [finding.code for finding in result.findings]


# -- export -> import ------------------------------------------------------------------------
@pytest.mark.parametrize("name", township_names(SAMPLE), ids=lambda n: n.rsplit("/", 1)[-1])
def test_export_then_import_gives_the_list_back(
    name: str, tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    (loaded,) = load_townships(SAMPLE, [name])
    doc = printable_list(loaded.model, DOMAINS, all_columns=True)
    path = tmp_path / "list.xlsx"
    write_list_workbook(doc, path)

    result = run(path, registries, identity=None)  # everything from the workbook itself
    assert result.findings == [] and result.notes == []
    assert result.counts == {s.category: s.count for s in doc.sections}
    # the same items with the same fields, in the file's order (排序号), not the printed one
    expected = loaded.model.model_dump(mode="json")
    assert TownshipList.model_validate(result.data).model_dump(mode="json") == expected
    # and the YAML text written from it reads back as the same list, at the same place
    text = list_text(result.data, schema_link=None)
    reread = TownshipList.model_validate(parse_file(text.encode(), file=name).data)
    assert reread.model_dump(mode="json") == expected
    assert layout_name(result.data) == name


def test_rows_without_a_place_follow_the_row_above(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    import openpyxl

    name = "lists/320115-江宁区/320115001-东山街道.yaml"
    (loaded,) = load_townships(SAMPLE, [name])
    doc = printable_list(loaded.model, DOMAINS, all_columns=True)
    path = tmp_path / "list.xlsx"
    write_list_workbook(doc, path)
    book = openpyxl.load_workbook(path)
    sheet = book["配合履职事项"]
    header = [cell.value for cell in sheet[3]]
    place = header.index("排序号") + 1
    for row in range(4, sheet.max_row + 1):  # as if typed in by hand: no 排序号 at all
        sheet.cell(row, place).value = None
    book.save(path)

    data = run(path, registries, identity=None).data
    printed = [row.item_id for group in doc.sections[1].groups for row in group.rows]
    assert [item["id"] for item in data["cooperative"]] == printed
    assert printed != [item.id for item in loaded.model.cooperative]  # the test means something
    assert [item["id"] for item in data["basic"]] == [item.id for item in loaded.model.basic]


# -- a workbook in the style of published lists ----------------------------------------------
def test_published_style_workbook(tmp_path: Path, registries: list[CountyRegistry]) -> None:
    result = run(scenario.published_style(tmp_path / "清单.xlsx"), registries)
    assert [(d.code, d.args["cell"], d.line, d.column) for d in result.findings] == [
        ("DL603", "清单!H4", 4, 8),
        ("DL603", "清单!H10", 10, 8),
    ]
    first = result.findings[0]
    assert first.file == str(tmp_path / "清单.xlsx") and first.pointer == ""
    assert render_message(first, "zh").startswith(
        "清单!H4: 列标题“联系电话”无法对应到基本履职事项的任何字段，该列已忽略"
    )
    data = result.data
    assert data["township"] == {"code": "320115004", "name": "淳化街道", "kind": "subdistrict"}
    assert data["county"] == {"code": "320115", "name": "江宁区"}  # from the registry
    assert data["city"] == {"code": "320100", "name": "南京市"}
    basic = data["basic"]
    assert [item["id"] for item in basic] == ["B001", "B002", "B003"]
    assert [item["domain"] for item in basic] == [
        "党的建设",
        "党的建设",
        "民生服务",
    ]  # merged B5:B6
    assert basic[0]["basis"] == [
        "《中国共产党支部工作条例（试行）》",
        "《关于加强和改进城市基层党的建设工作的意见》",
    ]
    assert basic[1]["basis"] == [
        "《中国共产党发展党员工作细则》",
        "《中国共产党党员教育管理工作条例》第五条、第六条",
    ]
    assert basic[2]["basis"] == ["《社会救助暂行办法》第十一条", "《江苏省社会救助办法》"]
    assert basic[1]["units"] == ["党建工作办公室", "组织办"]
    assert basic[0]["content"] == "落实党建工作责任制，指导村（社区）党组织规范化建设。"  # 职责描述
    assert basic[2]["remarks"] == "2025年新增"
    cooperative = data["cooperative"]
    assert [item["lead"] for item in cooperative] == ["区应急管理局"] * 2  # merged C12:C13
    assert cooperative[1]["partners"] == ["区水务局", "区消防救援大队"]
    assert cooperative[0]["township_duties"].startswith("开展网格化安全巡查")  # heading broken
    assert {item["domain"] for item in cooperative} == {"应急管理"}  # the group row
    assert data["recovered"] == [
        {
            "id": "R001",
            "name": "对违法建设的行政处罚",
            "domain": "城乡建设",
            "department": "区城市管理局",
            "working_mode": "由区城市管理局直接实施，街道发现问题及时报告",
            "basis": ["《中华人民共和国城乡规划法》第六十四条"],
        }
    ]
    assert len(result.notes) == 3 and "B001–B003" in result.notes[0]


def test_published_style_workbook_validates(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    result = run(scenario.published_style(tmp_path / "清单.xlsx"), registries)
    root = tmp_path / "root"
    shutil.copytree(SAMPLE / "lists" / "320115-江宁区", root / "lists" / "320115-江宁区")
    shutil.copy(SAMPLE / "dutylist.yaml", root)
    name = layout_name(result.data)
    (root / name).write_text(list_text(result.data, schema_link=None), "utf-8")
    checked = validate(root, selected=[root / name], today=dt.date(2026, 1, 1), use_cache=False)
    assert [d for d in checked.diagnostics if d.file == name] == []


# -- every finding ---------------------------------------------------------------------------
IMPORT_CODES = sorted(code for code in RULES if code.startswith("DL6"))


def test_every_import_rule_has_a_workbook() -> None:
    assert sorted(scenario.BY_CODE) == IMPORT_CODES


@pytest.mark.parametrize("code", IMPORT_CODES)
def test_each_import_rule_is_produced(
    code: str, tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    path = scenario.BY_CODE[code](tmp_path / f"{code}.xlsx")
    identity = None if code in ("DL608", "DL613") else IDENTITY
    result = run(path, registries, identity)
    assert code in codes(result), [render_message(d, "zh") for d in result.findings]
    for finding in result.findings:
        assert finding.severity is RULES[finding.code].severity
        assert finding.line >= 1 and finding.column >= 1 and finding.pointer == ""
        for lang in ("zh", "en"):
            assert "{" not in render_message(finding, lang), render_message(finding, lang)


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (scenario.old_excel, "旧版 Excel 97-2003（.xls）"),
        (scenario.not_a_workbook, "不是 Excel 工作簿"),
        (scenario.broken_zip, "文件已损坏"),
    ],
)
def test_unreadable_files(
    build: Any, reason: str, tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    result = run(build(tmp_path / "清单.xls"), registries)
    assert codes(result) == ["DL601"]
    message = render_message(result.findings[0], "zh")
    assert reason in message and "另存为 .xlsx" in message
    assert result.data == {}


def test_no_header_is_one_finding(tmp_path: Path, registries: list[CountyRegistry]) -> None:
    assert codes(run(scenario.no_header(tmp_path / "x.xlsx"), registries)) == ["DL602"]


def test_identity_needs_the_code_before_the_county(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    result = run(scenario.no_identity(tmp_path / "x.xlsx"), registries, identity=None)
    missing = [d.args["field"].split(" / ")[1] for d in result.findings]
    assert missing == [
        "township.code",
        "township.name",
        "township.kind",
        "edition.version",
        "edition.effective",
    ]
    only_code = Identity(code="320115004")
    result = run(scenario.no_identity(tmp_path / "x.xlsx"), registries, identity=only_code)
    assert "county.code" not in {d.args["field"].split(" / ")[1] for d in result.findings}
    unknown_county = Identity(code="320999004")
    result = run(scenario.no_identity(tmp_path / "x.xlsx"), registries, identity=unknown_county)
    assert "county.code" in {d.args["field"].split(" / ")[1] for d in result.findings}


def test_bad_values_name_their_cells(tmp_path: Path, registries: list[CountyRegistry]) -> None:
    result = run(scenario.bad_values(tmp_path / "x.xlsx"), registries)
    assert [(d.code, d.args["cell"]) for d in result.findings] == [
        ("DL607", "上级部门收回事项!D2"),
        ("DL607", "上级部门收回事项!E2"),
        ("DL607", "上级部门收回事项!F2"),
    ]


# -- layouts seen in county workbooks --------------------------------------------------------
def _workbook(path: Path, sheets: dict[str, list[list[object]]], merges: Any = ()) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for title, cells in merges:
        book[title].merge_cells(cells)
    book.save(path)
    return path


def test_two_row_header_and_numbered_group_rows(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    path = _workbook(
        tmp_path / "x.xlsx",
        {
            "配合": [
                ["配合履职事项清单"],
                ["序号", "事项名称", "部门", None, "职责", None, "依据", "联系电话"],
                [None, None, "牵头部门", "配合部门", "部门职责", "配合职责", None, None],
                ["一", "应急管理"],
                [1, "消防安全检查", "区消防救援大队", None, "负责监督检查。", "开展巡查。"],
                [2],  # a numbered blank row
                [None, None, None, None, None, None, None, "52100001"],  # in an ignored column
            ]
        },
        merges=[("配合", "A2:A3"), ("配合", "B2:B3"), ("配合", "G2:G3"), ("配合", "H2:H3")],
    )
    result = run(path, registries)
    assert [(d.code, d.args["cell"]) for d in result.findings] == [("DL603", "配合!H2")]
    (item,) = result.data["cooperative"]
    assert item == {
        "id": "C001",
        "name": "消防安全检查",
        "domain": "应急管理",
        "lead": "区消防救援大队",
        "department_duties": "负责监督检查。",
        "township_duties": "开展巡查。",
    }


def test_an_item_over_several_rows_and_a_repeated_header(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    header = ["序号", "事项名称", "具体内容", "依据", "事项编码"]
    path = _workbook(
        tmp_path / "x.xlsx",
        {
            "基本履职事项": [
                header,
                ["（一）经济发展"],
                [1, "统计调查", "组织报送统计资料。", "《中华人民共和国统计法》", "B007"],
                [None, None, "开展统计执法检查。", "《中华人民共和国统计法实施条例》", None],
                header,  # printed with the header on every page
                [2, "农村集体经济组织建设", "指导集体经济组织登记。", None, None],
            ]
        },
        merges=[("基本履职事项", "A3:A4"), ("基本履职事项", "B3:B4"), ("基本履职事项", "E3:E4")],
    )
    result = run(path, registries)
    assert codes(result) == []
    first, second = result.data["basic"]
    assert first["id"] == "B007" and first["domain"] == "经济发展"
    assert first["content"] == "组织报送统计资料。\n开展统计执法检查。"
    assert first["basis"] == ["《中华人民共和国统计法》", "《中华人民共和国统计法实施条例》"]
    assert second["id"] == "B001" and second["domain"] == "经济发展"  # generated, in order


def test_info_sheet_with_numbers_and_dates_as_excel_stores_them(
    tmp_path: Path, registries: list[CountyRegistry]
) -> None:
    path = _workbook(
        tmp_path / "x.xlsx",
        {
            "清单信息": [
                ["代码", 320115004],
                ["名称", "淳化街道"],
                ["类型", "subdistrict"],
                ["版本", "2025.1"],
                ["生效日期", dt.datetime(2025, 3, 1)],
                ["文号", "江宁编〔2025〕5号"],
            ],
            "基本履职事项": [
                ["序号", "事项名称", "具体内容", "领域"],
                [1, "统计调查", "组织报送统计资料。", "经济发展"],
            ],
        },
    )
    result = run(path, registries, identity=None)
    assert codes(result) == []
    assert result.data["township"] == {
        "code": "320115004",
        "name": "淳化街道",
        "kind": "subdistrict",
    }
    assert result.data["edition"] == {
        "version": "2025.1",
        "effective": dt.date(2025, 3, 1),
        "document": "江宁编〔2025〕5号",
    }
    overridden = run(path, registries, identity=Identity(name="淳化新街道"))
    assert overridden.data["township"]["name"] == "淳化新街道"  # the option wins


# -- cells -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "citations"),
    [
        ("《A》\n《B》第三条", ["《A》", "《B》第三条"]),
        ("《A》《B》", ["《A》", "《B》"]),
        ("《A》、《B》；《C》;《D》", ["《A》", "《B》", "《C》", "《D》"]),
        ("《A》第五条、第六条", ["《A》第五条、第六条"]),
        ("《A》第五条，《B》第六条。", ["《A》第五条", "《B》第六条"]),
        ("《关于A；B的意见》第二条", ["《关于A；B的意见》第二条"]),  # never inside 《》
        ("1.《A》\n2、《B》\n(3)《C》", ["《A》", "《B》", "《C》"]),
        ("国务院有关规定", ["国务院有关规定"]),
        ("", []),
    ],
)
def test_split_citations(cell: str, citations: list[str]) -> None:
    assert split_citations(cell) == citations


def test_split_names() -> None:
    assert split_names("区水务局、区消防救援大队") == ["区水务局", "区消防救援大队"]
    assert split_names("A，B,C；D;E/F\nG") == list("ABCDEFG")
    assert split_names("纪工委（监察办公室、审计）、党政办") == [
        "纪工委（监察办公室、审计）",
        "党政办",
    ]


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("（一）党的建设", "党的建设"),
        ("(二) 经济发展", "经济发展"),
        ("一、党的建设", "党的建设"),
        ("1.党的建设", "党的建设"),
        ("党的建设", "党的建设"),
        ("（三）乡村振兴", "乡村振兴"),  # numbered: a group row, even for an unknown domain
        ("党的建设（12项）", "党的建设"),
        ("注：本表由党政办解释", None),
        ("（一）", None),
    ],
)
def test_group_domain(text: str, domain: str | None) -> None:
    assert group_domain(text, DOMAINS) == domain


def test_category_named() -> None:
    assert category_named("一、基本履职事项（必须为、负全责）") is Category.BASIC
    assert category_named("《东山街道履行职责事项清单》—配合履职事项") is Category.COOPERATIVE
    assert category_named("三、上级部门收回事项") is Category.RECOVERED
    assert category_named("收回事项") is Category.RECOVERED
    assert category_named("《东山街道履行职责事项清单》") is None


def test_values() -> None:
    assert normalise_heading("乡镇（街道）\n配合 职责：") == "乡镇(街道)配合职责"
    assert [whole_number(v) for v in (37, 37.0, "３７", " 37 ", "约37项", -1, True)] == [
        37,
        37,
        37,
        37,
        None,
        None,
        None,
    ]
    assert date_value("2025年3月1日") == date_value("2025/3/1") == dt.date(2025, 3, 1)
    assert date_value(dt.datetime(2025, 3, 1, 0, 0)) == dt.date(2025, 3, 1)
    assert date_value("2025-02-30") is None and date_value("三月") is None


def test_findings_are_diagnostics(tmp_path: Path, registries: list[CountyRegistry]) -> None:
    result = run(scenario.published_style(tmp_path / "x.xlsx"), registries)
    assert all(isinstance(finding, Diagnostic) for finding in result.findings)
    assert render_message(result.findings[0], "en").startswith(
        "清单!H4: the heading “联系电话” matches no field of basic duties"
    )
