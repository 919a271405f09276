"""`dutylist render` through the real CLI: one list, stdout, --all in parallel, and failures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_run import run_dutylist as dutylist

SAMPLE = Path(__file__).resolve().parents[2]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists")


def test_render_by_code_writes_the_default_file_name(root: Path) -> None:
    done = dutylist("render", "320115001", "--format", "md", cwd=root)
    assert done.returncode == 0, done.stderr
    written = root / "320115001-东山街道.md"
    assert written.read_text("utf-8").startswith("# 《东山街道履行职责事项清单》")
    assert "已生成" in done.stderr


def test_render_by_file_to_stdout(root: Path) -> None:
    done = dutylist("render", DONGSHAN, "-f", "html", "-o", "-", cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert "<title>《东山街道履行职责事项清单》</title>" in done.stdout
    assert 'lang="zh-CN"' in done.stdout


def test_render_takes_the_format_from_the_output_name(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "东山.pdf"
    out.parent.mkdir()
    done = dutylist("render", "320115001", "-o", str(out), cwd=root)  # the format from .pdf
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "《东山街道履行职责事项清单》" in text
    assert [p.name for p in out.parent.iterdir()] == ["东山.pdf"]  # no temp file left behind


def test_render_xlsx_and_docx(root: Path) -> None:
    import docx
    import openpyxl

    for fmt in ("xlsx", "docx"):
        done = dutylist("render", "320115201", "-f", fmt, cwd=root)
        assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(root / "320115201-横山乡.xlsx")
    assert "基本履职事项" in book.sheetnames
    document = docx.Document(str(root / "320115201-横山乡.docx"))
    assert any("《横山乡履行职责事项清单》" in p.text for p in document.paragraphs)


def test_render_docx_in_the_font_asked_for(root: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    done = dutylist("render", "320115201", "-o", "横山乡.docx", "--font", "仿宋", cwd=root)
    assert done.returncode == 0, done.stderr
    table = docx.Document(str(root / "横山乡.docx")).tables[0]
    fonts = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for cell in table.rows[-1].cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {"仿宋"}


@pytest.mark.parametrize("args", [["-f", "pdf"], ["--all", "-f", "pdf", "--jobs", "1"]])
def test_render_pdf_in_the_font_asked_for(root: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out"
    one = "--all" not in args
    target = str(out / "横山乡.pdf") if one else str(out)
    if one:
        out.mkdir()
        args = ["320115201", *args]
    done = dutylist("render", *args, "-o", target, "--font", "Noto Sans CJK SC", cwd=root)
    assert done.returncode == 0, done.stderr
    for pdf in out.glob("*.pdf"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
        assert names == {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold"}, (pdf, names)


def test_render_html_in_the_font_asked_for(root: Path) -> None:
    done = dutylist(
        "render", "320115201", "-o", "横山乡.html", "--font", "Noto Sans CJK SC", cwd=root
    )
    assert done.returncode == 0, done.stderr
    html = (root / "横山乡.html").read_text("utf-8")
    assert 'html { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", ' in html


def test_render_all_in_parallel(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "printed"
    done = dutylist("render", "--all", "-f", "pdf", "-o", str(out), "--jobs", "2", cwd=root)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 7
    assert files[0] == "320115001-东山街道.pdf"
    for path in out.iterdir():
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        assert f"《{path.stem.split('-', 1)[1]}履行职责事项清单》" in text.stdout
    assert "已生成 7 份清单（pdf）" in done.stderr


def test_render_all_of_one_county(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    done = dutylist("render", "--all", "--county", "320115", "-f", "md", "-o", str(out), cwd=root)
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.md"))) == 7
    done = dutylist("render", "--all", "--county", "320999", "-f", "md", "-o", str(out), cwd=root)
    assert done.returncode == 2
    assert "没有可生成的清单" in done.stderr


def test_a_list_with_errors_is_not_rendered(root: Path) -> None:
    path = root / DONGSHAN
    path.write_text(
        path.read_text("utf-8").replace("lead: 区应急管理局", "lead: 区不存在局", 1), "utf-8"
    )
    done = dutylist("render", "320115001", "-f", "html", cwd=root)
    assert done.returncode == 1
    assert "DL" in done.stderr and "320115001-东山街道.yaml:" in done.stderr
    assert "有错误，未生成" in done.stderr
    assert not (root / "320115001-东山街道.html").exists()
    # a batch prints the lists without errors and names the one left out
    done = dutylist("render", "--all", "-f", "md", "-o", "all", cwd=root)
    assert done.returncode == 1
    assert "已生成 6 份清单（md）" in done.stderr
    assert "1 份清单有错误，未生成：lists/320115-江宁区/320115001-东山街道.yaml" in done.stderr
    assert len(list((root / "all").glob("*.md"))) == 6
    assert not (root / "all" / "320115001-东山街道.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "320115999", "-f", "md"], "找不到代码为 320115999"),
        (["render", "-f", "md"], "请指定一个乡镇（街道）代码"),
        (["render", "320115001", "--all", "-f", "md"], "--all 不能与乡镇（街道）同时指定"),
        (["render", "320115001", "-f", "pdf", "-o", "-"], "二进制格式"),
        (["render", "--all", "-f", "md", "-o", "-"], "-o 须为目录，不能为 -"),
        (["render", "--all", "-f", "html", "-o", "./-"], "-o 须为目录，不能为 -"),
        (["render", "320115001", "-f", "odt"], "--format"),
        (["render", "dutylist.yaml", "-f", "md"], "不是数据目录 lists/ 下的乡镇（街道）清单"),
        (
            ["render", "320115001", "-f", "pdf", "--font", "不存在的字体"],
            "字体“不存在的字体”未安装",
        ),
    ],
)
def test_usage_errors(root: Path, args: list[str], message: str) -> None:
    done = dutylist(*args, cwd=root)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    written = {p.name for p in root.iterdir()} - {"dutylist.yaml", "lists", ".dutylist_cache"}
    assert not written  # nothing rendered, and no folder named "-"


def test_no_chinese_font_fails_before_writing(root: Path, latin_only_fonts: Path) -> None:
    env = {"FONTCONFIG_FILE": str(latin_only_fonts)}
    done = dutylist("render", "320115001", "-f", "pdf", cwd=root, env=env)
    assert done.returncode == 2
    assert "没有可用的中文字体" in done.stderr and "fonts-noto-cjk" in done.stderr
    assert not list(root.glob("*.pdf"))


def test_an_output_that_cannot_be_written_is_a_usage_error(root: Path) -> None:
    (root / "报告").write_text("a file, not a folder", "utf-8")
    done = dutylist("render", "320115001", "-o", "报告/东山街道.html", cwd=root)
    assert done.returncode == 2
    assert "无法写入" in done.stderr and "Traceback" not in done.stderr
    done = dutylist("render", "--all", "-f", "md", "-o", "报告", cwd=root)
    assert done.returncode == 2 and "无法写入" in done.stderr


def test_render_all_shows_progress_on_a_terminal(root: Path, tmp_path: Path) -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux script (a pseudo-terminal) is not installed")
    command = f"{sys.executable} -m dutylist_cli render --all -f md -o {tmp_path / 'md'} --lang zh"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert done.returncode == 0, done.stdout
    assert "生成清单" in done.stdout and "7/7" in done.stdout  # the bar, counted to the end
    assert len(list((tmp_path / "md").glob("*.md"))) == 7


@pytest.mark.parametrize("args", [["320115001"], ["320115001", "-f", "pdf"], ["--all", "-f", "md"]])
def test_an_empty_output_is_a_usage_error(root: Path, args: list[str]) -> None:
    before = sorted(p.name for p in root.iterdir())
    done = dutylist("render", *args, "-o", "", cwd=root)
    assert done.returncode == 2, done.stderr
    assert "-o/--output 不能为空" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in root.iterdir()) == before  # nothing rendered into the cwd
