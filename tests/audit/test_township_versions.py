"""Reading list versions block by block gives exactly the state a whole-file parse gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist_cli.audit.diffing import township_state
from dutylist_cli.audit.township_versions import VersionReader, split_list

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "lists").glob("*/*-*.yaml"))
CASES = sorted((REPO / "tests" / "cases").glob("*.yaml"))
DONGSHAN = (REPO / "lists" / "320115-江宁区" / "320115001-东山街道.yaml").read_text("utf-8")

HEAD = """\
schema: dutylist/township-list/1
township: {code: "320115001", name: 东山街道, kind: subdistrict}
county: {code: "320115", name: 江宁区}
city: {code: "320100", name: 南京市}
edition: {version: "1", effective: 2025-01-01}
"""
ITEM = "    name: 党建\n    domain: 党的建设\n    content: 落实党建工作责任制。\n"

VARIANTS = {
    "zero-indented sequence": HEAD + "basic:\n- id: B001\n  name: 党建\n  content: 落实。\n",
    "flow sequence": HEAD + "basic: [{id: B001, name: 党建, content: 落实。}]\n",
    "anchor and alias": HEAD
    + "basic:\n  - id: B001\n    basis: &b [《条例》]\n"
    + ITEM
    + "  - id: B002\n    basis: *b\n    name: 二\n",
    "comments between items": HEAD
    + "basic:   # 基本\n  # 第一项\n  - id: B001\n"
    + ITEM
    + "  # 第二项\n\n  - id: B002\n    name: 二\n",
    "category after another key": HEAD + "basic:\n  - id: B001\n" + ITEM + "remarks: 备注\n",
    "crlf": (HEAD + "basic:\n  - id: B001\n" + ITEM).replace("\n", "\r\n"),
    "bom": "\ufeff" + HEAD + "basic:\n  - id: B001\n" + ITEM,
    "duplicate ids": HEAD + "basic:\n  - id: B001\n" + ITEM + "cooperative:\n  - id: B001\n",
    "not a mapping item": HEAD + "basic:\n  - B001\n  - id: B002\n" + ITEM,
    "broken item": HEAD + "basic:\n  - id: B001\n    name: [党建\n",
    "document marker": "---\n" + HEAD + "basic:\n  - id: B001\n" + ITEM,
    "block scalar": HEAD + "basic:\n  - id: B001\n    content: |\n      第一行\n      - 第二行\n",
    "less indented line": HEAD + "basic:\n  - id: B001\n" + ITEM + " x: 1\n",
    "cooperative before basic": HEAD
    + "cooperative:\n  - id: C001\n    name: 配合\nbasic:\n  - id: B001\n"
    + ITEM,
}


@pytest.mark.parametrize("path", SAMPLES + CASES, ids=lambda p: p.name)
def test_files_read_alike(path: Path) -> None:
    raw = path.read_bytes()
    assert VersionReader().state(raw, file="x.yaml") == township_state(raw, file="x.yaml")


@pytest.mark.parametrize("text", VARIANTS.values(), ids=list(VARIANTS))
def test_variants_read_alike(text: str) -> None:
    raw = text.encode("utf-8")
    assert VersionReader().state(raw, file="x.yaml") == township_state(raw, file="x.yaml")


def test_the_sample_is_split_into_its_items() -> None:
    split = split_list(DONGSHAN)
    assert split is not None
    header, blocks = split
    assert 'code: "320115001"' in header and "B001" not in header
    state = township_state(DONGSHAN.encode("utf-8"), file="x.yaml")
    assert state is not None and len(blocks) == len(state.items)


def test_versions_share_parsed_blocks() -> None:
    reader = VersionReader()
    edited = DONGSHAN.replace("name: 意识形态工作", "name: 意识形态工作（修订）")
    states = [reader.state(t.encode("utf-8"), file="x.yaml") for t in (DONGSHAN, edited)]
    assert states[1] == township_state(edited.encode("utf-8"), file="x.yaml")
    assert states[0] is not None and states[1] is not None
    assert len(reader._blocks) == len(states[0].items) + 1  # only the edited block parsed again
