"""`dutylist check --base REV`: the pull-request gate (validate, route, approved records kept)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Annotated

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TodayOption
from dutylist_cli.cli.route import today_or_now, write
from dutylist_cli.errors import ExitCode

FORMATS = ("text", "json", "markdown", "github", "auto")


def check_command(
    base: Annotated[
        str,
        typer.Option(
            "--base",
            help="对比基准（git 版本，如 origin/main）/ the revision the pull request starts from",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式 / output: " + "|".join(FORMATS))
    ] = "auto",
    today: TodayOption = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不使用校验缓存 / ignore the cache")
    ] = False,
    allow_policy_change: Annotated[
        bool,
        typer.Option(
            "--allow-policy-change",
            help="省级审核人放行对 dutylist.yaml 路由策略的修改（须单独提交）/ the province's "
            "reviewers land a change of the routing policy (on its own)",
        ),
    ] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """拉取请求检查：校验改动、调整路由、已批准记录不可修改 / the pull-request gate."""
    from dutylist_cli import messages
    from dutylist_cli.cli.output import require_format, source_lines
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.gate.pull_request import run_gate
    from dutylist_cli.reporters.routes import check_reporter

    require_format(output_format, FORMATS)
    data = data_root(root)
    result = run_gate(
        data,
        base=base,
        today=today_or_now(today),
        use_cache=not no_cache,
        allow_policy_change=allow_policy_change,
    )
    if output_format == "auto":  # github annotations inside GitHub Actions, text elsewhere
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    reporter = check_reporter(output_format)
    color = sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if color else 100
    lang_in_force = messages.language()
    write(reporter(result, lang=lang_in_force, source=source_lines(data), color=color, width=width))
    raise typer.Exit(int(ExitCode.OK if result.ok else ExitCode.FINDINGS))
