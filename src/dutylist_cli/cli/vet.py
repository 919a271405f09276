"""`dutylist vet`: a county department's draft notice checked against the townships' lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import LangOption, RootOption, output_option


def vet_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="发文稿：.txt、.md 或 .docx / the draft notice", show_default=False
        ),
    ],
    township: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Option(
            "--township",
            help="发给的乡镇（街道）代码，可重复；也限定“各镇（街道）”所指 / township (repeatable)",
            show_default=False,
        ),
    ] = None,
    county: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--county", help="县级区划代码 / county code", show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        output_option("写入文件而不是标准输出 / write to a file"),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="输出格式；docx 为加了批注的审核稿（需 -o）/ output: text|json|md|docx",
        ),
    ] = "text",
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """发文审核：派给乡镇（街道）的工作是否符合清单 / check a notice against the lists."""
    import datetime as dt
    import json

    from dutylist_cli import messages
    from dutylist_cli.cli.output import require_format, terminal_width
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError
    from dutylist_cli.matching import load_lexicon
    from dutylist_cli.use.notice import read_notice
    from dutylist_cli.use.vet import vet_notice
    from dutylist_cli.use.who import Dispatcher

    require_format(output_format, ("text", "json", "md", "docx"))
    if output_format == "docx" and (output is None or str(output) == "-"):
        raise UsageError(
            messages.text("vet.word.needs_output"), hint=messages.text("vet.word.needs_output.hint")
        )
    data = data_root(root)
    notice = read_notice(file)
    lexicon = load_lexicon(data)
    dispatcher = Dispatcher(data, lexicon, dt.date.today())
    result = vet_notice(
        notice, dispatcher=dispatcher, lexicon=lexicon, townships=township or (), county=county
    )
    lang_in_force = messages.language()
    if output_format == "docx" and output is not None:
        from dutylist_cli.reporters.vet_word import AUTHOR, comments
        from dutylist_cli.store.atomic import write_atomic
        from dutylist_cli.use.notice import reviewed_notice

        notes = comments(result, lang=lang_in_force)
        write_atomic(output, reviewed_notice(file, notes, author=AUTHOR))
        typer.echo(messages.text("vet.written", path=output), err=True)
        raise typer.Exit(result.exit_code)
    if output_format == "json":
        rendered = json.dumps(result.as_json(lang_in_force), ensure_ascii=False, indent=2)
    elif output_format == "md":
        from dutylist_cli.reporters.vet_markdown import render as render_md

        rendered = render_md(result, lang=lang_in_force)
    else:
        from dutylist_cli.reporters.vet_text import render as render_text

        width = terminal_width() if output is None else 120
        rendered = render_text(result, lang=lang_in_force, width=width)
    if output is not None and str(output) != "-":
        from dutylist_cli.store.atomic import write_text_atomic

        write_text_atomic(output, rendered if rendered.endswith("\n") else rendered + "\n")
        typer.echo(messages.text("vet.written", path=output), err=True)
    else:
        typer.echo(rendered.rstrip("\n"))
    raise typer.Exit(result.exit_code)
