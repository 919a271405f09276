"""Accuracy of `dutylist vet` on the labelled notices of benchmarks/vet/ (see its README).

    python benchmarks/vet_accuracy.py --split dev --misses     # tuning: the development notices
    python benchmarks/vet_accuracy.py --split dev2 --misses    # tuning: the second development set
    python benchmarks/vet_accuracy.py --split all-dev          # dev and dev2 together
    python benchmarks/vet_accuracy.py --split held             # reporting only, never tuning
    python benchmarks/vet_accuracy.py                          # dev, dev2 and held: the figures

Each notice is run through the real command (`dutylist vet NOTICE -f json --root <repo>`, a
subprocess) and compared per (line, township) with labels.jsonl:
- verdicts right: the share of labelled pairs whose finding has the labelled verdict (a labelled
  pair with no finding counts wrong);
- recall per verdict: of the pairs labelled so, how many were found so;
- item right: of the pairs labelled with items and found with the right verdict, how many name
  one of the labelled items;
- false alarms per notice: warning or error findings on pairs that are not labelled, or are
  labelled ok.

V01–V06 (`split: dev`) and V13–V20 (`split: dev2`, written independently) are for development;
V07–V12 are held back: run them to report, never read their misses.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SET = REPO / "benchmarks" / "vet"
VERDICTS = ("ok", "lead_mismatch", "recovered", "off_list")
VET = (sys.executable, "-m", "dutylist_cli", "vet")
TARGETS = {"right": 0.85, "recovered": 0.90, "off_list": 0.75, "lead_mismatch": 0.60}
# a --split choice → the label splits it covers; "all-dev" is every split one may tune on
SPLITS = {
    "dev": {"dev"},
    "dev2": {"dev2"},
    "dev3": {"dev3"},
    "dev4": {"dev4"},
    "dev5": {"dev5"},
    "dev6": {"dev6"},  # written after the last rule: untuned
    "all-dev": {"dev", "dev2", "dev3", "dev4", "dev5", "dev6"},
    "held": {"held"},
    "all": {"dev", "dev2", "dev3", "dev4", "dev5", "dev6", "held"},
}


@dataclass
class Score:
    notices: int = 0
    pairs: int = 0
    right: int = 0
    items_right: int = 0
    items_judged: int = 0
    false_alarms: int = 0  # (line, township) pairs flagged that are ok or assign nothing
    false_findings: int = 0  # findings (a verdict on a sentence) wrong for a township they name
    labelled: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def load_labels(split: str) -> dict[str, dict[tuple[int, str], dict[str, Any]]]:
    """notice id → (line, township) → label row."""
    out: dict[str, dict[tuple[int, str], dict[str, Any]]] = {}
    rows = [
        raw
        for path in sorted(SET.glob("labels*.jsonl"))
        for raw in path.read_text("utf-8").splitlines()
    ]
    for raw in rows:
        if raw.strip():
            row = json.loads(raw)
            if row["split"] in SPLITS[split]:
                out.setdefault(row["notice"], {})[(row["line"], row["township"])] = row
    return out


def run_vet(notice: Path) -> dict[str, Any]:
    process = subprocess.run(
        [*VET, str(notice), "-f", "json", "--root", str(REPO), "--lang", "zh"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if process.returncode not in (0, 1):
        raise SystemExit(f"{notice.name}: exit {process.returncode}\n{process.stderr}")
    result: dict[str, Any] = json.loads(process.stdout)
    return result


def score_notice(
    score: Score, notice: str, labels: dict[tuple[int, str], dict[str, Any]], result: Any
) -> None:
    found: dict[tuple[int, str], tuple[str, set[str]]] = {}
    for finding in result["findings"]:
        items: dict[str, set[str]] = {}
        for entry in finding["items"]:
            items.setdefault(entry["township"], set()).add(entry["item"])
        for township in finding["townships"]:
            key = (finding["line"], township)
            # two sentences on one line: the graver verdict counts
            if key not in found or _gravity(finding["verdict"]) > _gravity(found[key][0]):
                found[key] = (finding["verdict"], items.get(township, set()))
    score.notices += 1
    for key, label in labels.items():
        score.pairs += 1
        score.labelled[label["verdict"]] += 1
        verdict, items = found.get(key, ("—", set()))
        if verdict == label["verdict"]:
            score.right += 1
            score.found[verdict] += 1
            if label["items"]:
                score.items_judged += 1
                score.items_right += bool(items & set(label["items"]))
        else:
            score.misses.append(
                f"{notice} line {key[0]} {key[1]}: labelled {label['verdict']} "
                f"{'/'.join(label['items'])}, found {verdict} {'/'.join(sorted(items))}"
            )
    for key, (verdict, _) in found.items():
        label = labels.get(key)
        if verdict != "ok" and (label is None or label["verdict"] == "ok"):
            score.false_alarms += 1
            score.misses.append(f"{notice} line {key[0]} {key[1]}: false alarm {verdict}")
    # the unit: a finding is one verdict on one sentence, naming its townships
    for finding in result["findings"]:
        if finding["verdict"] == "ok":
            continue
        labelled = [labels.get((finding["line"], t)) for t in finding["townships"]]
        if any(label is None or label["verdict"] == "ok" for label in labelled):
            score.false_findings += 1


def _gravity(verdict: str) -> int:
    return {"ok": 0, "lead_mismatch": 1, "off_list": 2, "recovered": 3}.get(verdict, -1)


def measure(split: str) -> Score:
    labels = load_labels(split)
    score = Score()
    for notice in sorted(labels):
        path = next((SET / "notices").glob(f"{notice}-*"))
        score_notice(score, notice, labels[notice], run_vet(path))
    return score


def report(split: str, score: Score, *, misses: bool) -> None:
    right = score.right / max(score.pairs, 1)
    print(f"== {split}: {score.notices} notices, {score.pairs} (line, township) pairs")
    print(f"verdicts right      {right:.3f}   (target ≥ {TARGETS['right']:.2f} held)")
    for verdict in VERDICTS:
        if score.labelled[verdict]:
            recall = score.found[verdict] / score.labelled[verdict]
            target = f"(target ≥ {TARGETS[verdict]:.2f} held)" if verdict in TARGETS else ""
            print(
                f"recall {verdict:<14}{recall:.3f}   "
                f"{score.found[verdict]}/{score.labelled[verdict]} {target}"
            )
    if score.items_judged:
        print(f"item right          {score.items_right / score.items_judged:.3f}")
    per_notice = score.false_alarms / max(score.notices, 1)
    print(f"false alarms        {per_notice:.2f} a notice ({score.false_alarms} township pairs)")
    findings = score.false_findings / max(score.notices, 1)
    print(
        f"false findings      {findings:.2f} a notice ({score.false_findings}; target < 1: "
        "an error or warning wrong for a township it names)"
    )
    if misses:
        if split in ("held", "all"):
            print("(misses of the held-back half are not shown: report, do not tune)")
        else:
            print(*score.misses, sep="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=tuple(SPLITS), default=None)
    parser.add_argument("--misses", action="store_true", help="list the misses (dev only)")
    args = parser.parse_args()
    for split in (args.split,) if args.split else ("dev", "dev2", "held"):
        report(split, measure(split), misses=args.misses)


if __name__ == "__main__":
    main()
