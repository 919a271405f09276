"""Printable lists: the layout shared by every format, HTML and Markdown, PDF read back."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from dutylist_cli.model.enums import Category
from dutylist_cli.publishing.columns import ASSESSED_CATEGORIES, printed_columns
from dutylist_cli.publishing.document import chinese_numeral, printable_list
from dutylist_cli.publishing.loading import load_townships, repository_domains, township_names
from dutylist_cli.publishing.pdf import MissingChineseFont, chinese_fonts
from dutylist_cli.publishing.rendering import render_text, write_rendered

SAMPLE = Path(__file__).resolve().parents[2]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
CATEGORIES = ("basic", "cooperative", "recovered")


def _yaml(name: str) -> dict[str, object]:
    data = yaml.safe_load((SAMPLE / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _model(name: str = DONGSHAN):  # type: ignore[no-untyped-def]
    (loaded,) = load_townships(SAMPLE, [name])
    return loaded.model


def test_layout_numbers_each_table_and_groups_by_domain_in_config_order() -> None:
    data = _yaml(DONGSHAN)
    domains = repository_domains(SAMPLE)
    doc = printable_list(_model(), domains)
    assert doc.title == "《东山街道履行职责事项清单》"
    assert doc.edition_line == "版本 2025.2 · 2025年9月1日起施行 · 江宁编〔2025〕30号"
    for section, key in zip(doc.sections, CATEGORIES, strict=True):
        items = data[key]
        assert isinstance(items, list)
        rows = [row for group in section.groups for row in group.rows]
        assert [row.number for row in rows] == list(range(1, len(items) + 1))
        assert sorted(row.item_id for row in rows) == sorted(item["id"] for item in items)
        order = [domains.index(group.domain) for group in section.groups]
        assert order == sorted(order)
        assert [c.heading for c in section.columns] == [
            c.heading for c in printed_columns(section.category)
        ]
    cooperative = doc.sections[1]
    assert cooperative.landscape and not doc.sections[0].landscape
    first = cooperative.groups[0].rows[0]
    item = next(i for i in data["cooperative"] if i["id"] == first.item_id)  # type: ignore[attr-defined]
    assert first.cells[1] == item["name"]
    assert first.cells[2] == item["lead"]
    assert first.cells[6] == "\n".join(item["basis"])


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")],
)
def test_chinese_numerals(number: int, text: str) -> None:
    assert chinese_numeral(number) == text


class _Tables(HTMLParser):
    """Collects each table's header cells and rows (item rows and domain rows apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[list[str]]]] = []
        self.title = ""
        self._cell: list[str] | None = None
        self._row: list[str] = []
        self._row_class = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "table":
            self.tables.append({"head": [], "items": [], "domains": []})
        elif tag == "tr":
            self._row, self._row_class = [], dict(attrs).get("class") or ""
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            if self._row_class == "domain":
                table["domains"].append(self._row)
            elif not table["head"]:
                table["head"].append(self._row)
            else:
                table["items"].append(self._row)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


def test_html_has_the_published_tables() -> None:
    data = _yaml(DONGSHAN)
    parser = _Tables()
    parser.feed(render_text(SAMPLE, _model(), "html"))
    assert parser.title == "《东山街道履行职责事项清单》"
    assert len(parser.tables) == 3
    for table, category, key in zip(parser.tables, Category, CATEGORIES, strict=True):
        expected = [c.heading for c in printed_columns(category)]
        if category in ASSESSED_CATEGORIES:  # the sample root assesses 东山街道 (assessments/)
            expected.insert(expected.index("备注"), "考核指标")
        assert table["head"][0] == expected
        items = data[key]
        assert isinstance(items, list)
        assert len(table["items"]) == len(items)
        domains = {item["domain"] for item in items}
        assert {row[0].split("）", 1)[1] for row in table["domains"]} == domains
    names = {row[1] for table in parser.tables for row in table["items"]}
    assert names == {item["name"] for key in CATEGORIES for item in data[key]}  # type: ignore[attr-defined]


