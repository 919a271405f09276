"""Hand-made workbooks for `dutylist import`, built with openpyxl the way counties lay them out.

``published_style`` is a list as counties publish it: title rows, all three tables on one sheet
with section rows between them, variant headings (主办部门, 职责描述, a line break inside a
heading), a 序号 column, merged 领域 and 主办部门 cells, several citations in one cell and a
联系电话 column that maps to nothing. The small builders below each provoke one DL6xx finding.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

# what the published-style workbook does not say itself (it has no 清单信息 sheet)
PUBLISHED_CODE = "320115004"
PUBLISHED_NAME = "淳化街道"
PUBLISHED_OPTIONS = (
    "--code",
    PUBLISHED_CODE,
    "--name",
    PUBLISHED_NAME,
    "--kind",
    "街道",
    "--version",
    "2025.1",
    "--effective",
    "2025-03-01",
    "--document",
    "江宁编〔2025〕5号",
)
IDENTITY = {
    "code": PUBLISHED_CODE,
    "name": PUBLISHED_NAME,
    "kind": "街道",
    "version": "2025.1",
    "effective": "2025-03-01",
}


def _sheet(book: Any, title: str, rows: Sequence[Sequence[object]]) -> Any:
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(list(row))
    return sheet


def _book() -> Any:
    book = openpyxl.Workbook()
    book.remove(book.active)
    return book


def published_style(path: Path) -> Path:
    """All three tables on one sheet 清单, as a county printed them."""
    book = _book()
    rows: list[list[object]] = [
        ["南京市江宁区淳化街道履行职责事项清单"] + [None] * 7,  # 1
        ["（2025年版）"] + [None] * 7,  # 2
        ["一、基本履职事项（必须为、负全责）"] + [None] * 7,  # 3
        ["序号", "领域", "事项名称", "职责描述", "依  据", "承担\n机构", "备注", "联系电话"],  # 4
        [
            1,
            "党的建设",
            "加强基层党组织建设",
            "落实党建工作责任制，指导村（社区）党组织规范化建设。",
            "《中国共产党支部工作条例（试行）》《关于加强和改进城市基层党的建设工作的意见》",
            "党建工作办公室",
            None,
            "52100001",
        ],  # 5
        [
            2,
            None,  # 领域 merged down from row 5
            "党员发展和教育管理",
            "制定发展党员工作计划，组织党员集中学习培训。",
            "1.《中国共产党发展党员工作细则》\n2.《中国共产党党员教育管理工作条例》第五条、第六条",
            "党建工作办公室、组织办",
            None,
            "52100002",
        ],  # 6
        [
            3,
            "民生服务",
            "最低生活保障审核",
            "受理最低生活保障申请，开展入户调查和民主评议。",
            "《社会救助暂行办法》第十一条；《江苏省社会救助办法》",
            "社会事业办公室",
            "2025年新增",
            None,
        ],  # 7
        [None] * 8,  # 8
        ["二、配合履职事项（配合为、尽次责）"] + [None] * 7,  # 9
        [
            "序号",
            "事项名称",
            "主办部门",
            "协同部门",
            "上级部门职责",
            "乡镇（街道）\n配合职责",
            "依据",
            "联系电话",
        ],  # 10
        ["（一）应急管理"] + [None] * 7,  # 11
        [
            1,
            "安全生产监督管理",
            "区应急管理局",
            "区消防救援大队",
            "负责辖区安全生产综合监督管理，组织执法检查。",
            "开展网格化安全巡查，发现重大事故隐患及时报告。",
            "《中华人民共和国安全生产法》第十条",
            None,
        ],  # 12
        [
            2,
            "自然灾害应急救援",
            None,  # 主办部门 merged down from row 12
            "区水务局，区消防救援大队",
            "负责自然灾害应急救援的统一指挥和调度。",
            "组织群众转移避险，做好灾后救助物资发放。",
            "《中华人民共和国突发事件应对法》、《自然灾害救助条例》",
            None,
        ],  # 13
        [None] * 8,  # 14
        ["三、上级部门收回事项"] + [None] * 7,  # 15
        ["序号", "事项名称", "收回部门", "工作方式", "依据", "备注", None, None],  # 16
        ["（一）城乡建设"] + [None] * 7,  # 17
        [
            1,
            "对违法建设的行政处罚",
            "区城市管理局",
            "由区城市管理局直接实施，街道发现问题及时报告",
            "《中华人民共和国城乡规划法》第六十四条",
            None,
            None,
            None,
        ],  # 18
    ]
    sheet = _sheet(book, "清单", rows)
    for row in (1, 2, 3, 9, 11, 15, 17):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    sheet.merge_cells("B5:B6")  # 领域 党的建设 for two items
    sheet.merge_cells("C12:C13")  # 主办部门 区应急管理局 for two items
    book.save(path)
    return path


def _save(book: Any, path: Path) -> Path:
    book.save(path)
    return path


def _basic(
    rows: Sequence[Sequence[object]], *, title: str = "基本履职事项"
) -> Callable[[Path], Path]:
    """A workbook with one basic table (header 序号 事项名称 具体内容 依据 领域) plus ``rows``."""

    def build(path: Path) -> Path:
        book = _book()
        _sheet(book, title, [["序号", "事项名称", "具体内容", "依据", "领域"], *rows])
        return _save(book, path)

    return build


_GOOD = [
    1,
    "统计调查",
    "组织辖区统计调查对象按时报送统计资料。",
    "《中华人民共和国统计法》",
    "经济发展",
]


def no_header(path: Path) -> Path:
    book = _book()
    _sheet(book, "Sheet1", [["东山街道清单"], ["统计调查", "组织报送统计资料"]])
    return _save(book, path)


def not_a_workbook(path: Path) -> Path:
    path.write_bytes(b"\x00\x01 this is not a spreadsheet at all")
    return path


def old_excel(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


def broken_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    return path


def missing_name(path: Path) -> Path:
    return _basic([_GOOD, [2, None, "开展统计执法检查。", "《中华人民共和国统计法》", "经济发展"]])(
        path
    )


def headless_column(path: Path) -> Path:
    return _basic([[*_GOOD, "多余的值"]])(path)


def missing_column(path: Path) -> Path:
    book = _book()
    _sheet(
        book,
        "基本履职事项",
        [["序号", "事项名称", "依据", "领域"], [1, "统计调查", "《统计法》", "经济发展"]],
    )
    return _save(book, path)


def bad_values(path: Path) -> Path:
    book = _book()
    _sheet(
        book,
        "上级部门收回事项",
        [
            ["序号", "事项名称", "承接部门", "收回处罚权事项数", "承接确认日期", "来源", "领域"],
            [
                1,
                "对违法建设的行政处罚",
                "区城市管理局",
                "约37项",
                "三月一日",
                "自行增加",
                "城乡建设",
            ],
        ],
    )
    return _save(book, path)


def unknown_category(path: Path) -> Path:
    book = _book()
    _sheet(
        book, "Sheet1", [["序号", "事项名称", "依据", "备注"], [1, "统计调查", "《统计法》", None]]
    )
    return _save(book, path)


def no_domain(path: Path) -> Path:
    book = _book()
    _sheet(
        book,
        "基本履职事项",
        [
            ["序号", "事项名称", "具体内容"],
            [1, "统计调查", "组织辖区统计调查对象按时报送统计资料。"],
        ],
    )
    return _save(book, path)


def stray_row(path: Path) -> Path:
    return _basic([_GOOD, ["注：本表由街道党政办公室负责解释。"]])(path)


def twin_columns(path: Path) -> Path:
    book = _book()
    _sheet(
        book,
        "基本履职事项",
        [
            ["序号", "事项名称", "具体内容", "职责描述", "领域"],
            [1, "统计调查", "组织报送统计资料。", "另一段描述", "经济发展"],
        ],
    )
    return _save(book, path)


def odd_info(path: Path) -> Path:
    book = _book()
    _sheet(
        book,
        "清单信息",
        [
            ["项目", "内容"],
            ["乡镇（街道）代码", "320115004"],
            ["乡镇（街道）名称", "淳化街道"],
            ["类型", "街道"],
            ["版本", "2025.1"],
            ["施行日期", "2025-03-01"],
            ["填表人", "张三"],
        ],
    )
    _sheet(book, "基本履职事项", [["序号", "事项名称", "具体内容", "依据", "领域"], _GOOD])
    return _save(book, path)


def extra_sheet(path: Path) -> Path:
    book = _book()
    _sheet(book, "基本履职事项", [["序号", "事项名称", "具体内容", "依据", "领域"], _GOOD])
    _sheet(book, "说明", [["本清单经街道党工委会议研究通过。"]])
    return _save(book, path)


def no_identity(path: Path) -> Path:
    return _basic([_GOOD])(path)


# -- hostile workbooks (issue 9, point 9): each took gigabytes or ended in a traceback ---------
SHEET_PART = "xl/worksheets/sheet1.xml"


def rewrite_part(path: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    """Rewrite one XML part inside the saved workbook at ``path`` (the others as they are)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    assert part in {info.filename for info, _ in entries}, part
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            target.writestr(info, edit(content) if info.filename == part else content)
    return path


