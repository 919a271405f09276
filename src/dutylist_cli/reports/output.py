"""A report written as html, pdf, md, json or xlsx; every file is written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutylist_cli import __version__
from dutylist_cli.publishing.pdf import REPORT_FAMILIES, ChineseFonts, browser_fonts
from dutylist_cli.publishing.templates import render_template, trusted_css
from dutylist_cli.reports.charts import Chart, county_charts
from dutylist_cli.reports.layout import ReportLayout
from dutylist_cli.reports.model import Report
from dutylist_cli.reports.tables import report_layout
from dutylist_cli.store.atomic import write_atomic, write_text_atomic

REPORT_FORMATS = ("html", "pdf", "md", "json", "xlsx")
TEXT_FORMATS = ("html", "md", "json")  # the ones that may go to stdout
GENERATOR = f"dutylist {__version__}"


def report_json(report: Report) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def report_fonts(font: str | None = None) -> ChineseFonts:
    """The report page's fonts: ``font`` first, then sans faces."""
    return browser_fonts(font, preferred=REPORT_FAMILIES, generic="sans-serif")


def report_html(root: Path | None, report: Report, *, fonts: ChineseFonts | None = None) -> str:
    """The report page; its text and its charts' text in ``fonts`` (`report_fonts` when None)."""
    fonts = fonts or report_fonts()
    layout = report_layout(report, generator=GENERATOR)
    charts: dict[str, list[Chart]] = {table.key: [] for table in layout.tables}
    for county in report.counties:
        for chart in county_charts(county, font_family=fonts.css()):
            charts[chart.after].append(chart)
    return layout_html(root, "report.html.j2", layout, fonts=fonts, charts=charts)


def layout_html(
    root: Path | None,
    template: str,
    layout: ReportLayout,
    *,
    fonts: ChineseFonts,
    charts: dict[str, list[Chart]] | None = None,
    **context: Any,
) -> str:
    """A laid-out report as one HTML page from ``template`` (report.html.j2 or one extending it)."""
    return render_template(
        root,
        template,
        layout=layout,
        charts=charts or {table.key: [] for table in layout.tables},
        fonts=trusted_css(fonts.css()),
        generator=GENERATOR,
        **context,
    )


def report_markdown(root: Path | None, report: Report) -> str:
    return render_template(root, "report.md.j2", layout=report_layout(report))


def report_text(root: Path | None, report: Report, fmt: str, *, font: str | None = None) -> str:
    """The report as html, md or json text; ``font`` heads the HTML's font stack."""
    if fmt == "json":
        return report_json(report)
    if fmt == "html":
        return report_html(root, report, fonts=report_fonts(font))
    return report_markdown(root, report)


def write_report(
    root: Path | None, report: Report, fmt: str, out: Path, *, font: str | None = None
) -> Path:
    """Write the report to ``out`` (atomically) in ``fmt`` and return ``out``.

    ``font`` is the Chinese font of the html and pdf (the pdf's must be installed).
    """
    return write_document(
        root,
        fmt,
        out,
        font=font,
        layout=lambda: report_layout(report),
        page=lambda fonts: report_html(root, report, fonts=fonts),
        text=lambda: report_text(root, report, fmt, font=font),
    )


def write_document(
    root: Path | None,
    fmt: str,
    out: Path,
    *,
    font: str | None,
    layout: Callable[[], ReportLayout],
    page: Callable[[ChineseFonts], str],
    text: Callable[[], str],
) -> Path:
    """Write a report to ``out`` (atomically): the workbook of its ``layout``, the PDF of its
    HTML ``page`` (with the same Chinese-font checks as lists) or its ``text`` (html, md, json)."""
    if fmt == "xlsx":
        from dutylist_cli.reports.workbook import report_workbook_bytes

        write_atomic(out, report_workbook_bytes(layout()))
    elif fmt == "pdf":
        from dutylist_cli.publishing.pdf import chinese_fonts, html_to_pdf

        fonts = chinese_fonts(font, preferred=REPORT_FAMILIES, generic="sans-serif")
        write_atomic(out, html_to_pdf(page(fonts), base_url=root or out.parent, fonts=fonts))
    else:
        write_text_atomic(out, text())
    return out
