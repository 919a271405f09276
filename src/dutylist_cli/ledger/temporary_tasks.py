"""The `temp` verbs' core: register (add), write off (close, 销号) and list temporary tasks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dutylist_cli import messages
from dutylist_cli.diagnostics import Diagnostic, Severity
from dutylist_cli.errors import DutylistError, ExitCode, RefusedForFindings, UsageError
from dutylist_cli.model.enums import TaskStatus
from dutylist_cli.model.temporary import TEMPORARY_TASK_SCHEMA, TemporaryTask
from dutylist_cli.store.atomic import AlreadyExists, folder_lock, write_new, write_text_atomic
from dutylist_cli.store.layout import YAML_SUFFIXES, iter_data_names
from dutylist_cli.store.yaml_writer import new_document_text, read_source, set_keys
from dutylist_cli.validation.unwritten import validate_unwritten

TASKS_FOLDER = "temporary"
MODELINE = "# yaml-language-server: $schema=../../schemas/temporary-task.schema.json\n"
ALL_TOWNSHIPS = "all"
_TOWNSHIP_SEPARATORS = re.compile(r"[,，、;；\s]+")
_ALL_WORDS = frozenset({"all", "全部", "ALL", "All"})


class TaskInvalid(UsageError):
    """A value given for a task is not acceptable; ``field`` names it (dotted, as in the file)."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(messages.text("temp.invalid", field=field_name, reason=reason))
        self.field = field_name
        self.reason = reason


class TaskMissing(UsageError):
    """Required values were not given (and could not be asked for)."""

    def __init__(self, fields: list[str]) -> None:
        names = ", ".join(_field_of(name) for name in fields)
        super().__init__(messages.text("temp.missing", fields=names))
        self.fields = fields


class TaskExists(UsageError):
    pass


class TaskNotFound(UsageError):
    pass


class TaskRefused(RefusedForFindings):
    """`validate` would reject the new task (a township without a list, ...): nothing is written.

    Exit 1; the application prints ``diagnostics`` (as `validate` would) before the failure.
    """


class TaskNotClosable(DutylistError):
    """The task is already closed, or its file is not a valid task: nothing is written."""

    exit_code = ExitCode.FINDINGS


@dataclass(frozen=True)
class TaskDraft:
    """The values of a new task as typed on the command line (or answered at a prompt)."""

    id: str | None = None
    county: str | None = None
    title: str | None = None
    townships: tuple[str, ...] = ()
    decision_body: str | None = None
    decision_document: str | None = None
    decision_date: str | None = None
    start: str | None = None
    due: str | None = None

    @classmethod
    def from_answers(cls, values: dict[str, str | None]) -> TaskDraft:
        """A draft from option values or prompt answers, keyed as REQUIRED names them."""
        return cls(
            id=values.get("id"),
            county=values.get("county"),
            title=values.get("title"),
            townships=split_townships([values.get("townships") or ""]),
            decision_body=values.get("decision_body"),
            decision_document=values.get("decision_document"),
            decision_date=values.get("decision_date"),
            start=values.get("start"),
            due=values.get("due"),
        )

    def missing(self) -> list[str]:
        """Names (as in REQUIRED) of the values still to be given."""
        return [
            name
            for name in REQUIRED
            if not (
                split_townships(self.townships)
                if name == "townships"
                else (getattr(self, name) or "").strip()
            )
        ]


# every value is required; the field order is the order in which `temp add` asks for them
REQUIRED = tuple(f.name for f in fields(TaskDraft))


@dataclass(frozen=True)
class WrittenTask:
    file: str  # relative to the data root, / separated
    task: TemporaryTask
    warnings: tuple[Diagnostic, ...] = ()  # what `validate` warns of in the new file


@dataclass(frozen=True)
class TaskEntry:
    """One task as `temp list` shows it; ``overdue_days`` is 0 unless it is open and late."""

    id: str
    county: str
    title: str
    townships: tuple[str, ...]
    status: str
    start: dt.date
    due: dt.date
    overdue_days: int
    file: str
    decided_by: str = ""  # decision.body: the body or department that decided the task

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "county": self.county,
            "status": self.status,
            "due": self.due.isoformat(),
            "overdue": self.overdue,
            "title": self.title,
        }


@dataclass(frozen=True)
class UnreadableTask:
    file: str
    reason: str


@dataclass
class TaskListing:
    today: dt.date
    tasks: list[TaskEntry] = field(default_factory=list)
    unreadable: list[UnreadableTask] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"tasks": [task.as_json() for task in self.tasks]}


