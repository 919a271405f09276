"""`dutylist site`: the whole static site of a data root, counties built in parallel.

Lists with errors are left out and named (as `render --all` does); the rest are built one
county per worker (township pages and downloads, department, domain and county pages), then
the parent writes the index, the search page and index, and the open data (`export --all`'s
core) under data/. Downloads made from unchanged lists by the same dutylist are kept from the
previous build, so a rebuild after one list changed rewrites one workbook, not all of them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli import __version__
from dutylist_cli.audit.department_names import county_folder
from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.errors import UsageError
from dutylist_cli.model.config import RepositoryConfig
from dutylist_cli.model.enums import Category
from dutylist_cli.opendata.export import open_tables
from dutylist_cli.publishing.loading import repository_domains, township_errors, township_names
from dutylist_cli.publishing.pdf import ChineseFonts, chinese_fonts
from dutylist_cli.site.county import CountyJob, CountyResult, build_county, render_page
from dutylist_cli.site.folder import (
    MANIFEST,
    previous_manifest,
    remove_stale,
    write_file,
    write_manifest,
)
from dutylist_cli.site.search_index import SearchIndex
from dutylist_cli.store.layout import CONFIG_NAME
from dutylist_cli.store.yaml_source import parse_file

ASSETS = ("site.css", "search.js")
TABLES = ("items", "townships", "departments")  # export --all's


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    counties: int
    townships: int
    items: int
    pages: int
    files: int
    search_bytes: int  # the search index on disk
    opendata: tuple[str, ...]  # the files under data/
    pdf: str  # "written" | "skipped" (not asked) | "unavailable" (asked, not possible)
    left_out: list[Diagnostic]  # the errors of the lists left out


def build_site(
    root: Path,
    folder: Path,
    *,
    today: dt.date,
    force: bool = False,
    jobs: int | None = None,
    xlsx: bool = True,
    pdf: bool = False,
    progress: Callable[[str], None] | None = None,
) -> SiteResult:
    previous = previous_manifest(folder, force=force)
    names = township_names(root)
    errors = township_errors(root, names, today=today)
    failed = {d.file for d in errors}
    by_county: dict[str, list[str]] = {}
    for name in names:
        if name not in failed:
            by_county.setdefault(county_folder(name), []).append(name)
    domains = tuple(repository_domains(root))
    title = _site_title(root)
    fonts, pdf_state = _pdf_fonts(pdf)
    reuse = previous.get("downloads") if isinstance(previous.get("downloads"), dict) else {}
    formats = _opendata_formats()
    work = [
        CountyJob(
            root,
            folder,
            c,
            tuple(n),
            domains,
            title,
            xlsx,
            fonts,
            dict(reuse or {}),
            tuple(formats),
        )
        for c, n in sorted(by_county.items())
    ]
    index = SearchIndex()
    counties: list[CountyResult] = []
    written: list[str] = []
    digests: dict[str, str] = {}
    # the open data's rows come with each county's pages (its lists are read once)
    with open_tables(folder / "data", formats) as tables:
        for result in _run(work, jobs=jobs):
            numbers = [index.add_township(t.code, t.name, t.county) for t in result.townships]
            index.add(result.search, numbers)
            result.search = type(result.search)()  # merged: free it
            if result.tables is not None:
                tables.add(result.tables)
                result.tables = None
            counties.append(result)
            written.extend(result.written)
            digests.update(result.digests)
            if pdf_state == "written" and result.pdf_failures:
                pdf_state = "unavailable"
            if progress:
                progress(result.name)
    opendata = [f"data/{path.name}" for path in tables.files]
    search_bytes = 0
    for name, content in index.files([c.label for c in Category]).items():
        write_file(folder, f"search/{name}", content)
        written.append(f"search/{name}")
        search_bytes += len(content)
    data_files = [f"data/{table}.{fmt}" for fmt in formats for table in TABLES]
    pages = {
        "index.html": render_page(
            root,
            "index.html.j2",
            up="",
            counties=counties,
            township_count=sum(len(c.townships) for c in counties),
            item_count=index.item_count,
            data_files=data_files,
            site=title,
        ),
        "search.html": render_page(root, "search.html.j2", up="", site=title),
    }
    for asset in ASSETS:
        pages[f"assets/{asset}"] = _asset(asset)
    for name, content in pages.items():
        write_file(folder, name, content)
        written.append(name)
    written.extend(opendata)
    remove_stale(folder, previous.get("files") or [], {*written, MANIFEST})
    write_manifest(
        folder, {"generator": f"dutylist {__version__}", "files": written, "downloads": digests}
    )
    return SiteResult(
        folder=folder,
        counties=len(counties),
        townships=sum(len(c.townships) for c in counties),
        items=index.item_count,
        pages=sum(1 for name in written if name.endswith(".html")),
        files=len(written) + 1,
        search_bytes=search_bytes,
        opendata=tuple(opendata),
        pdf=pdf_state,
        left_out=errors,
    )


def _run(work: list[CountyJob], *, jobs: int | None) -> Iterator[CountyResult]:
    """The counties' results in ``work`` order, from forked workers when there are several."""
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if sys.platform == "win32" or workers < 2:
        yield from map(build_county, work)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(build_county, work)


def _opendata_formats() -> list[str]:
    """csv always, Parquet when pyarrow is there."""
    return ["csv", *(["parquet"] if importlib.util.find_spec("pyarrow") is not None else [])]


def _pdf_fonts(wanted: bool) -> tuple[ChineseFonts | None, str]:
    """Fonts for the pdf downloads, or None when not asked or not possible here (never fails)."""
    if not wanted:
        return None, "skipped"
    if importlib.util.find_spec("weasyprint") is None:
        return None, "unavailable"
    try:
        return chinese_fonts(), "written"
    except UsageError:
        return None, "unavailable"


def _site_title(root: Path) -> str:
    parsed = parse_file((root / CONFIG_NAME).read_bytes(), file=CONFIG_NAME)
    try:
        province = RepositoryConfig.model_validate(parsed.data).province.name
    except ValueError:
        province = ""
    return f"{province}乡镇（街道）履行职责事项清单"


def _asset(name: str) -> bytes:
    from importlib.resources import files

    resource: Any = files("dutylist_cli").joinpath("templates", "site", name)
    return bytes(resource.read_bytes())
