"""`dutylist site -o DIR`: the static public disclosure site of the data root."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import (
    LangOption,
    RootOption,
    TextOrJsonOption,
    TodayOption,
    output_option,
)


def site_command(
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        output_option("输出文件夹（空文件夹或上次生成的站点） / output folder"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="写入非空且不是站点的文件夹 / write into a non-empty folder"),
    ] = False,
    xlsx: Annotated[
        bool,
        typer.Option("--xlsx/--no-xlsx", help="提供各清单的 Excel 下载 / xlsx download per list"),
    ] = True,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf", help="另提供 PDF 下载（需 WeasyPrint 与中文字体，否则略过） / pdf downloads"
        ),
    ] = False,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数） / processes"),
    ] = None,
    output_format: TextOrJsonOption = "text",
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """生成静态公开网站：索引、各乡镇清单、县直部门用目录、分领域事项、搜索和开放数据 /
    a static disclosure site with search and open data."""
    import datetime as dt
    import json

    from dutylist_cli import messages
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError
    from dutylist_cli.publishing.loading import refuse_errors
    from dutylist_cli.site.build import build_site

    if output is None:
        raise UsageError(messages.text("site.needs_output"), hint=messages.text("site.hint"))
    if output_format not in ("text", "json"):
        raise UsageError(messages.text("site.bad_format", fmt=output_format))
    data = data_root(root)
    day = today.date() if today is not None else dt.date.today()
    result = build_site(data, output, today=day, force=force, jobs=jobs, xlsx=xlsx, pdf=pdf)
    if output_format == "json":
        summary = {
            "folder": str(result.folder),
            "counties": result.counties,
            "townships": result.townships,
            "items": result.items,
            "pages": result.pages,
            "files": result.files,
            "search_bytes": result.search_bytes,
            "opendata": list(result.opendata),
            "pdf": result.pdf,
            "left_out": sorted({d.file for d in result.left_out}),
        }
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    typer.echo(
        messages.text(
            "site.written",
            folder=output,
            townships=result.townships,
            items=result.items,
            pages=result.pages,
            megabytes=f"{result.search_bytes / 1e6:.1f}",
        ),
        err=True,
    )
    if pdf and result.pdf != "written":
        typer.echo(messages.text("site.pdf_unavailable"), err=True)
    typer.echo(messages.text("site.serve", folder=output), err=True)
    refuse_errors(data, result.left_out)  # the lists left out for their errors: exit 1
