"""Benchmark of `dutylist render`, against the bare libraries measured in the same run.

    python benchmarks/render.py            # a 250-item township, then the sample county
    python benchmarks/render.py --repeat 5

Each figure is the median wall time of real subprocess runs. Baselines are the libraries alone
doing the same job in a fresh interpreter: WeasyPrint printing the very HTML dutylist renders,
XlsxWriter and python-docx writing the same cells without any layout, and `render --all --jobs 1`
for the parallel run (so its ratio shows what the second core brings).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_province import generate

REPO = Path(__file__).resolve().parents[1]

# the bare libraries, each in a fresh interpreter as dutylist runs
WEASYPRINT_ONLY = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""
CELLS = """
import sys, yaml
data = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
rows = []
for key in ("basic", "cooperative", "recovered"):
    for item in data.get(key) or []:
        rows.append([str(v) if not isinstance(v, list) else "\\n".join(map(str, v))
                     for v in item.values()])
"""
XLSXWRITER_ONLY = (
    CELLS
    + """
import xlsxwriter
book = xlsxwriter.Workbook(sys.argv[2])
sheet = book.add_worksheet()
for number, row in enumerate(rows):
    sheet.write_row(number, 0, row)
book.close()
"""
)
DOCX_ONLY = (
    CELLS
    + """
import docx
document = docx.Document()
table = document.add_table(rows=0, cols=max(map(len, rows)))
for row in rows:
    cells = table.add_row().cells
    for cell, value in zip(cells, row):
        cell.text = value
document.save(sys.argv[2])
"""
)


def timed(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])}… failed ({done.returncode}): {done.stderr[-2000:]}")


def dutylist(root: Path, *args: str) -> None:
    run(sys.executable, "-m", "dutylist_cli", "render", "--root", str(root), *args)


def python(script: str, *args: str) -> None:
    run(sys.executable, "-c", script, *args)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dutylist-render-bench-"))
    root = work / "one"
    generate(root, counties=1, townships=1, items=options.items, seed=20240101)
    (source,) = sorted(p for p in (root / "lists").rglob("*-*.yaml"))
    code = source.name[:9]
    out = work / "out"
    out.mkdir()
    print(f"{source.name}: {options.items} items; {os.cpu_count()} cores")

    figures: dict[str, float] = {}
    figures["startup"] = timed(lambda: python("pass"), 5)
    html = out / "list.html"
    dutylist(root, code, "-f", "html", "-o", str(html))
    for fmt, baseline, script, target in (
        ("pdf", "weasyprint_only", WEASYPRINT_ONLY, html),
        ("xlsx", "xlsxwriter_only", XLSXWRITER_ONLY, source),
        ("docx", "python_docx_only", DOCX_ONLY, source),
    ):
        path = out / f"list.{fmt}"
        figures[fmt] = timed(
            lambda f=fmt, p=path: dutylist(root, code, "-f", f, "-o", str(p)), options.repeat
        )
        figures[baseline] = timed(
            lambda s=script, t=target, f=fmt: python(s, str(t), str(out / f"bare.{f}")),
            options.repeat,
        )
    pages = subprocess.run(["pdfinfo", str(out / "list.pdf")], capture_output=True, text=True)
    print(next((line for line in pages.stdout.splitlines() if line.startswith("Pages")), ""))

    county = work / "county"
    county.mkdir()
    shutil.copy(REPO / "dutylist.yaml", county)
    shutil.copytree(REPO / "lists", county / "lists")
    lists = len(list((county / "lists").rglob("*-*.yaml")))
    for jobs in ("1", "2"):
        before = cpu_seconds()
        figures[f"county_pdf_jobs{jobs}"] = timed(
            lambda j=jobs: dutylist(county, "--all", "-f", "pdf", "-o", str(out / "all"), "-j", j),
            options.repeat,
        )
        figures[f"county_pdf_jobs{jobs}_cpu"] = (cpu_seconds() - before) / options.repeat
    figures["county_xlsx"] = timed(
        lambda: dutylist(county, "--all", "-f", "xlsx", "-o", str(out / "all")), options.repeat
    )

    print()
    print("| measurement | seconds | ratio to baseline | baseline |")
    print("|---|---|---|---|")
    for key, label, base in (
        ("startup", "python -c pass (interpreter start)", None),
        ("pdf", f"render one {options.items}-item township to PDF", "weasyprint_only"),
        ("weasyprint_only", "  baseline: WeasyPrint alone, same HTML", None),
        ("xlsx", f"render one {options.items}-item township to XLSX", "xlsxwriter_only"),
        ("xlsxwriter_only", "  baseline: XlsxWriter alone, same cells, no layout", None),
        ("docx", f"render one {options.items}-item township to DOCX", "python_docx_only"),
        ("python_docx_only", "  baseline: python-docx alone, same cells, no layout", None),
        (
            "county_pdf_jobs2",
            f"render --all sample county ({lists} lists) to PDF, 2 processes",
            "county_pdf_jobs1",
        ),
        ("county_pdf_jobs1", "  baseline: the same with --jobs 1", None),
        ("county_xlsx", f"render --all sample county ({lists} lists) to XLSX", None),
    ):
        ratio = f"{figures[key] / figures[base]:.2f}×" if base else ""
        print(f"| {label} | {figures[key]:.2f} | {ratio} | {base or ''} |")
    for jobs in ("1", "2"):
        cpu = figures[f"county_pdf_jobs{jobs}_cpu"] / figures[f"county_pdf_jobs{jobs}"]
        print(f"\n--jobs {jobs}: CPU time / wall time = {cpu:.2f} (cores busy)", end="")
    print()
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2), "utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
