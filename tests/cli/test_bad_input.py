"""Bad input through the real command line: located findings or a usage error, never a traceback.

Every run is a real process (``python -m dutylist_cli``), so what is checked is exactly what a
user sees: the exit status, the JSON report on stdout, and a stderr free of tracebacks.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TODAY = "2026-11-28"
COUNTY_FOLDER = "lists/320115-江宁区"
LIST = f"{COUNTY_FOLDER}/320115001-东山街道.yaml"
RUN_LIMIT = 15.0  # seconds for one run of the CLI on one bad file (they take well under one)

CONFIG = """\
schema: dutylist/config/1
province: {code: "32", name: 江苏省}
domains: [党的建设, 经济发展, 民生服务, 平安法治, 生态环保, 城乡建设, 应急管理, 综合保障]
"""
REGISTRY = """\
schema: dutylist/county/1
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
departments:
  - name: 区应急管理局
    aliases: [区应急局]
  - name: 区城市管理局
    aliases: [区城管局]
  - name: 区消防救援大队
"""
VALID_LIST = """\
schema: dutylist/township-list/1
township:
  code: "320115001"
  name: 东山街道
  kind: subdistrict
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
edition:
  version: "2025.1"
  effective: 2025-01-01
basic:
  - id: B001
    name: 加强基层党组织建设
    domain: 党的建设
    content: 落实党建工作责任制，指导村（社区）党组织规范化建设。
    basis: [《中国共产党农村基层组织工作条例》第十条]
cooperative:
  - id: C001
    name: 安全生产监督管理
    domain: 应急管理
    lead: 区应急管理局
    partners: [区消防救援大队]
    department_duties: 负责辖区安全生产综合监督管理。
    township_duties: 配合开展安全生产检查，发现隐患及时报告。
    basis: [《中华人民共和国安全生产法》第九条]
recovered:
  - id: R001
    name: 对违法建设的行政处罚
    domain: 城乡建设
    department: 区城市管理局
    basis: [《中华人民共和国城乡规划法》第六十四条]
"""
BILLION_LAUGHS = (
    "schema: dutylist/township-list/1\n"
    'lol0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n'
    + "".join(f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10))
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x0cIDATx\x9cc`\x18\x05\x00\x00\x10\x00\x01\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


@dataclass
class Run:
    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    def report(self) -> dict[str, Any]:
        try:
            report: dict[str, Any] = json.loads(self.stdout)
        except json.JSONDecodeError as exc:
            raise AssertionError(
                f"not JSON ({exc}); exit {self.exit_code}; stdout "
                f"{self.stdout[:300]!r}; stderr {self.stderr[-1000:]!r}"
            ) from exc
        return report


def dutylist(*args: str, cwd: Path, limit: float = RUN_LIMIT) -> Run:
    """One real run of the CLI; fails on a traceback, an internal error or a slow run."""
    env = {**os.environ, "DUTYLIST_LANG": "zh"}
    for name in ("GITHUB_ACTIONS", "DUTYLIST_ROOT"):
        env.pop(name, None)
    start = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *args],
        cwd=cwd,
        capture_output=True,
        timeout=limit * 4,
        env=env,
        check=False,
    )
    run = Run(
        args,
        process.returncode,
        process.stdout.decode("utf-8", "replace"),
        process.stderr.decode("utf-8", "replace"),
        time.monotonic() - start,
    )
    assert "Traceback" not in run.stdout + run.stderr, run.stderr[-3000:]
    assert run.exit_code != 3, f"internal error: {run.stderr.strip()}"
    assert run.seconds < limit, f"{args} took {run.seconds:.1f} s"
    return run


def make_root(folder: Path) -> Path:
    (folder / COUNTY_FOLDER).mkdir(parents=True)
    (folder / "dutylist.yaml").write_text(CONFIG, "utf-8")
    (folder / COUNTY_FOLDER / "320115.yaml").write_text(REGISTRY, "utf-8")
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "root")


def validate(
    root: Path, *paths: str, fmt: str = "json", limit: float = RUN_LIMIT, cwd: Path | None = None
) -> Run:
    return dutylist(
        "validate",
        *paths,
        "--root",
        str(root),
        "--format",
        fmt,
        "--today",
        TODAY,
        "--no-cache",
        cwd=cwd or root,
        limit=limit,
    )


def findings_for(
    root: Path, content: bytes | str, *, name: str = LIST, limit: float = RUN_LIMIT
) -> list[dict[str, Any]]:
    """Write ``content`` at ``name``, validate that file, return its findings (exit 1 checked)."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    run = validate(root, str(path), limit=limit)
    report = run.report()
    assert run.exit_code == 1, (run.exit_code, report)
    assert report["errors"] >= 1
    findings = [f for f in report["diagnostics"] if f["file"] == name]
    assert findings, report
    for finding in findings:
        assert finding["line"] >= 1 and finding["column"] >= 1, finding
        assert finding["message"], finding
    return findings


