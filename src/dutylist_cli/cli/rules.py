"""`dutylist rules`: the table of diagnostic codes, for people and for docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import LangOption


def rules_command(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text|json|markdown")
    ] = "text",
    root: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option(
            "--root",
            help="数据目录；规则表与数据无关，只为各命令一致而接受 / data root (the table is the "
            "same for every data root)",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """列出全部校验规则代码 / list every validation rule code."""
    from dutylist_cli import messages
    from dutylist_cli.validation.rule_table import rules_as_records, rules_markdown

    if output_format == "markdown":
        typer.echo(rules_markdown(), nl=False)
    elif output_format == "json":
        typer.echo(json.dumps({"rules": rules_as_records()}, ensure_ascii=False, indent=2))
    elif output_format == "text":
        english = messages.language() == "en"
        for record in rules_as_records():
            title = record["title_en"] if english else record["title_zh"]
            typer.echo(f"{record['code']}  {record['severity']:<7}  {title}")
    else:
        raise typer.BadParameter(output_format, param_hint="--format")
