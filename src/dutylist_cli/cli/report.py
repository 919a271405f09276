"""`dutylist report county|province [CODE]`: counts of a county's or the province's lists."""

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
            metavar="county|province",
            help="报告范围：一个县（市、区）或全省 / one county or the whole province",
            show_default=False,
        ),
    ],
    code: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="[CODE]",
            help="县级代码（数据目录只有一个县时可省略）；全省报告可给设区市代码只看该市"
            " / county code; for province, optionally a city code",
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

    if scope not in SCOPES:
        raise UsageError(messages.text("report.bad_scope", scope=scope))
    fmt = output_format or format_from_output(output, REPORT_FORMATS)
    require_format(fmt, REPORT_FORMATS)
    if output is not None and str(output) == "-":
        output = None
    if fmt not in TEXT_FORMATS and output is None:
        raise UsageError(messages.text("report.binary_stdout", fmt=fmt))
    data = data_root(root)
    report = build_report(
        data, scope=scope, code=code, today=today.date() if today else dt.date.today()
    )
    for county in report.counties:
        for file, reason in county.tasks.unreadable:
            typer.echo(messages.text("report.unreadable_task", path=file, reason=reason), err=True)
    if output is None:
        sys.stdout.write(report_text(data, report, fmt, font=font))
        return
    write_report(data, report, fmt, output, font=font)  # atomic; a folder it cannot write is exit 2
    typer.echo(messages.text("report.written", path=output), err=True)
