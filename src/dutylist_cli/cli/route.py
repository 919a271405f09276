"""`dutylist route`: each change since OLD classified, matched to its records and routed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TodayOption
from dutylist_cli.cli.output import require_format
from dutylist_cli.errors import ExitCode


def today_or_now(today: dt.datetime | None) -> dt.date:
    return today.date() if today else dt.date.today()


def write(rendered: str) -> None:
    typer.echo(rendered.rstrip("\n"))


def route_command(
    old: Annotated[
        str | None, typer.Argument(help="旧版本（缺省 HEAD）/ old revision", show_default=False)
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(help="新版本（缺省为工作区）/ new revision, default the working tree"),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式 / output: text|json|markdown")
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="有待审批或缺少记录的变动时退出码为 1 / exit 1 if blocked"
        ),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="说明现行路由策略 / explain the policy in force")
    ] = False,
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """变动分类并匹配调整记录：职责准入、动态调整或文字修改 / route the changes."""
    from dutylist_cli import messages
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.gate.routing import load_policy, route_revisions
    from dutylist_cli.reporters.routes import ROUTE_FORMATS, render_policy, route_reporter

    require_format(output_format, ROUTE_FORMATS)
    data = data_root(root)
    if explain:  # the policy that routes OLD → NEW: OLD's (a pull request's own never does)
        policy = load_policy(data, old or "HEAD")
        write(render_policy(policy, fmt=output_format, lang=messages.language()))
        if output_format != "json" and new is None and load_policy(data, None) != policy:
            typer.echo(messages.text("explain.worktree_policy", base=old or "HEAD"), err=True)
        raise typer.Exit(int(ExitCode.OK))
    result = route_revisions(data, old, new, today=today_or_now(today))
    write(route_reporter(output_format)(result, lang=messages.language()))
    blocked = exit_code and bool(result.blocked)
    raise typer.Exit(int(ExitCode.FINDINGS if blocked else ExitCode.OK))
