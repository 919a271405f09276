"""The `dutylist` application: registers the commands and turns failures into exit codes."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

from dutylist_cli import __version__, messages
from dutylist_cli.cli.options import (
    DEBUG_HELP,
    HELP_HELP,
    DebugOption,
    LangOption,
    RootOption,
    debug_requested,
    keep_debug,
)
from dutylist_cli.errors import DutylistError, ExitCode


def _is_click_control_flow(exc: BaseException) -> bool:
    """Exit, Abort and usage errors belong to click: they carry their own exit codes."""
    return isinstance(exc, (typer.Exit, typer.Abort)) or any(
        cls.__name__ == "ClickException" for cls in type(exc).__mro__
    )


def report_failure(failure: DutylistError) -> None:
    findings = getattr(failure, "diagnostics", None)  # lists refused for their errors
    if findings:
        from dutylist_cli.cli.output import print_blocking_findings

        print_blocking_findings(failure.root, findings)  # type: ignore[attr-defined]
    typer.echo(f"dutylist: {failure.message}", err=True)
    if failure.hint:
        prefix = "hint" if messages.language() == "en" else "提示"
        typer.echo(f"{prefix}: {failure.hint}", err=True)


def report_internal_error(exc: BaseException, *, debug: bool) -> None:
    if debug:
        traceback.print_exception(exc)
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    typer.echo(f"dutylist: {messages.text('internal', detail=detail)}", err=True)


def _with_shared_options(command: Any, ctx: Any) -> Any:
    """Give a command (and a group's subcommands) --debug, so it may follow the command too,
    and -h/--help in Chinese."""
    _help_in_chinese(command, ctx)
    if not any(param.name == "debug" for param in command.params):
        command.params.append(
            TyperOption(
                param_decls=["--debug"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=keep_debug,
                help=DEBUG_HELP,
            )
        )
    if isinstance(command, TyperGroup):
        for subcommand in command.commands.values():
            _with_shared_options(subcommand, ctx)
    return command


def _help_in_chinese(command: Any, ctx: Any) -> None:
    help_option = command.get_help_option(ctx)  # made once and cached by the command
    if help_option is not None:
        help_option.help = HELP_HELP


def _closed_pipe() -> typer.Exit:
    """The reader of stdout has gone (`dutylist rules | head -1`): not a bug, end quietly.

    Further writes, Python's own flush at exit among them, go to /dev/null, so neither click's
    "exit 1 on EPIPE" nor Python's "Exception ignored" is reached.
    """
    # a stdout that is no real file (a test's capture) has nothing to redirect
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return typer.Exit(int(ExitCode.CLOSED_PIPE))


class _Application(TyperGroup):
    """Turns failures into exit codes inside click, so every way of running the app agrees."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # help and --version are written while the command line is parsed
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            raise _closed_pipe() from None

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return None if command is None else _with_shared_options(command, ctx)

    def get_help_option(self, ctx: Any) -> Any:
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = HELP_HELP
        return help_option

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DutylistError as failure:
            report_failure(failure)
            raise typer.Exit(int(failure.exit_code)) from None
        except BrokenPipeError:
            raise _closed_pipe() from None
        except Exception as exc:
            if _is_click_control_flow(exc):
                raise
            report_internal_error(exc, debug=debug_requested(ctx))
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


# what `dutylist -h` says the commands are for, every command once (a test keeps it complete)
COMMAND_GROUPS = (
    ("校验与格式化", ("validate", "fmt", "schema", "rules")),
    ("变更审计", ("diff", "history", "blame")),
    ("调整路由与拉取请求门禁", ("route", "check")),
    ("临时任务台账", ("temp",)),
    ("建库与审核分工", ("init", "codeowners")),
    ("发布、统计与表格往返", ("render", "report", "export", "import", "site")),
    ("12345 派单与依单问责", ("who",)),
    ("发文审核", ("vet",)),
)

app = typer.Typer(
    cls=_Application,
    name="dutylist",
    help="乡镇（街道）履行职责事项清单即代码 / township duty-item lists as code.\n\n"
    "\b\n"  # click keeps these lines as they are (rewrapped, it cut command names in two)
    + "\n".join(f"{title}：{'、'.join(names)}" for title, names in COMMAND_GROUPS)
    + "\n\n"
    "各命令都接受 --root、--lang、--debug（命令前后均可）；用 dutylist <命令> -h 查看用法。\n\n"
    "退出码：0 无问题，1 发现问题，2 用法错误，3 内部错误。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's panels cut Chinese help text with "…"
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"dutylist {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="显示版本 / version"
    ),
    debug: DebugOption = False,
    lang: LangOption = None,
    root: RootOption = None,
) -> None:
    """dutylist"""
    if root is not None:  # before the command: its default there, so one after it still wins
        ctx.default_map = _defaults_for_every_command(ctx.command, {"root": root})


def _defaults_for_every_command(group: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    return {
        name: _defaults_for_every_command(command, defaults)
        if isinstance(command, TyperGroup)
        else dict(defaults)
        for name, command in group.commands.items()
    }


def _register_one(name: str) -> None:
    from importlib import import_module

    module = import_module(f"dutylist_cli.cli.{_MODULE_BY_COMMAND[name]}")
    if name == "temp":
        app.add_typer(module.temp_app, name="temp")
    elif name == "diff":
        app.command("diff", cls=module.DiffCommand)(module.diff_command)
    else:
        app.command(name)(getattr(module, f"{name}_command"))


# command -> module under cli/; listed in the order `dutylist --help` shows them
_MODULE_BY_COMMAND = {
    "validate": "validate",
    "fmt": "fmt",
    "schema": "schema",
    "rules": "rules",
    "diff": "diff",
    "history": "history",
    "blame": "blame",
    "route": "route",
    "check": "check",
    "temp": "temp",
    "init": "init",
    "codeowners": "codeowners",
    "render": "render",
    "report": "report",
    "export": "export",
    "import": "importing",
    "site": "site",
    "who": "who",
    "vet": "vet",
}


def _register(only: str | None = None) -> None:
    """Register the commands; only the one being run when known, so start-up stays quick."""
    if app.registered_commands or app.registered_groups:
        return
    for name in _MODULE_BY_COMMAND if only not in _MODULE_BY_COMMAND else [only]:
        _register_one(name)


def _command_from_argv(argv: list[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


def _language_from_argv(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def run(argv: list[str] | None = None) -> None:
    """Console-script entry point: never lets a Python traceback reach the user."""
    args = sys.argv[1:] if argv is None else argv
    messages.set_language(messages.detect_language(_language_from_argv(args)))
    debug = "--debug" in args
    try:
        _register(_command_from_argv(args))
        app(args=args, prog_name="dutylist")
    except DutylistError as failure:
        report_failure(failure)
        sys.exit(int(failure.exit_code))
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # a closed stdout outside click's own handling
        sys.exit(_closed_pipe().exit_code)
    except Exception as exc:  # the edge: any bug becomes one line and exit 3
        report_internal_error(exc, debug=debug)
        sys.exit(int(ExitCode.INTERNAL))