def the_finding(findings: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The one finding of ``code``, which must be the only finding for the file."""
    assert [f["code"] for f in findings] == [code], findings
    return findings[0]


def position_of(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and character column of ``needle`` (plus ``offset`` characters) in text."""
    index = text.index(needle) + offset
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def located(finding: dict[str, Any]) -> tuple[int, int]:
    return finding["line"], finding["column"]


# -- the baseline ------------------------------------------------------------------------------


def test_the_valid_list_is_clean(root: Path) -> None:
    (root / LIST).write_text(VALID_LIST, "utf-8")
    run = validate(root)
    assert run.exit_code == 0, run.report()
    assert run.report() == {"files": 3, "errors": 0, "warnings": 0, "diagnostics": []}


# -- YAML ----------------------------------------------------------------------------------------


def test_syntax_error(root: Path) -> None:
    text = VALID_LIST.replace("name: 加强基层党组织建设", "name: 加强基层: 党组织建设")
    finding = the_finding(findings_for(root, text), "DL001")
    assert located(finding) == position_of(text, "加强基层:", len("加强基层"))
    assert finding["severity"] == "error"


def test_unclosed_bracket(root: Path) -> None:
    text = VALID_LIST.replace("partners: [区消防救援大队]", "partners: [区消防救援大队")
    finding = the_finding(findings_for(root, text), "DL001")
    assert finding["line"] >= position_of(text, "partners:")[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("    name: 加强基层党组织建设", "\tname: 加强基层党组织建设", id="tab"),
        pytest.param("    domain: 党的建设", "  \tdomain: 党的建设", id="spaces-and-tab"),
        pytest.param('  code: "320115001"', '\tcode: "320115001"', id="tab-in-header"),
    ],
)
def test_tab_indentation(root: Path, old: str, new: str) -> None:
    text = VALID_LIST.replace(old, new)
    finding = the_finding(findings_for(root, text), "DL005")
    assert located(finding) == position_of(text, "\t"), "must point at the tab"


def test_duplicate_key(root: Path) -> None:
    second = "    domain: 应急管理\n    name: 安全生产检查\n"
    text = VALID_LIST.replace("    domain: 应急管理\n", second)
    finding = the_finding(findings_for(root, text), "DL004")
    assert located(finding) == position_of(text, "name: 安全生产检查")
    first_line, _ = position_of(text, "name: 安全生产监督管理")
    assert f"第 {first_line} 行" in finding["message"]
    assert finding["pointer"] == "/cooperative/0/name"


def test_duplicate_top_level_key(root: Path) -> None:
    text = VALID_LIST + "schema: dutylist/township-list/1\n"
    finding = the_finding(findings_for(root, text), "DL004")
    assert located(finding) == (text.count("\n"), 1)
    assert "第 1 行" in finding["message"]


def test_several_documents(root: Path) -> None:
    the_finding(findings_for(root, VALID_LIST + "---\n" + VALID_LIST), "DL006")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("- 东山街道\n- 汤山街道\n", id="sequence"),
        pytest.param("东山街道\n", id="scalar"),
    ],
)
def test_top_level_not_a_mapping(root: Path, content: str) -> None:
    assert located(the_finding(findings_for(root, content), "DL007")) == (1, 1)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param("# 东山街道履职事项清单\n# 待填写\n".encode(), id="comments-only"),
        pytest.param(b"\n  \n\n", id="blank-lines"),
    ],
)
def test_empty_file(root: Path, content: bytes) -> None:
    assert located(the_finding(findings_for(root, content), "DL003")) == (1, 1)