def test_markdown_has_a_table_per_domain() -> None:
    data = _yaml(DONGSHAN)
    text = render_text(SAMPLE, _model(), "md")
    assert text.startswith("# 《东山街道履行职责事项清单》\n")
    assert "## 二、配合履职事项（共 23 项）" in text
    header = (  # 考核指标: the sample root's township assessment assesses 东山街道's items
        "| 序号 | 事项名称 | 主办部门（对应上级部门） | 协同部门 "
        "| 上级部门职责 | 镇街配合职责 | 依据 | 考核指标 | 备注 |"
    )
    assert header in text
    item_rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \| ", line)]
    assert len(item_rows) == sum(len(data[key]) for key in CATEGORIES)  # type: ignore[arg-type]
    # several citations stay in one cell, one per line
    cited = next(item for item in data["basic"] if len(item["basis"]) > 1)  # type: ignore[attr-defined]
    row = next(line for line in item_rows if f"| {cited['name']} |" in line)
    assert "<br>".join(cited["basis"]) in row
    assert row.count("|") - row.count("\\|") == len(printed_columns(Category.BASIC)) + 2


def test_a_data_repository_template_replaces_the_packaged_one(
    copy_sample: Callable[..., Path],
) -> None:
    root = copy_sample("lists")
    (root / "templates").mkdir()
    (root / "templates" / "township.md.j2").write_text(
        "{{ doc.township }}：{{ doc.total }} 项\n", "utf-8"
    )
    (loaded,) = load_townships(root, [DONGSHAN])
    assert render_text(root, loaded.model, "md") == "东山街道：113 项\n"


# -- PDF, read back with poppler ---------------------------------------------------------------
def _pdf_text(path: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", *span, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


def _page_sizes(path: Path) -> list[tuple[float, float]]:
    last = _page_count(path)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(last), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)]


@pytest.fixture(scope="module")
def dongshan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "东山街道.pdf"
    write_rendered(SAMPLE, _model(), "pdf", out)
    return out


def test_pdf_text_has_title_every_item_and_the_headings(dongshan_pdf: Path) -> None:
    data = _yaml(DONGSHAN)
    flat = re.sub(r"\s+", "", _pdf_text(dongshan_pdf))
    assert "《东山街道履行职责事项清单》" in flat
    assert "江宁编〔2025〕30号" in flat
    for heading in ("一、基本履职事项（共53项）", "二、配合履职事项", "三、上级部门收回事项"):
        assert heading in flat
    for category in Category:
        for column in printed_columns(category):
            assert column.heading in flat, column.heading
    for key in CATEGORIES:
        for item in data[key]:  # type: ignore[attr-defined]
            assert re.sub(r"\s+", "", item["name"]) in flat, item["name"]


def test_pdf_pages_are_numbered_headers_repeat_and_wide_tables_are_landscape(
    dongshan_pdf: Path,
) -> None:
    total = _page_count(dongshan_pdf)
    assert total > 3
    sizes = _page_sizes(dongshan_pdf)
    assert len(sizes) == total
    for page in range(1, total + 1):
        text = _pdf_text(dongshan_pdf, page)
        assert f"第 {page} 页 / 共 {total} 页" in text
        flat = re.sub(r"\s+", "", text)
        assert "事项名称" in flat and "依据" in flat  # every page carries its table's header
        width, height = sizes[page - 1]
        if "镇街配合职责" in flat:
            assert width > height, f"page {page} of the cooperative table is not landscape"
        elif "具体内容" in flat:
            assert width < height, f"page {page} of the basic table is not portrait"


