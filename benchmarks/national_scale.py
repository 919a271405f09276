"""National scale, measured: a generated province of N townships (default 10,000, ≈2.5M items).

    python benchmarks/national_scale.py                       # generate 10,000 townships, measure
    python benchmarks/national_scale.py --province DIR        # reuse a generated province
    python benchmarks/national_scale.py --townships 2000 --skip-site

What it measures, each a real subprocess run (wall seconds, CPU seconds of the process tree, peak
memory of the tree sampled from /proc): `validate` cold and warm, `export --all -f parquet`,
DuckDB queries over the export (in this process), and `site` when the command exists (its build
time and the size of its search index). The baseline, measured in the same run: the PyYAML C
loader over a 5% sample of the lists, scaled to all of them (the floor most tools sit on; a full
floor of 10,000 lists would take minutes). Figures are extrapolated linearly per township to the
whole country (≈38,000 townships), which holds only where the per-township cost is flat — the
5,000-township point of benchmarks/run.py --scale measured it flat (1.05×).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import AS_INSTALLED, TreeMemory, children_cpu, pyyaml_floor, township_lists
from synthetic_province import generate

NATION = 38_000
QUERIES = {
    "items per domain per county": (
        "select county_code, county_name, domain, count(*) as items "
        "from items group by all order by county_code, items desc"
    ),
    "departments with the most cooperative items": (
        "select county_name, department, lead_items + partner_items as cooperative "
        "from departments order by cooperative desc limit 20"
    ),
    "townships far from their county's median": (
        "with t as (select county_code, township_code, township_name, "
        "basic_items + cooperative_items as accountable from townships), "
        "m as (select county_code, median(accountable) as median from t group by county_code) "
        "select t.*, m.median, accountable / m.median as ratio from t join m using (county_code) "
        "where accountable > 1.3 * m.median or accountable < 0.7 * m.median order by ratio"
    ),
}


def run(root: Path, *args: str, check: tuple[int, ...] = (0,)) -> dict[str, float]:
    """One real `dutylist` run: wall and CPU seconds, peak RSS/PSS of its process tree."""
    memory = TreeMemory()
    before = children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dutylist_cli", *args, "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=AS_INSTALLED,
    )
    memory.watch(process)
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode not in check:
        raise SystemExit(
            f"dutylist {' '.join(args)} failed ({process.returncode}): {stderr[-2000:]}"
        )
    return {
        "wall": wall,
        "cpu": children_cpu() - before,
        "rss_mb": memory.rss_mb,
        "pss_mb": memory.pss_mb,
    }


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--townships", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--province", type=Path, help="reuse a generated province folder")
    parser.add_argument("--skip-site", action="store_true")
    parser.add_argument("--site-xlsx", action="store_true", help="site with its xlsx downloads")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dutylist-national-"))
    root = options.province or work / "province"
    if options.province is None:
        counties = max(1, round(95 * options.townships / 1237))
        start = time.perf_counter()
        generate(
            root,
            counties=counties,
            townships=options.townships,
            items=options.items,
            seed=options.seed,
        )
        print(f"generated {root} ({counties} counties) in {time.perf_counter() - start:.1f} s")
    lists = township_lists(root)
    townships = len(lists)
    figures: dict[str, float] = {"townships": townships}

    sample = random.Random(options.seed).sample(lists, max(1, townships // 20))
    start = time.perf_counter()
    pyyaml_floor(sample)
    figures["floor"] = (time.perf_counter() - start) * townships / len(sample)

    shutil.rmtree(root / ".dutylist_cache", ignore_errors=True)
    cold = run(root, "validate", "--format", "json")
    warm = run(root, "validate", "--format", "json")
    out = work / "opendata"
    export = run(root, "export", "--all", "-f", "parquet", "-o", str(out))
    figures.update({f"validate_cold_{k}": v for k, v in cold.items()})
    figures.update({f"validate_warm_{k}": v for k, v in warm.items()})
    figures.update({f"export_{k}": v for k, v in export.items()})
    figures["export_mb"] = folder_mb(out)

    import duckdb

    con = duckdb.connect()
    for table in ("items", "townships", "departments"):
        con.sql(f"create view {table} as select * from '{out / table}.parquet'")
    for label, query in QUERIES.items():
        start = time.perf_counter()
        rows = con.sql(query).fetchall()
        figures[f"duckdb: {label}"] = time.perf_counter() - start
        print(f"duckdb: {label}: {len(rows)} rows")

    if not options.skip_site:
        help_text = subprocess.run(
            [sys.executable, "-m", "dutylist_cli", "--help"], capture_output=True, text=True
        ).stdout
        if " site " in help_text:
            site = work / "site"
            # the per-list xlsx downloads are left out at this scale (~0.13 s of CPU a list, the
            # workbook writer's own cost, measured by benchmarks/render.py); --site-xlsx adds them
            built = run(
                root, "site", "-o", str(site), *([] if options.site_xlsx else ["--no-xlsx"])
            )
            figures.update({f"site_{k}": v for k, v in built.items()})
            figures["site_mb"] = folder_mb(site)
            search = site / "search"
            figures["site_search_mb"] = folder_mb(search) if search.is_dir() else 0.0

    print()
    print(f"| measurement ({townships:,} townships) | wall s | CPU s | peak MB (RSS; PSS) |")
    print("|---|---|---|---|")
    print(f"| PyYAML C floor (5% sample, scaled) | {figures['floor']:.1f} | | |")
    for key, label in (
        ("validate_cold", "validate, cold"),
        ("validate_warm", "validate, warm"),
        ("export", "export --all -f parquet"),
        ("site", "site"),
    ):
        if f"{key}_wall" in figures:
            wall = figures[f"{key}_wall"]
            print(
                f"| {label} | {wall:.1f} ({wall / figures['floor']:.3f}× floor) "
                f"| {figures[f'{key}_cpu']:.1f} | {figures[f'{key}_rss_mb']:.0f}; "
                f"{figures[f'{key}_pss_mb']:.0f} |"
            )
    for label in QUERIES:
        print(f"| duckdb: {label} | {figures[f'duckdb: {label}']:.3f} | | |")
    print(f"\nexport: {figures['export_mb']:.0f} MB of Parquet")
    if "site_mb" in figures:
        print(f"site: {figures['site_mb']:.0f} MB, search index {figures['site_search_mb']:.1f} MB")
    scale = NATION / townships
    print(f"\nextrapolated linearly to {NATION:,} townships (×{scale:.1f}):")
    for key, label in (
        ("validate_cold_wall", "validate cold"),
        ("export_wall", "export"),
        ("site_wall", "site"),
    ):
        if key in figures:
            print(f"  {label}: {figures[key] * scale / 60:.1f} min")
    print(f"  Parquet: {figures['export_mb'] * scale / 1e3:.2f} GB")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), "utf-8")
    if options.province is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "site", ignore_errors=True)


if __name__ == "__main__":
    main()
