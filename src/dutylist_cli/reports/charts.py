"""Bar charts of a report as inline SVG, drawn on the server (the page needs no JavaScript).

Two pictures per county, where one reads better than a table: each township's accountable items
(basic and cooperative stacked) against the county median and the two thresholds, and the items
each county department leads or took back.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from dutylist_cli.reports.model import HEAVY_RATIO, LIGHT_RATIO, CountyReport, Flag

WIDTH = 760
ROW = 24  # pixels per bar
BAR = 15
TOP = 58  # title, legend and the rules' labels
BOTTOM = 26  # axis labels
FONT = 12
DEFAULT_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series, stacked left to right
    mark: str = ""  # heavy | light: the label is highlighted


@dataclass(frozen=True)
class Rule:
    value: float
    label: str
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    after: str  # the key of the table the chart goes with: townships | departments


def county_charts(county: CountyReport, *, font_family: str = DEFAULT_FONTS) -> list[Chart]:
    """The county's charts, their text in ``font_family`` (a CSS font-family value)."""
    charts = []
    if county.townships:
        charts.append(township_chart(county, font_family=font_family))
    if any(d.lead.count or d.recovered.count for d in county.departments):
        charts.append(department_chart(county, font_family=font_family))
    return charts


def township_chart(county: CountyReport, *, font_family: str = DEFAULT_FONTS) -> Chart:
    title = f"{county.name}各乡镇（街道）应履职事项（基本＋配合）与县域中位数"
    bars = [
        Bar(
            t.name,
            (t.counts.basic, t.counts.cooperative),
            t.flag.value if isinstance(t.flag, Flag) else "",
        )
        for t in county.townships
    ]
    rules = []
    if county.median:
        median = county.median
        rules = [
            Rule(median, f"中位数 {median:g}"),
            Rule(median * LIGHT_RATIO, f"{LIGHT_RATIO}×中位数", dashed=True),
            Rule(median * HEAVY_RATIO, f"{HEAVY_RATIO}×中位数", dashed=True),
        ]
    series = (Series("基本履职事项", "#2f5597"), Series("配合履职事项", "#9dc3e6"))
    svg = bar_chart_svg(title, bars, series, rules, font_family=font_family)
    return Chart(title, svg, "townships")


def department_chart(county: CountyReport, *, font_family: str = DEFAULT_FONTS) -> Chart:
    title = f"{county.name}各县级部门主办的配合事项和收回的事项"
    involved = [d for d in county.departments if d.lead.count or d.recovered.count]
    involved.sort(key=lambda d: -(d.lead.count + d.recovered.count))  # stable: registry order
    bars = [Bar(d.name, (d.lead.count, d.recovered.count)) for d in involved]
    series = (Series("主办配合事项", "#548235"), Series("收回事项", "#c55a11"))
    svg = bar_chart_svg(title, bars, series, [], font_family=font_family)
    return Chart(title, svg, "departments")


def bar_chart_svg(
    title: str,
    bars: Sequence[Bar],
    series: Sequence[Series],
    rules: Sequence[Rule],
    *,
    font_family: str = DEFAULT_FONTS,
) -> str:
    """A horizontal stacked bar chart: labels left, the value at each bar's end.

    The font is set on the <svg> itself: WeasyPrint draws SVG text without the page's CSS, and
    its default face for Chinese is a Japanese one.
    """
    label_width = min(220, max((_text_width(b.label) for b in bars), default=40) + 14)
    plot_left = label_width
    plot_width = WIDTH - plot_left - 50
    height = TOP + ROW * len(bars) + BOTTOM
    top_value = max([sum(b.values) for b in bars] + [r.value for r in rules] + [1])
    step = _tick_step(top_value)
    scale_max = step * math.ceil(top_value / step)

    def x(value: float) -> float:
        return round(plot_left + plot_width * value / scale_max, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" font-size="{FONT}"'
        f' font-family="{escape(font_family)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    legend_x = 0.0
    for entry in series:
        parts.append(
            f'<rect x="{legend_x}" y="26" width="12" height="12" fill="{entry.colour}"/>'
            f'<text x="{legend_x + 16}" y="36">{escape(entry.name)}</text>'
        )
        legend_x += 16 + _text_width(entry.name) + 18
    bottom = TOP + ROW * len(bars)
    for tick in range(0, int(scale_max) + 1, step):
        parts.append(
            f'<line x1="{x(tick)}" y1="{TOP - 4}" x2="{x(tick)}" y2="{bottom}"'
            ' stroke="#e0e0e0" stroke-width="1"/>'
            f'<text x="{x(tick)}" y="{bottom + 16}" text-anchor="middle"'
            f' fill="#555">{tick}</text>'
        )
    for row, bar in enumerate(bars):
        y = TOP + row * ROW + (ROW - BAR) / 2
        style = {"heavy": ' fill="#c00000" font-weight="bold"', "light": ' fill="#bf8f00"'}
        parts.append(
            f'<text x="{plot_left - 6}" y="{y + BAR - 3}" text-anchor="end"'
            f"{style.get(bar.mark, '')}>{escape(bar.label)}</text>"
        )
        start = 0
        for value, entry in zip(bar.values, series, strict=True):
            if value:
                parts.append(
                    f'<rect x="{x(start)}" y="{y}" width="{round(x(start + value) - x(start), 1)}"'
                    f' height="{BAR}" fill="{entry.colour}">'
                    f"<title>{escape(bar.label)} {escape(entry.name)} {value}</title></rect>"
                )
            start += value
        # a white box under the number hides the grid and the rules behind it (a white stroke
        # with paint-order, the usual halo, is drawn over the text by WeasyPrint)
        parts.append(
            f'<rect x="{x(start) + 2}" y="{y}" width="{_text_width(str(start)) + 4}"'
            f' height="{BAR}" fill="#fff"/>'
            f'<text x="{x(start) + 4}" y="{y + BAR - 3}">{start}</text>'
        )
    for rule in rules:
        dash = ' stroke-dasharray="5 3"' if rule.dashed else ""
        parts.append(
            f'<line x1="{x(rule.value)}" y1="{TOP - 6}" x2="{x(rule.value)}" y2="{bottom}"'
            f' stroke="#c00000" stroke-width="1.5"{dash}/>'
            f'<text x="{x(rule.value)}" y="{TOP - 10}" text-anchor="middle" fill="#c00000"'
            f' font-size="11">{escape(rule.label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _tick_step(top: float) -> int:
    """1, 2, 5, 10, 20, 50 … so that the axis has at most about 8 ticks."""
    for power in range(0, 9):
        for base in (1, 2, 5):
            step = base * int(10**power)
            if top / step <= 8:
                return step
    return 10**9


def _text_width(text: str) -> int:
    """Pixels at 12 px: a Chinese character is about 12, a Latin one about 7."""
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else 7 for ch in text)
