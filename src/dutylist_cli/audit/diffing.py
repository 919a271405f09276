"""The core of `dutylist diff`: item-level changes between two states of the township lists.

Items are matched by ``id`` within a township, and a township is its 9-digit code, so a list
file renamed or moved in git stays the same township. Only files whose content differs are
parsed, which keeps a diff of two province-wide commits to the lists that changed.

What is editorial (documented in README and ``route --explain``): a modification that touches
no field of substance (domain, penalty_powers, handover, category; lead, partners and department
as the county registry resolves them) and whose every changed text is the same after NFKC
normalisation (full/half width), case folding and removing punctuation and white space. A verb
of duty changed by one character (及时报告 → 及时查处) is substance. A policy may opt in to a
small-edit allowance (``policy: {editorial: {max_chars: 3, min_ratio: 0.9}}``); never by default.

Departments are compared as the registries of each state resolve them: a list that names its
lead by an alias gets another lead when a registry moves the alias, and that is a modification.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from dutylist_cli import messages
from dutylist_cli.audit.department_names import (
    DEPARTMENT_FIELDS,
    NO_NAMES,
    DepartmentNames,
    RegistryReader,
    county_folder,
    is_registry_name,
    remapped,
    resolved,
)
from dutylist_cli.checks.text import wording
from dutylist_cli.errors import UsageError
from dutylist_cli.store.reading import read_data_file
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
# fields that say how people name an item, not what the township does: always wording
DISPATCH_FIELDS = frozenset({"keywords"})
# characters that turn a duty into its opposite: an edit touching them is never editorial
NEGATIONS = ("不", "非", "禁", "无", "未", "免", "勿", "否")
RENAME_RATIO = 0.6


@dataclass(frozen=True)
class WordingRule:
    """What may differ in a text that is still the same wording.

    The default allows nothing beyond normalisation; ``policy: editorial:`` may allow up to
    ``max_chars`` edited characters at a similarity of at least ``min_ratio``.
    """

    max_chars: int = 0
    min_ratio: float = 1.0


STRICT_WORDING = WordingRule()


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
    # the names of the county registry at this state
    departments: DepartmentNames = field(default_factory=dict)


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
    # department fields the list spells the same but the registry resolves otherwise:
    # (field, department before, department after)
    remapped: tuple[tuple[str, Any, Any], ...] = ()

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
        if self.remapped:
            out["remapped"] = {f: {"from": a, "to": b} for f, a, b in self.remapped}
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


def is_small_edit(old: Any, new: Any, rule: WordingRule = STRICT_WORDING) -> bool:
    """Wording only: equal after normalising, or (if the rule allows) a few characters edited."""
    a, b = _normal(_as_text(old)), _normal(_as_text(new))
    if a == b:
        return True
    if rule.max_chars <= 0 or abs(len(a) - len(b)) > rule.max_chars:
        return False  # each character of the difference in length is an edit: no need to align
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < rule.min_ratio or matcher.quick_ratio() < rule.min_ratio:
        return False
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    changed = sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in opcodes)
    edited = "".join(a[i1:i2] + b[j1:j2] for _, i1, i2, j1, j2 in opcodes)
    if any(word in edited for word in NEGATIONS):
        return False  # 负责 → 不负责 is three characters but the opposite duty
    return changed <= rule.max_chars and matcher.ratio() >= rule.min_ratio


def compare_items(
    code: str,
    item: str,
    old: ItemRecord,
    new: ItemRecord,
    *,
    wording: WordingRule = STRICT_WORDING,
    names: tuple[DepartmentNames, DepartmentNames] = (NO_NAMES, NO_NAMES),
) -> ItemChange | None:
    keys = sorted(set(old.fields) | set(new.fields))
    departments = {
        k: (resolved(old.fields.get(k), names[0]), resolved(new.fields.get(k), names[1]))
        for k in DEPARTMENT_FIELDS
        if k in keys
    }
    moved_names = tuple(
        (k, a, b)
        for k, (a, b) in departments.items()
        if a != b and old.fields.get(k) == new.fields.get(k)
    )
    changed = tuple(
        k
        for k in keys
        if old.fields.get(k) != new.fields.get(k) or any(m[0] == k for m in moved_names)
    )
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
            remapped=moved_names,
        )
    if not changed:
        return None

    def wording_only(key: str) -> bool:
        if key in departments:  # an alias written out as its canonical name, or back
            before, after = departments[key]
            return bool(before == after)
        if key in DISPATCH_FIELDS:
            return True
        return key in TEXT_FIELDS and is_small_edit(
            old.fields.get(key), new.fields.get(key), wording
        )

    return ItemChange(
        code,
        item,
        "modified",
        category=new.category,
        fields=changed,
        editorial=all(wording_only(k) for k in changed),
        before=old.fields,
        after=new.fields,
        remapped=moved_names,
    )


def diff_states(
    old: Mapping[str, TownshipState],
    new: Mapping[str, TownshipState],
    *,
    wording: WordingRule = STRICT_WORDING,
) -> tuple[list[ItemChange], list[SuspectChange]]:
    """Item-level changes between two sets of townships keyed by code."""
    changes: list[ItemChange] = []
    suspects: list[SuspectChange] = []
    for code in sorted(set(old) | set(new)):
        before = old[code].items if code in old else {}
        after = new[code].items if code in new else {}
        names = (
            old[code].departments if code in old else NO_NAMES,
            new[code].departments if code in new else NO_NAMES,
        )
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
                change = compare_items(
                    code, item, before[item], after[item], wording=wording, names=names
                )
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
def diff_files(
    old_path: Path,
    new_path: Path,
    *,
    old_label: str,
    new_label: str,
    wording: WordingRule = STRICT_WORDING,
) -> DiffResult:
    """`dutylist diff --files A B`: the two files are two states of one township."""
    raw: list[bytes] = []
    for path, label in ((old_path, old_label), (new_path, new_label)):
        try:
            raw.append(read_data_file(path))
        except OSError as exc:
            raise UsageError(messages.text("path.missing", path=label)) from exc
    states = []
    unreadable = []
    for data, label in zip(raw, (old_label, new_label), strict=True):
        state = township_state(data, file=label)
        if state is None and _not_a_list(data, label):
            # it reads as something else than a list: comparing it would say "no changes"
            raise UsageError(
                messages.text("diff.files.not_a_list", file=label),
                hint=messages.text("diff.files.not_a_list.hint"),
            )
        if state is None:
            unreadable.append(label)
        states.append(state)
    old_state, new_state = states
    present = new_state or old_state
    if present is None:
        return DiffResult(old_label, new_label, [], [], {}, unreadable)
    code = present.code
    old_map = {code: old_state} if old_state else {}
    new_map = {code: new_state} if new_state else {}
    changes, suspects = diff_states(old_map, new_map, wording=wording)
    names = {code: present.name}
    return DiffResult(old_label, new_label, changes, suspects, names, unreadable)


def _not_a_list(raw: bytes, label: str) -> bool:
    """YAML that parses (or is not a mapping at all) but holds no township: not a broken list."""
    parsed = parse_file(raw, file=label)
    return parsed.ok or any(d.code in _NOT_A_MAPPING for d in parsed.diagnostics)


_NOT_A_MAPPING = ("DL007", "DL010")  # a top level that is no mapping; a binary file


def diff_revisions(
    root: Path,
    old: str | None,
    new: str | None,
    *,
    paths: Iterable[str] = (),
    wording: WordingRule = STRICT_WORDING,
) -> DiffResult:
    """`dutylist diff [OLD [NEW]]`: NEW None is the working tree, OLD None is HEAD."""
    from dutylist_cli.store.git import WORKTREE, Repository

    repository = Repository(root)
    old_sha = repository.resolve(old or "HEAD")
    new_sha = repository.resolve(new) if new is not None else None
    old_side = _GitSide(repository, old_sha)
    new_side: _Side = _DiskSide(root) if new_sha is None else _GitSide(repository, new_sha)
    changed = repository.changed(old_sha, new_sha, folders=["lists"])
    old_names = [c.old for c in changed if c.old and is_list_name(c.old)]
    new_names = [c.new for c in changed if c.new and is_list_name(c.new)]
    # a registry that moves an alias changes the departments of lists it did not touch
    for folder in _remapped_folders(changed, old_side, new_side):
        old_names += [n for n in old_side.list_names() if county_folder(n) == folder]
        new_names += [n for n in new_side.list_names() if county_folder(n) == folder]
    unreadable: list[str] = []
    old_states = _states(old_side, list(dict.fromkeys(old_names)), unreadable)
    new_states = _states(new_side, list(dict.fromkeys(new_names)), unreadable)
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
    changes, suspects = diff_states(old_states, new_states, wording=wording)
    names = {code: state.name for code, state in {**old_states, **new_states}.items()}
    return DiffResult(old or "HEAD", new or WORKTREE, changes, suspects, names, unreadable)


def _wanted(name: str, paths: tuple[str, ...]) -> bool:
    return not paths or any(name == p or name.startswith(p.rstrip("/") + "/") for p in paths)


class _Side:
    """One state of the data root's lists: file names, contents and the county registries."""

    def __init__(self) -> None:
        self.registries = RegistryReader(self.read)

    def list_names(self) -> list[str]:
        raise NotImplementedError

    def read(self, names: Iterable[str]) -> dict[str, bytes]:
        raise NotImplementedError


