"""The assessments of a data root (依单考核), read for the printed lists and reports that show
which items each indicator assesses. Files that do not validate are skipped: `validate` names
them; a printout only shows what the valid files say."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from dutylist_cli.errors import DutylistError
from dutylist_cli.model.assessment import ALL, Assessment, Indicator
from dutylist_cli.model.enums import AssessmentSubject
from dutylist_cli.store.layout import iter_folder_names
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file

ASSESSMENTS_FOLDER = "assessments"


@dataclass(frozen=True)
class TownshipIndicator:
    """One indicator of a township assessment as it applies to one township."""

    assessment: Assessment
    indicator: Indicator

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(self.indicator.items or ())


def load_assessments(root: Path, *, county: str | None = None) -> list[Assessment]:
    """The valid assessment files of the root (of one county's folder when ``county``)."""
    found = []
    for name in iter_folder_names(root, ASSESSMENTS_FOLDER):
        if county is not None and not name.startswith(f"{ASSESSMENTS_FOLDER}/{county}/"):
            continue
        try:
            parsed = parse_file(read_data_file(root / name), file=name)
        except (OSError, DutylistError):
            continue
        if not parsed.ok or not isinstance(parsed.data, dict):
            continue
        try:
            found.append(Assessment.model_validate(parsed.data))
        except ValidationError:
            continue
    return found


def township_indicators(
    assessments: Iterable[Assessment], *, county: str, township: str
) -> list[TownshipIndicator]:
    """The indicators of the county's township assessments that apply to ``township``."""
    return [
        TownshipIndicator(assessment, indicator)
        for assessment in assessments
        if assessment.subject is AssessmentSubject.TOWNSHIP and assessment.county == county
        for indicator in assessment.indicators
        if township in (indicator.townships or ()) or ALL in (indicator.townships or ())
    ]


def indicator_marks(indicators: Sequence[TownshipIndicator]) -> dict[str, str]:
    """Item id -> the indicators that assess it: ``K01``, or ``K2026-01·K01`` when several
    assessments apply (their ids without the county code tell them apart)."""
    several = len({i.assessment.id for i in indicators}) > 1
    marks: dict[str, list[str]] = {}
    for entry in indicators:
        label = entry.indicator.id
        if several:
            short = entry.assessment.id.removeprefix(f"{entry.assessment.county}-")
            label = f"{short}·{label}"
        for item in entry.items:
            marks.setdefault(item, [])
            if label not in marks[item]:
                marks[item].append(label)
    return {item: "、".join(labels) for item, labels in marks.items()}