def _prolog(root: bytes, declaration: bytes) -> Callable[[bytes], bytes]:
    """Put ``declaration`` (a DOCTYPE) before the part's root element ``root``."""

    def edit(xml: bytes) -> bytes:
        start = b"<" + root + b" "
        assert xml.count(start) == 1
        return xml.replace(start, declaration + start, 1)

    return edit


def far_cell(path: Path) -> Path:
    """A good basic table and one value at XFD1048576, the sheet's last cell (5 KB)."""
    book = _book()
    sheet = _sheet(book, "基本履职事项", [["序号", "事项名称", "具体内容", "依据", "领域"], _GOOD])
    sheet["XFD1048576"] = "x"
    return _save(book, path)


def huge_merge(path: Path) -> Path:
    """A good basic table whose sheet merges A1:XFD1048576 (5 KB; openpyxl cannot write it:
    its merge alone takes over 20 GB there)."""
    _basic([_GOOD])(path)

    def edit(xml: bytes) -> bytes:
        merged = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        return xml.replace(b"</sheetData>", b"</sheetData>" + merged, 1)

    return rewrite_part(path, SHEET_PART, edit)


def merged_header(path: Path) -> Path:
    """Two tables; the basic one's header row A3:E3 merged, so only 序号 is left of it."""
    book = _book()
    basic = _sheet(
        book,
        "基本履职事项",
        [
            ["东山街道基本履职事项"],
            [],
            ["序号", "事项名称", "具体内容", "依据", "领域"],
            _GOOD,
            [2, "统计执法", "开展统计执法检查。", "《中华人民共和国统计法》", "经济发展"],
        ],
    )
    basic.merge_cells("A3:E3")
    _sheet(
        book,
        "上级部门收回事项",
        [
            ["序号", "事项名称", "收回部门", "领域"],
            [1, "对违法建设的行政处罚", "区城市管理局", "城乡建设"],
        ],
    )
    return _save(book, path)


