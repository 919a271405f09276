"""The core of `dutylist diff`: item-level changes between two states of the township lists.

Items are matched by ``id`` within a township, and a township is its 9-digit code, so a list
file renamed or moved in git stays the same township. Only files whose content differs are
parsed, which keeps a diff of two province-wide commits to the lists that changed.

Editorial threshold (documented in README): a modification is editorial when it touches no
field of substance (lead, partners, department, domain, penalty_powers, handover, category) and
every changed text is the same after removing punctuation, white space and full-/half-width
differences, or differs by at most ``SMALL_EDIT_CHARS`` characters with a similarity of at
least ``SMALL_EDIT_RATIO``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from dutylist_cli import messages
from dutylist_cli.checks.text import wording
from dutylist_cli.errors import UsageError
from dutylist_cli.store.yaml_source import parse_file

CATEGORIES = ("basic", "cooperative", "recovered")
SUBSTANCE_FIELDS = frozenset(
    {"lead", "partners", "department", "domain", "penalty_powers", "handover"}
)
TEXT_FIELDS = frozenset(
    {
        "name",
        "content",
        "department_duties",
        "township_duties",
        "working_mode",
        "remarks",
        "basis",
        "units",
        "posts",
        "source",
    }
)
SMALL_EDIT_CHARS = 3
SMALL_EDIT_RATIO = 0.9
# characters that turn a duty into its opposite: an edit touching them is never editorial
NEGATIONS = ("不", "非", "禁", "无", "未", "免", "勿", "否")
RENAME_RATIO = 0.6


@dataclass(frozen=True)
class ItemRecord:
    """One item of one township at one state: its category and its fields."""

    category: str
    fields: Mapping[str, Any]


@dataclass
class TownshipState:
    code: str
    name: str
    file: str
    items: dict[str, ItemRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemChange:
    township: str
    item: str
    change: str  # added | removed | moved | modified
    category: str | None = None  # the category (new one for moved items: see to)
    source: str | None = None  # moved: from
    target: str | None = None  # moved: to
    fields: tuple[str, ...] = ()
    editorial: bool | None = None
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None

    def as_json(self, *, with_township: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"township": self.township} if with_township else {}
        out["item"] = self.item
        out["change"] = self.change
        if self.change == "moved":
            out["from"] = self.source
            out["to"] = self.target
            if self.fields:
                out["fields"] = list(self.fields)
        else:
            out["category"] = self.category
        if self.change == "modified":
            out["fields"] = list(self.fields)
            out["editorial"] = self.editorial
        return out


@dataclass(frozen=True)
class SuspectChange:
    """What a plain diff hides: a likely rename, or a duty coming back in another category."""

    township: str
    kind: str  # rename | returned (明减暗增)
    old_item: str
    new_item: str
    old_category: str
    new_category: str
    similarity: float

    def as_json(self) -> dict[str, Any]:
        return {
            "township": self.township,
            "kind": self.kind,
            "old_item": self.old_item,
            "new_item": self.new_item,
            "old_category": self.old_category,
            "new_category": self.new_category,
            "similarity": round(self.similarity, 3),
        }


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[ItemChange]
    suspects: list[SuspectChange]
    townships: dict[str, str]  # code -> name, for grouping in reports
    unreadable: list[str] = field(default_factory=list)  # files that did not parse

    def as_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "changes": [c.as_json() for c in self.changes],
            "suspects": [s.as_json() for s in self.suspects],
        }


# -- reading states ------------------------------------------------------------------------------
def township_state(raw: bytes, *, file: str) -> TownshipState | None:
    """A township's items from a list file's bytes; None when it is not a readable list."""
    parsed = parse_file(raw, file=file)
    data = parsed.data
    if not parsed.ok or not isinstance(data, dict):
        return None
    township = data.get("township")
    if not isinstance(township, dict) or not isinstance(township.get("code"), str):
        return None
    state = TownshipState(str(township["code"]), str(township.get("name", "")), file)
    for category in CATEGORIES:
        entries = data.get(category) or []
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                fields = {k: v for k, v in entry.items() if k != "id"}
                state.items.setdefault(entry["id"], ItemRecord(category, fields))
    return state


def is_list_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        name.startswith("lists/")
        and path.suffix in (".yaml", ".yml")
        and "-" in path.stem
        and not path.stem.isdigit()
    )


# -- comparing -----------------------------------------------------------------------------------
_normal = wording


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return "" if value is None else str(value)


def is_small_edit(old: Any, new: Any) -> bool:
    """Wording only: equal after normalising, or a few characters changed in a similar text."""
    a, b = _normal(_as_text(old)), _normal(_as_text(new))
    if a == b:
        return True
    if abs(len(a) - len(b)) > SMALL_EDIT_CHARS:
        return False  # each character of the difference in length is an edit: no need to align
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SMALL_EDIT_RATIO or matcher.quick_ratio() < SMALL_EDIT_RATIO:
        return False
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in opcodes)
    edited = "".join(a[i1:i2] + b[j1:j2] for _, i1, i2, j1, j2 in opcodes)
    if any(word in edited for word in NEGATIONS):
        return False  # 负责 → 不负责 is three characters but the opposite duty
    return changed <= SMALL_EDIT_CHARS and matcher.ratio() >= SMALL_EDIT_RATIO


def compare_items(code: str, item: str, old: ItemRecord, new: ItemRecord) -> ItemChange | None:
    keys = sorted(set(old.fields) | set(new.fields))
    changed = tuple(k for k in keys if old.fields.get(k) != new.fields.get(k))
    if old.category != new.category:
        return ItemChange(
            code,
            item,
            "moved",
            category=new.category,
            source=old.category,
            target=new.category,
            fields=changed,
            editorial=False,
            before=old.fields,
            after=new.fields,
        )
    if not changed:
        return None
    editorial = all(
        k in TEXT_FIELDS and is_small_edit(old.fields.get(k), new.fields.get(k)) for k in changed
    )
    return ItemChange(
        code,
        item,
        "modified",
        category=new.category,
        fields=changed,
        editorial=editorial,
        before=old.fields,
        after=new.fields,
    )


def diff_states(
    old: Mapping[str, TownshipState], new: Mapping[str, TownshipState]
) -> tuple[list[ItemChange], list[SuspectChange]]:
    """Item-level changes between two sets of townships keyed by code."""
    changes: list[ItemChange] = []
    suspects: list[SuspectChange] = []
    for code in sorted(set(old) | set(new)):
        before = old[code].items if code in old else {}
        after = new[code].items if code in new else {}
        township_changes: list[ItemChange] = []
        for item in sorted(set(before) | set(after), key=lambda i: _item_order(i, before, after)):
            if item not in after:
                record = before[item]
                township_changes.append(
                    ItemChange(
                        code, item, "removed", category=record.category, before=record.fields
                    )
                )
            elif item not in before:
                record = after[item]
                township_changes.append(
                    ItemChange(code, item, "added", category=record.category, after=record.fields)
                )
            else:
                change = compare_items(code, item, before[item], after[item])
                if change is not None:
                    township_changes.append(change)
        changes.extend(township_changes)
        suspects.extend(find_suspects(code, township_changes))
    return changes, suspects


def _item_order(
    item: str, before: Mapping[str, ItemRecord], after: Mapping[str, ItemRecord]
) -> tuple[int, str]:
    record = after.get(item) or before[item]
    return CATEGORIES.index(record.category), item


_DUTY_FIELDS = ("content", "township_duties", "working_mode")


def _texts(fields: Mapping[str, Any]) -> tuple[str, str]:
    """An item's name and duties, normalised once for the pairwise comparisons of suspects."""
    duties = " ".join(_as_text(fields.get(k)) for k in _DUTY_FIELDS)
    return _normal(_as_text(fields.get("name"))), _normal(duties)


