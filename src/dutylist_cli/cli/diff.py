"""`dutylist diff`: item changes between revisions, a revision and the working tree, or 2 files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from dutylist_cli.cli.options import LangOption, RootOption
from dutylist_cli.cli.output import require_format, terminal_width
from dutylist_cli.errors import ExitCode

if TYPE_CHECKING:
    from dutylist_cli.audit.diffing import DiffResult

PATHS_KEY = "dutylist.diff.paths"


class DiffCommand(TyperCommand):
    """Keeps the PATHs after ``--`` apart: click's parser would merge them with the revisions."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's or typer's own
        if "--" in args:
            at = args.index("--")
            ctx.meta[PATHS_KEY] = args[at + 1 :]
            args = args[:at]
        return super().parse_args(ctx, args)


def diff_command(
    ctx: typer.Context,
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD [NEW]] [-- PATH...]",
            help="旧版本（缺省 HEAD）、新版本（缺省为工作区）；-- 之后为限定的路径 "
            "/ OLD (default HEAD), NEW (default the working tree), paths after --",
            show_default=False,
        ),
    ] = None,
    files: Annotated[
        tuple[Path, Path] | None,
        typer.Option(
            "--files",
            metavar="A.yaml B.yaml",
            help="比较两个清单文件 / compare two list files",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式 / output: text|json|markdown")
    ] = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="有变动时退出码为 1 / exit 1 if anything changed")
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """逐项比较清单：新增、取消、类别调整、修改 / item-level diff of the township lists."""
    import os
    import sys

    from dutylist_cli import messages
    from dutylist_cli.reporters.diffs import DIFF_FORMATS, DIFF_REPORTER_BY_NAME

    require_format(output_format, DIFF_FORMATS)
    paths: list[str] | None = ctx.meta.get(PATHS_KEY)
    result = _diff(revisions or [], paths, files, root)
    for name in result.unreadable:
        typer.echo(messages.text("diff.unreadable", file=name), err=True)
    width = terminal_width()
    render = DIFF_REPORTER_BY_NAME[output_format]
    color = sys.stdout.isatty() and output_format == "text" and not os.environ.get("NO_COLOR")
    typer.echo(render(result, lang=messages.language(), color=color, width=width).rstrip("\n"))
    differs = bool(result.changes or result.unreadable)
    raise typer.Exit(int(ExitCode.FINDINGS if exit_code and differs else ExitCode.OK))


def _diff(
    revisions: list[str],
    paths: list[str] | None,
    files: tuple[Path, Path] | None,
    root: Path | None,
) -> DiffResult:
    from dutylist_cli import messages
    from dutylist_cli.audit.diffing import STRICT_WORDING, diff_files, diff_revisions
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import DataRootNotFound, UsageError
    from dutylist_cli.gate.routing import load_policy

    if files is not None:
        if revisions or paths is not None:
            raise UsageError(messages.text("diff.files.alone"))
        try:
            data: Path | None = data_root(root)
        except DataRootNotFound:
            if root is not None:
                raise
            data = None  # two files anywhere can be compared; labels are then as given
        old, new = files
        wording = load_policy(data, None).wording if data is not None else STRICT_WORDING
        return diff_files(
            old, new, old_label=_label(data, old), new_label=_label(data, new), wording=wording
        )
    if len(revisions) > 2:
        raise UsageError(
            messages.text("diff.too_many", extra=" ".join(revisions[2:])),
            hint=messages.text("diff.too_many.hint"),
        )
    data = data_root(root)
    old_rev = revisions[0] if revisions else None
    new_rev = revisions[1] if len(revisions) > 1 else None
    # what is editorial follows the policy of OLD, as `route` and `check` do
    wording = load_policy(data, old_rev or "HEAD").wording
    return diff_revisions(
        data, old_rev, new_rev, paths=_root_names(data, paths or []), wording=wording
    )


def _label(data: Path | None, given: Path) -> str:
    """A file as output names it: relative to the data root when inside it, else as given."""
    if data is not None:
        absolute = given.resolve()
        if absolute == data or data in absolute.parents:
            return absolute.relative_to(data).as_posix()
    return given.as_posix()


def _root_names(data: Path, paths: list[str]) -> list[str]:
    """PATHs (relative to the working directory, else to the data root) as root-relative names."""
    from dutylist_cli import messages
    from dutylist_cli.errors import UsageError

    names: list[str] = []
    for given in paths:
        path = Path(given)
        candidates = [path] if path.is_absolute() else [Path.cwd() / path, data / path]
        for candidate in candidates:
            absolute = candidate.resolve()
            if absolute == data or data in absolute.parents:
                names.append(absolute.relative_to(data).as_posix())
                break
        else:
            raise UsageError(
                messages.text("path.outside", path=given, root=data),
                hint=messages.text("diff.path.hint"),
            )
    return names
