"""Word (.docx) output of a printable list: the layout an office edits and prints.

python-docx covers documents, sections and styles; the tables are built as raw WordprocessingML
because its cell API is slow (a 300-row list would take seconds) and cannot express what an
official list needs: a header row repeated on every page (w:tblHeader), rows kept on one page
(w:cantSplit), fixed column widths on every cell, and Chinese fonts (w:rFonts w:eastAsia).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.publishing.document import PrintableList, Section
from dutylist_cli.publishing.word_geometry import (
    A4_LONG,
    A4_SHORT,
    BODY_SIZE,
    CELL_MARGIN,
    FOOTER_DISTANCE,
    HEADING_SIZE,
    MARGIN,
    TITLE_SIZE,
    column_widths,
    row_lines,
    unsplit_lines,
)
from dutylist_cli.store.atomic import write_atomic

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section as WordSection

HEADER_FILL, GROUP_FILL = "D9D9D9", "F2F2F2"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_list_docx(
    printable: PrintableList, path: Path, *, font: str = "宋体", heading_font: str = "黑体"
) -> None:
    """Write ``printable`` as a Word document to ``path`` (atomically).

    ``font`` is the body and table font, ``heading_font`` the title's and headings' (黑体 stands
    in for 方正小标宋, which few machines have); both are set for East Asian text too.
    """
    document = build_list_docx(printable, font=font, heading_font=heading_font)
    out = io.BytesIO()
    document.save(out)
    write_atomic(path, out.getvalue())


def build_list_docx(printable: PrintableList, *, font: str, heading_font: str) -> Document:
    """The document in memory: title page lines, then a heading and a table per category."""
    try:
        import docx
        from docx.enum.section import WD_SECTION
    except ImportError as exc:
        raise UsageError(
            messages.text("render.docx.unavailable", detail=str(exc).splitlines()[0][:200]),
            hint=messages.text("render.docx.install"),
        ) from None
    document = docx.Document()
    _set_defaults(document, font=font, heading_font=heading_font)
    first = printable.sections[0].landscape if printable.sections else False
    _set_page(document.sections[0], landscape=first)
    _add_footer(document.sections[0], font=font)
    _add_title(document, printable, font=font, heading_font=heading_font)
    for index, section in enumerate(printable.sections):
        if index:  # each table starts a Word section of its own, portrait or landscape
            _set_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=section.landscape)
        _add_heading(document, section, font=font, heading_font=heading_font)
        body = document.element.body
        body.insert(len(body) - 1, _table(section, font=font))  # before the final w:sectPr
    _set_properties(document, printable)
    return document


# -- XML building ------------------------------------------------------------------------------


def _el(tag: str, *children: Any, **attrs: str | int) -> Any:
    """A ``w:`` element with ``w:`` attributes: ``_el("w:sz", val=21)``."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    element = OxmlElement(tag, {qn(f"w:{name}"): str(value) for name, value in attrs.items()})
    for child in children:
        element.append(child)
    return element


def _fonts(font: str) -> Any:
    return _el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)


def _run_properties(font: str, *, size: int = BODY_SIZE, bold: bool = False) -> Any:
    # a copy of one prototype per kind of run: half the time of building thousands of them
    return copy.deepcopy(_run_properties_prototype(font, size, bold))


@functools.lru_cache(maxsize=32)
def _run_properties_prototype(font: str, size: int, bold: bool) -> Any:
    parts = [_fonts(font), *((_el("w:b"), _el("w:bCs")) if bold else ())]
    return _el("w:rPr", *parts, _el("w:sz", val=size), _el("w:szCs", val=size))


def _run(text: str, font: str, *, size: int = BODY_SIZE, bold: bool = False) -> Any:
    t = _el("w:t")
    t.text = _NOT_XML.sub("", text)
    if t.text != t.text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return _el("w:r", _run_properties(font, size=size, bold=bold), t)


def _cell(
    text: str,
    width: int,
    font: str,
    *,
    center: bool = False,
    bold: bool = False,
    span: int = 1,
    fill: str = "",
    keep_next: bool = False,
) -> Any:
    """One w:tc: its width, optional span and shading, one paragraph per line of ``text``."""
    properties = [_el("w:tcW", w=width, type="dxa")]
    if span > 1:
        properties.append(_el("w:gridSpan", val=span))
    if fill:
        properties.append(_el("w:shd", val="clear", color="auto", fill=fill))
    properties.append(_el("w:vAlign", val="center"))
    paragraphs = []
    for line in text.split("\n"):
        paragraph_properties = [_el("w:keepNext")] if keep_next else []
        if center:
            paragraph_properties.append(_el("w:jc", val="center"))
        runs = [_run(line, font, bold=bold)] if line else []
        paragraphs.append(_el("w:p", _el("w:pPr", *paragraph_properties), *runs))
    return _el("w:tc", _el("w:tcPr", *properties), *paragraphs)


