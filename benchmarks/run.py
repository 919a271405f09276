"""Benchmark of `dutylist validate` on a synthetic province, against baselines from the same run.

    python benchmarks/run.py                      # full province: 1,237 townships, ~250 items
    python benchmarks/run.py --townships 120 --counties 10 --skip-peers   # a quick look
    python benchmarks/run.py --scale 5000         # also a 5,000-township point (heavy: ~10 min)

Figures are wall times of real subprocess runs (median of --repeat), reported as ratios to the
PyYAML C-loader floor measured in the same run, because these machines are noisy. The province has
adjustment records and temporary tasks (1–2 of each per county), as real ones do. Peak memory of
a cold run is the whole process tree's (the command and its workers), sampled from /proc.
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
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_province import _git, generate, init_git, mutate_commit

REPO = Path(__file__).resolve().parents[1]
# dutylist runs as an installed tool does: with Python's bytecode cache. Some machines set
# PYTHONDONTWRITEBYTECODE=1, which makes every run compile dutylist's ~170 modules from source
# again (~50 ms: a sixth of the one-changed-file figure), something no user's install does.
AS_INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(action: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def children_cpu() -> float:
    """User + system CPU seconds of every waited-for child process (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the workers a cold run forks)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """Resident and proportional set size of one process (PSS counts shared pages once)."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeMemory:
    """Peak memory of a process tree, sampled every 20 ms: the sum of RSS (an upper bound:
    forked workers share pages) and the sum of PSS (shared pages counted once)."""

    def __init__(self) -> None:
        self.rss_mb = self.pss_mb = 0.0

    def watch(self, process: subprocess.Popen[str]) -> None:
        def sample() -> None:
            while process.poll() is None:
                sizes = [_memory_kb(pid) for pid in _tree(process.pid)]
                self.rss_mb = max(self.rss_mb, sum(r for r, _ in sizes) / 1024)
                self.pss_mb = max(self.pss_mb, sum(p for _, p in sizes) / 1024)
                time.sleep(0.02)

        threading.Thread(target=sample, daemon=True).start()


def dutylist(
    root: Path,
    *args: str,
    check_exit: tuple[int, ...] = (0,),
    command: str = "validate",
    memory: TreeMemory | None = None,
) -> str:
    process = subprocess.Popen(
        [sys.executable, "-m", "dutylist_cli", command, "--root", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=AS_INSTALLED,
    )
    if memory is not None:
        memory.watch(process)
    stdout, stderr = process.communicate()
    if process.returncode not in check_exit:
        raise SystemExit(f"dutylist failed ({process.returncode}): {stderr[-2000:]}")
    return stdout


def pyyaml_floor(lists: list[Path]) -> None:
    import yaml

    loader = yaml.CSafeLoader
    for path in lists:
        yaml.load(path.read_bytes(), Loader=loader)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counties", type=int, default=95)
    parser.add_argument("--townships", type=int, default=1237)
    parser.add_argument("--items", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--province", type=Path, help="reuse a generated province folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-peers", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--skip-git", action="store_true", help="skip the diff/history runs")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--scale", type=int, default=0, help="also run cold on a province of this many townships"
    )
    parser.add_argument(
        "--scale-province", type=Path, help="reuse a generated province of --scale townships"
    )
    parser.add_argument("--scale-repeat", type=int, default=2)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dutylist-bench-"))
    root = options.province or work / "province"
    if options.province is None:
        start = time.perf_counter()
        generate(
            root,
            counties=options.counties,
            townships=options.townships,
            items=options.items,
            seed=options.seed,
        )
        print(f"generated {root} in {time.perf_counter() - start:.1f} s")
    lists = township_lists(root)
    figures: dict[str, float] = {}

    figures["startup"], _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"]), 5)
    figures.update(cold_figures(root, lists, options.repeat))
    figures["warm"], _ = timed(lambda: dutylist(root), max(options.repeat, 5))

    target = lists[len(lists) // 2]
    original = target.read_bytes()

    def one_changed() -> None:
        target.write_bytes(original.replace(b"content: ", b"content: \xe6\x94\xb9", 1))
        os.utime(target, (time.time() - 10, time.time() - 10))
        dutylist(root)
        target.write_bytes(original)
        os.utime(target, (time.time() - 20, time.time() - 20))
        dutylist(root)  # back to the cached state (not timed separately: symmetric)

    median, _ = timed(one_changed, options.repeat)
    figures["one_changed"] = median / 2

    # every finding still located: break three files and look at the lines reported
    broken = lists[:3]
    saved = [p.read_bytes() for p in broken]
    for path in broken:
        path.write_bytes(path.read_bytes().replace(b"domain: ", b"domain: X", 1))
    report = json.loads(dutylist(root, "--format", "json", check_exit=(1,)))
    for path, data in zip(broken, saved, strict=True):
        path.write_bytes(data)
    located = all(d["line"] > 1 and d["column"] >= 1 for d in report["diagnostics"])
    figures["located_findings"] = float(len(report["diagnostics"]))
    print(f"findings after breaking 3 files: {len(report['diagnostics'])}, all located: {located}")

    if not options.skip_peers and shutil.which("check-jsonschema"):
        schema = REPO / "schemas" / "township-list.schema.json"

        def peer() -> None:
            subprocess.run(
                ["check-jsonschema", "--schemafile", str(schema), *map(str, lists)],
                capture_output=True,
            )

        figures["check_jsonschema"], _ = timed(peer, 1)

    if not options.skip_git:
        figures.update(git_figures(work, options))
    if options.scale:
        figures.update(scale_figures(work, options, figures))

    floor = figures["pyyaml_floor"]
    print()
    print("| measurement | seconds | ratio to PyYAML C floor |")
    print("|---|---|---|")
    for key, label in (
        ("startup", "python -c pass (interpreter start)"),
        ("pyyaml_floor", "PyYAML CSafeLoader, every list (floor)"),
        ("cold", "dutylist validate, cold (no cache)"),
        ("warm", "dutylist validate, warm, nothing changed"),
        ("one_changed", "dutylist validate, warm, one file changed"),
        ("check_jsonschema", "check-jsonschema with the exported schema"),
        ("diff", "dutylist diff HEAD~1 HEAD (1% of items in 30 files + a rename)"),
        ("history", "dutylist history, one township over 100 commits"),
    ):
        if key in figures:
            print(f"| {label} | {figures[key]:.3f} | {figures[key] / floor:.3f}× |")
    print(
        f"\ncold run, peak memory: whole tree {figures['cold_tree_rss_mb']:.0f} MB RSS "
        f"({figures['cold_tree_pss_mb']:.0f} MB PSS), largest process "
        f"{figures['cold_peak_mb']:.0f} MB"
    )
    if options.scale:
        print(
            f"{options.scale} townships: floor {figures['scale_floor']:.1f} s, cold "
            f"{figures['scale_cold']:.1f} s ({figures['scale_cold'] / figures['scale_floor']:.3f}× "
            f"its floor), {figures['scale_cold_per_township_ratio']:.2f}× the cold time per "
            f"township at {options.townships}, {figures['scale_cold_cpu_per_township_ratio']:.2f}× "
            f"its CPU time ({figures['scale_cold_cpu']:.1f} s against "
            f"{figures['cold_cpu']:.1f} s); peak memory {figures['scale_tree_rss_mb']:.0f} MB "
            f"RSS ({figures['scale_tree_pss_mb']:.0f} MB PSS)"
        )
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2), "utf-8")
    shutil.rmtree(work, ignore_errors=True)


def township_lists(root: Path) -> list[Path]:
    lists = sorted(p for p in (root / "lists").rglob("*.yaml") if "-" in p.stem)
    size_mb = sum(p.stat().st_size for p in lists) / 1e6
    records = len(list(root.glob("adjustments/*/*.yaml")))
    tasks = len(list(root.glob("temporary/*/*.yaml")))
    print(
        f"{len(lists)} township lists, {size_mb:.1f} MB of YAML, {records} adjustment records, "
        f"{tasks} temporary tasks, {os.cpu_count()} cores"
    )
    return lists


def cold_figures(root: Path, lists: list[Path], repeat: int, prefix: str = "") -> dict[str, float]:
    """The PyYAML floor and a cold validate (no cache) of the same province, in the same run."""
    figures: dict[str, float] = {}
    memory = TreeMemory()

    cpu: list[float] = []

    def cold() -> None:
        shutil.rmtree(root / ".dutylist_cache", ignore_errors=True)
        before = children_cpu()
        dutylist(root, "--format", "json", memory=memory)
        cpu.append(children_cpu() - before)

    figures[f"{prefix}floor" if prefix else "pyyaml_floor"], _ = timed(
        lambda: pyyaml_floor(lists), repeat
    )
    figures[f"{prefix}cold"], _ = timed(cold, repeat)
    # CPU seconds of the command and its workers: what the work costs, whatever else the
    # machine is doing (wall time on 2 shared cores swings by 2x under another process's load)
    figures[f"{prefix}cold_cpu"] = statistics.median(cpu)
    if not prefix:
        figures["cold_peak_mb"] = children_peak_mb()
    figures[f"{prefix or 'cold_'}tree_rss_mb"] = memory.rss_mb
    figures[f"{prefix or 'cold_'}tree_pss_mb"] = memory.pss_mb
    return figures


def scale_figures(
    work: Path, options: argparse.Namespace, figures: dict[str, float]
) -> dict[str, float]:
    """A second, larger province: cold time per township against the main point's."""
    root = options.scale_province or work / "scale-province"
    if options.scale_province is None:
        counties = max(
            options.counties, round(options.counties * options.scale / options.townships)
        )
        start = time.perf_counter()
        generate(
            root, counties=counties, townships=options.scale, items=options.items, seed=options.seed
        )
        print(f"generated {root} ({counties} counties) in {time.perf_counter() - start:.1f} s")
    scale = cold_figures(root, township_lists(root), options.scale_repeat, prefix="scale_")
    if options.scale_province is None:
        shutil.rmtree(root, ignore_errors=True)
    for key in ("cold", "cold_cpu"):
        per_township = scale[f"scale_{key}"] / options.scale
        scale[f"scale_{key}_per_township_ratio"] = per_township / (figures[key] / options.townships)
    return scale


