"""`dutylist report county|province|supervision [CODE]`: counts of a county's or the province's
lists, or the supervision of a county's departments (双向评价)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import (
    LangOption,
    RootOption,
    TodayOption,
    output_format_option,
    output_option,
)


def report_command(
    scope: Annotated[
        str,
        typer.Argument(
            metavar="county|province|supervision",
            help="报告范围：一个县（市、区）、全省，或县级部门履职监督（双向评价）"
            " / one county, the whole province, or the supervision of a county's departments",
            show_default=False,
        ),
    ],
    code: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="[CODE]",
            help="县级代码（数据目录只有一个县时可省略；supervision 也可写县名）；全省报告可给"
            "设区市代码只看该市 / county code (supervision: or name); for province, a city code",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        output_format_option("html|pdf|xlsx|md|json"),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        output_option("输出文件；不给或为 - 时输出到屏幕（pdf、xlsx 须给出文件） / output file"),
    ] = None,
    font: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--font",
            help="HTML、PDF 使用的中文字体（须已安装） / Chinese font of the html and pdf",
            show_default=False,
        ),
    ] = None,
    pending_days: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--pending-days",
            min=0,
            metavar="N",
            help="supervision：调整记录动议后超过 N 天未批完即为调整不及时（默认取 dutylist.yaml"
            " 的 supervision.pending_days，否则 30） / days before a pending record is late",
            show_default=False,
        ),
    ] = None,
    long_open_days: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--long-open-days",
            min=0,
            metavar="N",
            help="supervision：临时任务开始后超过 N 天未销号即为长期未销号（默认 90） / days "
            "before an open task counts as kept open",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """统计报告：各乡镇事项数、部门视角、收回处罚权、偏离中位数的乡镇、临时任务 / report."""
    from dutylist_cli import messages
    from dutylist_cli.cli.output import format_from_output, require_format
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError
    from dutylist_cli.reports.build import build_report
    from dutylist_cli.reports.output import (
        REPORT_FORMATS,
        TEXT_FORMATS,
        report_text,
        write_report,
    )
    from dutylist_cli.reports.scope import SCOPES

    if scope not in (*SCOPES, "supervision"):
        raise UsageError(messages.text("report.bad_scope", scope=scope))
    for value, option in ((pending_days, "--pending-days"), (long_open_days, "--long-open-days")):
        if value is not None and scope != "supervision":
            raise UsageError(messages.text("supervision.only", option=option))
    fmt = output_format or format_from_output(output, REPORT_FORMATS)
    require_format(fmt, REPORT_FORMATS)
    if output is not None and str(output) == "-":
        output = None
    if fmt not in TEXT_FORMATS and output is None:
        raise UsageError(messages.text("report.binary_stdout", fmt=fmt))
    data = data_root(root)
    day = today.date() if today else dt.date.today()
    if scope == "supervision":
        _supervision(
            data, code, fmt, output, font=font, today=day, limits=(pending_days, long_open_days)
        )
        return
    report = build_report(data, scope=scope, code=code, today=day)
    for county in report.counties:
        for file, reason in county.tasks.unreadable:
            typer.echo(messages.text("report.unreadable_task", path=file, reason=reason), err=True)
    if output is None:
        sys.stdout.write(report_text(data, report, fmt, font=font))
        return
    write_report(data, report, fmt, output, font=font)  # atomic; a folder it cannot write is exit 2
    typer.echo(messages.text("report.written", path=output), err=True)


def _supervision(
    data: Path,
    county: str | None,
    fmt: str,
    output: Path | None,
    *,
    font: str | None,
    today: dt.date,
    limits: tuple[int | None, int | None],
) -> None:
    from dutylist_cli import messages
    from dutylist_cli.reports.supervision import build_supervision
    from dutylist_cli.reports.supervision_output import supervision_text, write_supervision

    report = build_supervision(
        data, county=county, today=today, pending_days=limits[0], long_open_days=limits[1]
    )
    for file, reason in report.unreadable:
        typer.echo(messages.text("report.unreadable_file", path=file, reason=reason), err=True)
    if output is None:
        sys.stdout.write(supervision_text(data, report, fmt, font=font))
        return
    write_supervision(data, report, fmt, output, font=font)
    typer.echo(messages.text("report.written", path=output), err=True)
