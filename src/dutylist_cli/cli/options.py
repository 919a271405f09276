"""Options every command shares (Annotated, so each command declares them in one line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from dutylist_cli import messages

# --debug and --lang, before or after the command, are kept in the context's meta, which click
# shares between the application's context and the command's
DEBUG_KEY = "dutylist.debug"
LANG_KEY = "dutylist.lang"


def _choose_language(ctx: typer.Context, value: str | None) -> str | None:
    """--lang (after the command, else before it), else DUTYLIST_LANG, else the locale."""
    if value is not None:
        if value.lower() not in messages.LANGUAGES:
            raise typer.BadParameter(
                messages.text("lang.unknown", value=value, choices="|".join(messages.LANGUAGES))
            )
        ctx.meta[LANG_KEY] = value.lower()
    messages.set_language(messages.detect_language(ctx.meta.get(LANG_KEY)))
    return value


def keep_debug(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> bool:
    """Remember --debug for the error handler, wherever on the command line it came."""
    if value:
        ctx.meta[DEBUG_KEY] = True
    return value


DEBUG_HELP = "出错时显示完整回溯 / show tracebacks"
HELP_HELP = "显示本帮助并退出 / show this help"


def debug_requested(ctx: Any) -> bool:
    """--debug given before or after the command."""
    return bool(ctx.meta.get(DEBUG_KEY))


RootOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option(
        "--root",
        metavar="DIR",
        help="数据目录（含 dutylist.yaml）；默认从当前目录向上查找 / data root",
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", help=DEBUG_HELP, callback=keep_debug, is_eager=True),
]
LangOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        metavar="zh|en",
        help="输出语言（默认取 DUTYLIST_LANG 或系统语言） / output language",
        show_default=False,
        is_eager=True,
        callback=_choose_language,
    ),
]


def output_option(help_text: str) -> Any:
    """``-o/--output`` of the commands that write a file (``-`` is stdout where allowed)."""
    return typer.Option("--output", "-o", help=help_text, show_default=False)


def output_format_option(choices: str) -> Any:
    """``-f/--format`` of the commands whose format may also follow ``-o``'s extension."""
    return typer.Option(
        "--format",
        "-f",
        help=f"输出格式 {choices}；默认取 -o 的扩展名，否则 html "
        f"/ output format: {choices} (default: -o's extension, else html)",
        show_default=False,
    )


TOWNSHIP_HELP = "乡镇（街道）代码或清单文件 / township code or list file"


TodayOption = Annotated[
    Optional[dt.datetime],  # noqa: UP045
    typer.Option(
        "--today",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",  # not click's "<%Y-%m-%d>"
        help="作为今天的日期 YYYY-MM-DD（判断任务逾期、审批日期） / the date taken as today",
        show_default=False,
    ),
]


def opt(flag: str, help_text: str, *, shown: bool = False) -> Any:
    """An option given by its flag and help only (most of the ledger's and import's)."""
    return typer.Option(flag, help=help_text, show_default=shown)


# -f/--format of the commands that print text for people or JSON for machines (default "text")
TextOrJsonOption = Annotated[
    str, typer.Option("--format", "-f", help="输出格式 / output: text|json")
]
