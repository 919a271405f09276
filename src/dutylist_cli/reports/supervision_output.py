"""The supervision report written as html, pdf, md, json or xlsx, through the report's machinery."""

from __future__ import annotations

import json
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.publishing.pdf import ChineseFonts
from dutylist_cli.publishing.templates import render_template
from dutylist_cli.reports.output import GENERATOR, layout_html, report_fonts, write_document
from dutylist_cli.reports.supervision_model import SupervisionReport
from dutylist_cli.reports.supervision_tables import supervision_intro, supervision_layout

HTML_TEMPLATE = "supervision.html.j2"  # extends report.html.j2
MARKDOWN_TEMPLATE = "supervision.md.j2"  # extends report.md.j2


def supervision_json(report: SupervisionReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def supervision_html(
    root: Path | None, report: SupervisionReport, *, fonts: ChineseFonts | None = None
) -> str:
    lang = messages.language()
    return layout_html(
        root,
        HTML_TEMPLATE,
        supervision_layout(report, lang=lang, generator=GENERATOR),
        fonts=fonts or report_fonts(),
        intro=supervision_intro(report, lang),
    )


def supervision_markdown(root: Path | None, report: SupervisionReport) -> str:
    lang = messages.language()
    return render_template(
        root,
        MARKDOWN_TEMPLATE,
        layout=supervision_layout(report, lang=lang),
        intro=supervision_intro(report, lang),
    )


def supervision_text(
    root: Path | None, report: SupervisionReport, fmt: str, *, font: str | None = None
) -> str:
    """The report as html, md or json text; ``font`` heads the HTML's font stack."""
    if fmt == "json":
        return supervision_json(report)
    if fmt == "html":
        return supervision_html(root, report, fonts=report_fonts(font))
    return supervision_markdown(root, report)


def write_supervision(
    root: Path | None, report: SupervisionReport, fmt: str, out: Path, *, font: str | None = None
) -> Path:
    """Write the report to ``out`` (atomically) in ``fmt`` and return ``out``."""
    return write_document(
        root,
        fmt,
        out,
        font=font,
        layout=lambda: supervision_layout(report),
        page=lambda fonts: supervision_html(root, report, fonts=fonts),
        text=lambda: supervision_text(root, report, fmt, font=font),
    )
