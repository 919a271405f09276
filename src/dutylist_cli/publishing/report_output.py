"""A report written as html, pdf, md, json or xlsx; every file is written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from dutylist_cli import __version__
from dutylist_cli.publishing.report_charts import Chart, county_charts
from dutylist_cli.publishing.report_tables import report_layout
from dutylist_cli.publishing.templates import render_template
from dutylist_cli.report_model import Report
from dutylist_cli.store.atomic import write_atomic, write_text_atomic

REPORT_FORMATS = ("html", "pdf", "md", "json", "xlsx")
TEXT_FORMATS = ("html", "md", "json")  # the ones that may go to stdout
GENERATOR = f"dutylist {__version__}"


def report_json(report: Report) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def report_html(root: Path | None, report: Report) -> str:
    layout = report_layout(report, generator=GENERATOR)
    charts: dict[str, list[Chart]] = {table.key: [] for table in layout.tables}
    for county in report.counties:
        for chart in county_charts(county):
            charts[chart.after].append(chart)
    return render_template(
        root, "report.html.j2", layout=layout, charts=charts, generator=GENERATOR
    )


def report_markdown(root: Path | None, report: Report) -> str:
    return render_template(root, "report.md.j2", layout=report_layout(report))


def report_text(root: Path | None, report: Report, fmt: str) -> str:
    """The report as html, md or json text."""
    if fmt == "json":
        return report_json(report)
    if fmt == "html":
        return report_html(root, report)
    return report_markdown(root, report)


def write_report(root: Path | None, report: Report, fmt: str, out: Path) -> Path:
    """Write the report to ``out`` (atomically) in ``fmt`` and return ``out``."""
    if fmt == "xlsx":
        from dutylist_cli.publishing.report_workbook import report_workbook_bytes

        write_atomic(out, report_workbook_bytes(report_layout(report)))
    elif fmt == "pdf":  # printed from the HTML page, with the same Chinese-font checks as lists
        from dutylist_cli.publishing.pdf import chinese_fonts, html_to_pdf

        html = report_html(root, report)
        write_atomic(out, html_to_pdf(html, base_url=root or out.parent, fonts=chinese_fonts()))
    else:
        write_text_atomic(out, report_text(root, report, fmt))
    return out
