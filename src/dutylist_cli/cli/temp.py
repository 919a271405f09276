"""`dutylist temp add|close|list`: the temporary-task ledger (临时性工作任务, 定期销号)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dutylist_cli import messages
from dutylist_cli.cli.options import LangOption, RootOption, TextOrJsonOption, TodayOption, opt
from dutylist_cli.cli.output import require_format, terminal_width
from dutylist_cli.errors import UsageError

if TYPE_CHECKING:
    from dutylist_cli.ledger.temporary_tasks import TaskInvalid, TaskListing

temp_app = typer.Typer(
    name="temp",
    help="临时性工作任务台账：登记、销号、列出 / the temporary-task ledger.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FORMATS = ("text", "json")
# a draft value or task field -> the option that gives it
_OPTION = {
    "id": "--id",
    "county": "--county",
    "title": "--title",
    "townships": "--township",
    "decision_body": "--decision-body",
    "decision_document": "--decision-document",
    "decision_date": "--decision-date",
    "start": "--start",
    "due": "--due",
    "decision.body": "--decision-body",
    "decision.document": "--decision-document",
    "decision.date": "--decision-date",
    "date": "--date",
    "note": "--note",
}

_Text = Optional[str]  # noqa: UP045 - typer reads the annotations at runtime


def _interactive() -> bool:
    return sys.stdin.isatty()


def _option_of(field_name: str) -> str:
    top = field_name.split(".")[0] if field_name.startswith("townships") else field_name
    return _OPTION.get(top, "--" + field_name.replace("_", "-"))


def _ask_missing(values: dict[str, str | None], missing: list[str]) -> dict[str, str | None]:
    """Prompt for ``missing`` values on a terminal; elsewhere a usage error naming them."""
    if not _interactive():
        raise UsageError(
            messages.text("temp.missing", fields=", ".join(_OPTION[name] for name in missing))
        )
    answers = dict(values)
    for name in missing:
        default = answers.get("decision_date") if name == "start" else None
        answers[name] = typer.prompt(messages.text(f"temp.prompt.{name}"), default=default)
    return answers


def _day(today: dt.datetime | None) -> dt.date:
    return today.date() if today else dt.date.today()


def _invalid(exc: TaskInvalid) -> UsageError:
    option = _option_of(exc.field)
    where = option if option == "--" + exc.field else f"{option} ({exc.field})"
    return UsageError(messages.text("temp.invalid", field=where, reason=exc.reason))


@temp_app.command("add")
def add_command(
    task_id: Annotated[_Text, opt("--id", "任务编号，如 320115-T2025-003 / task id")] = None,
    county: Annotated[_Text, opt("--county", "县级区划代码 / county code")] = None,
    title: Annotated[_Text, opt("--title", "任务名称 / title")] = None,
    township: Annotated[
        Optional[list[str]],  # noqa: UP045
        opt("--township", "涉及乡镇代码，可重复；全部填 all / township code (repeatable) or all"),
    ] = None,
    decision_body: Annotated[_Text, opt("--decision-body", "决定机关 / deciding body")] = None,
    decision_document: Annotated[_Text, opt("--decision-document", "决定文号")] = None,
    decision_date: Annotated[_Text, opt("--decision-date", "决定日期 YYYY-MM-DD")] = None,
    start: Annotated[_Text, opt("--start", "开始日期 YYYY-MM-DD / start")] = None,
    due: Annotated[_Text, opt("--due", "完成时限 YYYY-MM-DD / due date")] = None,
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """登记一项临时性工作任务（缺少的值在终端上逐项询问） / register a temporary task."""
    from dutylist_cli.cli.output import print_blocking_findings
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.ledger.temporary_tasks import TaskDraft, TaskInvalid, add_task

    data = data_root(root)
    values = {
        "id": task_id,
        "county": county,
        "title": title,
        "townships": " ".join(township or ()) or None,
        "decision_body": decision_body,
        "decision_document": decision_document,
        "decision_date": decision_date,
        "start": start,
        "due": due,
    }
    draft = TaskDraft.from_answers(values)
    missing = draft.missing()
    if missing:
        draft = TaskDraft.from_answers(_ask_missing(values, missing))
    try:
        written = add_task(data, draft, today=_day(today))  # checked as validate would
    except TaskInvalid as exc:
        raise _invalid(exc) from None
    if written.warnings:
        print_blocking_findings(data, list(written.warnings))
    typer.echo(messages.text("temp.added", id=written.task.id, path=written.file))


@temp_app.command("close")
def close_command(
    task_id: Annotated[str, typer.Argument(help="任务编号 / task id", show_default=False)],
    date: Annotated[_Text, opt("--date", "销号日期 YYYY-MM-DD / date written off")] = None,
    note: Annotated[_Text, opt("--note", "销号说明 / note")] = None,
    today: TodayOption = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """销号：把任务标记为已完成并记下日期和说明 / write a task off (close it)."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.ledger.temporary_tasks import TaskInvalid, close_task

    data = data_root(root)
    values = {"date": date, "note": note}
    missing = [name for name, value in values.items() if not (value or "").strip()]
    if missing:
        values = _ask_missing(values, missing)
    try:
        written = close_task(
            data,
            task_id,
            date=values["date"] or "",
            note=values["note"] or "",
            today=_day(today),  # a closing date after it is refused
        )
    except TaskInvalid as exc:
        raise _invalid(exc) from None
    typer.echo(messages.text("temp.closed", id=written.task.id, path=written.file))


