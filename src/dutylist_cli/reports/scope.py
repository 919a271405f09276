"""Which counties a report covers: the county folders, the province, a city's counties.

A county is a folder lists/<6-digit code>-<name> with its registry lists/<code>/<code>.yaml; a
province report may be narrowed to the counties of one city (the registries say which).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import DutylistError, ExitCode, UsageError
from dutylist_cli.model.config import RepositoryConfig
from dutylist_cli.model.county import CountyRegistry
from dutylist_cli.store.layout import CONFIG_NAME
from dutylist_cli.store.yaml_source import parse_file

SCOPES = ("county", "province")
_COUNTY_FOLDER = re.compile(r"^(\d{6})-(.+)$")


class RegistryUnusable(DutylistError):
    exit_code = ExitCode.FINDINGS


@dataclass(frozen=True)
class CountyFolder:
    code: str
    name: str  # from the folder name: lists/320115-江宁区
    folder: str  # lists/320115-江宁区


def county_folders(root: Path) -> list[CountyFolder]:
    """The counties of the data root: the lists/<6 digits>-<name> folders, by code."""
    found: dict[str, CountyFolder] = {}
    lists = root / "lists"
    folders = sorted(p for p in lists.iterdir() if p.is_dir()) if lists.is_dir() else []
    for path in folders:
        match = _COUNTY_FOLDER.match(path.name)
        if match and match.group(1) not in found:
            found[match.group(1)] = CountyFolder(
                match.group(1), match.group(2), f"lists/{path.name}"
            )
    return list(found.values())


def select_counties(
    root: Path, scope: str, code: str | None
) -> tuple[list[CountyFolder], str | None]:
    """The counties a report covers, and the city code a province report is limited to."""
    counties = county_folders(root)
    listing = "、".join(f"{c.code} {c.name}" for c in counties) or "—"
    if not counties:
        raise UsageError(messages.text("report.no_counties"))
    if scope == "county":
        if code is None:
            if len(counties) == 1:
                return counties, None
            raise UsageError(
                messages.text("report.need_county", counties=listing),
                hint=messages.text("report.need_county.hint"),
            )
        chosen = [c for c in counties if c.code == code]
        if not chosen:
            raise UsageError(
                messages.text("report.unknown_county", code=code, counties=listing),
                hint=messages.text("report.need_county.hint"),
            )
        return chosen, None
    if code is None or code == province_of(root).code:
        return counties, None
    in_city = [c for c in counties if _city_code(root, c) == code]
    if not in_city:
        raise UsageError(
            messages.text("report.unknown_area", code=code, province=province_of(root).code),
            hint=messages.text("report.unknown_area.hint"),
        )
    return in_city, code


def select_county(root: Path, ref: str | None) -> CountyFolder:
    """One county by its code or name (``320115``, ``江宁区``); the only one when ``ref`` is None.

    An unknown county is a usage error naming the closest counties of the data root.
    """
    counties = county_folders(root)
    if not counties:
        raise UsageError(messages.text("report.no_counties"))
    listing = "、".join(f"{c.code} {c.name}" for c in counties)
    if ref is None:
        if len(counties) == 1:
            return counties[0]
        raise UsageError(
            messages.text("report.need_county", counties=listing),
            hint=messages.text("supervision.need_county.hint"),
        )
    wanted = ref.strip()
    for county in counties:
        if wanted in (county.code, county.name, f"{county.code}-{county.name}"):
            return county
    by_prefix = [c for c in counties if len(wanted) >= 2 and c.name.startswith(wanted)]
    if len(by_prefix) == 1:  # 江宁 for 江宁区
        return by_prefix[0]
    keys = {c.code: c for c in counties} | {c.name: c for c in counties}
    near = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.3)
    closest = list(dict.fromkeys(keys[k] for k in near)) or counties[:3]
    raise UsageError(
        messages.text(
            "supervision.unknown_county",
            county=wanted,
            closest="、".join(f"{c.code} {c.name}" for c in closest),
        ),
        hint=messages.text("supervision.unknown_county.hint", counties=listing),
    )


def load_registry(root: Path, county: CountyFolder) -> CountyRegistry | None:
    """The county registry lists/<county>/<code>.yaml; None when the county has none."""
    for suffix in (".yaml", ".yml"):
        name = f"{county.folder}/{county.code}{suffix}"
        path = root / name
        if path.is_file():
            try:
                return CountyRegistry.model_validate(parse_file(path.read_bytes(), file=name).data)
            except (ValueError, OSError) as exc:
                raise RegistryUnusable(
                    messages.text("report.bad_registry", path=name),
                    hint=messages.text("report.bad_registry.hint", path=name),
                ) from exc
    return None


def _city_code(root: Path, county: CountyFolder) -> str | None:
    try:
        registry = load_registry(root, county)
    except RegistryUnusable:
        return None
    return registry.city.code if registry else None


@dataclass(frozen=True)
class Province:
    code: str
    name: str


def province_of(root: Path) -> Province:
    parsed = parse_file((root / CONFIG_NAME).read_bytes(), file=CONFIG_NAME)
    try:
        config = RepositoryConfig.model_validate(parsed.data)
    except ValueError:
        return Province("", "")
    return Province(config.province.code, config.province.name)