# -- add ---------------------------------------------------------------------------------------
def split_townships(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Township codes from repeated options or one "a, b、c" answer; 全部/all means all."""
    codes: list[str] = []
    for value in values:
        for part in _TOWNSHIP_SEPARATORS.split(value.strip()):
            if part:
                codes.append(ALL_TOWNSHIPS if part in _ALL_WORDS else part)
    return tuple(dict.fromkeys(codes))


def build_task(draft: TaskDraft) -> TemporaryTask:
    """The task a draft describes, checked as `validate` would check the file on its own."""
    missing = draft.missing()
    if missing:
        raise TaskMissing(missing)
    townships = split_townships(draft.townships)
    if ALL_TOWNSHIPS in townships and len(townships) > 1:
        raise TaskInvalid("townships", messages.text("temp.reason.all_mixed"))
    data = {
        "schema": TEMPORARY_TASK_SCHEMA,
        "id": (draft.id or "").strip(),
        "county": (draft.county or "").strip(),
        "title": (draft.title or "").strip(),
        "townships": list(townships),
        "decision": {
            "body": (draft.decision_body or "").strip(),
            "document": (draft.decision_document or "").strip(),
            "date": (draft.decision_date or "").strip(),
        },
        "start": (draft.start or "").strip(),
        "due": (draft.due or "").strip(),
        "status": TaskStatus.OPEN.value,
        "closed": None,
    }
    task = _validated(data)
    for code in task.townships:
        if code != ALL_TOWNSHIPS and not code.startswith(task.county):
            raise TaskInvalid(
                "townships",
                messages.text("temp.reason.other_county", code=code, county=task.county),
            )
    if task.due < task.start:
        raise TaskInvalid(
            "due", messages.text("temp.reason.due_before_start", due=task.due, start=task.start)
        )
    return task


def add_task(root: Path, draft: TaskDraft, *, today: dt.date) -> WrittenTask:
    """Write ``temporary/<county>/<id>.yaml`` for a new task; an existing task is never replaced.

    The new file is first checked as `validate` would check it in the data root: with errors
    it is not written (`TaskRefused`). Of concurrent adds of one id exactly one succeeds.
    """
    task = build_task(draft)
    name = f"{TASKS_FOLDER}/{task.county}/{task.id}.yaml"
    data = task.model_dump(mode="python", by_alias=True)
    data["status"] = task.status.value
    text = new_document_text(data, header=MODELINE)
    _refuse_existing(root, task.id)
    findings = validate_unwritten(root, name, text, today=today)
    errors = [d for d in findings if d.severity is Severity.ERROR]
    if errors:
        raise TaskRefused(
            messages.text("temp.refused", id=task.id, count=len(errors)),
            errors,
            root=root,
            hint=messages.text("temp.refused.hint"),
        )
    with folder_lock(root / TASKS_FOLDER):  # the id may not be taken in any county meanwhile
        _refuse_existing(root, task.id)
        try:
            write_new(root / name, text.encode("utf-8"))
        except AlreadyExists:  # made by something that does not take the lock
            raise _exists(task.id, name) from None
    return WrittenTask(name, task, warnings=tuple(findings))


# -- close -------------------------------------------------------------------------------------
def close_task(root: Path, task_id: str, *, date: str, note: str, today: dt.date) -> WrittenTask:
    """Set the task's status to closed with ``closed: {date, note}``, keeping the rest as is.

    The file is read and written under the ledger's lock: of concurrent closes of one task
    exactly one is recorded, the others find it closed (`TaskNotClosable`).
    """
    closed_on = _parse_date("date", date)
    if closed_on > today:
        raise TaskInvalid(
            "date", messages.text("temp.reason.closed_in_future", date=closed_on, today=today)
        )
    if not note.strip():
        raise TaskInvalid("note", messages.text("temp.reason.blank"))
    name = _find_task(root, task_id)
    with folder_lock(root / TASKS_FOLDER):
        return _close(root, name, closed_on=closed_on, note=note)


def _close(root: Path, name: str, *, closed_on: dt.date, note: str) -> WrittenTask:
    path = root / name
    text = read_source(path).text
    task, problem = _load_task(text, file=name)
    if task is None:
        raise TaskNotClosable(messages.text("temp.unreadable", path=name, reason=problem))
    if task.status is TaskStatus.CLOSED:
        when = task.closed.date.isoformat() if task.closed else "?"
        raise TaskNotClosable(messages.text("temp.already_closed", id=task.id, date=when))
    if closed_on < task.start:
        raise TaskInvalid(
            "date",
            messages.text("temp.reason.closed_before_start", date=closed_on, start=task.start),
        )
    updated = set_keys(
        text,
        {"status": TaskStatus.CLOSED.value, "closed": {"date": closed_on, "note": note.strip()}},
        after={"closed": "status"},
    )
    closed, problem = _load_task(updated, file=name)
    if closed is None or closed.status is not TaskStatus.CLOSED:  # pragma: no cover - a bug
        raise TaskNotClosable(messages.text("temp.unreadable", path=name, reason=problem))
    write_text_atomic(path, updated)
    return WrittenTask(name, closed)


# -- list --------------------------------------------------------------------------------------
def list_tasks(
    root: Path, *, today: dt.date, overdue_only: bool = False, county: str | None = None
) -> TaskListing:
    """Every task (or the overdue ones, or one county's); unreadable files are listed apart."""
    listing = TaskListing(today=today)
    for name in _task_names(root):
        in_folder = county is None or name.startswith(f"{TASKS_FOLDER}/{county}/")
        try:
            task, problem = _load_task(read_source(root / name).text, file=name)
        except DutylistError as exc:
            task, problem = None, getattr(exc, "reason", exc.message)
        if task is None:
            if in_folder:  # whose task it is cannot be read: its folder says
                listing.unreadable.append(UnreadableTask(name, problem))
            continue
        if county is not None and task.county != county:
            continue
        late = (today - task.due).days if task.status is TaskStatus.OPEN else 0
        entry = TaskEntry(
            id=task.id,
            county=task.county,
            title=task.title,
            townships=tuple(task.townships),
            status=task.status.value,
            start=task.start,
            due=task.due,
            overdue_days=max(late, 0),
            file=name,
            decided_by=task.decision.body,
        )
        if overdue_only and not entry.overdue:
            continue
        listing.tasks.append(entry)
    return listing


# -- shared ------------------------------------------------------------------------------------
def _task_names(root: Path) -> list[str]:
    return [name for name in iter_data_names(root) if name.startswith(TASKS_FOLDER + "/")]


def _task_files(root: Path, task_id: str) -> list[str]:
    """Files named after ``task_id`` in any county's folder."""
    return [
        name
        for name in _task_names(root)
        if any(name.endswith(f"/{task_id}{suffix}") for suffix in YAML_SUFFIXES)
    ]


def _refuse_existing(root: Path, task_id: str) -> None:
    existing = _task_files(root, task_id)
    if existing:
        raise _exists(task_id, existing[0])


def _exists(task_id: str, name: str) -> TaskExists:
    return TaskExists(
        messages.text("temp.exists", id=task_id, path=name), hint=messages.text("temp.exists.hint")
    )


def _find_task(root: Path, task_id: str) -> str:
    named = _task_files(root, task_id)
    if named:
        return named[0]
    for name in _task_names(root):  # a file whose name does not match its id (validate says so)
        try:
            task, _ = _load_task(read_source(root / name).text, file=name)
        except DutylistError:
            continue
        if task is not None and task.id == task_id:
            return name
    raise TaskNotFound(
        messages.text("temp.not_found", id=task_id), hint=messages.text("temp.not_found.hint")
    )


def _load_task(text: str, *, file: str) -> tuple[TemporaryTask | None, str]:
    """The task in ``text``, or None and why not (the first finding, in the user's language)."""
    from dutylist_cli.checks.schema import check_schema
    from dutylist_cli.store.yaml_source import parse_file

    parsed = parse_file(text.encode("utf-8"), file=file)
    findings = parsed.diagnostics
    if parsed.ok:
        model, findings = check_schema(parsed.data, file=file)
        if isinstance(model, TemporaryTask):
            return model, ""
        if model is not None:
            return None, messages.text("temp.reason.not_task", schema=parsed.data.get("schema"))
    if not findings:  # pragma: no cover - check_schema always says why
        return None, "?"
    first = parsed.locate(findings[0])
    return None, f"{first.code} {messages.render_message(first)} ({file}:{first.line})"


def _validated(data: dict[str, Any]) -> TemporaryTask:
    try:
        return TemporaryTask.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        # union members show up as "constrained-str", "literal['all']": keep the field names
        location = [part for part in error["loc"] if isinstance(part, str) and part.isidentifier()]
        field_name = ".".join(location) or "?"
        raise TaskInvalid(field_name, _reason_for(field_name, error.get("input"))) from exc


def _reason_for(field_name: str, value: object) -> str:
    if field_name.endswith(("date", "start", "due")):
        key = "temp.reason.date"
    elif field_name == "county":
        key = "temp.reason.county"
    elif field_name.startswith("townships"):
        key = "temp.reason.township"
    elif field_name == "id":
        key = "temp.reason.id"
    else:
        key = "temp.reason.value"
    return messages.text(key, value=value)


def _parse_date(field_name: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise TaskInvalid(field_name, messages.text("temp.reason.date", value=value)) from None


def _field_of(draft_name: str) -> str:
    """The task field (dotted) a draft value fills: decision_date -> decision.date."""
    return draft_name.replace("decision_", "decision.")
