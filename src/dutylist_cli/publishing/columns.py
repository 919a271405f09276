"""The published column headings of the three tables: one source for renders, export and import.

Published tables (list-format.md §2) use these headings; ``variants`` are other headings seen in
county spreadsheets, which the importer also accepts. ``printed`` columns appear on every printable
list; the others are written by ``export`` only, so that export → import loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dutylist_cli.model.enums import Category


@dataclass(frozen=True)
class Column:
    key: str  # the item field it shows, or "number" for 序号
    heading: str
    width: float  # in characters, for spreadsheets; relative widths for HTML and Word
    variants: tuple[str, ...] = ()
    printed: bool = True


NUMBER = Column("number", "序号", 5, ("编号序号", "序", "No.", "NO"))
NAME = Column("name", "事项名称", 22, ("名称", "履职事项", "事项", "职责事项", "项目名称"))
BASIS = Column("basis", "依据", 30, ("事项依据", "法律依据", "政策依据", "依据文件", "实施依据"))
REMARKS = Column("remarks", "备注", 12, ("说明",))
ITEM_ID = Column("id", "事项编码", 10, ("事项编号", "编码"), printed=False)
DOMAIN = Column("domain", "领域", 10, ("类别", "所属领域", "事项类别"), printed=False)
SOURCE = Column("source", "来源", 8, ("事项来源",), printed=False)
# the item's place in its category in the YAML file (tables print by domain): export → import
# keeps the file's order; rows an editor adds without one follow the row above them
ORDER = Column("order", "排序号", 7, ("排列顺序", "顺序号"), printed=False)

COLUMNS: dict[Category, tuple[Column, ...]] = {
    Category.BASIC: (
        NUMBER,
        NAME,
        Column(
            "content", "具体内容", 40, ("职责描述", "事项内容", "主要内容", "具体事项", "职责内容")
        ),
        BASIS,
        Column("units", "承担机构", 14, ("承办机构", "责任机构", "职能机构", "承担科室")),
        REMARKS,
        Column("posts", "工作岗位", 12, ("岗位",), printed=False),
    ),
    Category.COOPERATIVE: (
        NUMBER,
        NAME,
        Column(
            "lead",
            "主办部门（对应上级部门）",
            14,
            ("主办部门", "对应上级部门", "牵头部门", "主责部门", "关联单位"),
        ),
        Column("partners", "协同部门", 14, ("配合部门", "协办部门")),
        Column("department_duties", "上级部门职责", 30, ("县级部门职责", "部门职责", "本部门职责")),
        Column(
            "township_duties",
            "镇街配合职责",
            30,
            ("乡镇（街道）配合职责", "乡镇配合职责", "街道配合职责", "配合职责"),
        ),
        BASIS,
        REMARKS,
    ),
    Category.RECOVERED: (
        NUMBER,
        NAME,
        Column("department", "承接部门", 14, ("收回部门", "上级部门", "实施部门", "承接单位")),
        Column("working_mode", "工作方式", 30, ("运行方式", "工作机制")),
        BASIS,
        REMARKS,
        Column("penalty_powers", "收回处罚权事项数", 10, ("处罚权事项数",), printed=False),
        Column("handover.document", "承接确认文号", 16, ("承接文号",), printed=False),
        Column("handover.date", "承接确认日期", 12, ("承接日期",), printed=False),
    ),
}
for _category in Category:  # every table may carry these, after the published ones
    COLUMNS[_category] = (*COLUMNS[_category], SOURCE, DOMAIN, ITEM_ID, ORDER)

# a printed list's mark of the items its county's township assessments assess (依单考核): shown
# only when the root has such indicators for the township, never exported (nothing to import)
ASSESSMENT = Column("assessment", "考核指标", 9)
ASSESSED_CATEGORIES = (Category.BASIC, Category.COOPERATIVE)

# 一、基本履职事项 …: the numbered category headings of a printed list
SECTION_NUMERALS = {Category.BASIC: "一", Category.COOPERATIVE: "二", Category.RECOVERED: "三"}
SECTION_NOTES = {
    Category.BASIC: "必须为、负全责",
    Category.COOPERATIVE: "配合为、尽次责",
    Category.RECOVERED: "上级部门收回，乡镇（街道）不再承担",
}
# a table with more printed columns than this is laid out on landscape pages
LANDSCAPE_FROM = 7


def printed_columns(category: Category) -> tuple[Column, ...]:
    return tuple(column for column in COLUMNS[category] if column.printed)


def list_separator(key: str) -> str:
    """How a list field is written in one cell: citations one per line, names with 、."""
    return "\n" if key == "basis" else "、"
