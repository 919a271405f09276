"""`dutylist fmt`: rewrite data files in canonical form, keeping comments; --check only reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli import messages
from dutylist_cli.cli.options import LangOption, RootOption


def fmt_command(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            help="要格式化的文件或目录；缺省为整个数据目录 / files or folders", show_default=False
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查不改写，有文件需要格式化时退出码为 1 / report only"),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="显示将要做的改动（统一差异格式），不改写；有改动时退出码为 1 / show the changes",
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """按规范格式改写数据文件，保留注释 / rewrite data files in canonical form, keeping comments."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.store.formatting import format_files
    from dutylist_cli.store.layout import iter_data_files, select_files

    if lang is not None:
        messages.set_language(messages.detect_language(lang))
    data = data_root(root)
    result = format_files(
        select_files(data, paths) if paths else iter_data_files(data),
        root=data,
        check=check,
        show_diff=diff,
    )
    for text in result.diffs.values():
        typer.echo(text, nl=False)
    check = check or diff
    for name in result.changed:
        typer.echo(messages.text("fmt.would_change" if check else "fmt.changed", path=name))
    for skipped in result.skipped:
        typer.echo(
            messages.text("fmt.skipped", path=skipped.location, reason=skipped.reason), err=True
        )
    verb = messages.text("fmt.verb.would" if check else "fmt.verb.changed")
    summary = messages.text(
        "fmt.summary", changed=len(result.changed), verb=verb, unchanged=len(result.unchanged)
    )
    if result.skipped:
        summary += messages.text("fmt.summary.skipped", skipped=len(result.skipped))
    typer.echo(summary)
    raise typer.Exit(int(result.exit_code))
