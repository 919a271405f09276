"""`dutylist render`: one township list, or all of them in parallel, to html|pdf|xlsx|docx|md.

The core of the command: it loads and checks the lists, lays each out (document.py) and writes
it in the asked format. It knows nothing of the terminal; progress goes to a callback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dutylist_cli import __version__, messages
from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.errors import UsageError
from dutylist_cli.ledger.assessments import (
    indicator_marks,
    load_assessments,
    township_indicators,
)
from dutylist_cli.model.township import TownshipList
from dutylist_cli.publishing.document import PrintableList, printable_list
from dutylist_cli.publishing.loading import repository_domains, township_errors
from dutylist_cli.publishing.pdf import (
    ChineseFonts,
    browser_fonts,
    chinese_fonts,
    html_to_pdf,
)
from dutylist_cli.publishing.templates import render_template, trusted_css
from dutylist_cli.store.atomic import ensure_folder, write_atomic, write_text_atomic
from dutylist_cli.store.reading import read_data_file
from dutylist_cli.store.yaml_source import parse_file

FORMATS = ("html", "pdf", "xlsx", "docx", "md")
TEXT_FORMATS = ("html", "md")  # the ones that may go to stdout
# a cell longer than this makes its row about half a page tall or more (a 40 % column of A4
# holds ~14 characters a line): such a row may break across pages rather than leave a gap
LONG_ROW_CHARACTERS = 300


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker process needs to render one list (picklable)."""

    root: Path
    name: str  # the list file, relative to the root
    fmt: str
    out: Path
    fonts: ChineseFonts | None  # for pdf
    font: str | None = None  # --font, also for docx
    domains: tuple[str, ...] = ()  # dutylist.yaml's, read once for the whole batch


def default_file_name(model: TownshipList, fmt: str) -> str:
    return f"{model.township.code}-{model.township.name}.{fmt}"


def list_html(root: Path, doc: PrintableList, fonts: ChineseFonts | None) -> str:
    return render_template(
        root,
        "township.html.j2",
        doc=doc,
        fonts=trusted_css((fonts or browser_fonts()).css()),
        generator=f"dutylist {__version__}",
        long_row=LONG_ROW_CHARACTERS,
    )


def list_markdown(root: Path, doc: PrintableList) -> str:
    return render_template(root, "township.md.j2", doc=doc)


def assessed_list(
    root: Path, model: TownshipList, domains: Sequence[str], *, all_columns: bool = False
) -> PrintableList:
    """The list as printed, its items marked with the township indicators that assess them."""
    indicators = township_indicators(
        load_assessments(root, county=model.county.code),
        county=model.county.code,
        township=model.township.code,
    )
    titles = tuple(dict.fromkeys(i.assessment.title for i in indicators))
    return printable_list(
        model,
        domains,
        all_columns=all_columns,
        marks=indicator_marks(indicators),
        assessments=titles,
    )


def render_text(root: Path, model: TownshipList, fmt: str, *, font: str | None = None) -> str:
    """The html or md text of a list (for stdout); ``font`` heads the HTML's font stack."""
    doc = assessed_list(root, model, repository_domains(root))
    if fmt == "html":
        return list_html(root, doc, browser_fonts(font))
    return list_markdown(root, doc)


def write_rendered(
    root: Path,
    model: TownshipList,
    fmt: str,
    out: Path,
    *,
    fonts: ChineseFonts | None = None,
    font: str | None = None,
    domains: Sequence[str] | None = None,
) -> Path:
    """Write ``model`` rendered as ``fmt`` to ``out`` (atomically) and return ``out``."""
    domains = repository_domains(root) if domains is None else domains
    if fmt == "xlsx":
        from dutylist_cli.publishing.workbook import write_list_workbook

        write_list_workbook(assessed_list(root, model, domains, all_columns=True), out)
        return out
    doc = assessed_list(root, model, domains)
    if fmt == "docx":
        from dutylist_cli.publishing.word import write_list_docx

        if font:
            write_list_docx(doc, out, font=font)
        else:
            write_list_docx(doc, out)
    elif fmt == "pdf":
        fonts = fonts or chinese_fonts(font)
        write_atomic(out, html_to_pdf(list_html(root, doc, fonts), base_url=root, fonts=fonts))
    elif fmt == "html":
        write_text_atomic(out, list_html(root, doc, fonts or browser_fonts(font)))
    else:
        write_text_atomic(out, list_markdown(root, doc))
    return out


def run_job(job: RenderJob) -> Path:
    """Render one list in a worker: the list was checked before, so it parses."""
    parsed = parse_file(read_data_file(job.root / job.name), file=job.name)
    model = TownshipList.model_validate(parsed.data)
    return write_rendered(
        job.root, model, job.fmt, job.out, fonts=job.fonts, font=job.font, domains=job.domains
    )


def render_all(
    root: Path,
    names: Sequence[str],
    fmt: str,
    out_dir: Path,
    *,
    font: str | None = None,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Path], list[Diagnostic]]:
    """Render every list in ``names`` into ``out_dir``, in parallel; ``progress`` after each.

    Lists with errors are left out (and counted in ``progress``): the files written come back
    with those errors, for `refuse_errors`. Only the workers parse the lists; a valid list's
    file is named ``<code>-<name>.yaml``, so its output name needs no parsing here.
    """
    if str(out_dir) == "-":  # one file per list: a folder named "-" is never what was meant
        raise UsageError(messages.text("render.all.stdout"))
    errors = township_errors(root, names)
    failed = {d.file for d in errors}
    fonts = chinese_fonts(font) if fmt == "pdf" else None
    ensure_folder(out_dir)
    domains = tuple(repository_domains(root))
    work = [
        RenderJob(
            root, name, fmt, out_dir / f"{PurePosixPath(name).stem}.{fmt}", fonts, font, domains
        )
        for name in names
        if name not in failed
    ]
    if progress:
        for name in sorted(failed):
            progress(name)
    return _run_jobs(work, jobs=jobs, progress=progress), errors


def _run_jobs(
    work: Sequence[RenderJob], *, jobs: int | None, progress: Callable[[str], None] | None
) -> list[Path]:
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if workers <= 1:
        written = []
        for job in work:
            written.append(run_job(job))
            if progress:
                progress(job.name)
        return written
    done: dict[str, Path] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_job, job): job for job in work}
        for future in as_completed(futures):
            done[futures[future].name] = future.result()
            if progress:
                progress(futures[future].name)
    return [done[job.name] for job in work]
