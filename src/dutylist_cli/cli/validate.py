"""`dutylist validate`: check the data root, or the given paths, and report every finding."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TodayOption
from dutylist_cli.cli.output import print_report, require_format, source_lines
from dutylist_cli.errors import ExitCode

FORMATS = ("text", "json", "github", "sarif", "junit", "auto")


def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="要检查的文件或目录；缺省为整个数据目录 / files or folders", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式 / output: " + "|".join(FORMATS))
    ] = "auto",
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="只检查自该 git 版本以来改动的文件（及受其影响的文件）",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不使用缓存 / ignore the cache")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="并行进程数 / worker processes", show_default=False
        ),
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """校验清单、名录、调整记录和临时任务 / validate lists, registries, records and tasks."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.reporters import resolve_format
    from dutylist_cli.validation.run import validate
    from dutylist_cli.validation.selection import files_to_validate

    require_format(output_format, FORMATS)
    data = data_root(root)
    selected = files_to_validate(data, paths=paths, changed_since=changed_since)
    result = validate(
        data,
        selected=selected,
        today=(today.date() if today else dt.date.today()),
        use_cache=not no_cache,
        jobs=jobs,
    )
    fmt = resolve_format(output_format, os.environ)
    print_report(result, fmt=fmt, source=source_lines(data), color=sys.stdout.isatty())
    raise typer.Exit(int(ExitCode.FINDINGS if result.errors else ExitCode.OK))
