"""Checking one data file: parse, schema, the rules of its kind, and locating every finding."""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dutylist_cli.checks.partial import (
    HasItems,
    PartialList,
    RawItem,
    build_item_index,
    build_partial_list,
    county_of_folder,
    item_digest,
    iter_model_items,
    iter_raw_items,
    township_of_file,
)
from dutylist_cli.checks.records import ItemIndex, TownshipIndex
from dutylist_cli.checks.references import (
    check_against_registry,
    check_config,
    check_departments,
    check_domains,
    check_registry,
)
from dutylist_cli.checks.schema import check_schema
from dutylist_cli.checks.township import check_each_item, check_edition, check_township_list
from dutylist_cli.diagnostics import Diagnostic, Severity, json_pointer
from dutylist_cli.model.config import RepositoryConfig
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.kinds import (
    ADJUSTMENT_SCHEMA,
    ASSESSMENT_SCHEMA,
    CONFIG_SCHEMA,
    COUNTY_SCHEMA,
    TEMPORARY_TASK_SCHEMA,
    TOWNSHIP_LIST_SCHEMA,
)
from dutylist_cli.model.township import TownshipList
from dutylist_cli.store.data_files import ALL_TOWNSHIPS
from dutylist_cli.store.layout import CONFIG_NAME
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import ParsedFile, parse_file

if TYPE_CHECKING:
    from dutylist_cli.checks.assessments import AssessedTownship
    from dutylist_cli.matching import Lexicon
    from dutylist_cli.store.data_files import DataFile

Result = tuple[list[Diagnostic], dict[str, Any]]

_SCHEMAS_BY_KIND = {
    "config": (CONFIG_SCHEMA,),
    "registry": (COUNTY_SCHEMA, TOWNSHIP_LIST_SCHEMA),
    "list": (TOWNSHIP_LIST_SCHEMA, COUNTY_SCHEMA),
    "adjustment": (ADJUSTMENT_SCHEMA,),
    "temporary": (TEMPORARY_TASK_SCHEMA,),
    "assessment": (ASSESSMENT_SCHEMA,),
}
_PLACE_BY_SCHEMA = {
    CONFIG_SCHEMA: "应位于数据目录顶层 dutylist.yaml / it belongs at the top: dutylist.yaml",
    COUNTY_SCHEMA: "应为 lists/<县级代码>-<县级名称>/<县级代码>.yaml / it belongs at "
    "lists/<county code>-<county name>/<county code>.yaml",
    TOWNSHIP_LIST_SCHEMA: "应为 lists/<县级代码>-<县级名称>/<乡镇代码>-<名称>.yaml / it belongs "
    "at lists/<county code>-<county name>/<township code>-<name>.yaml",
    ADJUSTMENT_SCHEMA: "应为 adjustments/<县级代码>/<记录编号>.yaml / it belongs at "
    "adjustments/<county code>/<record id>.yaml",
    TEMPORARY_TASK_SCHEMA: "应为 temporary/<县级代码>/<任务编号>.yaml / it belongs at "
    "temporary/<county code>/<task id>.yaml",
    ASSESSMENT_SCHEMA: "应为 assessments/<县级代码>/<考核编号>.yaml / it belongs at "
    "assessments/<county code>/<id>.yaml",
}