class _GitSide(_Side):
    def __init__(self, repository: Any, revision: str) -> None:
        self._repository = repository
        self._revision = revision
        self._tree: dict[str, str] | None = None
        super().__init__()

    def _files(self) -> dict[str, str]:
        if self._tree is None:
            self._tree = self._repository.tree(self._revision, "lists")
        return self._tree

    def list_names(self) -> list[str]:
        return [name for name in self._files() if is_list_name(name)]

    def read(self, names: Iterable[str]) -> dict[str, bytes]:
        shas = {name: self._files()[name] for name in names if name in self._files()}
        blobs = self._repository.read_blobs(shas.values())
        return {name: blobs[sha] for name, sha in shas.items()}


class _DiskSide(_Side):
    def __init__(self, root: Path) -> None:
        self._root = root
        super().__init__()

    def list_names(self) -> list[str]:
        from dutylist_cli.store.layout import iter_data_names

        return [name for name in iter_data_names(self._root) if is_list_name(name)]

    def read(self, names: Iterable[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for name in names:
            try:
                found[name] = read_data_file(self._root / name)
            except OSError:
                continue
        return found


def _remapped_folders(changed: Iterable[Any], old: _Side, new: _Side) -> list[str]:
    """County folders whose registry, changed here, resolves some name to another department."""
    folders = {
        county_folder(name)
        for change in changed
        for name in (change.old, change.new)
        if name and is_registry_name(name)
    }
    return sorted(
        f for f in folders if remapped(old.registries.for_folder(f), new.registries.for_folder(f))
    )


def _states(side: _Side, names: list[str], unreadable: list[str]) -> dict[str, TownshipState]:
    if not names:
        return {}
    contents = side.read(names)
    states: dict[str, TownshipState] = {}
    for name in names:
        if name not in contents:
            continue
        state = township_state(contents[name], file=name)
        if state is None:
            unreadable.append(name)
        elif state.code not in states:
            state.departments = side.registries.for_list(name)
            states[state.code] = state
    return states
