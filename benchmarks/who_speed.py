"""Speed of `dutylist who`, as ratios to baselines measured in the same run.

    python benchmarks/who_speed.py [--requests 10000] [--townships 15] [--items 250]

A synthetic county (benchmarks/synthetic_province.py: 250-item lists, as real ones) is written
to a temporary folder, with 10,000 requests made from the labelled set's texts.

- single `who` (one request, a real process, start-up included) against `dutylist --version`
  (the interpreter and the CLI's own start-up: the floor any command pays);
- `who --batch` of 10,000 requests against one township, and against the county's townships
  (a township column), against bm25s alone scoring the same requests' bigrams on the same lists
  (the library floor: what ranking costs without dutylist's reading, lexicon and explanations).

Targets (issue 10): single ≤ 0.5 s; batch ≤ 5 s for one township, ≤ 10 s for a county.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "src"))

import synthetic_province  # noqa: E402

REQUESTS = REPO / "benchmarks" / "who" / "requests.jsonl"
FALLBACK = ["楼道里电瓶车充电太危险", "小区门口有人占道摆摊", "工地晚上施工噪音扰民", "秸秆焚烧"]


def timed(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def dutylist(root: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *args, "--root", str(root)]
        if args and args[0] != "--version"
        else [sys.executable, "-m", "dutylist_cli", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=root,
    )


def texts(count: int) -> list[str]:
    pool = FALLBACK
    if REQUESTS.exists():
        pool = [json.loads(line)["text"] for line in REQUESTS.read_text("utf-8").splitlines()]
    return [pool[i % len(pool)] for i in range(count)]


def write_batch(path: Path, requests: list[str], townships: list[str] | None) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["编号", "乡镇（街道）", "诉求内容"] if townships else ["编号", "诉求内容"])
        for index, text in enumerate(requests):
            row = [f"GD{index:06d}"]
            if townships:
                row.append(townships[index % len(townships)])
            writer.writerow([*row, text])


def bm25s_floor(root: Path, codes: list[str], requests: list[str]) -> float:
    """bm25s alone: index each list's bigrams once, score every request against its list."""
    import bm25s

    from dutylist_cli.matching.text import bigrams
    from dutylist_cli.store.yaml_source import parse_file

    started = time.perf_counter()
    indexes = {}
    for code in codes:
        [path] = root.glob(f"lists/*/{code}-*.yaml")
        data = parse_file(path.read_bytes(), file=path.name).data
        documents = [
            bigrams(" ".join(str(v) for v in item.values()))
            for category in ("basic", "cooperative", "recovered")
            for item in data.get(category) or []
        ]
        index = bm25s.BM25()
        index.index(documents, show_progress=False)
        indexes[code] = index
    for number, text in enumerate(requests):
        indexes[codes[number % len(codes)]].get_scores(bigrams(text))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--townships", type=int, default=15)
    parser.add_argument("--items", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "county"
        synthetic_province.generate(
            root, counties=1, townships=options.townships, items=options.items
        )
        time.sleep(2)  # files younger than the cache's clock check are never cached ("racy")
        subprocess.run(  # what an office has: lists validated (and cached) before use
            [sys.executable, "-m", "dutylist_cli", "validate", "--root", str(root)],
            check=False,
            capture_output=True,
        )
        codes = sorted(p.name.split("-", 1)[0] for p in root.glob("lists/*/*-*.yaml"))
        requests = texts(options.requests)
        one, county = Path(folder) / "one.csv", Path(folder) / "county.csv"
        write_batch(one, requests, None)
        write_batch(county, requests, codes)
        os.environ.setdefault("DUTYLIST_LANG", "zh")
        version = timed(lambda: dutylist(root, "--version"), options.repeat * 2)
        single = timed(lambda: dutylist(root, "who", codes[0], requests[0]), options.repeat * 2)
        batch_one = timed(
            lambda: dutylist(root, "who", codes[0], "--batch", str(one), "--format", "json"),
            options.repeat,
        )
        batch_county = timed(
            lambda: dutylist(root, "who", "--batch", str(county), "--format", "json"),
            options.repeat,
        )
        floor_one = bm25s_floor(root, codes[:1], requests)
        floor_county = bm25s_floor(root, codes, requests)
    rows = [
        ("dutylist --version (start-up floor)", version, None),
        ("who, one request (real process)", single, version),
        (f"who --batch {options.requests} requests, one township", batch_one, floor_one),
        ("  bm25s alone, same requests and list", floor_one, None),
        (
            f"who --batch {options.requests} requests, {len(codes)} townships",
            batch_county,
            floor_county,
        ),
        ("  bm25s alone, same requests and lists", floor_county, None),
    ]
    print("| measurement | s | ratio to the baseline below/above it |")
    print("|---|---|---|")
    for label, seconds, baseline in rows:
        ratio = f"{seconds / baseline:.2f}×" if baseline else ""
        print(f"| {label} | {seconds:.3f} | {ratio} |")


if __name__ == "__main__":
    main()
