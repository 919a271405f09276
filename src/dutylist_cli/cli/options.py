"""Options every command shares (Annotated, so each command declares them in one line)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

RootOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
    typer.Option("--root", help="数据目录（含 dutylist.yaml）；默认从当前目录向上查找 / data root",
                 show_default=False),
]
LangOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--lang", help="输出语言 zh|en（默认取 DUTYLIST_LANG 或系统语言）",
                 show_default=False),
]