class CheckContext:
    """What checking a file may consult: the config, registries and other lists, loaded lazily.

    Records and tasks see the province's townships through one directory, built once a run from
    the lists' facts; a township's items are indexed at most once a run: kept from checking its
    list when a record was known to name it (``wanted``), otherwise read when a rule first asks.
    """

    def __init__(self, root: Path, files: Mapping[str, DataFile], *, today: dt.date) -> None:
        self.root = root
        self.files = files
        self.today = today
        self._known_facts: Mapping[str, dict[str, Any]] = {}
        self._models: dict[str, Any] = {}
        self._directory: _TownshipDirectory | None = None
        # township codes, and counties ("<county>:all"), whose item index a record will want
        self.wanted: frozenset[str] = frozenset()
        self.indexes: dict[str, ItemIndex] = {}  # list file -> its items, kept for the records
        self._read_ahead: dict[str, ParsedFile] = {}  # records read for their needs, not checked
        self._assessed: tuple[str, dict[str, AssessedTownship]] | None = None
        self._lexicon: Lexicon | None = None

    @property
    def known_facts(self) -> Mapping[str, dict[str, Any]]:
        return self._known_facts

    @known_facts.setter
    def known_facts(self, facts: Mapping[str, dict[str, Any]]) -> None:
        self._known_facts = facts
        self._directory = None

    # -- lazily loaded documents ---------------------------------------------------------------
    def model(self, name: str) -> Any:
        if name not in self._models:
            data_file = self.files.get(name)
            model = None
            if data_file is not None:
                parsed = _read(data_file)
                if parsed.ok:
                    model, _ = check_schema(parsed.data, file=name)
            self._models[name] = model
        return self._models[name]

    def config(self) -> RepositoryConfig | None:
        model = self.model(CONFIG_NAME)
        return model if isinstance(model, RepositoryConfig) else None

    def registry_for(self, folder: str, county: str) -> CountyRegistry | None:
        candidate = f"{folder}/{county}.yaml"
        for name in (candidate, candidate[:-5] + ".yml"):
            model = self.model(name) if name in self.files else None
            if isinstance(model, CountyRegistry):
                return model
        return None

    def townships(self) -> _TownshipDirectory:
        if self._directory is None:
            self._directory = _TownshipDirectory(self)
        return self._directory

    def county_registry(self, county: str) -> CountyRegistry | None:
        """The registry of a county by its code (lists/<code>-<name>/<code>.yaml)."""
        for data_file in self.files.values():
            if (
                data_file.kind == "registry"
                and data_file.folder.rsplit("/", 1)[-1].split("-", 1)[0] == county
            ):
                found = self.registry_for(data_file.folder, county)
                if found is not None:
                    return found
        return None

    def assessed_townships(self, county: str) -> Mapping[str, AssessedTownship]:
        """Every township of the directory; the lists of ``county`` read when a rule asks
        (and forgotten when an assessment of another county comes: they are checked in order
        of their county folder, so a county's lists are read once)."""
        if self._assessed is not None and self._assessed[0] != county:
            for entry in self._assessed[1].values():
                entry.release()
        if self._assessed is None:
            from dutylist_cli.checks.assessments import AssessedTownship

            entries = {
                code: AssessedTownship(
                    code, entry.county, entry.file, functools.partial(self._list_data, entry.file)
                )
                for code, entry in self.townships().items()
            }
            self._assessed = (county, entries)
        self._assessed = (county, self._assessed[1])
        return self._assessed[1]

    def _list_data(self, name: str) -> Mapping[str, Any]:
        """A list's parsed data (what its items say, even with schema errors elsewhere)."""
        data_file = self.files.get(name)
        parsed = _read(data_file) if data_file is not None else None
        return parsed.data if parsed is not None and parsed.ok else {}

    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            from dutylist_cli.matching import load_lexicon

            self._lexicon = load_lexicon(self.root)
        return self._lexicon

    def item_index(self, name: str) -> ItemIndex:
        """The items of one list: kept from its check, else read once (the model is not kept)."""
        kept = self.indexes.pop(name, None)
        if kept is not None:
            return kept
        data_file = self.files.get(name)
        if data_file is None:
            return {}, {}
        parsed = _read(data_file)
        if not parsed.ok or parsed.data.get("schema") != TOWNSHIP_LIST_SCHEMA:
            return {}, {}
        model = check_schema(parsed.data, file=name)[0]
        if isinstance(model, TownshipList):
            return build_item_index(iter_model_items(model))
        return build_item_index(iter_raw_items(parsed.data))  # the ids a broken list still shows

    def record_needs(self, data_file: DataFile) -> dict[str, Any]:
        """The facts of a record or task that say which townships it names (read, not checked)."""
        parsed = self._read_ahead[data_file.name] = _read(data_file)
        model = check_schema(parsed.data, file=data_file.name)[0] if parsed.ok else None
        return _named_townships(model)

    # -- one file ------------------------------------------------------------------------------
    def check_file(self, data_file: DataFile) -> Result:
        parsed = self._read_ahead.pop(data_file.name, None) or _read(data_file)
        if not parsed.ok:
            return parsed.diagnostics, {}
        try:
            return self._check_parsed(data_file, parsed)
        except RecursionError:  # nesting the loader's depth check did not foresee
            return [
                Diagnostic(
                    file=data_file.name,
                    code="DL013",
                    severity=Severity.ERROR,
                    line=1,
                    column=1,
                    args={"detail": "RecursionError"},
                )
            ], {}

    def _check_parsed(self, data_file: DataFile, parsed: ParsedFile) -> Result:
        model, findings = check_schema(parsed.data, file=data_file.name)
        declared = parsed.data.get("schema")
        found: list[Diagnostic] = list(findings)
        facts: dict[str, Any] = {}
        if (
            isinstance(declared, str)
            and declared in _PLACE_BY_SCHEMA
            and (declared not in _SCHEMAS_BY_KIND.get(data_file.kind, ()))
        ):
            found.append(
                Diagnostic(
                    file=data_file.name,
                    code="DL014",
                    severity=Severity.ERROR,
                    pointer="/schema",
                    args={
                        "kind": declared,
                        "folder": data_file.folder or "/",
                        "expected": _PLACE_BY_SCHEMA[declared],
                    },
                )
            )
        elif model is not None:
            found.extend(self._rules(model, data_file, facts))
        elif data_file.kind == "list" and declared == TOWNSHIP_LIST_SCHEMA:
            # the parts that still validate are checked now, not in a later round
            found.extend(self._partial_rules(build_partial_list(parsed.data), data_file, facts))
        located = [_locate(parsed, d) for d in found]
        township = parsed.data.get("township")
        code = township.get("code") if isinstance(township, dict) else None
        if not isinstance(code, str) and data_file.kind == "list" and "county" in facts:
            code = township_of_file(data_file.name)  # a broken header: the file name says
        if isinstance(code, str):
            line, column = _header_code_position(parsed.text)
            facts.update(township=code, code_line=line, code_column=column)
        if isinstance(model, TownshipList):
            code, county = model.township.code, model.county.code
            self._index_items(
                data_file.name, iter_model_items(model), facts=facts, code=code, county=county
            )
        elif "county" in facts and data_file.kind == "list":
            self._index_items(
                data_file.name,
                iter_raw_items(parsed.data),
                facts=facts,
                code=code if isinstance(code, str) else None,
                county=facts["county"],
            )
        return located, facts

    def _index_items(
        self,
        name: str,
        items: Iterable[RawItem],
        *,
        facts: dict[str, Any],
        code: str | None,
        county: str,
    ) -> None:
        """A digest of what records may ask of this list; its index too, if a record wants it."""
        listed = list(items)
        facts["items"] = item_digest(listed)
        if code in self.wanted or f"{county}:{ALL_TOWNSHIPS}" in self.wanted:
            self.indexes[name] = build_item_index(listed)

    def _partial_rules(
        self, parts: PartialList, data_file: DataFile, facts: dict[str, Any]
    ) -> Iterator[Diagnostic]:
        """The rules of a list with schema errors, on its items and header parts that validate
        (rules that need the whole header wait for it: placement, code and kind, DL305).

        With its county unreadable, the folder's county stands in for it (a missing registry
        is then not reported: the header may name another county)."""
        county = parts.county.code if parts.county else county_of_folder(data_file.folder)
        facts["county"] = county
        yield from check_each_item(parts, file=data_file.name)
        if parts.edition is not None:
            yield from check_edition(parts.edition, file=data_file.name)
        yield from self._list_references(
            parts, data_file, county=county, missing=parts.county is not None
        )

    def _rules(
        self, model: Any, data_file: DataFile, facts: dict[str, Any]
    ) -> Iterator[Diagnostic]:
        name = data_file.name
        if isinstance(model, RepositoryConfig):
            yield from check_config(model, file=name)
        elif isinstance(model, CountyRegistry):
            facts["county"] = model.county.code
            yield from check_registry(model, file=name)
            yield from _registry_placement(model, name)
        elif isinstance(model, TownshipList):
            facts["county"] = model.county.code
            yield from check_township_list(model, file=name)
            yield from self._list_references(
                model, data_file, county=model.county.code, missing=True
            )
        elif _kind(model) == ADJUSTMENT_SCHEMA:
            from dutylist_cli.checks.records import check_adjustment

            facts.update(_named_townships(model))
            yield from check_adjustment(
                model, file=name, townships=self.townships(), today=self.today
            )
        elif _kind(model) == TEMPORARY_TASK_SCHEMA:
            from dutylist_cli.checks.records import check_temporary_task

            facts.update(_named_townships(model))
            yield from check_temporary_task(
                model, file=name, townships=self.townships(), today=self.today
            )
        elif _kind(model) == ASSESSMENT_SCHEMA:
            from dutylist_cli.checks.assessments import check_assessment

            facts.update(_named_townships(model))
            yield from check_assessment(
                model,
                file=name,
                townships=self.assessed_townships(model.county),
                registry=self.county_registry(model.county),
                lexicon=self.lexicon,
            )

    def _list_references(
        self, doc: HasItems, data_file: DataFile, *, county: str, missing: bool
    ) -> Iterator[Diagnostic]:
        """Domains against the config; departments (and the header) against the registry,
        a missing registry reported (DL304) when ``missing``."""
        name = data_file.name
        config = self.config()
        if config is not None:
            yield from check_domains(doc, file=name, config=config)
        registry = self.registry_for(data_file.folder, county) if county else None
        if registry is None and not missing:
            return
        if registry is None:
            expected = f"{data_file.folder}/{county}.yaml"
            state = (
                "有错误，无法使用（先修正它） / has errors and cannot be used (fix it first)"
                if expected in self.files or expected[:-5] + ".yml" in self.files
                else "不存在（按规范第 3 节建立） / is missing (create it as spec §3 shows)"
            )
            yield Diagnostic(
                file=name,
                code="DL304",
                severity=Severity.ERROR,
                pointer="/county",
                args={"expected": expected, "state": state},
            )
            return
        if isinstance(doc, TownshipList):
            yield from check_against_registry(doc, file=name, registry=registry)
        yield from check_departments(doc, file=name, registry=registry)


