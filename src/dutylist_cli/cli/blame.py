"""`dutylist blame`: per item of a township list, the last commit that changed it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TextOrJsonOption
from dutylist_cli.cli.output import require_format, terminal_width


def locate(path: Path, root: Path) -> Path:
    """FILE as given, relative to the working directory, else to the data root."""
    if path.is_absolute() or path.exists():
        return path.absolute()
    return root / path


def blame_command(
    file: Annotated[Path, typer.Argument(help="乡镇清单文件 / a township list file")],
    output_format: TextOrJsonOption = "text",
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """逐项显示最后一次修改它的提交 / the last commit that changed each item."""
    from dutylist_cli import messages
    from dutylist_cli.audit.blame import blame_file
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.reporters.history import HISTORY_FORMATS, blame_reporter

    require_format(output_format, HISTORY_FORMATS)
    data = data_root(root)
    result = blame_file(data, locate(file, data))
    render = blame_reporter(output_format)
    typer.echo(render(result, lang=messages.language(), width=terminal_width()))
