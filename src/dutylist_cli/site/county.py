"""One county of the site, built in a worker: its township pages and downloads, its department
and domain pages and its county page, written; what the index and the search need, returned."""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist_cli import __version__
from dutylist_cli.audit.department_names import registry_names, registry_names_in
from dutylist_cli.errors import UsageError
from dutylist_cli.model.township import TownshipList
from dutylist_cli.opendata.export import TableChunk, table_chunk
from dutylist_cli.publishing.document import (
    PrintableList,
    printable_list,
    printed_only,
    section_items,
)
from dutylist_cli.publishing.pdf import ChineseFonts
from dutylist_cli.publishing.templates import environment
from dutylist_cli.site.folder import write_file
from dutylist_cli.site.pages import (
    CATEGORY_ORDER,
    COUNTY_PAGE,
    DOWNLOAD,
    TownshipSummary,
    department_pages,
    department_tables,
    domain_pages,
    search_text,
    township_summary,
    township_tables,
)
from dutylist_cli.site.search_index import SearchChunk, search_chunk
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file


@dataclass(frozen=True)
class CountyJob:
    """Everything a worker needs for one county (picklable)."""

    root: Path
    folder: Path  # the site's
    county_folder: str  # lists/320115-江宁区
    names: tuple[str, ...]  # its valid lists
    domains: tuple[str, ...]
    title: str  # the site's
    xlsx: bool
    pdf_fonts: ChineseFonts | None
    reuse: dict[str, str] = field(default_factory=dict)  # download path -> digest kept
    table_formats: tuple[str, ...] = ()  # the open-data tables' formats (csv, parquet)


@dataclass
class CountyResult:
    code: str
    name: str
    townships: list[TownshipSummary]
    departments: list[tuple[str, str, int]]  # name, page, items
    domains: list[tuple[str, str, int]]
    search: SearchChunk
    written: list[str]
    digests: dict[str, str]  # download path -> digest of what it was made from
    pdf_failures: int = 0
    tables: TableChunk | None = None  # the county's rows of the open-data tables


_ENVIRONMENT: dict[Path, Any] = {}


def render_page(root: Path, template: str, **context: Any) -> bytes:
    """A page from ``templates/site/<template>`` (autoescaped, sandboxed; one environment a
    process, so each template is compiled once)."""
    if root not in _ENVIRONMENT:
        _ENVIRONMENT[root] = environment(root, autoescape=True)
    page = _ENVIRONMENT[root].get_template(f"site/{template}")
    return str(page.render(generator=f"dutylist {__version__}", **context)).encode("utf-8")


