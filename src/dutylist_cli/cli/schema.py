"""`dutylist schema -o DIR`: write the JSON Schemas that editors use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli import messages
from dutylist_cli.cli.options import LangOption, RootOption


def schema_command(
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option(
            "--output",
            "-o",
            help="输出目录；默认为 schemas（给了 --root 时为数据目录下的 schemas） / output folder",
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
    """导出 JSON Schema（供编辑器校验、补全） / write the JSON Schemas for editors."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.store.schema_files import export_schemas

    if output is None:  # the schemas need no data root; with --root they go into its schemas/
        output = Path("schemas") if root is None else data_root(root) / "schemas"
    stale = export_schemas(output, check=check)
    if not check:
        for target in stale:
            typer.echo(messages.text("schema.written", path=target.as_posix()))
        return
    for target in stale:
        typer.echo(messages.text("schema.stale", path=target.as_posix()), err=True)
    if stale:
        raise typer.Exit(1)