def _kind(model: Any) -> str | None:
    """The schema id of a validated model (its kind, without importing the other models)."""
    kind = getattr(model, "schema_", None)
    return kind if isinstance(kind, str) else None


def _named_townships(model: Any) -> dict[str, Any]:
    """A record's or task's county and the township codes it names (``all`` for every one)."""
    kind = _kind(model)
    if kind == ADJUSTMENT_SCHEMA:
        codes = [change.township for change in model.changes]
    elif kind == TEMPORARY_TASK_SCHEMA:
        codes = list(model.townships)
    elif kind == ASSESSMENT_SCHEMA:
        codes = [c for i in model.indicators for c in i.townships or ()]
    else:
        return {}
    return {"county": model.county, "townships": sorted(set(codes))}


def _header_code_position(text: str) -> tuple[int, int]:
    """Where township.code stands, found in the text (no source map needed for a fact)."""
    start = text.find("\ntownship:")
    index = text.find("code:", max(start, 0))
    if index < 0:
        return 1, 1
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _read(data_file: DataFile) -> ParsedFile:
    try:
        raw = read_data_file(data_file.path)
    except OSError as exc:
        return ParsedFile(
            data_file.name,
            diagnostics=[
                Diagnostic(
                    file=data_file.name,
                    code="DL010",
                    severity=Severity.ERROR,
                    line=1,
                    column=1,
                    args={"detail": exc.strerror or str(exc)},
                )
            ],
        )
    return parse_file(raw, file=data_file.name)


