"""Options every command shares (Annotated, so each command declares them in one line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from dutylist_cli import messages


def _choose_language(value: str | None) -> str | None:
    """--lang, else DUTYLIST_LANG, else the locale: applied before the command runs."""
    messages.set_language(messages.detect_language(value))
    return value


RootOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option(
        "--root",
        help="数据目录（含 dutylist.yaml）；默认从当前目录向上查找 / data root",
        show_default=False,
    ),
]
LangOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        help="输出语言 zh|en（默认取 DUTYLIST_LANG 或系统语言）",
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
