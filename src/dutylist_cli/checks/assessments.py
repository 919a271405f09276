"""Rules for assessment indicators (DL7xx): 依单考核 — townships assessed on their own list only.

A township indicator applies to townships of its county (or ``[all]`` of them) and names the
items it assesses by id; each id is looked up in every township it applies to, since ids are
a township's own: ``C005`` may be cooperative in one list and recovered in the next. Findings
that share a place and a cause are reported once, naming every township concerned.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from dutylist_cli.checks.text import normalise_name
from dutylist_cli.diagnostics import Diagnostic, Severity, finding
from dutylist_cli.model.assessment import ALL, Assessment, Indicator
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.enums import AssessmentSubject

if TYPE_CHECKING:
    from dutylist_cli.matching import ItemIndex, Lexicon

E, W = Severity.ERROR, Severity.WARNING
CATEGORIES = ("basic", "cooperative", "recovered")
SHOWN_TOWNSHIPS = 5  # a finding names this many townships, then "等 N 个"
SUGGESTIONS = 3


@dataclass(frozen=True)
class ListedItem:
    """What the rules need of one list item: its category, name and who holds it if recovered."""

    id: str
    category: str
    name: str
    department: str | None = None


@dataclass
class AssessedTownship:
    """One township's list as the assessment rules read it: parsed once (``load``), on demand,
    and indexed for the matching engine only when an indicator needs items suggested."""

    code: str
    county: str
    file: str
    load: Callable[[], Mapping[str, Any]] | None = None
    _data: Mapping[str, Any] | None = field(default=None, repr=False)
    _items: dict[str, ListedItem] | None = field(default=None, repr=False)
    _index: ItemIndex | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return PurePosixPath(self.file).stem.partition("-")[2] or self.code

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）"

    def data(self) -> Mapping[str, Any]:
        if self._data is None:
            self._data = self.load() if self.load is not None else {}
        return self._data

    def items(self) -> dict[str, ListedItem]:
        if self._items is None:
            self._items = dict(_listed_items(self.data()))
        return self._items

    def closest(self, text: str, *, lexicon: Lexicon) -> list[ListedItem]:
        """The basic and cooperative items nearest ``text`` (a recovered item is never one to
        assess a township on), best first."""
        from dutylist_cli.matching import build_index, rank

        if self._index is None:
            self._index = build_index(self.data())
        ranking = rank(self._index, text, lexicon=lexicon, top=SUGGESTIONS + 5)
        items = self.items()
        found = [items[m.item.id] for m in ranking.matches if m.item.id in items]
        return [i for i in found if i.category != "recovered"][:SUGGESTIONS]

    def release(self) -> None:
        self._data = self._items = self._index = None


def _listed_items(data: Mapping[str, Any]) -> Iterator[tuple[str, ListedItem]]:
    """The items of a list's parsed data (a list with schema errors still shows its ids)."""
    for category in CATEGORIES:
        entries = data.get(category)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
                department = entry.get("department")
                name = entry.get("name")
                yield (
                    entry["id"],
                    ListedItem(
                        entry["id"],
                        category,
                        name if isinstance(name, str) else "",
                        department if isinstance(department, str) else None,
                    ),
                )


def check_assessment(
    doc: Assessment,
    *,
    file: str,
    townships: Mapping[str, AssessedTownship],
    registry: CountyRegistry | None,
    lexicon: Callable[[], Lexicon],
) -> Iterator[Diagnostic]:
    """Every rule of one assessment file, against the lists and registry of its county."""
    yield from _placement(doc, file=file)
    seen: set[str] = set()
    for index, indicator in enumerate(doc.indicators):
        path: list[str | int] = ["indicators", index]
        if indicator.id in seen:
            yield finding(
                file, "DL709", E, [*path, "id"], item=indicator.id, indicator=indicator.id
            )
        seen.add(indicator.id)
        yield from _fields_fit(doc.subject, indicator, file=file, path=path)
        if doc.subject is AssessmentSubject.TOWNSHIP:
            yield from _township_indicator(
                indicator,
                file=file,
                path=path,
                county=doc.county,
                townships=townships,
                lexicon=lexicon,
            )
        else:
            yield from _departments_known(
                indicator, file=file, path=path, county=doc.county, registry=registry
            )
    if doc.subject is AssessmentSubject.DEPARTMENT:
        yield from _list_execution(doc, file=file, registry=registry)


def _placement(doc: Assessment, *, file: str) -> Iterator[Diagnostic]:
    path = PurePosixPath(file)
    if path.stem != doc.id:
        yield finding(file, "DL704", E, ["id"], expected=f"{doc.id}{path.suffix}")
    if path.parent.as_posix() != f"assessments/{doc.county}":
        expected = f"assessments/{doc.county}/"
        yield finding(file, "DL705", E, ["county"], county=doc.county, expected=expected)


