"""The font stack of the printed HTML is valid CSS and a chosen font is used: in a real browser
(computed style and the font Chromium really draws with) and in the PDF (pdffonts)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dutylist_cli.publishing.document import printable_list
from dutylist_cli.publishing.loading import load_townships
from dutylist_cli.publishing.pdf import browser_fonts, css_string
from dutylist_cli.publishing.rendering import list_html, render_text, write_rendered
from dutylist_cli.reports.build import build_report
from dutylist_cli.reports.output import write_report

SAMPLE = Path(__file__).resolve().parents[2]
HENGSHAN = "lists/320115-江宁区/320115201-横山乡.yaml"
SANS = "Noto Sans CJK SC"
SERIF = "Noto Serif CJK SC"


def _model():  # type: ignore[no-untyped-def]
    (loaded,) = load_townships(SAMPLE, [HENGSHAN])
    return loaded.model


def pdf_fonts(path: Path) -> list[str]:
    """The base names of the fonts a PDF embeds (the subset prefix XXXXXX+ cut off)."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines]


def _family(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).lower().removesuffix("bold")


def test_the_font_stack_is_css_not_html_escaped() -> None:
    html = render_text(SAMPLE, _model(), "html", font=SANS)
    assert "&#34;" not in html and "&quot;" not in html
    assert f'html {{ font-family: "{SANS}", "{SERIF}", ' in html


def test_a_font_name_cannot_end_the_string_or_the_style() -> None:
    assert css_string('x"</style><script>') == '"x\\22 \\3c /style\\3e \\3c script\\3e "'
    html = list_html(SAMPLE, printable_list(_model(), []), browser_fonts('x"</style><b>'))
    assert "</style><b>" not in html and html.count("</style>") == 1


@pytest.mark.parametrize(("font", "drawn"), [(None, SERIF), (SANS, SANS)])
def test_a_browser_shows_the_list_in_the_font_asked_for(
    font: str | None, drawn: str, browser: Any, tmp_path: Path
) -> None:
    out = tmp_path / "横山乡.html"
    write_rendered(SAMPLE, _model(), "html", out, font=font)
    page = browser.open(out)
    try:
        family = page.computed("td.name", "font-family")
        assert family.startswith(f'"{drawn}"'), family
        assert page.drawn_fonts("td.name")[0] == drawn
        assert page.drawn_fonts("h1")[0] == drawn
    finally:
        page.close()


def test_the_pdf_embeds_the_font_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "横山乡.pdf"
    write_rendered(SAMPLE, _model(), "pdf", out, font=SANS)
    fonts = pdf_fonts(out)
    assert fonts and {_family(f) for f in fonts} == {_family(SANS)}, fonts


def test_the_report_is_shown_and_printed_in_the_font_asked_for(
    browser: Any, tmp_path: Path
) -> None:
    report = build_report(SAMPLE, scope="county", code="320115", today=dt.date(2026, 11, 29))
    html = write_report(SAMPLE, report, "html", tmp_path / "report.html", font=SERIF)
    page = browser.open(html)
    try:
        assert page.computed("td", "font-family").startswith(f'"{SERIF}", "{SANS}"')
        assert page.drawn_fonts("h1")[0] == SERIF
        assert page.drawn_fonts("figure.chart svg text")[0] == SERIF
    finally:
        page.close()
    pdf = write_report(SAMPLE, report, "pdf", tmp_path / "report.pdf", font=SERIF)
    assert _family(SERIF) in {_family(f) for f in pdf_fonts(pdf)}, pdf_fonts(pdf)
