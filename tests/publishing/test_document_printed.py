"""printed_only: the printed layout taken from the full one equals the printed layout made anew."""

from __future__ import annotations

from pathlib import Path

from dutylist_cli.publishing.document import printable_list, printed_only
from dutylist_cli.publishing.loading import load_townships, repository_domains

SAMPLE = Path(__file__).resolve().parents[2]


def test_the_printed_columns_of_the_full_layout_are_the_printed_layout() -> None:
    lists = sorted(str(p.relative_to(SAMPLE)) for p in (SAMPLE / "lists").glob("*/32*-*.yaml"))
    domains = repository_domains(SAMPLE)
    for loaded in load_townships(SAMPLE, lists):
        full = printable_list(loaded.model, domains, all_columns=True)
        printed = printable_list(loaded.model, domains)
        assert len(full.sections[0].columns) > len(printed.sections[0].columns)  # it drops some
        assert printed_only(full) == printed
