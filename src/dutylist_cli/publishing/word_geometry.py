"""The geometry of a Word list: page sizes, column widths and estimated row heights (twips).

python-docx lays out nothing itself: widths must be set on every cell and a row's height is
only known to Word, so the decisions that depend on them (which rows may break across pages)
use these estimates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from dutylist_cli.publishing.document import Row, Section, display_width

# page geometry in twentieths of a point (twips): A4, 2 cm margins, footer 1 cm from the edge
A4_SHORT, A4_LONG = 11906, 16838
MARGIN, FOOTER_DISTANCE = 1134, 567
# sizes in half-points (w:sz): 小二 title, 四号 headings, 五号 body and tables
TITLE_SIZE, HEADING_SIZE, BODY_SIZE = 36, 28, 21
# a row estimated taller than this share of the page body may break across pages: kept whole it
# would leave most of a page empty, or not fit at all
UNSPLIT_SHARE = 0.5
LINE_PITCH = 1.3  # line height as a multiple of the font size, for the estimate above
CELL_MARGIN = 85  # left and right padding of a cell
CELL_MARGINS = 2 * CELL_MARGIN
HALF_CHAR = BODY_SIZE * 10 // 2  # twips of a half-width character at the table size
# 备注 holds sentences: at its share of a spreadsheet width a 40-character remark took 13 lines;
# ten characters a line (and half a one of play) keep it to four, the other columns giving way
# by their weight (the wide text columns most)
REMARK_CHARACTERS = 10
REMARKS_LEAST = (2 * REMARK_CHARACTERS + 1) * HALF_CHAR + CELL_MARGINS


def text_width(*, landscape: bool) -> int:
    return (A4_LONG if landscape else A4_SHORT) - 2 * MARGIN


def column_widths(section: Section) -> list[int]:
    """Twips per column, proportional to Column.width, filling the text width exactly.

    A narrow column still fits its heading on one line (up to four characters, with some play):
    序号 scaled from a spreadsheet width would wrap to one character a line; 备注 is at least
    `REMARKS_LEAST` wide.
    """
    total = text_width(landscape=section.landscape)
    least = [
        max(
            (min(display_width(column.heading), 8) + 2) * HALF_CHAR + CELL_MARGINS,
            REMARKS_LEAST if column.key == "remarks" else 0,
        )
        for column in section.columns
    ]
    weights = [float(column.width) for column in section.columns]
    fixed: set[int] = set()
    while True:  # pin the columns below their least width, share the rest by weight
        free = total - sum(least[i] for i in fixed)
        share = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [least[i] if i in fixed else int(free * w / share) for i, w in enumerate(weights)]
        short = {i for i, width in enumerate(widths) if width < least[i]} - fixed
        if not short or len(fixed | short) == len(widths):
            break
        fixed |= short
    widths[-1] += total - sum(widths)
    return widths


def row_lines(row: Row, widths: Sequence[int]) -> int:
    """Estimated height of a row, in lines of its tallest cell."""
    tallest = 1
    for text, width in zip(row.cells, widths, strict=True):
        per_line = max(1, (width - CELL_MARGINS) // HALF_CHAR)
        lines = sum(max(1, math.ceil(display_width(line) / per_line)) for line in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest


def unsplit_lines(section: Section) -> int:
    body = (A4_SHORT if section.landscape else A4_LONG) - 2 * MARGIN
    return int(body * UNSPLIT_SHARE / (BODY_SIZE * 10 * LINE_PITCH))
