"""`dutylist who --batch FILE`: many requests, a progress bar, a dispatch table."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from dutylist_cli.use.who import BatchAnswer, Dispatcher

# requests answered together: the sentence encoder embeds a chunk in one call, and the progress
# bar still moves
CHUNK = 256


def run_batch(
    dispatcher: Dispatcher,
    batch: Path,
    *,
    township: str | None,
    output: Path | None,
    output_format: str,
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from dutylist_cli import messages
    from dutylist_cli.use.requests_file import read_requests
    from dutylist_cli.use.who import plan_batch

    if output is not None:
        from dutylist_cli.use.dispatch_table import check_table_path

        check_table_path(output)  # a bad -o is known before ten thousand rows are answered
    rows = read_requests(batch)
    planned, skipped = plan_batch(dispatcher, rows, township=township)
    for row, reason in skipped:
        typer.echo(messages.text("who.skipped_row", row=row, reason=reason), err=True)
    console = Console(stderr=True)
    answers: list[BatchAnswer] = []
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(messages.text("who.progress"), total=len(planned))
        for start in range(0, len(planned), CHUNK):
            chunk = planned[start : start + CHUNK]
            found = dispatcher.answer_many([(place, row.text) for row, place in chunk])
            answers += [
                BatchAnswer(row.row, row.id, a) for (row, _), a in zip(chunk, found, strict=True)
            ]
            progress.advance(task, len(chunk))
    results = [a.as_json() for a in answers]
    if output is not None:
        from dutylist_cli.use.dispatch_table import write_dispatch_table

        write_dispatch_table(output, results, lang=messages.language())
        listed = sum(1 for a in answers if a.answer.ranking.listed)
        typer.echo(
            messages.text(
                "who.written",
                path=output,
                count=len(answers),
                listed=listed,
                off_list=len(answers) - listed,
            ),
            err=True,
        )
    if output_format == "json":
        typer.echo(json.dumps({"results": results}, ensure_ascii=False, indent=2))
    elif output is None:
        from dutylist_cli.reporters.who_text import render_batch

        typer.echo(render_batch(answers, lang=messages.language()))
