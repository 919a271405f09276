"""Whose lists a notice is judged against: its county, that county's townships and departments.

The county is --county, else the only county of the data root, else the county of --township
or of the townships the notice names. Each township's own duties (what the township does, not
what the department does) are read once, for vet's check of departments' powers.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.matching.index import field_text
from dutylist_cli.use import who
from dutylist_cli.use.vet_sentences import Addressees, Sentence, Township

# the fields that say what the township itself does, by category
_TOWNSHIP_SIDE = {
    "basic": ("name", "content", "keywords"),
    "cooperative": ("name", "township_duties", "keywords"),
    "recovered": ("name", "working_mode", "keywords"),
}


@dataclass
class Scope:
    dispatcher: who.Dispatcher
    county: str
    townships: list[who.Township]
    addressees: Addressees
    _duties: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def names(self) -> dict[str, str]:
        return {t.code: t.name for t in self.townships}

    def township(self, code: str) -> who.Township:
        return next(t for t in self.townships if t.code == code)

    def duties(self, township: who.Township) -> dict[str, tuple[str, str]]:
        """Item id → what the township does in it and what the department does (cooperative
        items), read from the list once."""
        if township.code not in self._duties:
            from dutylist_cli.store.reading import read_data_file
            from dutylist_cli.store.yaml_source import parse_file

            raw = read_data_file(self.dispatcher.root / township.file)
            parsed = parse_file(raw, file=township.file)
            data = parsed.data if parsed.ok and isinstance(parsed.data, dict) else {}
            self._duties[township.code] = _township_side(data)
        return self._duties[township.code]

    @classmethod
    def resolve(
        cls,
        dispatcher: who.Dispatcher,
        sentences: Sequence[Sentence],
        *,
        townships: Sequence[str],
        county: str | None,
    ) -> Scope:
        every = dispatcher.townships()
        counties = {_county_of(t): _county_name(t) for t in every}
        given = [dispatcher.township(ref) for ref in townships]  # unknown: exit 2, with hints
        if county is not None:
            if county not in counties:
                raise _unknown_county(county, counties)
        elif len(counties) == 1:
            county = next(iter(counties))
        elif given and len({_county_of(t) for t in given}) == 1:
            county = _county_of(given[0])
        else:
            county = _county_from_names(every, sentences)
            if county is None:
                raise UsageError(
                    messages.text("vet.county_needed"),
                    hint=messages.text(
                        "vet.county_needed.hint",
                        counties="、".join(f"{c} {n}" for c, n in sorted(counties.items())),
                    ),
                )
        own = [t for t in every if _county_of(t) == county]
        outside = [t for t in given if _county_of(t) != county]
        if outside:
            raise UsageError(
                messages.text(
                    "vet.township_outside", township=f"{outside[0].code} {outside[0].name}"
                ),
            )
        addressees = Addressees(
            [Township(t.code, t.name) for t in own],
            departments=_departments(dispatcher, own),
            reserved=counties.values(),
            given=[t.code for t in given],
        )
        return cls(dispatcher, county, own, addressees)


def _county_of(township: who.Township) -> str:
    return township.code[:6]


def _county_name(township: who.Township) -> str:
    folder = PurePosixPath(township.file).parent.name
    return folder.partition("-")[2] or folder


def _county_from_names(every: Sequence[who.Township], sentences: Sequence[Sentence]) -> str | None:
    """The one county whose townships the notice names in full."""
    text = "\n".join(s.text for s in sentences)
    found = {_county_of(t) for t in every if t.name in text}
    return next(iter(found)) if len(found) == 1 else None


def _unknown_county(county: str, counties: Mapping[str, str]) -> UsageError:
    close = difflib.get_close_matches(county, list(counties), n=3, cutoff=0.5)
    return UsageError(
        messages.text("vet.unknown_county", county=county),
        hint=messages.text(
            "vet.county_needed.hint",
            counties="、".join(f"{c} {counties[c]}" for c in (close or sorted(counties))),
        ),
    )


def _departments(dispatcher: who.Dispatcher, own: Sequence[who.Township]) -> dict[str, str]:
    """Every name and alias of the county registry → the canonical department name."""
    from dutylist_cli.audit.department_names import RegistryReader

    if not own:
        return {}
    folder = PurePosixPath(own[0].file).parent.as_posix()
    names = RegistryReader.at_root(dispatcher.root).for_folder(folder)
    return {_nfkc(k): v for k, v in names.items()}


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def _township_side(data: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for category, keys in _TOWNSHIP_SIDE.items():
        entries = data.get(category)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
                parts = [field_text(entry.get(key)) for key in keys]
                department = field_text(entry.get("department_duties"))
                out[entry["id"]] = ("。".join(p for p in parts if p), department)
    return out
