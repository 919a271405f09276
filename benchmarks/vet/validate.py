"""Check benchmarks/vet/labels.jsonl against the notices and the seven sample lists.

Run from anywhere:  python benchmarks/vet/validate.py   (needs ruamel.yaml)
Exit 1 on any problem; prints counts per verdict and split (dev V01–V06, held V07–V12,
dev2 V13–V20, dev3 V21–V26, dev4 V27–V32, dev5 V33–V38, dev6 V39–V42).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
LISTS = HERE.parents[1] / "lists" / "320115-江宁区"
VERDICT_CATEGORIES = {
    "ok": {"basic", "cooperative"},
    "lead_mismatch": {"cooperative"},
    "recovered": {"recovered"},
    "off_list": set(),
}
NAMES = {
    "320115001": "东山街道",
    "320115002": "秣陵街道",
    "320115003": "汤山街道",
    "320115005": "禄口街道",
    "320115006": "江宁街道",
    "320115101": "铜山镇",
    "320115201": "横山乡",
}
# notice number → split: V01–V06 development, V07–V12 held back, V13–V20, V21–V26 and V27–V32
# the second, third and fourth development sets
SPLIT_OF = {
    **{f"V{i:02d}": "dev" for i in range(1, 7)},
    **{f"V{i:02d}": "held" for i in range(7, 13)},
    **{f"V{i:02d}": "dev2" for i in range(13, 21)},
    **{f"V{i:02d}": "dev3" for i in range(21, 27)},
    **{f"V{i:02d}": "dev4" for i in range(27, 33)},
    **{f"V{i:02d}": "dev5" for i in range(33, 39)},
    **{f"V{i:02d}": "dev6" for i in range(39, 43)},
}
SPLITS = ("dev", "held", "dev2", "dev3", "dev4", "dev5", "dev6")
COLLECTIVE = re.compile(r"各镇|各街道|各乡镇|属地镇|所在镇|属地街道|各镇街|各镇（乡）")


def load_lists() -> dict[str, dict[str, str]]:
    yaml = YAML(typ="safe")
    out = {}
    for path in sorted(LISTS.glob("32011*-*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"))
        out[doc["township"]["code"]] = {
            it["id"]: cat
            for cat in ("basic", "cooperative", "recovered")
            for it in doc.get(cat) or []
        }
    return out


def main() -> int:
    lists = load_lists()
    errors: list[str] = []
    notices = {p.name[:3]: p for p in sorted((HERE / "notices").glob("V*.txt"))}
    if not set(notices) <= set(SPLIT_OF):
        errors.append(f"unexpected notices {sorted(set(notices) - set(SPLIT_OF))}")
    text = {}
    for nid, path in notices.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not 20 <= len(lines) <= 50:
            errors.append(f"{path.name}: {len(lines)} lines, expected 20–50")
        text[nid] = lines

    # labels.jsonl, and a set's own labels-<split>.jsonl while it is being written
    raw = [
        row
        for path in sorted(HERE.glob("labels*.jsonl"))
        for row in path.read_text(encoding="utf-8").splitlines()
    ]
    labels = [json.loads(row) for row in raw if row.strip()]
    seen = set()
    for n, lab in enumerate(labels, 1):
        where = f"labels.jsonl:{n}"
        nid, line, code, verdict, items = (
            lab["notice"],
            lab["line"],
            lab["township"],
            lab["verdict"],
            lab["items"],
        )
        if set(lab) != {"notice", "line", "township", "verdict", "items", "split"}:
            errors.append(f"{where}: fields {sorted(lab)}")
        if nid not in text:
            errors.append(f"{where}: unknown notice {nid}")
            continue
        if not (1 <= line <= len(text[nid])) or not text[nid][line - 1].strip():
            errors.append(f"{where}: {nid} line {line} missing or empty")
            continue
        sentence = text[nid][line - 1]
        if NAMES.get(code) is None or code not in lists:
            errors.append(f"{where}: unknown township {code}")
            continue
        if NAMES[code] not in sentence and not COLLECTIVE.search(sentence):
            errors.append(f"{where}: {nid}:{line} names neither {NAMES[code]} nor all townships")
        want_split = SPLIT_OF[nid]
        if lab["split"] != want_split:
            errors.append(f"{where}: split {lab['split']}, expected {want_split}")
        if verdict not in VERDICT_CATEGORIES:
            errors.append(f"{where}: unknown verdict {verdict}")
            continue
        if verdict == "off_list" and items:
            errors.append(f"{where}: off_list with items {items}")
        if verdict != "off_list" and not items:
            errors.append(f"{where}: {verdict} without items")
        for item in items:
            cat = lists[code].get(item)
            if cat is None:
                errors.append(f"{where}: {item} not on {code} {NAMES[code]}'s list")
            elif cat not in VERDICT_CATEGORIES[verdict]:
                errors.append(f"{where}: {item} is {cat} on {code}, verdict {verdict}")
        key = (nid, line, code)
        if key in seen:
            errors.append(f"{where}: duplicate {key}")
        seen.add(key)

    for e in errors:
        print("ERROR", e)

    total = Counter(lab["verdict"] for lab in labels)
    by_split = Counter((lab["split"], lab["verdict"]) for lab in labels)
    n = len(labels)
    print(f"{'verdict':14} {'all':>5} {'share':>6}" + "".join(f" {sp:>5}" for sp in SPLITS))
    for v in ("ok", "recovered", "off_list", "lead_mismatch"):
        counts = "".join(f" {by_split[(sp, v)]:5}" for sp in SPLITS)
        print(f"{v:14} {total[v]:5} {total[v] / n:6.1%}{counts}")
    per_split = Counter(lab["split"] for lab in labels)
    print(f"{'total':14} {n:5} {'':6}" + "".join(f" {per_split[sp]:5}" for sp in SPLITS))
    sentences = defaultdict(set)
    for lab in labels:
        sentences[(lab["split"], lab["notice"], lab["line"])].add(lab["verdict"])
    for split in SPLITS:
        s = [k for k in sentences if k[0] == split]
        mixed = sum(1 for k in s if len(sentences[k]) > 1)
        print(f"{split}: {len(s)} assigning sentences, {mixed} with differing verdicts")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
