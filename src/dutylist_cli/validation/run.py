"""The core of `dutylist validate`: every file of a data root checked, cached and located."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylist_cli.diagnostics import Diagnostic, Severity, ValidationResult, json_pointer
from dutylist_cli.store.cache import ValidationCache, digest
from dutylist_cli.store.data_files import ALL_TOWNSHIPS, DataFile, scan
from dutylist_cli.store.layout import CONFIG_NAME

if TYPE_CHECKING:
    from dutylist_cli.validation.checking import CheckContext

_PARALLEL_THRESHOLD = 48
_RECORD_KINDS = ("adjustment", "temporary", "assessment")


def validate(
    root: Path,
    *,
    selected: Sequence[Path] | None = None,
    today: dt.date,
    use_cache: bool = True,
    jobs: int | None = None,
) -> ValidationResult:
    """Validate the files named in ``selected`` (all data files when None).

    Each file is checked against the files it depends on (the config, its county registry, the
    lists a record names); results are cached per file and reused while nothing they depend on
    has changed.
    """
    files = scan(root)
    by_name = {f.name: f for f in files}
    chosen = files if selected is None else scan(root, selected)
    for extra in chosen:
        by_name.setdefault(extra.name, extra)
    session = _Session(
        root, by_name, today=today, cache=ValidationCache(root, enabled=use_cache), jobs=jobs
    )
    diagnostics = session.run([f.name for f in chosen])
    session.cache.save()
    diagnostics.sort(key=Diagnostic.sort_key)
    return ValidationResult(files=len(chosen), diagnostics=diagnostics)


class _Session:
    """One validation run: the dependency digests, the cache, and lazily loaded documents."""

    def __init__(
        self,
        root: Path,
        files: dict[str, DataFile],
        *,
        today: dt.date,
        cache: ValidationCache,
        jobs: int | None,
    ) -> None:
        self.root = root
        self.files = files
        self.today = today
        self.cache = cache
        self.jobs = jobs
        self._documents: dict[str, Any] = {}
        self._facts: dict[str, dict[str, Any]] = {}
        self._rows: dict[str, list[Diagnostic]] = {}
        self._prepare_digests()

    # -- dependency digests --------------------------------------------------------------
    def deps(self, data_file: DataFile, facts: dict[str, Any] | None = None) -> str:
        """What a file's result depends on besides its own bytes.

        A list: the config and its folder's registry. A record or task: the config, the day, and
        what it names of the lists of its county (which file holds each township, and a digest
        of that list's item ids and names), so editing a list re-checks only the records that
        name its township, and only when its items change.
        """
        if data_file.kind == "config":
            return ""
        if data_file.kind == "list":
            return self._folder_digests.get(data_file.folder) or self._config_digest
        if data_file.kind == "assessment":
            return self._assessment_digest(facts or {})
        if data_file.kind in _RECORD_KINDS:
            return self._record_digest(facts or {})
        return self._config_digest

    def _prepare_digests(self) -> None:
        config = self.files.get(CONFIG_NAME)
        self._config_digest = digest(config.stamp if config else "")
        registries: dict[str, list[str]] = {}
        for data_file in self.files.values():
            if data_file.kind == "registry":
                registries.setdefault(data_file.folder, []).append(data_file.stamp)
        self._folder_digests = {
            folder: digest(self._config_digest, *sorted(stamps))
            for folder, stamps in registries.items()
        }
        self._roster: dict[str, str] | None = None
        self._county_rosters: dict[str, list[str]] = {}

    def _township_roster(self) -> dict[str, str]:
        """Township code -> "file|county|items digest" of the list holding it (lists' facts)."""
        if self._roster is None:
            self._roster = {}
            for name in sorted(self._facts):
                facts = self._facts[name]
                code = facts.get("township")
                if code and self.files[name].kind == "list" and code not in self._roster:
                    county = facts.get("county", "")
                    self._roster[code] = f"{name}|{county}|{facts.get('items', '')}"
                    self._county_rosters.setdefault(county, []).append(code)
        return self._roster

    def _record_digest(self, facts: dict[str, Any]) -> str:
        roster = self._township_roster()
        parts = [self._config_digest, self.today.isoformat()]
        for code in facts.get("townships", ()):
            if code == ALL_TOWNSHIPS:
                county = facts.get("county", "")
                parts.append(f"{ALL_TOWNSHIPS}:{county}")
                parts += [f"{c}={roster[c]}" for c in self._county_rosters.get(county, [])]
            else:
                parts.append(f"{code}={roster.get(code, '')}")
        return digest(*parts)

    def _assessment_digest(self, facts: dict[str, Any]) -> str:
        """A record's dependencies, plus the whole of the lists it names (a recovered item's
        department and the texts the closest items are found by) and its county's registry."""
        roster = self._township_roster()
        county = facts.get("county", "")
        codes = [c for c in facts.get("townships", ()) if c != ALL_TOWNSHIPS]
        if ALL_TOWNSHIPS in facts.get("townships", ()):
            codes += self._county_rosters.get(county, [])
        stamps = []
        for code in dict.fromkeys(codes):
            name = roster.get(code, "").split("|", 1)[0]
            stamps.append(f"{code}={self.files[name].stamp if name in self.files else ''}")
        registries = [
            f"{folder}={value}"
            for folder, value in sorted(self._folder_digests.items())
            if folder.rsplit("/", 1)[-1].split("-", 1)[0] == county
        ]
        return digest(self._record_digest(facts), *stamps, *registries)

    # -- running ---------------------------------------------------------------------------
    def run(self, names: list[str]) -> list[Diagnostic]:
        order = {"config": 0, "registry": 1, "list": 2, "other": 2}
        needed = set(names)
        # every list's facts (its township code) feed the cross-file checks
        needed.update(f.name for f in self.files.values() if f.kind == "list")
        if any(self.files[n].kind in _RECORD_KINDS for n in names):
            needed.update(f.name for f in self.files.values() if f.kind == "registry")
        records = sorted(n for n in needed if self.files[n].kind in _RECORD_KINDS)
        misses: list[DataFile] = []
        for name in sorted(needed - set(records), key=lambda n: (order[self.files[n].kind], n)):
            data_file = self.files[name]
            entry = self.cache.lookup(name, data_file.stamp, self.deps(data_file))
            if entry is None:
                misses.append(data_file)
            else:
                self._reuse(name, entry)
        context = self._check_files(misses, records)
        # the lists are known now: records and tasks look up what they name
        record_misses: list[DataFile] = []
        for name in records:
            data_file = self.files[name]
            entry = self.cache.peek(name, data_file.stamp)
            if entry is not None and entry[1] == self.deps(data_file, entry[3]):
                self._reuse(name, entry)
            else:
                record_misses.append(data_file)
        self._check_records(context, record_misses)
        out: list[Diagnostic] = []
        for name in names:
            out.extend(self._rows.get(name, []))
        out.extend(self._duplicate_townships(set(names)))
        return out

    def _reuse(self, name: str, entry: list[Any]) -> None:
        self._rows[name] = [Diagnostic.from_cache(r) for r in entry[2]]
        self._facts[name] = entry[3]

    def _context(self) -> CheckContext:
        from dutylist_cli.validation.checking import CheckContext

        return CheckContext(self.root, self.files, today=self.today)

    def _check_files(self, misses: list[DataFile], records: list[str]) -> CheckContext | None:
        """Check the config, registries and lists not in the cache (lists in workers)."""
        if not misses:
            return None
        from dutylist_cli.validation import checking

        context = self._context()
        lists = [f for f in misses if f.kind == "list"]
        if lists:
            context.wanted = self._wanted(context, records)
        for data_file in [f for f in misses if f.kind in ("config", "registry")]:
            self._record(data_file, context.check_file(data_file))
        if len(lists) >= _PARALLEL_THRESHOLD and (self.jobs or os.cpu_count() or 1) > 1:
            results = checking.check_in_parallel(context, lists, jobs=self.jobs)
        else:
            results = [context.check_file(f) for f in lists]
        for data_file, result in zip(lists, results, strict=True):
            self._record(data_file, result)
        for data_file in [f for f in misses if f.kind not in ("config", "registry", "list")]:
            self._record(data_file, context.check_file(data_file))
        return context

    def _wanted(self, context: CheckContext, records: list[str]) -> frozenset[str]:
        """The townships the records name, so checking their lists keeps the item indexes."""
        wanted: set[str] = set()
        for name in records:
            data_file = self.files[name]
            entry = self.cache.peek(name, data_file.stamp)
            facts = entry[3] if entry is not None else context.record_needs(data_file)
            for code in facts.get("townships", ()):
                wanted.add(f"{facts.get('county', '')}:{code}" if code == ALL_TOWNSHIPS else code)
        return frozenset(wanted)

    def _check_records(self, context: CheckContext | None, misses: list[DataFile]) -> None:
        """Records and tasks, county folder by county folder, items read at most once each."""
        if not misses:
            return
        context = context or self._context()
        context.known_facts = self._facts
        directory = context.townships()
        county = None
        for data_file in sorted(misses, key=lambda f: (f.folder.rsplit("/", 1)[-1], f.name)):
            if county is not None and data_file.folder.rsplit("/", 1)[-1] != county:
                directory.release(county)
            county = data_file.folder.rsplit("/", 1)[-1]
            self._record(data_file, context.check_file(data_file))
        context.indexes.clear()

    def _record(self, data_file: DataFile, result: tuple[list[Diagnostic], dict[str, Any]]) -> None:
        diagnostics, facts = result
        self._rows[data_file.name] = diagnostics
        self._facts[data_file.name] = facts
        self.cache.store(
            data_file.name,
            data_file.stamp,
            self.deps(data_file, facts),
            [d.to_cache() for d in diagnostics],
            facts,
            racy=data_file.racy,
        )

    def _duplicate_townships(self, reported: set[str]) -> Iterable[Diagnostic]:
        first: dict[str, str] = {}
        for name in sorted(self._facts):
            code = self._facts[name].get("township")
            if not code or self.files[name].kind != "list":
                continue
            if code in first and name in reported:
                yield Diagnostic(
                    file=name,
                    code="DL306",
                    severity=Severity.ERROR,
                    pointer=json_pointer(["township", "code"]),
                    line=self._facts[name].get("code_line", 1),
                    column=self._facts[name].get("code_column", 1),
                    args={"code": code, "other": first[code]},
                )
            first.setdefault(code, name)
