"""The core of `dutylist history`: a township's audit trail from git (`blame` builds on it).

A township is its 9-digit code, wherever its list lived: one ``git log --raw`` call gives every
commit's changed paths and blob ids (a merge: against each parent), the versions of the
township's file are read from the object database in one stream and parsed once each, and each
commit's item-level changes come from ``diff_states``. A change belongs to the commit that made
it; a merge shows only what differs from all its parents (a conflict resolution, an evil merge).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from dutylist_cli import messages
from dutylist_cli.audit.diffing import ItemChange, TownshipState, diff_states, township_state
from dutylist_cli.audit.township_versions import VersionReader
from dutylist_cli.errors import UsageError
from dutylist_cli.store.git import BlobChange, CommitChanges, Repository

CODE = re.compile(r"\d{9}")
_NAMED = re.compile(r"(\d{9})-")
LISTS, ADJUSTMENTS = "lists", "adjustments"


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that changed the township's items."""

    commit: str
    author: str
    date: str
    message: str
    records: tuple[str, ...]  # adjustment records added or changed in the same commit
    changes: tuple[ItemChange, ...]
    # records, as of the revision asked, that list one of these changes with its action: a
    # record often lands in a later commit than the list edit it approves (an extra key)
    approved_by: tuple[str, ...] = ()
    merge: bool = False
    renamed: tuple[str, str] | None = None  # the township's file, moved or renamed
    unreadable: tuple[str, ...] = ()  # the list did not parse at this commit

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "commit": self.commit,
            "author": self.author,
            "date": self.date,
            "message": self.message,
            "records": list(self.records),
            "changes": [c.as_json(with_township=False) for c in self.changes],
        }
        later = [r for r in self.approved_by if r not in self.records]
        if later:  # an extra key, only when it says more than `records`
            out["approved_by"] = later
        if self.unreadable:
            out["unreadable"] = list(self.unreadable)
        return out


@dataclass
class HistoryResult:
    township: str
    name: str
    revision: str
    item: str | None
    entries: list[HistoryEntry]
    boundary: tuple[str, ...] = ()  # shallow-clone commits where the visible history stops

    @property
    def truncated(self) -> bool:
        return bool(self.boundary)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "township": self.township,
            "entries": [e.as_json() for e in self.entries],
        }
        if self.truncated:
            out["truncated"] = True
        return out


class _Trail:
    """The versions of one township's list that a log touches, each blob parsed at most once."""

    def __init__(self, code: str, repository: Repository, log: Sequence[CommitChanges]) -> None:
        self.code = code
        self.name = ""
        self._repository = repository  # blobs stream from one cat-file process, read when used
        self._reader = VersionReader()
        self._states: dict[str, TownshipState | None] = {}
        self._unreadable: set[str] = set()
        self._mentions: dict[str, bool] = {}  # misnamed files: does the version name the code?
        self._previous: dict[str, str] = {}  # a version -> the one it replaced
        for commit in log:
            for change in (c for diff in commit.diffs for c in diff):
                if change.old_blob and self._holds(change.new_blob, change.new):
                    self._previous.setdefault(str(change.new_blob), change.old_blob)

    def _holds(self, blob: str | None, name: str | None) -> bool:
        """Whether this version may hold the township (a misnamed file: if it names the code)."""
        if blob is None or name is None or not _may_hold(name, self.code):
            return False
        if _NAMED.match(PurePosixPath(name).stem):
            return True
        if blob not in self._mentions:
            self._mentions[blob] = self.code.encode() in self._read(blob)
        return self._mentions[blob]

    def _read(self, blob: str) -> bytes:
        return self._repository.read_blobs([blob])[blob]

    def _parse(self, blob: str, name: str) -> TownshipState | None:
        if blob not in self._states:
            state = self._reader.state(self._read(blob), file=name)
            if state is None:
                self._unreadable.add(blob)
            self._states[blob] = state if state is not None and state.code == self.code else None
        return self._states[blob]

    def _readable_before(self, blob: str, name: str) -> TownshipState | None:
        """The version a change replaced; a broken one is looked through to the last good one."""
        seen: set[str] = set()
        state = self._parse(blob, name)
        while blob in self._unreadable and blob not in seen:
            seen.add(blob)
            previous = self._previous.get(blob)
            if previous is None:
                return None
            blob = previous
            state = self._parse(blob, name)
        return state

    def touches(self, commit: CommitChanges) -> bool:
        return any(self._holds(b, n) for diff in commit.diffs for c in diff for b, n in _sides(c))

    def _changes(self, diff: Iterable[BlobChange]) -> tuple[list[ItemChange], list[str]]:
        before: TownshipState | None = None
        after: TownshipState | None = None
        unreadable: list[str] = []
        for change in diff:
            if change.old and change.old_blob and self._holds(change.old_blob, change.old):
                before = before or self._readable_before(change.old_blob, change.old)
            if change.new and change.new_blob and self._holds(change.new_blob, change.new):
                after = after or self._parse(change.new_blob, change.new)
                if change.new_blob in self._unreadable:
                    unreadable.append(change.new)
        if unreadable:
            return [], unreadable
        found = after or before
        if found is not None and not self.name:
            self.name = found.name
        return diff_states(*_differing(self.code, before, after))[0], []

    def entry(self, commit: CommitChanges) -> HistoryEntry | None:
        info = commit.commit
        merge = len(info.parents) > 1
        if len(commit.diffs) < len(info.parents):  # identical to a parent on these paths
            return None
        per_parent = [self._changes(diff) for diff in commit.diffs]
        unreadable = sorted({name for _, names in per_parent for name in names})
        common = set.intersection(*({c.item for c in found} for found, _ in per_parent))
        changes = tuple(c for c in per_parent[0][0] if c.item in common)
        if not changes and not unreadable:
            return None
        records = set.intersection(*(set(_records(diff)) for diff in commit.diffs))
        return HistoryEntry(
            info.sha,
            info.author,
            info.date,
            info.subject,
            tuple(sorted(records)),
            changes,
            merge=merge,
            renamed=self._renamed(commit.diffs[0]),
            unreadable=tuple(unreadable),
        )

    def _renamed(self, diff: Iterable[BlobChange]) -> tuple[str, str] | None:
        for change in diff:
            if change.status != "R" or not change.old or not change.new:
                continue
            if self._holds(change.old_blob, change.old) or self._holds(change.new_blob, change.new):
                return change.old, change.new
        return None