def test_alias_bomb_is_refused_in_seconds(root: Path) -> None:
    findings = findings_for(root, BILLION_LAUGHS, limit=5.0)
    assert the_finding(findings, "DL012")["line"] >= 1


@pytest.mark.parametrize(
    ("template", "line"),
    [
        pytest.param('!!python/object/apply:os.system ["touch {marker}"]\n', 1, id="top-level"),
        pytest.param(
            VALID_LIST.replace(
                "  name: 东山街道", '  name: !!python/object/apply:os.system ["touch {marker}"]'
            ),
            4,
            id="as-a-value",
        ),
        pytest.param(
            VALID_LIST.replace(
                "  name: 东山街道",
                "  name: !!python/object/new:subprocess.call [[touch, {marker}]]",
            ),
            4,
            id="object-new",
        ),
    ],
)
def test_python_tags_are_refused_and_never_run(
    root: Path, tmp_path: Path, template: str, line: int
) -> None:
    marker = tmp_path / "pwned"
    text = template.replace("{marker}", str(marker))
    findings = findings_for(root, text)
    assert not marker.exists(), "the tag was executed"
    finding = the_finding(findings, "DL011")
    assert located(finding) == position_of(text, "!!python")
    assert finding["line"] == line


def test_absurd_flow_nesting(root: Path) -> None:
    finding = the_finding(findings_for(root, "[" * 10_000), "DL013")
    assert finding["line"] == 1


def test_absurd_block_nesting(root: Path) -> None:
    """Block nesting (one space per level) is as absurd as brackets, and must not crash."""
    deep = "".join(" " * level + "k:\n" for level in range(3, 2_000))
    text = VALID_LIST.replace("  effective: 2025-01-01\n", "  effective:\n" + deep)
    finding = the_finding(findings_for(root, text), "DL013")
    assert finding["line"] > position_of(text, "effective:")[0]


# -- bytes that are not a UTF-8 text -----------------------------------------------------------


def test_gbk_file_names_the_encoding_and_the_conversion(root: Path) -> None:
    finding = the_finding(findings_for(root, VALID_LIST.encode("gbk")), "DL002")
    assert located(finding) == (1, 1)
    message = finding["message"]
    assert "GB18030" in message or "GBK" in message
    assert "iconv -f GB18030 -t UTF-8" in message


@pytest.mark.parametrize(
    ("content", "iconv"),
    [
        pytest.param(
            codecs.BOM_UTF16_LE + VALID_LIST.encode("utf-16-le"), "UTF-16", id="utf16le-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + VALID_LIST.encode("utf-16-be"), "UTF-16", id="utf16be-bom"
        ),
        pytest.param(VALID_LIST.encode("utf-16-le"), "UTF-16LE", id="utf16le-no-bom"),
        pytest.param(VALID_LIST.encode("utf-16-be"), "UTF-16BE", id="utf16be-no-bom"),
    ],
)
def test_utf16_file_names_the_encoding_and_the_conversion(
    root: Path, content: bytes, iconv: str
) -> None:
    finding = the_finding(findings_for(root, content), "DL002")
    assert located(finding) == (1, 1)
    assert "UTF-16" in finding["message"]
    assert f"iconv -f {iconv} -t UTF-8" in finding["message"]


def test_utf8_bom_is_accepted(root: Path) -> None:
    (root / LIST).write_bytes(codecs.BOM_UTF8 + VALID_LIST.encode("utf-8"))
    run = validate(root, str(root / LIST))
    assert run.exit_code == 0, run.report()
    assert run.report()["diagnostics"] == []


def test_huge_file(root: Path) -> None:
    content = VALID_LIST.encode("utf-8") + b"# " + b"x" * (16 * 1024 * 1024) + b"\n"
    finding = the_finding(findings_for(root, content), "DL009")
    assert located(finding) == (1, 1)
    assert "16" in finding["message"]