def with_doctype(path: Path) -> Path:
    """An internal DTD in the sheet: its entity used in a cell (expanded by the XML parser)."""
    _basic([_GOOD])(path)
    rewrite_part(
        path,
        SHEET_PART,
        _prolog(b"worksheet", b'<!DOCTYPE worksheet [<!ENTITY town "' + b"AB" * 8 + b'">]>'),
    )

    def use(xml: bytes) -> bytes:
        return re.sub(rb"<t>[^<]*</t>", b"<t>&town;</t>", xml, count=1)

    return rewrite_part(path, SHEET_PART, use)


def with_external_entity(path: Path) -> Path:
    """An external entity (XXE) naming a local file, used in the workbook part."""
    _basic([_GOOD])(path)
    declaration = b'<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return rewrite_part(path, "xl/workbook.xml", _prolog(b"workbook", declaration))


def with_external_entity_in_sheet(path: Path) -> Path:
    """An external entity (XXE) in the sheet, referenced from a cell."""
    _basic([_GOOD])(path)
    declaration = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rewrite_part(path, SHEET_PART, _prolog(b"worksheet", declaration))

    def use(xml: bytes) -> bytes:
        return re.sub(rb"<t>[^<]*</t>", b"<t>&xxe;</t>", xml, count=1)

    return rewrite_part(path, SHEET_PART, use)


def with_control_character(path: Path) -> Path:
    """A raw \\x01 inside a cell's text in the sheet XML (not allowed in XML 1.0)."""
    _basic([_GOOD])(path)

    def edit(xml: bytes) -> bytes:
        return re.sub(rb"</t>", b"\x01</t>", xml, count=1)

    return rewrite_part(path, SHEET_PART, edit)


def long_name(path: Path) -> Path:
    """A 清单信息 sheet whose township name is 120 characters long."""
    book = _book()
    _sheet(
        book,
        "清单信息",
        [
            ["项目", "内容"],
            ["乡镇（街道）代码", "320115004"],
            ["乡镇（街道）名称", LONG_NAME],
            ["类型", "街道"],
            ["版本", "2025.1"],
            ["施行日期", "2025-03-01"],
        ],
    )
    _sheet(book, "基本履职事项", [["序号", "事项名称", "具体内容", "依据", "领域"], _GOOD])
    return _save(book, path)


LONG_NAME = "淳化" * 59 + "街道"  # 120 characters, 360 bytes in UTF-8


# code -> a workbook that produces it (with IDENTITY given, except for DL608's)
BY_CODE: dict[str, Callable[[Path], Path]] = {
    "DL601": not_a_workbook,
    "DL602": no_header,
    "DL603": published_style,
    "DL604": headless_column,
    "DL605": missing_name,
    "DL606": missing_column,
    "DL607": bad_values,
    "DL608": no_identity,
    "DL609": unknown_category,
    "DL610": no_domain,
    "DL611": stray_row,
    "DL612": twin_columns,
    "DL613": odd_info,
    "DL614": extra_sheet,
    "DL615": far_cell,
    "DL616": with_control_character,
    "DL617": merged_header,
}