@temp_app.command("list")
def list_command(
    overdue: Annotated[
        bool, typer.Option("--overdue", help="只列逾期未销号的任务 / overdue tasks only")
    ] = False,
    today: TodayOption = None,
    county: Annotated[_Text, opt("--county", "只列该县的任务 / one county's tasks")] = None,
    output_format: TextOrJsonOption = "text",
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """列出临时性工作任务及是否逾期 / list temporary tasks and whether they are overdue."""
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.ledger.temporary_tasks import list_tasks

    require_format(output_format, FORMATS)
    data = data_root(root)
    listing = list_tasks(data, today=_day(today), overdue_only=overdue, county=county)
    for bad in listing.unreadable:
        typer.echo(messages.text("temp.unreadable", path=bad.file, reason=bad.reason), err=True)
    if output_format == "json":
        typer.echo(json.dumps(listing.as_json(), ensure_ascii=False, indent=2))
    else:
        width = terminal_width()
        print_tasks(listing, width=width, color=sys.stdout.isatty())


def print_tasks(listing: TaskListing, *, width: int, color: bool) -> None:
    """A table of tasks; cells fold (never "…", which would cut Chinese text)."""
    from rich.console import Console
    from rich.table import Table

    english = messages.language() == "en"
    console = Console(width=width, no_color=not color, highlight=False, soft_wrap=False)
    if not listing.tasks:
        console.print(messages.text("temp.list.none"))
        return
    table = Table(show_lines=False, header_style="bold")
    for key in ("id", "title", "townships", "due", "status", "overdue"):
        table.add_column(messages.text(f"temp.column.{key}"), overflow="fold")
    for task in listing.tasks:
        from dutylist_cli.model.enums import TaskStatus

        status = {member.value: member for member in TaskStatus}[task.status]
        table.add_row(
            task.id,
            task.title,
            _townships_cell(task.townships),
            task.due.isoformat(),
            status.value if english else status.label,
            str(task.overdue_days) if task.overdue else "",
            style="red" if task.overdue else None,
        )
    console.print(table)
    late = sum(task.overdue for task in listing.tasks)
    console.print(messages.text("temp.list.summary", count=len(listing.tasks), overdue=late))


def _townships_cell(codes: tuple[str, ...]) -> str:
    if codes == ("all",):
        return messages.text("temp.townships.all")
    shown = "、".join(codes[:3])
    if len(codes) > 3:
        shown += messages.text("temp.townships.more", count=len(codes))
    return shown
