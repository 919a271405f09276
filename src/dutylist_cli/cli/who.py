"""`dutylist who`: a citizen's request → who handles it and who answers for it, from the list."""

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


def who_command(
    township: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="TOWNSHIP",
            help="乡镇（街道）代码或名称 / township code or name",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="TEXT", help="群众诉求原话 / the request", show_default=False),
    ] = None,
    batch: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--batch",
            help="批量派单：.csv（UTF-8 或 GBK）、.xlsx 或 .jsonl，含“诉求内容”列 / requests file",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, max=20, help="列出的事项数 / items listed")
    ] = 3,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic",
            help='同时按语义匹配（句向量模型，pip install "dutylist[semantic]"）'
            " / also match by meaning with a sentence encoder",
        ),
    ] = False,
    history: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--history",
            help="本县已办结的工单（派单表或 csv/xlsx/jsonl：诉求内容、乡镇（街道）、事项编号或"
            "结论“清单外”），相似的旧工单参与投票 / past dispatched tickets that vote",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        output_option("批量派单表 .csv 或 .xlsx / write the dispatch table"),
    ] = None,
    output_format: TextOrJsonOption = "text",
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """12345 派单与依单问责：诉求由谁办理、谁担责 / who handles a request, who answers for it."""
    import datetime as dt
    import json

    from dutylist_cli import messages
    from dutylist_cli.cli.output import require_format
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError
    from dutylist_cli.matching import load_lexicon
    from dutylist_cli.reporters.who_text import render_answer
    from dutylist_cli.use.who import Dispatcher, semantic_scorer

    require_format(output_format, ("text", "json"))
    data = data_root(root)
    dispatcher = Dispatcher(
        data,
        load_lexicon(data),
        today.date() if today else dt.date.today(),
        top=top,
        semantic=semantic_scorer() if semantic else None,
    )
    lang_in_force = messages.language()
    if history is not None:
        from dutylist_cli.use.requests_file import read_requests

        if dispatcher.load_history(read_requests(history)) == 0:
            raise UsageError(
                messages.text("who.history.empty", path=history),
                hint=messages.text("who.history.empty.hint"),
            )
    if batch is not None:
        if text is not None:
            raise UsageError(messages.text("who.text_and_batch"))
        from dutylist_cli.cli.who_batch import run_batch

        run_batch(dispatcher, batch, township=township, output=output, output_format=output_format)
        return
    if township is None or text is None:
        raise UsageError(messages.text("who.empty"), hint=messages.text("who.empty.hint"))
    answer = dispatcher.answer(dispatcher.township(township), text)
    if output_format == "json":
        typer.echo(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_answer(answer, lang=lang_in_force))