def test_pdf_embeds_a_chinese_font(dongshan_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(dongshan_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    installed = chinese_fonts().installed
    keys = {re.sub(r"[\s_-]", "", f).lower() for f in installed}
    for line in fonts:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line
        assert any(key in re.sub(r"[\s_-]", "", name).lower() for key in keys), line


DOMAIN_ROW = re.compile(r"^（[一二三四五六七八九十]+）\S+$")  # （三）平安法治
PAGE_FOOTER = re.compile(r"^第 \d+ 页 / 共 \d+ 页$")


def test_no_page_ends_with_a_domain_row(dongshan_pdf: Path) -> None:
    """A domain's heading row goes over to the next page with its first item."""
    stranded, domain_rows = [], 0
    for page in range(1, _page_count(dongshan_pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(dongshan_pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if not PAGE_FOOTER.match(line)]
        domain_rows += sum(1 for line in lines if DOMAIN_ROW.match(line))
        if DOMAIN_ROW.match(lines[-1]):
            stranded.append((page, lines[-1]))
    assert domain_rows >= 20  # a list of many domains over many pages: feet to land on
    assert not stranded, stranded


def test_no_chinese_font_is_a_clear_failure(
    latin_only_fonts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", str(latin_only_fonts))
    with pytest.raises(MissingChineseFont) as failure:
        chinese_fonts()
    assert "中文字体" in failure.value.message
    assert failure.value.hint and "fonts-noto-cjk" in failure.value.hint


def test_a_font_that_is_not_installed_is_named(tmp_path: Path) -> None:
    with pytest.raises(MissingChineseFont) as failure:
        chinese_fonts("方正小标宋不存在")
    assert "方正小标宋不存在" in failure.value.message
    assert "Noto" in failure.value.message  # the installed ones are listed


def test_every_sample_list_renders_to_markdown() -> None:
    names = township_names(SAMPLE)
    assert len(names) == 7
    for loaded in load_townships(SAMPLE, names):
        text = render_text(SAMPLE, loaded.model, "md")
        assert loaded.model.township.name in text.splitlines()[0]


# -- golden files: what an editor sees, refreshed only on purpose (UPDATE_GOLDEN=1) ------------
HENGSHAN = "lists/320115-江宁区/320115201-横山乡.yaml"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_rendered_text_matches_its_golden_file(
    fmt: str, golden: Callable[[str, str], None]
) -> None:
    golden(f"320115201-横山乡.{fmt}", render_text(SAMPLE, _model(HENGSHAN), fmt))


def test_a_row_taller_than_a_page_breaks_under_repeated_headers(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    root = copy_sample("lists")
    path = root / HENGSHAN
    text = path.read_text("utf-8")
    start = text.index("    content: >-\n") + len("    content: >-\n")
    end = text.index("\n", start)
    duty = "落实党建工作责任制，指导村（社区）党组织规范化建设，"
    path.write_text(text[:start] + "      " + duty * 120 + text[end:], "utf-8")
    (loaded,) = load_townships(root, [HENGSHAN])
    out = tmp_path / "横山乡.pdf"
    write_rendered(root, loaded.model, "pdf", out)
    first = re.sub(r"\s+", "", _pdf_text(out, 1))
    assert first.count("落实党建工作责任制") > 5  # the long row starts at once: no empty page
    for page in range(1, 6):
        assert "事项名称" in re.sub(r"\s+", "", _pdf_text(out, page)), page


# -- data that looks like markup stays text (issue 9) ------------------------------------------
HOSTILE_NAME = "加强<!--基层|党组织*建设*_<script>alert(1)</script>[x](javascript:alert(1))"


def _hostile_model(copy_sample: Callable[..., Path]):  # type: ignore[no-untyped-def]
    root = copy_sample("lists")
    path = root / DONGSHAN
    text = path.read_text("utf-8")
    assert text.count("    name: 加强基层党组织建设\n") == 1
    path.write_text(
        text.replace("    name: 加强基层党组织建设\n", f"    name: '{HOSTILE_NAME}'\n"), "utf-8"
    )
    (loaded,) = load_townships(root, [DONGSHAN])
    return root, loaded.model


def test_html_autoescapes_the_data_in_the_sandbox(copy_sample: Callable[..., Path]) -> None:
    root, model = _hostile_model(copy_sample)
    html = render_text(root, model, "html")
    assert "<script>alert" not in html and "<!--基层" not in html
    assert "加强&lt;!--基层|党组织*建设*_&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = _Tables()
    parser.feed(html)
    assert HOSTILE_NAME in {row[1] for table in parser.tables for row in table["items"]}


def test_markdown_escapes_the_data_and_keeps_the_columns(
    copy_sample: Callable[..., Path],
) -> None:
    root, model = _hostile_model(copy_sample)
    text = render_text(root, model, "md")
    assert "<!--" not in text and "<script" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # no link: the bracket is escaped
    [row] = [line for line in text.splitlines() if "alert(1)" in line]
    assert row.startswith(
        "| 1 | 加强&lt;!--基层\\|党组织\\*建设\\*\\_&lt;script&gt;alert(1)&lt;/script&gt;"
        "\\[x\\](javascript:alert(1)) | "
    )
    cells = re.split(r"(?<!\\)\|", row)[1:-1]
    assert len(cells) == len(printed_columns(Category.BASIC))


def test_markdown_cells_carry_no_live_html(copy_sample: Callable[..., Path]) -> None:
    """`render -f md`: an item name with <script> or <img onerror> reaches the page as text."""
    root = copy_sample("lists")
    path = root / DONGSHAN
    text = path.read_text("utf-8")
    name = "加强<img src=x onerror=alert(1)><script>alert(2)</script>建设"
    path.write_text(
        text.replace("    name: 加强基层党组织建设\n", f"    name: '{name}'\n", 1), "utf-8"
    )
    (loaded,) = load_townships(root, [DONGSHAN])
    markdown = render_text(root, loaded.model, "md")
    assert "<img" not in markdown and "<script" not in markdown
    assert (
        "加强&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;建设"
        in markdown
    )
