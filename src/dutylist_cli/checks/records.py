"""Rules for adjustment records (DL4xx) and temporary tasks (DL5xx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from dutylist_cli.checks.text import is_blank, normalise_name
from dutylist_cli.diagnostics import Diagnostic, Severity, finding
from dutylist_cli.model.enums import Action, ApprovalLevel, TaskStatus

if TYPE_CHECKING:
    from dutylist_cli.model.adjustment import AdjustmentRecord
    from dutylist_cli.model.temporary import TemporaryTask

E, W = Severity.ERROR, Severity.WARNING
_RANK = {ApprovalLevel.COUNTY: 0, ApprovalLevel.CITY: 1, ApprovalLevel.PROVINCE: 2}


ItemIndex = tuple[dict[str, str], dict[str, str]]  # id -> category, normalised name -> id


@dataclass
class TownshipIndex:
    """What record and task rules need to know of one township's current list.

    The items are read through ``load`` the first time a rule asks for them, so a record that
    names two townships does not make the validator parse the whole province.
    """

    code: str
    county: str
    file: str
    load: Callable[[], ItemIndex] | None = None
    _index: ItemIndex | None = field(default=None, repr=False)

    def _loaded(self) -> ItemIndex:
        if self._index is None:
            self._index = self.load() if self.load is not None else ({}, {})
        return self._index

    def release(self) -> None:
        """Drop the items read (they are read again if asked for)."""
        self._index = None

    @property
    def items(self) -> dict[str, str]:
        return self._loaded()[0]

    @property
    def names(self) -> dict[str, str]:
        return self._loaded()[1]


def _placement(
    file: str, identifier: str, county: str, folder: str, codes: tuple[str, str]
) -> Iterator[Diagnostic]:
    path = PurePosixPath(file)
    if path.stem != identifier:
        yield finding(file, codes[0], E, ["id"], expected=f"{identifier}{path.suffix}")
    if path.parent.as_posix() != f"{folder}/{county}":
        yield finding(file, codes[1], E, ["county"], county=county, expected=f"{folder}/{county}/")


def _township_known(
    file: str,
    code: str,
    path: list[str | int],
    county: str,
    *,
    townships: Mapping[str, TownshipIndex],
    missing_code: str,
) -> Iterator[Diagnostic]:
    known = townships.get(code)
    if known is None:
        yield finding(file, missing_code, E, path, township=code, county=county)
    elif known.county != county:
        yield finding(file, "DL404", E, path, township=code, county=county)


def check_adjustment(
    record: AdjustmentRecord, *, file: str, townships: Mapping[str, TownshipIndex], today: dt.date
) -> Iterator[Diagnostic]:
    yield from _placement(file, record.id, record.county, "adjustments", ("DL401", "DL402"))
    if record.proposed > today:
        yield finding(file, "DL407", E, ["proposed"], date=record.proposed, today=today)
    seen_changes: set[tuple[str, str]] = set()
    for index, change in enumerate(record.changes):
        path: list[str | int] = ["changes", index]
        if (change.township, change.item) in seen_changes:
            yield finding(file, "DL410", W, path, township=change.township, item_id=change.item)
        seen_changes.add((change.township, change.item))
        yield from _township_known(
            file,
            change.township,
            [*path, "township"],
            record.county,
            townships=townships,
            missing_code="DL403",
        )
        known = townships.get(change.township)
        if known is None or known.county != record.county:
            continue
        present = change.item in known.items
        if present == (change.action is Action.REMOVE):
            state = "仍有 / still has" if present else "没有 / has no"
            yield finding(
                file,
                "DL408",
                W,
                [*path, "item"],
                township=change.township,
                item_id=change.item,
                state=state,
                action=f"{change.action.label} / {change.action.value}",
            )
    yield from _approvals(record, file=file, today=today)


def _approvals(record: AdjustmentRecord, *, file: str, today: dt.date) -> Iterator[Diagnostic]:
    highest = -1
    seen: set[ApprovalLevel] = set()
    previous_date: dt.date | None = None
    for index, approval in enumerate(record.approvals):
        path: list[str | int] = ["approvals", index]
        level = f"{approval.level.label} / {approval.level.value}"
        if approval.level in seen:
            yield finding(file, "DL409", E, [*path, "level"], level=level)
        elif _RANK[approval.level] < highest or (
            previous_date is not None and approval.date < previous_date
        ):
            yield finding(file, "DL405", E, [*path, "level"], level=level)
        seen.add(approval.level)
        highest = max(highest, _RANK[approval.level])
        previous_date = approval.date
        if approval.date < record.proposed:
            yield finding(
                file,
                "DL406",
                E,
                [*path, "date"],
                level=level,
                date=approval.date,
                proposed=record.proposed,
            )
        if approval.date > today:
            yield finding(file, "DL407", E, [*path, "date"], date=approval.date, today=today)
        for key in ("body", "document"):
            if is_blank(getattr(approval, key)):
                yield finding(file, "DL411", E, [*path, key], level=level, field=key)


def check_temporary_task(
    task: TemporaryTask, *, file: str, townships: Mapping[str, TownshipIndex], today: dt.date
) -> Iterator[Diagnostic]:
    yield from _placement(file, task.id, task.county, "temporary", ("DL501", "DL507"))
    if task.due < task.start:
        yield finding(file, "DL502", E, ["due"], due=task.due, start=task.start)
    if task.status is TaskStatus.CLOSED and task.closed is None:
        yield finding(
            file,
            "DL503",
            E,
            ["status"],
            reason="状态为已销号（closed），但缺少 closed 销号信息 / status is closed but "
            "'closed' is missing",
        )
    if task.status is TaskStatus.OPEN and task.closed is not None:
        yield finding(
            file,
            "DL503",
            E,
            ["closed"],
            reason="状态为未销号（open），却填写了 closed / status is open but 'closed' is "
            "filled in",
        )
    if task.status is TaskStatus.OPEN and task.due < today:
        yield finding(
            file, "DL504", W, ["due"], title=task.title, due=task.due, days=(today - task.due).days
        )
    title = normalise_name(task.title)
    codes = [c for c in task.townships if c != "all"]
    if "all" in task.townships:
        codes += [c for c, t in townships.items() if t.county == task.county]
    for index, code in enumerate(task.townships):
        if code != "all":
            yield from _township_known(
                file,
                code,
                ["townships", index],
                task.county,
                townships=townships,
                missing_code="DL505",
            )
    for code in dict.fromkeys(codes):
        known = townships.get(code)
        if known is not None and title in known.names:
            yield finding(
                file,
                "DL506",
                W,
                ["title"],
                title=task.title,
                township=code,
                item_id=known.names[title],
            )