def test_binary_file(root: Path) -> None:
    assert located(the_finding(findings_for(root, PNG), "DL010")) == (1, 1)


def test_binary_file_with_a_list_name_anywhere_in_the_tree(root: Path) -> None:
    findings = findings_for(root, PNG, name="adjustments/320115/320115-2025-001.yaml")
    assert located(the_finding(findings, "DL010")) == (1, 1)


# -- schema-level bad input ----------------------------------------------------------------------


def test_unquoted_codes_get_a_hint_to_quote_them(root: Path) -> None:
    text = VALID_LIST.replace('code: "320115001"', "code: 320115001").replace(
        'county: {code: "320115"', "county: {code: 320115"
    )
    findings = findings_for(root, text)
    assert [f["code"] for f in findings] == ["DL104", "DL104"], findings
    township, county = findings
    line, key_column = position_of(text, "code: 320115001")
    assert township["line"] == line
    assert township["column"] in (key_column, key_column + len("code: "))
    assert township["pointer"] == "/township/code"
    assert '"320115001"' in township["message"] and "引号" in township["message"]
    assert county["line"] == position_of(text, "county:")[0]
    assert county["pointer"] == "/county/code"
    assert '"320115"' in county["message"]


# -- paths ------------------------------------------------------------------------------------


def test_paths_with_spaces_and_chinese(tmp_path: Path) -> None:
    root = make_root(tmp_path / "江苏 省级数据")
    name = f"{COUNTY_FOLDER}/旧 版本/东山 街道（草稿）.yaml"
    path = root / name
    path.parent.mkdir(parents=True)
    path.write_text("schema: dutylist/township-list/1\ntownship:\n\tcode: '320115001'\n", "utf-8")

    from_inside = dutylist(
        "validate", name, "--format", "json", "--today", TODAY, "--no-cache", cwd=root
    )  # the root found by walking up, a relative PATH
    assert from_inside.exit_code == 1, from_inside.stderr
    assert {f["file"] for f in from_inside.report()["diagnostics"]} == {name}
    assert name in from_inside.stdout, "Chinese paths are printed as they are, not escaped"

    from_outside = validate(root, str(path), cwd=tmp_path)  # --root and an absolute PATH
    assert from_outside.report() == from_inside.report()

    folder = validate(root, str(path.parent), cwd=tmp_path)  # a folder as PATH
    assert {f["file"] for f in folder.report()["diagnostics"]} == {name}

    text = validate(root, str(path), fmt="text", cwd=tmp_path)
    assert text.exit_code == 1
    assert name in text.stdout
    assert not re.search(r'"lists/|\\[0-7]{3}|\\u[0-9a-f]{4}', text.stdout), text.stdout


# -- usage errors ------------------------------------------------------------------------------


def test_no_data_root_above_the_working_directory(tmp_path: Path) -> None:
    empty = tmp_path / "空目录"
    empty.mkdir()
    if any((folder / "dutylist.yaml").exists() for folder in empty.parents):
        pytest.skip("a dutylist.yaml above the temporary folder")
    run = dutylist("validate", "--format", "json", cwd=empty)
    assert run.exit_code == 2
    assert "dutylist.yaml" in run.stderr
    assert re.search(r"[\u4e00-\u9fff]", run.stderr), "the message is in Chinese"
    assert "找不到数据目录" in run.stderr


def test_root_without_config(tmp_path: Path) -> None:
    folder = tmp_path / "不是数据目录"
    (folder / "lists").mkdir(parents=True)
    run = dutylist("validate", "--root", str(folder), "--format", "json", cwd=tmp_path)
    assert run.exit_code == 2
    assert "dutylist.yaml" in run.stderr