def _locate(parsed: ParsedFile, diagnostic: Diagnostic) -> Diagnostic:
    located = parsed.locate(diagnostic)
    first = located.args.get("first_line", "")
    if first.startswith("/"):
        line, _ = parsed.source_map().position(first)
        args = dict(located.args, first_line=str(line))
        located = Diagnostic(
            file=located.file,
            code=located.code,
            severity=located.severity,
            pointer=located.pointer,
            line=located.line,
            column=located.column,
            item=located.item,
            args=args,
        )
    return located


def _registry_placement(model: CountyRegistry, name: str) -> Iterator[Diagnostic]:
    path = PurePosixPath(name)
    expected_folder = f"lists/{model.county.code}-{model.county.name}"
    if path.name not in (f"{model.county.code}.yaml", f"{model.county.code}.yml"):
        yield Diagnostic(
            file=name,
            code="DL201",
            severity=Severity.ERROR,
            pointer=json_pointer(["county", "code"]),
            args={"expected": f"{model.county.code}.yaml"},
        )
    if path.parent.as_posix() != expected_folder:
        yield Diagnostic(
            file=name,
            code="DL202",
            severity=Severity.ERROR,
            pointer=json_pointer(["county"]),
            args={"expected": expected_folder + "/"},
        )


class _TownshipDirectory(Mapping[str, TownshipIndex]):
    """Township code -> its list (the first by name when two claim a code), built once a run."""

    def __init__(self, context: CheckContext) -> None:
        self._entries: dict[str, TownshipIndex] = {}
        self._by_county: dict[str, list[TownshipIndex]] = {}
        for name, facts in sorted(context.known_facts.items()):
            code = facts.get("township")
            if code and context.files[name].kind == "list" and code not in self._entries:
                entry = TownshipIndex(
                    code,
                    facts.get("county", ""),
                    name,
                    load=functools.partial(context.item_index, name),
                )
                self._entries[code] = entry
                self._by_county.setdefault(entry.county, []).append(entry)

    def release(self, county: str) -> None:
        """Forget the items read of a county's townships (records are checked county by county,
        and a record reads items of its own county only)."""
        for entry in self._by_county.get(county, ()):
            entry.release()

    def __getitem__(self, code: str) -> TownshipIndex:
        return self._entries[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


_WORKER_CONTEXT: CheckContext | None = None


def _check_in_worker(data_file: DataFile) -> tuple[Result, ItemIndex | None]:
    assert _WORKER_CONTEXT is not None
    result = _WORKER_CONTEXT.check_file(data_file)
    return result, _WORKER_CONTEXT.indexes.pop(data_file.name, None)


def check_in_parallel(
    context: CheckContext, files: list[DataFile], *, jobs: int | None
) -> list[Result]:
    """Check many lists in worker processes (forked, so they share what the parent loaded).

    The item indexes the records want come back with the results, into ``context.indexes``.
    """
    global _WORKER_CONTEXT
    context.config()
    for data_file in files:
        code = data_file.folder.rsplit("/", 1)[-1].split("-", 1)[0]
        context.registry_for(data_file.folder, code)
    workers = jobs or min(os.cpu_count() or 1, 8)
    if sys.platform == "win32" or workers < 2:
        return [context.check_file(f) for f in files]
    _WORKER_CONTEXT = context
    try:
        mp_context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp_context) as pool:
            chunk = max(1, min(32, len(files) // (workers * 8)))
            results = []
            for data_file, (result, index) in zip(
                files, pool.map(_check_in_worker, files, chunksize=chunk), strict=True
            ):
                results.append(result)
                if index is not None:
                    context.indexes[data_file.name] = index
            return results
    finally:
        _WORKER_CONTEXT = None