_NOT_FOR_TOWNSHIPS = (
    "乡镇考核指标不写 {key}（部门考核才写） / a township indicator takes no {key} (a department "
    "indicator does)"
)
_NOT_FOR_DEPARTMENTS = (
    "部门考核指标不写 {key}（乡镇考核才写） / a department indicator takes no {key} (a township "
    "indicator does)"
)


def _fields_fit(
    subject: AssessmentSubject, indicator: Indicator, *, file: str, path: list[str | int]
) -> Iterator[Diagnostic]:
    """A township indicator says townships and items; a department one departments."""
    if subject is AssessmentSubject.TOWNSHIP:
        if indicator.townships is None:
            reason = (
                "乡镇考核指标没有写明适用乡镇（townships） / a township indicator names no "
                "townships"
            )
            yield finding(file, "DL710", E, path, item=indicator.id, reason=reason)
        wrong = [k for k in ("departments", "list_execution") if _given(indicator, k)]
        template = _NOT_FOR_TOWNSHIPS
    else:
        if indicator.departments is None:
            reason = (
                "部门考核指标没有写明考核的部门（departments） / a department indicator names no "
                "departments"
            )
            yield finding(file, "DL710", E, path, item=indicator.id, reason=reason)
        wrong = [k for k in ("townships", "items") if _given(indicator, k)]
        template = _NOT_FOR_DEPARTMENTS
    for key in wrong:
        reason = template.format(key=key)
        yield finding(file, "DL710", E, [*path, key], item=indicator.id, reason=reason)


def _given(indicator: Indicator, key: str) -> bool:
    return key in indicator.model_fields_set and getattr(indicator, key) not in (None, False)


def _township_indicator(
    indicator: Indicator,
    *,
    file: str,
    path: list[str | int],
    county: str,
    townships: Mapping[str, AssessedTownship],
    lexicon: Callable[[], Lexicon],
) -> Iterator[Diagnostic]:
    applies: list[AssessedTownship] = []
    for position, code in enumerate(indicator.townships or ()):
        if code == ALL:
            of_county = [t for t in townships.values() if t.county == county]
            if not of_county:
                state = f"在 {county} 没有乡镇清单 / has no township lists in county {county}"
                yield finding(
                    file,
                    "DL706",
                    E,
                    [*path, "townships", position],
                    item=indicator.id,
                    township=ALL,
                    state=state,
                )
            applies.extend(sorted(of_county, key=lambda t: t.code))
            continue
        known = townships.get(code)
        if known is None or known.county != county:
            state = (
                f"在 {county} 没有清单 / has no list in county {county}"
                if known is None
                else f"不属于 {county}，属于 {known.county} / is not of county {county} but of "
                f"{known.county}"
            )
            yield finding(
                file,
                "DL706",
                E,
                [*path, "townships", position],
                item=indicator.id,
                township=code,
                state=state,
            )
            continue
        applies.append(known)
    applies = list({t.code: t for t in applies}.values())
    if not applies:
        return
    words = " ".join(part for part in (indicator.name, indicator.text or "") if part)
    if not indicator.items:
        where = [*path, "items"] if indicator.items is not None else path
        what = (
            f"指标 {indicator.id}“{indicator.name}”没有写明所考核的清单事项（items） / indicator "
            f"{indicator.id} '{indicator.name}' names no list item (items)"
        )
        closest = _closest(applies[0], words, lexicon=lexicon)
        yield finding(
            file, "DL702", E, where, item=indicator.id, what=what, closest=closest,
            township_codes=_codes(applies),
        )  # fmt: skip
        return
    for position, item_id in enumerate(indicator.items):
        where = [*path, "items", position]
        absent: list[AssessedTownship] = []
        recovered: dict[str, list[AssessedTownship]] = {}
        names: dict[str, str] = {}
        for township in applies:
            listed = township.items().get(item_id)
            if listed is None:
                absent.append(township)
            elif listed.category == "recovered":
                recovered.setdefault(listed.department or "", []).append(township)
                names.setdefault(listed.department or "", listed.name)
        for department, held in recovered.items():
            yield finding(
                file,
                "DL701",
                E,
                where,
                item=indicator.id,
                indicator=indicator.id,
                name=indicator.name,
                item_id=item_id,
                item_name=names[department],
                townships=_labels(held),
                department=department or "收回部门 / the department",
                township_codes=_codes(held),
            )
        if absent:
            what = (
                f"指标 {indicator.id}“{indicator.name}”考核的事项 {item_id} 不在"
                f"{_labels(absent, lang='zh')}的清单中 / indicator {indicator.id} "
                f"'{indicator.name}' assesses item {item_id}, which is not in the list of "
                f"{_labels(absent, lang='en')}"
            )
            closest = _closest(absent[0], words, lexicon=lexicon)
            yield finding(
                file, "DL702", E, where, item=indicator.id, what=what, closest=closest,
                township_codes=_codes(absent),
            )  # fmt: skip