def build_county(job: CountyJob) -> CountyResult:
    with _fewer_collections():
        return _build_county(job)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A county's pages and workbooks allocate millions of short-lived objects (cells, escaped
    strings) and hardly any cycles: the cycle collector, run every 700 allocations by default,
    took about a seventh of the time. Run it a hundred times less often while building."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build_county(job: CountyJob) -> CountyResult:
    written: list[str] = []
    digests: dict[str, str] = {}
    loaded: list[tuple[TownshipList, TownshipSummary]] = []
    read: list[tuple[str, TownshipList]] = []  # file name, list: the open data's rows
    records: list[tuple[int, str, str, int, str]] = []
    pdf_failures = 0
    for number, name in enumerate(job.names):
        raw = read_data_file(job.root / name)
        model = TownshipList.model_validate(parse_file(raw, file=name).data)
        # the workbook's layout has every column; the page's is its printed ones
        full = printable_list(model, job.domains, all_columns=True) if job.xlsx else None
        doc = printed_only(full) if full is not None else printable_list(model, job.domains)
        code = model.township.code
        digest = hashlib.sha256(
            raw + "\n".join(job.domains).encode() + __version__.encode()
        ).hexdigest()
        downloads: list[tuple[str, str]] = []
        if job.xlsx:
            path = DOWNLOAD.format(code=code, fmt="xlsx")
            if full is not None and (
                job.reuse.get(path) != digest or not (job.folder / path).is_file()
            ):
                write_file(job.folder, path, _workbook(full))
            digests[path] = digest
            downloads.append(("xlsx", path))
        if job.pdf_fonts is not None:
            path = DOWNLOAD.format(code=code, fmt="pdf")
            try:
                if job.reuse.get(path) != digest or not (job.folder / path).is_file():
                    write_file(job.folder, path, _pdf(job.root, doc, job.pdf_fonts))
                digests[path] = digest
                downloads.append(("pdf", path))
            except UsageError:  # WeasyPrint or its fonts failed on this list: no pdf, no failure
                pdf_failures += 1
        summary = township_summary(model, doc.edition_line, downloads)
        written.extend(path for _, path in downloads)
        loaded.append((model, summary))
        read.append((name, model))
        page = render_page(
            job.root,
            "township.html.j2",
            up="../",
            t=summary,
            doc=doc,
            tables=township_tables(doc),
            site=job.title,
        )
        write_file(job.folder, summary.page, page)
        written.append(summary.page)
        for category_number, category in enumerate(CATEGORY_ORDER):
            for item in section_items(model, category):
                records.append((number, item.id, item.name, category_number, search_text(item)))
    names, order = _registry(job.root, job.county_folder)
    departments = department_pages(loaded, names=names, order=order)
    domains = domain_pages(loaded, domains=job.domains)
    first = loaded[0][1]
    for department in departments:
        page = render_page(
            job.root,
            "department.html.j2",
            up="../../",
            d=department,
            tables=department_tables(department),
            site=job.title,
        )
        write_file(job.folder, department.path, page)
        written.append(department.path)
    for domain in domains:
        rows = [
            (link.township.name, link.category, link.href, link.item_id, link.name)
            for link in domain.items
        ]
        page = render_page(
            job.root, "domain.html.j2", up="../../", d=domain, rows=rows, site=job.title
        )
        write_file(job.folder, domain.path, page)
        written.append(domain.path)
    county_page = COUNTY_PAGE.format(code=first.county_code)
    summaries = [summary for _, summary in loaded]
    page = render_page(
        job.root,
        "county.html.j2",
        up="../",
        county=first.county,
        city=first.city,
        townships=summaries,
        departments=departments,
        domains=domains,
        site=job.title,
    )
    write_file(job.folder, county_page, page)
    written.append(county_page)
    return CountyResult(
        code=first.county_code,
        name=first.county,
        townships=summaries,
        departments=[(d.name, d.path, d.total) for d in departments],
        domains=[(d.name, d.path, len(d.items)) for d in domains],
        search=search_chunk(records),
        written=written,
        digests=digests,
        pdf_failures=pdf_failures,
        tables=table_chunk(read, names, job.table_formats) if job.table_formats else None,
    )


def _workbook(full: PrintableList) -> bytes:
    from dutylist_cli.publishing.workbook import list_workbook_bytes

    return list_workbook_bytes(full)


def _pdf(root: Path, doc: Any, fonts: ChineseFonts) -> bytes:
    from dutylist_cli.publishing.pdf import html_to_pdf
    from dutylist_cli.publishing.rendering import list_html

    return html_to_pdf(list_html(root, doc, fonts), base_url=root, fonts=fonts)


def _registry(root: Path, county_folder: str) -> tuple[dict[str, str], list[str]]:
    """The county registry's names (alias → canonical) and its departments in order."""
    for candidate in registry_names_in(county_folder):
        path = root / candidate
        if path.is_file():
            raw = read_data_file(path)
            parsed = parse_file(raw, file=candidate)
            data = parsed.data if isinstance(parsed.data, dict) else {}
            listed = data.get("departments")
            order = [
                d["name"]
                for d in (listed if isinstance(listed, list) else [])
                if isinstance(d, dict) and isinstance(d.get("name"), str)
            ]
            names = registry_names(data) if parsed.ok else {}  # as department_names()
            return dict(names), order
    return {}, []
