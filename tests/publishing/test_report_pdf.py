"""The report's PDF read back: every word pdftotext finds is really drawn (the page rasterised
by pdftoppm), and all of it, the charts' text too, in the chosen Chinese font (pdffonts)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from dutylist_cli.reports.build import build_report
from dutylist_cli.reports.output import write_report

SAMPLE = Path(__file__).resolve().parents[2]
DPI = 100
INK = 160  # a grey level (0 black, 255 white) darker than any background of the report
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = build_report(SAMPLE, scope="county", code="320115", today=dt.date(2026, 11, 29))
    return write_report(SAMPLE, report, "pdf", tmp_path_factory.mktemp("report") / "r.pdf")


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes in points (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in WORD.findall(p)]
        for p in html.split("<page ")[1:]
    ]


def _grey_page(pdf: Path, page: int) -> tuple[int, bytes]:
    """Page ``page`` rasterised in grey at DPI: its width in pixels and its pixels."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    magic, width, height, _maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and len(pixels) == int(width) * int(height)
    return int(width), pixels


def test_every_word_of_the_report_is_drawn_visibly(report_pdf: Path) -> None:
    pages = _words(report_pdf)
    chart_numbers = 0
    hidden = []
    for number, words in enumerate(pages, start=1):
        width, pixels = _grey_page(report_pdf, number)
        scale = DPI / 72
        for x0, y0, x1, y1, text in words:
            darkest = min(
                pixels[row * width + column]
                for row in range(int(y0 * scale), int(y1 * scale) + 1)
                for column in range(int(x0 * scale), int(x1 * scale) + 1)
            )
            if darkest > INK:
                hidden.append((number, text))
        if any("应履职事项（基本＋配合）与县域中位数" in w[4] for w in words):
            chart_numbers += sum(1 for w in words if w[4].isdigit())
    assert chart_numbers > 10  # the charts' bar ends and axes were looked at
    assert not hidden, hidden


def test_the_report_and_its_charts_are_in_the_chosen_font(report_pdf: Path) -> None:
    lines = subprocess.run(
        ["pdffonts", str(report_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {line.split()[0].split("+", 1)[-1] for line in lines}
    assert names == {"Noto-Sans-CJK-SC", "Noto-Sans-CJK-SC-Bold"}, names  # no JP, no DejaVu