def _closest(township: AssessedTownship, words: str, *, lexicon: Callable[[], Lexicon]) -> str:
    """``zh / en`` words naming the items of ``township`` nearest ``words``."""
    found = township.closest(words, lexicon=lexicon()) if words.strip() else []
    if not found:
        return (
            f"{township.name}清单中没有相近的基本或配合履职事项 / {township.name}'s list has no "
            "close basic or cooperative item"
        )
    zh = "、".join(f"{i.id} {i.name}" for i in found)
    en = ", ".join(f"{i.id} {i.name}" for i in found)
    return (
        f"{township.name}清单中最接近的事项：{zh} / the closest items in {township.name}'s list: "
        f"{en}"
    )


def _codes(townships: Sequence[AssessedTownship]) -> str:
    """Every township concerned, by code (the message names at most SHOWN_TOWNSHIPS of them;
    the supervision report counts each)."""
    return ",".join(t.code for t in townships)


def _labels(townships: Sequence[AssessedTownship], lang: str = "") -> str:
    """``东山街道（320115001）、秣陵街道（320115002）等 7 个乡镇（街道）`` (zh / en, or one)."""
    shown = townships[:SHOWN_TOWNSHIPS]
    more = len(townships) - len(shown)
    zh = "、".join(t.label for t in shown) + (f"等 {len(townships)} 个乡镇（街道）" if more else "")
    en = ", ".join(f"{t.name} ({t.code})" for t in shown) + (f" and {more} more" if more else "")
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def _county_label(county: str, registry: CountyRegistry | None) -> str:
    if registry is None:
        return f"{county}（没有县级部门名录） / {county} (no county registry)"
    return f"{registry.county.name}（{county}） / {registry.county.name} ({county})"


def _departments_known(
    indicator: Indicator,
    *,
    file: str,
    path: list[str | int],
    county: str,
    registry: CountyRegistry | None,
) -> Iterator[Diagnostic]:
    names = registry.canonical_names() if registry is not None else {}
    canonical = [d.name for d in registry.departments] if registry is not None else []
    by_normal = {normalise_name(n): c for n, c in names.items()}
    for position, name in enumerate(indicator.departments or ()):
        if name == ALL:
            continue
        where: list[str | int] = [*path, "departments", position]
        target = names.get(name) or by_normal.get(normalise_name(name))
        if target is None:
            close = difflib.get_close_matches(name, canonical, n=3, cutoff=0.4)
            yield finding(
                file,
                "DL707",
                E,
                where,
                item=indicator.id,
                name=name,
                county=_county_label(county, registry),
                suggestion="|".join(close),
            )
        elif target != name:
            yield finding(file, "DL708", W, where, item=indicator.id, alias=name, canonical=target)


def resolve_departments(
    names: Sequence[str] | None, registry: CountyRegistry | None
) -> set[str] | None:
    """The canonical departments ``names`` mean (None: every one, ``[all]``)."""
    if names is None:
        return set()
    if ALL in names:
        return None
    known = registry.canonical_names() if registry is not None else {}
    by_normal = {normalise_name(n): c for n, c in known.items()}
    return {known.get(n) or by_normal.get(normalise_name(n)) or n for n in names}


def _list_execution(
    doc: Assessment, *, file: str, registry: CountyRegistry | None
) -> Iterator[Diagnostic]:
    """县级部门综合考核应设置“清单执行情况”指标 — for every department it assesses."""
    marked = [(i, ind) for i, ind in enumerate(doc.indicators) if ind.list_execution]
    if not marked:
        reason = (
            f"县级部门考核“{doc.title}”没有“清单执行情况”指标 / department assessment "
            f"'{doc.title}' has no 清单执行情况 (list execution) indicator"
        )
        yield finding(file, "DL703", W, ["indicators"], reason=reason)
        return
    covered: set[str] = set()
    for _, indicator in marked:
        resolved = resolve_departments(indicator.departments, registry)
        if resolved is None:
            return
        covered |= resolved
    assessed: set[str] = set()
    for indicator in doc.indicators:
        resolved = resolve_departments(indicator.departments, registry)
        if resolved is None:  # [all]: every department of the registry is assessed
            resolved = {d.name for d in registry.departments} if registry is not None else set()
        assessed |= resolved
    missing = sorted(assessed - covered)
    if missing:
        index, indicator = marked[0]
        shown = "、".join(missing[:SHOWN_TOWNSHIPS])
        more = f"等 {len(missing)} 个部门" if len(missing) > SHOWN_TOWNSHIPS else ""
        en_more = f" and {len(missing) - SHOWN_TOWNSHIPS} more" if more else ""
        reason = (
            f"{shown}{more}受考核，但“清单执行情况”指标 {indicator.id} 没有考核它们 / "
            f"{', '.join(missing[:SHOWN_TOWNSHIPS])}{en_more} are assessed but the 清单执行情况 "
            f"indicator {indicator.id} does not cover them"
        )
        where: list[str | int] = ["indicators", index, "departments"]
        yield finding(file, "DL703", W, where, item=indicator.id, reason=reason)