def _differing(
    code: str, before: TownshipState | None, after: TownshipState | None
) -> tuple[dict[str, TownshipState], dict[str, TownshipState]]:
    """The two states cut down to the items that differ: most commits touch a few of hundreds."""
    old = before.items if before else {}
    new = after.items if after else {}
    kept = [i for i in old.keys() | new.keys() if old.get(i) != new.get(i)]
    return (
        {code: replace(before, items={i: old[i] for i in kept if i in old})} if before else {},
        {code: replace(after, items={i: new[i] for i in kept if i in new})} if after else {},
    )


def _sides(change: BlobChange) -> list[tuple[str, str]]:
    sides = ((change.old_blob, change.old), (change.new_blob, change.new))
    return [(blob, name) for blob, name in sides if blob and name]


def _records(diff: Iterable[BlobChange]) -> list[str]:
    """Ids of the adjustment records a diff adds or changes (the file name is <id>.yaml)."""
    return [
        PurePosixPath(c.new).stem
        for c in diff
        if c.new and c.new.startswith(ADJUSTMENTS + "/") and c.new.endswith((".yaml", ".yml"))
    ]


def check_code(code: str) -> None:
    if not CODE.fullmatch(code):
        raise UsageError(
            messages.text("history.bad_code", code=code), hint=messages.text("history.code.hint")
        )


def township_history(
    root: Path, code: str, *, item: str | None = None, revision: str = "HEAD"
) -> HistoryResult:
    """`dutylist history CODE [--item ID] [--rev REV]`: the commits that changed a township."""
    check_code(code)
    repository = Repository(root)
    tip = repository.resolve(revision)
    result = history_at(repository, tip, code, item=item, revision=revision)
    result.entries = link_records(root, tip, result.entries, township=code)
    return result


def link_records(
    root: Path, tip: str, entries: list[HistoryEntry], *, township: str
) -> list[HistoryEntry]:
    """Each entry with the records (at ``tip``) that list one of its changes, action and all."""
    from dutylist_cli.gate.routing import load_state_documents, why_not

    records, _ = load_state_documents(root, tip)
    listing: dict[str, list[tuple[str, Any]]] = {}
    for record_id, (record, _file) in records.items():
        for listed in record.changes:
            if listed.township == township:
                listing.setdefault(listed.item, []).append((record_id, listed))
    linked = []
    for entry in entries:
        approving = sorted(
            {
                record_id
                for change in entry.changes
                for record_id, listed in listing.get(change.item, [])
                if why_not(listed, change) is None
            }
        )
        linked.append(replace(entry, approved_by=tuple(approving)))
    return linked


def history_at(
    repository: Repository, tip: str, code: str, *, item: str | None, revision: str
) -> HistoryResult:
    log = repository.log_changes(tip, (LISTS, ADJUSTMENTS))
    trail = _Trail(code, repository, log)
    shallow = repository.shallow_boundary()
    entries: list[HistoryEntry] = []
    boundary: list[str] = []
    for commit in log:
        if commit.commit.sha in shallow:  # its parents are missing: it did not create the items
            if trail.touches(commit):
                boundary.append(commit.commit.sha)
            continue
        entry = trail.entry(commit)
        if entry is None:
            continue
        if item is not None:
            changes = tuple(c for c in entry.changes if c.item == item)
            if not changes:
                continue
            entry = replace(entry, changes=changes)
        entries.append(entry)
    return HistoryResult(code, trail.name, revision, item, entries, tuple(boundary))


def township_at(repository: Repository, commit: str, code: str) -> TownshipState | None:
    """The township at a commit, from the files that are (or may be) its list."""
    files = {n: b for n, b in repository.tree(commit, LISTS).items() if _may_hold(n, code)}
    blobs: Mapping[str, bytes] = repository.read_blobs(files.values())
    for name, blob in files.items():
        if _NAMED.match(PurePosixPath(name).stem) or code.encode() in blobs[blob]:
            state = township_state(blobs[blob], file=name)
            if state is not None and state.code == code:
                return state
    return None


def _may_hold(name: str, code: str) -> bool:
    """A list file named for the township, or one whose name names no township at all."""
    path = PurePosixPath(name)
    if not name.startswith(LISTS + "/") or path.suffix not in (".yaml", ".yml"):
        return False
    named = _NAMED.match(path.stem)
    if named:
        return named.group(1) == code
    return not path.stem.isdigit()  # a county registry is <county code>.yaml
