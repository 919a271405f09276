"""`dutylist export`: a township list written to the spreadsheet that `dutylist import` reads;
with `--all`, the whole data root as open-data tables (items, townships, departments)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import (
    TOWNSHIP_HELP,
    LangOption,
    RootOption,
    TodayOption,
    output_option,
)


def export_command(
    township: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="TOWNSHIP_OR_FILE",
            help=TOWNSHIP_HELP,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        output_option(
            "输出的 .xlsx 文件，默认为当前目录下的 <代码>-<名称>.xlsx；--all 时为输出文件夹 "
            "/ output workbook; with --all, the output folder"
        ),
    ] = None,
    export_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="导出全部清单为开放数据表 items、townships、departments / every list as "
            "open-data tables",
        ),
    ] = False,
    table_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="csv|parquet|jsonl",
            help="与 --all 合用：开放数据格式（默认 csv） / with --all: the tables' format",
        ),
    ] = "csv",
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数） / processes"),
    ] = None,
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """导出为 Excel 工作簿（含全部字段，可再导入）；--all 导出开放数据 / export a workbook,
    or with --all the open data."""
    from dutylist_cli import messages
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError

    data = data_root(root)
    if export_all:
        if township is not None:
            raise UsageError(messages.text("opendata.township_and_all"))
        _export_all(data, output, table_format, jobs=jobs, today=today)
        return
    if township is None:
        raise UsageError(messages.text("opendata.township_or_all"))
    _export_one(data, township, output)


def _export_one(data: Path, township: str, output: Path | None) -> None:
    from dutylist_cli import messages
    from dutylist_cli.publishing.document import printable_list
    from dutylist_cli.publishing.loading import (
        load_townships,
        repository_domains,
        resolve_township,
    )
    from dutylist_cli.publishing.rendering import default_file_name
    from dutylist_cli.publishing.workbook import write_list_workbook

    (loaded,) = load_townships(data, [resolve_township(data, township)])
    doc = printable_list(loaded.model, repository_domains(data), all_columns=True)
    target = output if output is not None else Path(default_file_name(loaded.model, "xlsx"))
    write_list_workbook(doc, target)
    english = messages.language() == "en"
    counts = ("; " if english else "，").join(
        messages.text(
            "import.count",
            category=section.category.value if english else section.category.label,
            count=section.count,
        )
        for section in doc.sections
    )
    typer.echo(messages.text("export.written", path=target, counts=counts), err=True)


def _export_all(
    data: Path, output: Path | None, fmt: str, *, jobs: int | None, today: object
) -> None:
    import datetime as dt

    from dutylist_cli import messages
    from dutylist_cli.errors import UsageError
    from dutylist_cli.opendata.export import export_all
    from dutylist_cli.opendata.writers import FORMATS
    from dutylist_cli.publishing.loading import refuse_errors

    if fmt not in FORMATS:
        raise UsageError(messages.text("opendata.bad_format", fmt=fmt, formats="|".join(FORMATS)))
    if output is None:
        raise UsageError(
            messages.text("opendata.needs_output"),
            hint=messages.text("opendata.needs_output.hint"),
        )
    day = today.date() if isinstance(today, dt.datetime) else dt.date.today()
    result = export_all(data, output, fmt, today=day, jobs=jobs)
    typer.echo(
        messages.text(
            "opendata.written",
            folder=output,
            townships=result.townships,
            items=result.items,
            departments=result.departments,
            files="、".join(path.name for path in result.files),
        ),
        err=True,
    )
    refuse_errors(data, result.left_out)  # the lists left out for their errors: exit 1