def _row(cells: Iterable[Any], *, header: bool = False, cant_split: bool = True) -> Any:
    flags = [_el("w:cantSplit")] if cant_split else []
    if header:
        flags.append(_el("w:tblHeader"))
    return _el("w:tr", _el("w:trPr", *flags), *cells)


def _table(section: Section, *, font: str) -> Any:
    """The section's table: header row repeated on each page, a shaded row per domain."""
    widths = column_widths(section)
    total = sum(widths)
    border: dict[str, str | int] = {"val": "single", "sz": 4, "space": 0, "color": "auto"}
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    properties = _el(
        "w:tblPr",
        _el("w:tblW", w=total, type="dxa"),
        _el("w:jc", val="center"),
        _el("w:tblBorders", *(_el(f"w:{edge}", **border) for edge in edges)),
        _el("w:tblLayout", type="fixed"),
        _el(
            "w:tblCellMar",
            _el("w:left", w=CELL_MARGIN, type="dxa"),
            _el("w:right", w=CELL_MARGIN, type="dxa"),
        ),
    )
    grid = _el("w:tblGrid", *(_el("w:gridCol", w=width) for width in widths))
    header = _row(
        (
            _cell(c.heading, w, font, center=True, bold=True, fill=HEADER_FILL)
            for c, w in zip(section.columns, widths, strict=True)
        ),
        header=True,
    )
    table = _el("w:tbl", properties, grid, header)
    centred = [column.key == "number" for column in section.columns]
    limit = unsplit_lines(section)
    for group in section.groups:
        heading = _cell(
            group.heading, total, font, bold=True, fill=GROUP_FILL, span=len(widths), keep_next=True
        )
        table.append(_row([heading]))
        for row in group.rows:
            cells = (
                _cell(text, width, font, center=centre)
                for text, width, centre in zip(row.cells, widths, centred, strict=True)
            )
            table.append(_row(cells, cant_split=row_lines(row, widths) <= limit))
    return table


def _set_page(section: WordSection, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Twips

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(A4_LONG if landscape else A4_SHORT)
    section.page_height = Twips(A4_SHORT if landscape else A4_LONG)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(FOOTER_DISTANCE)


# -- document parts ----------------------------------------------------------------------------


def _set_defaults(document: Document, *, font: str, heading_font: str) -> None:
    """Fonts (East Asian included), Chinese language, compact spacing; headings in black."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    run_defaults.replace(run_defaults.find(qn("w:rFonts")), _fonts(font))
    run_defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    for name, face, size in (("Normal", font, BODY_SIZE), ("Heading 1", heading_font, None)):
        style = document.styles[name].element
        style.remove_all("w:rPr")
        run = _run_properties(face, size=size or HEADING_SIZE)
        style.append(run)


def _add_footer(section: WordSection, *, font: str) -> None:
    """第 X 页 / 共 Y 页 with PAGE and NUMPAGES fields; later sections inherit it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts: list[Any] = [_run("第 ", font)]
    parts += _field("PAGE", font)
    parts.append(_run(" 页 / 共 ", font))
    parts += _field("NUMPAGES", font)
    parts.append(_run(" 页", font))
    for part in parts:
        paragraph._p.append(part)


def _field(instruction: str, font: str) -> list[Any]:
    """A complex field (w:fldChar begin / instrText / separate / result / end)."""
    code = _el("w:instrText")
    code.text = f" {instruction} "
    code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def char(kind: str) -> Any:
        return _el("w:r", _run_properties(font), _el("w:fldChar", fldCharType=kind))

    return [
        char("begin"),
        _el("w:r", _run_properties(font), code),
        char("separate"),
        _run("1", font),
        char("end"),
    ]


def _paragraph(document: Document, run: Any, *, after: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph._p.append(run)


def _add_title(
    document: Document, printable: PrintableList, *, font: str, heading_font: str
) -> None:
    _paragraph(document, _run(printable.title, heading_font, size=TITLE_SIZE), after=12)
    _paragraph(document, _run(printable.edition_line, font), after=3)
    _paragraph(document, _run(printable.summary_line, font), after=6)


def _add_heading(document: Document, section: Section, *, font: str, heading_font: str) -> None:
    """一、基本履职事项（共 N 项） with its note, as a Heading 1 (Word's navigation pane)."""
    from docx.shared import Pt

    paragraph = document.add_paragraph(style="Heading 1")
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    heading = f"{section.heading}（共 {section.count} 项）"
    paragraph._p.append(_run(heading, heading_font, size=HEADING_SIZE))
    paragraph._p.append(_run(f"　{section.note}", font, size=BODY_SIZE))


def _set_properties(document: Document, printable: PrintableList) -> None:
    properties = document.core_properties
    properties.title = printable.title
    properties.subject = f"{printable.county}{printable.township}履行职责事项清单"
    properties.comments = printable.edition_line
    properties.author = properties.last_modified_by = "dutylist"
    properties.language = "zh-CN"
    properties.created = properties.modified = dt.datetime.now(dt.timezone.utc).replace(
        microsecond=0
    )
    properties.revision = 1
