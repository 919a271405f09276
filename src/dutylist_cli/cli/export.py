"""`dutylist export`: a township list written to the spreadsheet that `dutylist import` reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dutylist_cli.cli.options import TOWNSHIP_HELP, LangOption, RootOption, output_option

if TYPE_CHECKING:
    pass


def export_command(
    township: Annotated[
        str,
        typer.Argument(
            metavar="TOWNSHIP_OR_FILE",
            help=TOWNSHIP_HELP,
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        output_option("输出的 .xlsx 文件；默认为当前目录下的 <代码>-<名称>.xlsx / output workbook"),
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """导出为 Excel 工作簿（含事项编码、领域等全部字段，可再导入） / export to a workbook."""
    from dutylist_cli import messages
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.publishing.document import printable_list
    from dutylist_cli.publishing.loading import (
        load_townships,
        repository_domains,
        resolve_township,
    )
    from dutylist_cli.publishing.rendering import default_file_name
    from dutylist_cli.publishing.workbook import write_list_workbook

    data = data_root(root)
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