def _ratio(a: str, b: str, floor: float) -> float:
    """difflib's ratio of a and b, or 0.0 when its cheap upper bounds show it is below floor."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _pair_score(old: tuple[str, str], new: tuple[str, str], floor: float = 0.0) -> float:
    """The better of the name and the duties similarity (0.0 when both are below floor)."""
    name = _ratio(old[0], new[0], floor)
    duties = _ratio(old[1], new[1], floor) if old[1] and new[1] else 0.0
    return max(name, duties)


def find_suspects(code: str, changes: Iterable[ItemChange]) -> list[SuspectChange]:
    """Removed items that come back, renamed or in another category, under a new id."""
    changes = list(changes)
    removed = [
        (c, _texts(c.before)) for c in changes if c.change == "removed" and c.before is not None
    ]
    added = [(c, _texts(c.after)) for c in changes if c.change == "added" and c.after is not None]
    suspects: list[SuspectChange] = []
    taken: set[str] = set()
    for gone, gone_texts in removed:
        best: tuple[float, ItemChange] | None = None
        for new, new_texts in added:
            if new.item in taken:
                continue
            # pairs that cannot reach the threshold, or beat the best so far, are cut short:
            # a township whose ids were all renumbered stays quick
            floor = RENAME_RATIO if best is None else max(RENAME_RATIO, best[0])
            score = _pair_score(gone_texts, new_texts, floor)
            if score >= RENAME_RATIO and (best is None or score > best[0]):
                best = (score, new)
        if best is None:
            continue
        score, new = best
        taken.add(new.item)
        # 明减暗增: the township still carries the duty, in another category, under a new id;
        # coming back as recovered (the county department now holds it) is no such thing
        returned = gone.category != new.category and new.category in ("basic", "cooperative")
        kind = "returned" if returned else "rename"
        suspects.append(
            SuspectChange(
                code, kind, gone.item, new.item, gone.category or "", new.category or "", score
            )
        )
    return suspects


# -- the verb -------------------------------------------------------------------------------------
def diff_files(old_path: Path, new_path: Path, *, old_label: str, new_label: str) -> DiffResult:
    """`dutylist diff --files A B`: the two files are two states of one township."""
    raw: list[bytes] = []
    for path, label in ((old_path, old_label), (new_path, new_label)):
        try:
            raw.append(path.read_bytes())
        except OSError as exc:
            raise UsageError(messages.text("path.missing", path=label)) from exc
    old_state = township_state(raw[0], file=old_label)
    new_state = township_state(raw[1], file=new_label)
    unreadable = [
        label for label, state in ((old_label, old_state), (new_label, new_state)) if state is None
    ]
    present = new_state or old_state
    if present is None:
        return DiffResult(old_label, new_label, [], [], {}, unreadable)
    code = present.code
    old_map = {code: old_state} if old_state else {}
    new_map = {code: new_state} if new_state else {}
    changes, suspects = diff_states(old_map, new_map)
    names = {code: present.name}
    return DiffResult(old_label, new_label, changes, suspects, names, unreadable)


def diff_revisions(
    root: Path, old: str | None, new: str | None, *, paths: Iterable[str] = ()
) -> DiffResult:
    """`dutylist diff [OLD [NEW]]`: NEW None is the working tree, OLD None is HEAD."""
    from dutylist_cli.store.git import WORKTREE, Repository

    repository = Repository(root)
    old_sha = repository.resolve(old or "HEAD")
    new_sha = repository.resolve(new) if new is not None else None
    changed = repository.changed(old_sha, new_sha, folders=["lists"])
    old_names = [c.old for c in changed if c.old and is_list_name(c.old)]
    new_names = [c.new for c in changed if c.new and is_list_name(c.new)]
    unreadable: list[str] = []
    old_states = _states_at(repository, old_sha, old_names, unreadable)
    if new_sha is None:
        new_states = _states_on_disk(root, new_names, unreadable)
    else:
        new_states = _states_at(repository, new_sha, new_names, unreadable)
    wanted = tuple(p for p in paths if p not in ("", "."))
    if wanted:
        # by township, not by file name: a list renamed in git (or moved by hand, which git
        # sees as a deletion and a new file) is kept whole when either of its names is asked
        keep = {
            code
            for states in (old_states, new_states)
            for code, state in states.items()
            if _wanted(state.file, wanted)
        }
        old_states = {code: s for code, s in old_states.items() if code in keep}
        new_states = {code: s for code, s in new_states.items() if code in keep}
        unreadable = [name for name in unreadable if _wanted(name, wanted)]
    changes, suspects = diff_states(old_states, new_states)
    names = {code: state.name for code, state in {**old_states, **new_states}.items()}
    return DiffResult(old or "HEAD", new or WORKTREE, changes, suspects, names, unreadable)


def _wanted(name: str, paths: tuple[str, ...]) -> bool:
    return not paths or any(name == p or name.startswith(p.rstrip("/") + "/") for p in paths)


def _states_at(
    repository: Any, revision: str, names: list[str], unreadable: list[str]
) -> dict[str, TownshipState]:
    if not names:
        return {}
    tree = repository.tree(revision, "lists")
    shas = {name: tree[name] for name in names if name in tree}
    blobs = repository.read_blobs(shas.values())
    states: dict[str, TownshipState] = {}
    for name, sha in shas.items():
        state = township_state(blobs[sha], file=name)
        if state is None:
            unreadable.append(name)
        else:
            states.setdefault(state.code, state)
    return states


def _states_on_disk(
    root: Path, names: list[str], unreadable: list[str]
) -> dict[str, TownshipState]:
    states: dict[str, TownshipState] = {}
    for name in names:
        try:
            raw = (root / name).read_bytes()
        except OSError:
            continue
        state = township_state(raw, file=name)
        if state is None:
            unreadable.append(name)
        else:
            states.setdefault(state.code, state)
    return states
