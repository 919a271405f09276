"""`dutylist codeowners`: write CODEOWNERS from `owners:` in dutylist.yaml; --check compares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli import messages
from dutylist_cli.cli.options import LangOption, RootOption


def codeowners_command(
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option(
            "--output",
            "-o",
            help="输出文件，- 为标准输出；默认为 git 仓库根目录下的 CODEOWNERS / output file",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="只检查是否最新，过期则退出码为 1 / exit 1 if out of date"),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """按 owners: 生成 CODEOWNERS（职责准入记录加省级审核） / write CODEOWNERS from owners:."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.gate.codeowners import build_codeowners, update_codeowners
    from dutylist_cli.store.layout import relative_name

    data = data_root(root)
    if output is not None and output.as_posix() == "-":
        typer.echo(build_codeowners(data).text(), nl=False)
        return
    outcome = update_codeowners(data, output=output, check=check)
    for note in outcome.codeowners.notes:
        typer.echo(messages.text("codeowners.note", note=note), err=True)
    if check:
        key = "codeowners.current"
    else:
        key = "codeowners.written" if outcome.changed else "codeowners.unchanged"
    typer.echo(messages.text(key, path=relative_name(data, outcome.path)))
