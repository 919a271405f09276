"""`dutylist history`: the commits that changed a township's items, newest first."""

from __future__ import annotations

from typing import Annotated

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TextOrJsonOption
from dutylist_cli.cli.output import require_format, terminal_width


def history_command(
    township: Annotated[str, typer.Argument(help="乡镇代码（9 位）/ township code (9 digits)")],
    item: Annotated[
        str | None,
        typer.Option("--item", help="只看这个事项 / only this item", show_default=False),
    ] = None,
    revision: Annotated[
        str, typer.Option("--rev", help="从这个版本往前看 / start from this revision")
    ] = "HEAD",
    output_format: TextOrJsonOption = "text",
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """乡镇清单的变更历史：谁、何时、改了哪些事项、依据哪条调整记录 / a township's audit trail."""
    from dutylist_cli import messages
    from dutylist_cli.audit.history import check_code, township_history
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.reporters.history import HISTORY_FORMATS, history_reporter

    require_format(output_format, HISTORY_FORMATS)
    check_code(township)
    result = township_history(data_root(root), township, item=item, revision=revision)
    render = history_reporter(output_format)
    typer.echo(render(result, lang=messages.language(), width=terminal_width()))