def git_figures(work: Path, options: argparse.Namespace) -> dict[str, float]:
    """diff between two province commits, and history of one township over 100 commits."""
    repo = work / "git-province"
    generate(
        repo,
        counties=options.counties,
        townships=options.townships,
        items=options.items,
        seed=options.seed,
    )
    init_git(repo)
    mutation = mutate_commit(repo, seed=options.seed)
    print(f"second commit: {mutation.edits} item edits, renamed {mutation.renamed[0]}")
    figures: dict[str, float] = {}
    report = json.loads(dutylist(repo, "HEAD~1", "HEAD", "--format", "json", command="diff"))
    print(f"diff: {len(report['changes'])} item changes")
    figures["diff"], _ = timed(
        lambda: dutylist(repo, "HEAD~1", "HEAD", "--format", "json", command="diff"),
        options.repeat,
    )
    target = sorted((repo / "lists").glob("*/*-*.yaml"))[0]
    code = target.name[:9]
    for number in range(100):
        text = target.read_text("utf-8")
        target.write_text(
            text.replace("    content: ", f"    content: 第{number}次修改", 1), "utf-8"
        )
        _git(
            repo,
            "commit",
            "-q",
            "-am",
            f"修改 {code} 第 {number} 次",
            date=f"2025-04-01T09:{number // 60:02d}:{number % 60:02d}+08:00",
        )
    entries = json.loads(dutylist(repo, code, "--format", "json", command="history"))["entries"]
    print(f"history of {code}: {len(entries)} entries")
    figures["history"], _ = timed(
        lambda: dutylist(repo, code, "--format", "json", command="history"), options.repeat
    )
    return figures


if __name__ == "__main__":
    main()
