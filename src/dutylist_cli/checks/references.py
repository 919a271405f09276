"""Reference rules (DL3xx): domains from the config, departments from the county registry."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dutylist_cli.checks.partial import HasItems
from dutylist_cli.checks.text import normalise_name
from dutylist_cli.diagnostics import Diagnostic, Severity, finding
from dutylist_cli.model.config import RepositoryConfig
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.model.township import CooperativeItem, RecoveredItem, TownshipList

E, W = Severity.ERROR, Severity.WARNING


def check_domains(doc: HasItems, *, file: str, config: RepositoryConfig) -> Iterator[Diagnostic]:
    domains = set(config.domains)
    for category, index, item in doc.iter_items():
        if item.domain not in domains:
            close = difflib.get_close_matches(item.domain, config.domains, n=1, cutoff=0.3)
            yield finding(
                file,
                "DL301",
                E,
                [category.value, index, "domain"],
                item=item.id,
                domain=item.domain,
                suggestion=close[0] if close else "",
            )


def check_departments(
    doc: HasItems, *, file: str, registry: CountyRegistry
) -> Iterator[Diagnostic]:
    """lead, partners and department name departments of the county registry."""
    names = registry.canonical_names()
    canonical = [d.name for d in registry.departments]
    by_normal = {normalise_name(n): c for n, c in names.items()}
    county = f"{registry.county.name}（{registry.county.code}）"
    for category, index, item in doc.iter_items():
        base: list[str | int] = [category.value, index]
        named: list[tuple[list[str | int], str]] = []
        if isinstance(item, CooperativeItem):
            named.append(([*base, "lead"], item.lead))
            named.extend(([*base, "partners", i], p) for i, p in enumerate(item.partners))
        elif isinstance(item, RecoveredItem):
            named.append(([*base, "department"], item.department))
        for path, name in named:
            target = names.get(name) or by_normal.get(normalise_name(name))
            if target is None:
                close = difflib.get_close_matches(name, canonical, n=3, cutoff=0.4)
                yield finding(
                    file,
                    "DL302",
                    E,
                    path,
                    item=item.id,
                    name=name,
                    county=county,
                    suggestion="|".join(close),
                )
            elif target != name:
                yield finding(file, "DL303", W, path, item=item.id, alias=name, canonical=target)


def check_against_registry(
    doc: TownshipList, *, file: str, registry: CountyRegistry
) -> Iterator[Diagnostic]:
    if doc.county.name != registry.county.name:
        yield finding(
            file,
            "DL305",
            E,
            ["county", "name"],
            field="county.name",
            value=doc.county.name,
            expected=registry.county.name,
        )
    if doc.city.code != registry.city.code:
        yield finding(
            file,
            "DL305",
            E,
            ["city", "code"],
            field="city.code",
            value=doc.city.code,
            expected=registry.city.code,
        )


def check_registry(registry: CountyRegistry, *, file: str) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for index, department in enumerate(registry.departments):
        for position, name in enumerate([department.name, *department.aliases]):
            path: list[str | int] = (
                ["departments", index, "name"]
                if position == 0
                else ["departments", index, "aliases", position - 1]
            )
            if name in seen:
                yield finding(file, "DL307", E, path, name=name)
            seen.add(name)


def check_config(config: RepositoryConfig, *, file: str) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for index, domain in enumerate(config.domains):
        if domain in seen:
            yield finding(file, "DL308", E, ["domains", index], domain=domain)
        seen.add(domain)
