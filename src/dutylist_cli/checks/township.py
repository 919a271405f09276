"""Rules every township list obeys (DL2xx): names, codes, uniqueness, wording, citations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from dutylist_cli.checks.partial import HasItems
from dutylist_cli.checks.text import (
    document_number_problem,
    has_title,
    invisible_character,
    is_blank,
    is_catch_all,
    is_vague,
    normalise_name,
    same_text,
)
from dutylist_cli.diagnostics import Diagnostic, Severity, finding, json_pointer
from dutylist_cli.model.enums import TownshipKind
from dutylist_cli.model.township import (
    BasicItem,
    CooperativeItem,
    Edition,
    RecoveredItem,
    TownshipList,
)

_KIND_BY_DIGIT = {
    "0": (TownshipKind.SUBDISTRICT,),
    "1": (TownshipKind.TOWN,),
    "2": (TownshipKind.TOWNSHIP, TownshipKind.ETHNIC_TOWNSHIP, TownshipKind.SUMU),
    "3": (TownshipKind.TOWNSHIP, TownshipKind.ETHNIC_TOWNSHIP, TownshipKind.SUMU),
}


E, W = Severity.ERROR, Severity.WARNING


def check_township_list(
    doc: TownshipList, *, file: str, line_of: dict[str, int] | None = None
) -> Iterator[Diagnostic]:
    """Every rule of spec §2 that needs only this file."""
    yield from check_placement(doc, file=file)
    yield from check_code_and_kind(doc, file=file)
    yield from check_items(doc, file=file)
    yield from check_edition(doc.edition, file=file)


def check_edition(edition: Edition, *, file: str) -> Iterator[Diagnostic]:
    if edition.document is not None:
        yield from _document_form(edition.document, file, ["edition", "document"])


def check_placement(doc: TownshipList, *, file: str) -> Iterator[Diagnostic]:
    path = PurePosixPath(file)
    suffix = path.suffix or ".yaml"
    expected_name = f"{doc.township.code}-{doc.township.name}{suffix}"
    if path.name != expected_name:
        yield finding(file, "DL201", E, ["township", "name"], expected=expected_name)
    expected_folder = f"{doc.county.code}-{doc.county.name}"
    if path.parent.name != expected_folder or path.parent.parent.as_posix() != "lists":
        yield finding(file, "DL202", E, ["county"], expected=f"lists/{expected_folder}/")


def check_code_and_kind(doc: TownshipList, *, file: str) -> Iterator[Diagnostic]:
    code = doc.township.code
    if not code.startswith(doc.county.code):
        yield finding(file, "DL203", E, ["township", "code"], code=code, county=doc.county.code)
    digit = code[6]
    if digit in ("4", "5"):
        yield finding(file, "DL209", W, ["township", "code"], code=code)
        return
    allowed = _KIND_BY_DIGIT.get(digit)
    if allowed is not None and doc.township.kind not in allowed:
        implied = (
            "、".join(k.label for k in allowed)
            + " / "
            + ", ".join(k.value.replace("_", " ") for k in allowed)
        )
        yield finding(
            file,
            "DL208",
            E,
            ["township", "kind"],
            code=code,
            implied=implied,
            kind=f"{doc.township.kind.label} / {doc.township.kind.value}",
        )


def check_items(doc: TownshipList, *, file: str) -> Iterator[Diagnostic]:
    if not (doc.basic or doc.cooperative or doc.recovered):
        yield finding(file, "DL210", E, [])
        return
    yield from check_each_item(doc, file=file)


def check_each_item(doc: HasItems, *, file: str) -> Iterator[Diagnostic]:
    """The item rules: each item, and ids and names unique among the items given."""
    ids: dict[str, list[str | int]] = {}
    names: dict[str, tuple[str, list[str | int]]] = {}
    for category, index, item in doc.iter_items():
        base: list[str | int] = [category.value, index]
        item_id = item.id
        if item_id in ids:
            yield finding(
                file,
                "DL204",
                E,
                [*base, "id"],
                item=item_id,
                id=item_id,
                first_line=json_pointer(ids[item_id]),
            )
        else:
            ids[item_id] = base
        key = normalise_name(item.name)
        if key in names and key:
            other_id, other_where = names[key]
            yield finding(
                file,
                "DL205",
                E,
                [*base, "name"],
                item=item_id,
                name=item.name,
                other=other_id,
                first_line=json_pointer(other_where),
            )
        else:
            names[key] = (item_id, base)
        texts: tuple[tuple[str, str], ...]
        if isinstance(item, BasicItem):
            texts = (("name", item.name), ("content", item.content))
        elif isinstance(item, CooperativeItem):
            texts = (
                ("name", item.name),
                ("department_duties", item.department_duties),
                ("township_duties", item.township_duties),
            )
        else:
            texts = (("name", item.name),)
        yield from _item_text(texts, item_id, file, base)
        if is_catch_all(item.name):
            yield finding(file, "DL217", E, [*base, "name"], item=item_id, name=item.name)
        if not item.basis:
            yield finding(file, "DL213", W, base, item=item_id, name=item.name)
        for position, citation in enumerate(item.basis):
            if not has_title(citation):
                yield finding(
                    file, "DL214", W, [*base, "basis", position], item=item_id, value=citation
                )
        if isinstance(item, CooperativeItem):
            yield from _cooperative(item, file, base)
        elif isinstance(item, RecoveredItem) and item.handover and item.handover.document:
            yield from _document_form(
                item.handover.document, file, [*base, "handover", "document"], item=item_id
            )


def _item_text(
    texts: tuple[tuple[str, str], ...], item_id: str, file: str, base: list[str | int]
) -> Iterator[Diagnostic]:
    for field, value in texts:
        if is_blank(value):
            yield finding(file, "DL206", E, [*base, field], item=item_id, field=field)
            continue
        invisible = invisible_character(value)
        if invisible:
            yield finding(
                file, "DL207", E, [*base, field], item=item_id, field=field, char=invisible
            )
        if field != "name":
            vague = is_vague(value)
            if vague:
                yield finding(
                    file, "DL216", W, [*base, field], item=item_id, field=field, value=vague
                )


def _cooperative(item: CooperativeItem, file: str, base: list[str | int]) -> Iterator[Diagnostic]:
    if item.lead in item.partners:
        position = item.partners.index(item.lead)
        yield finding(file, "DL211", E, [*base, "partners", position], item=item.id, lead=item.lead)
    if same_text(item.department_duties, item.township_duties):
        yield finding(file, "DL212", E, [*base, "township_duties"], item=item.id)


def _document_form(
    value: str, file: str, path: list[str | int], *, item: str | None = None
) -> Iterator[Diagnostic]:
    problem = document_number_problem(value)
    if problem is None:
        return
    fix = (
        (
            f"改写为“{problem}”（dutylist fmt 可自动修正） / write '{problem}' (dutylist fmt "
            "fixes it)"
        )
        if problem
        else "形如 江宁编〔2025〕3号 / e.g. 江宁编〔2025〕3号"
    )
    yield finding(file, "DL215", W, path, item=item, value=value, fix=fix)
