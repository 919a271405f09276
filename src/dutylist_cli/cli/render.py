"""`dutylist render`: a township list printed to html|pdf|xlsx|docx|md, one or all of them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli.cli.options import (
    TOWNSHIP_HELP,
    LangOption,
    RootOption,
    output_format_option,
)


def render_command(
    township: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            metavar="TOWNSHIP_OR_FILE",
            help=TOWNSHIP_HELP,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        output_format_option("html|pdf|xlsx|docx|md"),
    ] = None,
    output_name: Annotated[
        Optional[str],  # noqa: UP045 - a str: as a Path, -o '' would become "." (the cwd)
        typer.Option(
            "--output",
            "-o",
            metavar="<path>",  # as the other commands show -o
            help="输出文件（--all 时为目录）；html/md 可用 - 输出到屏幕 / file or folder",
            show_default=False,
        ),
    ] = None,
    render_all: Annotated[
        bool, typer.Option("--all", help="生成全部清单（并行） / render every list, in parallel")
    ] = False,
    county: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--county", help="与 --all 合用：只生成该县的清单 / with --all: one county"),
    ] = None,
    font: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--font", help="PDF、Word 使用的中文字体 / Chinese font (PDF, Word)"),
    ] = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数） / processes"),
    ] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """生成可打印的清单：标题、版本、三类事项分领域编号成表 / printable township lists."""
    from dutylist_cli import messages
    from dutylist_cli.cli.output import format_from_output, require_format
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import UsageError
    from dutylist_cli.publishing.rendering import FORMATS

    if output_name == "":
        raise UsageError(messages.text("render.output.empty"))
    output = Path(output_name) if output_name is not None else None
    fmt = output_format or format_from_output(output, FORMATS)
    require_format(fmt, FORMATS)
    data = data_root(root)
    if render_all:
        if township is not None:
            raise UsageError(messages.text("render.ref_and_all"))
        _render_all(data, fmt, output, county=county, font=font, jobs=jobs)
        return
    if county is not None:
        raise UsageError(messages.text("render.county_without_all"))
    if township is None:
        raise UsageError(messages.text("render.need_ref"))
    _render_one(data, township, fmt, output, font=font)


def _render_one(root: Path, ref: str, fmt: str, output: Path | None, *, font: str | None) -> None:
    from dutylist_cli import messages
    from dutylist_cli.errors import UsageError
    from dutylist_cli.publishing.loading import load_townships, resolve_township
    from dutylist_cli.publishing.pdf import chinese_fonts
    from dutylist_cli.publishing.rendering import (
        TEXT_FORMATS,
        default_file_name,
        render_text,
        write_rendered,
    )

    name = resolve_township(root, ref)
    (loaded,) = load_townships(root, [name])
    if output is not None and str(output) == "-":
        if fmt not in TEXT_FORMATS:
            raise UsageError(messages.text("render.binary_stdout", fmt=fmt))
        sys.stdout.write(render_text(root, loaded.model, fmt, font=font))
        return
    fonts = chinese_fonts(font) if fmt == "pdf" else None
    target = output if output is not None else Path(default_file_name(loaded.model, fmt))
    write_rendered(root, loaded.model, fmt, target, fonts=fonts, font=font)
    typer.echo(messages.text("render.written", path=target), err=True)


def _render_all(
    root: Path,
    fmt: str,
    output: Path | None,
    *,
    county: str | None,
    font: str | None,
    jobs: int | None,
) -> None:
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from dutylist_cli import messages
    from dutylist_cli.errors import UsageError
    from dutylist_cli.publishing.loading import refuse_errors, township_names
    from dutylist_cli.publishing.rendering import render_all

    names = township_names(root)
    if county is not None:
        names = [n for n in names if n.rsplit("/", 1)[-1].startswith(county)]
    if not names:
        raise UsageError(messages.text("render.no_lists", county=county or "—"))
    folder = output if output is not None else Path("rendered")
    started = time.perf_counter()
    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=not console.is_terminal,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(messages.text("render.all.progress"), total=len(names))
        written, errors = render_all(
            root,
            names,
            fmt,
            folder,
            font=font,
            jobs=jobs,
            progress=lambda _name: progress.advance(task),
        )
    seconds = f"{time.perf_counter() - started:.1f}"
    typer.echo(
        messages.text(
            "render.all.done", count=len(written), fmt=fmt, folder=folder, seconds=seconds
        ),
        err=True,
    )
    refuse_errors(root, errors)  # the lists left out for their errors: exit 1