def test_path_outside_the_data_root(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "外部清单.yaml"
    outside.write_text(VALID_LIST, "utf-8")
    run = validate(root, str(outside))
    assert run.exit_code == 2
    assert "外部清单.yaml" in run.stderr and "不在数据目录" in run.stderr


def test_path_that_does_not_exist(root: Path) -> None:
    run = validate(root, str(root / COUNTY_FOLDER / "320115999-不存在.yaml"))
    assert run.exit_code == 2
    assert "320115999-不存在.yaml" in run.stderr


def test_unknown_format(root: Path) -> None:
    (root / LIST).write_text(VALID_LIST, "utf-8")
    run = dutylist("validate", "--root", str(root), "--format", "yaml", cwd=root)
    assert run.exit_code == 2
    assert "--format" in run.stderr and "yaml" in run.stderr
    assert run.stdout == ""


def test_unknown_option(root: Path) -> None:
    run = dutylist("validate", "--root", str(root), "--frmat", "json", cwd=root)
    assert run.exit_code == 2
    assert "--frmat" in run.stderr


def test_bad_today(root: Path) -> None:
    run = dutylist("validate", "--root", str(root), "--today", "2026-13-01", cwd=root)
    assert run.exit_code == 2
    assert "--today" in run.stderr


# -- what -o names is written through (a link) or refused (a device, a pipe), never replaced ----
@pytest.fixture
def listed(root: Path) -> Path:
    (root / LIST).write_text(VALID_LIST, "utf-8")
    return root


def test_export_to_a_symlink_writes_its_target_and_keeps_the_link(
    listed: Path, tmp_path: Path
) -> None:
    target = tmp_path / "published" / "东山街道.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    run = dutylist("export", "320115001", "-o", str(link), cwd=listed)
    assert run.exit_code == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(b"PK")  # the workbook landed in the target
    assert sorted(p.name for p in target.parent.iterdir()) == ["东山街道.xlsx"]


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-null", "device"])
def test_import_force_over_a_pipe_or_a_device_is_refused(
    listed: Path, tmp_path: Path, kind: str
) -> None:
    book = tmp_path / "book.xlsx"
    assert dutylist("export", "320115001", "-o", str(book), cwd=listed).exit_code == 0
    out = tmp_path / "out.yaml"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "device":  # what /dev/full is, made here so that no test can harm the real one
        try:
            os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        except PermissionError:
            pytest.skip("creating a device node needs CAP_MKNOD")
    else:
        out.symlink_to("/dev/null")
    run = dutylist("import", str(book), "-o", str(out), "--force", cwd=listed)
    assert run.exit_code == 2, run.stderr
    assert str(out) in run.stderr
    assert ("命名管道" if kind == "fifo" else "字符设备") in run.stderr
    assert "未写入任何内容" in run.stderr
    assert out.is_symlink() == (kind == "link-to-dev-null")
    mode = os.stat(out).st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)


def test_output_through_a_dangling_symlink_is_refused(listed: Path, tmp_path: Path) -> None:
    link = tmp_path / "stale.html"
    link.symlink_to(tmp_path / "gone" / "stale.html")
    run = dutylist("render", "320115001", "-o", str(link), cwd=listed)
    assert run.exit_code == 2, run.stderr
    assert str(link) in run.stderr and "符号链接" in run.stderr
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_schema_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    taken = tmp_path / "schemas.json"
    taken.write_text("{}", "utf-8")
    run = dutylist("schema", "-o", str(taken), cwd=tmp_path)
    assert run.exit_code == 2, run.stderr
    assert str(taken) in run.stderr and "不是目录" in run.stderr
    assert taken.read_text("utf-8") == "{}"
    checked = dutylist("schema", "--check", "-o", str(taken), cwd=tmp_path)
    assert checked.exit_code == 2 and "不是目录" in checked.stderr


def test_schema_output_where_a_schema_file_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "schemas" / "township-list.schema.json").mkdir(parents=True)
    run = dutylist("schema", "-o", str(tmp_path / "schemas"), cwd=tmp_path)
    assert run.exit_code == 2, run.stderr
    assert "township-list.schema.json" in run.stderr and "目录" in run.stderr
    checked = dutylist("schema", "--check", "-o", str(tmp_path / "schemas"), cwd=tmp_path)
    assert checked.exit_code == 1  # out of date, as a missing file would be
    assert "township-list.schema.json" in checked.stderr
