"""Accuracy of `dutylist who` on the labelled requests of benchmarks/who/requests.jsonl.

    python benchmarks/who_accuracy.py                  # both halves, the figures to report
    python benchmarks/who_accuracy.py --split dev --misses    # tuning: the development half only
    python benchmarks/who_accuracy.py --calibrate      # the off-list threshold, fitted on dev
    python benchmarks/who_accuracy.py --semantic       # with the sentence encoder fused in
    python benchmarks/who_accuracy.py --calibrate --semantic   # MU and its threshold, on dev
    python benchmarks/who_accuracy.py --split dev3 --no-lexicon  # general methods alone: the
        # lexicon's terms left out (they were grown from these sets' misses)

dev6 (requests_dev6.jsonl, when present) is measured like the others but never calibrated on.

Figures (per half):
- handler@1: the answer's handler is right — the township for a basic item, the lead for a
  cooperative one, the department for a recovered one — or, for an off-list request, the answer
  is off-list too (all requests);
- item@1 / item@3: an acceptable item first / among the first three matches (listed requests);
- category@1: the verdict is listed and its category is the expected one (listed requests);
- off-list precision and recall: of the requests answered off-list, how many are; of those that
  are, how many were answered so.

The held-back half is for reporting only: tune on dev (``--split dev``), never on held.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REQUESTS = REPO / "benchmarks" / "who" / "requests.jsonl"
# a second development set, written later and independently, to grow the lexicon from its misses
REQUESTS_DEV2 = REPO / "benchmarks" / "who" / "requests_dev2.jsonl"
REQUESTS_DEV3 = REPO / "benchmarks" / "who" / "requests_dev3.jsonl"  # and a third
REQUESTS_DEV4 = REPO / "benchmarks" / "who" / "requests_dev4.jsonl"  # and a fourth
REQUESTS_DEV5 = REPO / "benchmarks" / "who" / "requests_dev5.jsonl"  # and a fifth
REQUESTS_DEV6 = REPO / "benchmarks" / "who" / "requests_dev6.jsonl"  # and a sixth
DEVELOPMENT = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")
# what --calibrate fits on: dev6 is kept for an untuned figure
TUNING = ("dev", "dev2", "dev3", "dev4", "dev5")
sys.path.insert(0, str(REPO / "src"))

from dutylist_cli.matching import Lexicon, Ranking, load_lexicon  # noqa: E402
from dutylist_cli.matching import ranking as ranking_module  # noqa: E402
from dutylist_cli.use.who import Dispatcher, Handler, WhoAnswer  # noqa: E402


@dataclass(frozen=True)
class Labelled:
    id: str
    township: str
    text: str
    items: tuple[str, ...]
    split: str
    difficulty: str

    @property
    def off_list(self) -> bool:
        return not self.items


def load(path: Path = REQUESTS) -> list[Labelled]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            out.append(
                Labelled(
                    raw["id"],
                    raw["township"],
                    raw["text"],
                    tuple(raw.get("items") or ()),
                    raw["split"],
                    raw.get("difficulty", "easy"),
                )
            )
    return out


def expected_handlers(dispatcher: Dispatcher, request: Labelled) -> set[tuple[str, str]]:
    township = dispatcher.township(request.township)
    index, _ = dispatcher._index(township)
    by_id = {item.id: item for item in index.items}
    handlers = set()
    for item_id in request.items:
        item = by_id[item_id]
        if item.category == "basic":
            handlers.add(("township", township.name))
        elif item.category == "cooperative":
            handlers.add(("department", item.lead or ""))
        else:
            handlers.add(("department", item.department or ""))
    return handlers


def categories(dispatcher: Dispatcher, request: Labelled) -> set[str]:
    index, _ = dispatcher._index(dispatcher.township(request.township))
    by_id = {item.id: item for item in index.items}
    return {by_id[i].category for i in request.items}


def _handler_key(handler: Handler | None) -> tuple[str, str] | None:
    return None if handler is None else (handler.kind, handler.name)


@dataclass
class Outcome:
    request: Labelled
    answer: WhoAnswer

    def handler_right(self, dispatcher: Dispatcher) -> bool:
        if self.request.off_list:
            return not self.answer.ranking.listed
        return _handler_key(self.answer.handler) in expected_handlers(dispatcher, self.request)

    def item_at(self, k: int) -> bool:
        return any(m.item.id in self.request.items for m in self.answer.ranking.matches[:k])


def run(dispatcher: Dispatcher, requests: Iterable[Labelled]) -> list[Outcome]:
    chosen = list(requests)
    answers = dispatcher.answer_many([(dispatcher.township(r.township), r.text) for r in chosen])
    return [Outcome(r, answer) for r, answer in zip(chosen, answers, strict=True)]


def figures(dispatcher: Dispatcher, outcomes: list[Outcome]) -> dict[str, Any]:
    listed = [o for o in outcomes if not o.request.off_list]
    answered_off = [o for o in outcomes if not o.answer.ranking.listed]
    truly_off = [o for o in outcomes if o.request.off_list]
    hits = [o for o in answered_off if o.request.off_list]

    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    return {
        "requests": len(outcomes),
        "listed": len(listed),
        "off_list": len(truly_off),
        "handler@1": share(sum(o.handler_right(dispatcher) for o in outcomes), len(outcomes)),
        "item@1": share(sum(o.item_at(1) for o in listed), len(listed)),
        "item@3": share(sum(o.item_at(3) for o in listed), len(listed)),
        "category@1": share(
            sum(
                o.answer.category in categories(dispatcher, o.request)
                for o in listed
                if o.answer.ranking.listed
            ),
            len(listed),
        ),
        "off_list_precision": share(len(hits), len(answered_off)),
        "off_list_recall": share(len(hits), len(truly_off)),
    }


def calibrate(dispatcher: Dispatcher, requests: list[Labelled]) -> float:
    """The threshold that maximises handler@1 on the given (development) requests."""
    best = (-1.0, 0.0)
    original = ranking_module.OFF_LIST_THRESHOLD
    for step in range(0, 61):
        threshold = step / 100
        ranking_module.OFF_LIST_THRESHOLD = threshold
        dispatcher_at = Dispatcher(dispatcher.root, dispatcher.lexicon, dispatcher.today)
        dispatcher_at._indexes = dispatcher._indexes
        dispatcher_at._places = dispatcher.places()
        found = figures(dispatcher_at, run_with(dispatcher_at, requests, threshold))
        score = found["handler@1"]
        print(f"  threshold {threshold:.2f}: {json.dumps(found, ensure_ascii=False)}")
        if score > best[0]:
            best = (score, threshold)
    ranking_module.OFF_LIST_THRESHOLD = original
    return best[1]


def run_with(dispatcher: Dispatcher, requests: list[Labelled], threshold: float) -> list[Outcome]:
    from dutylist_cli.matching import rank

    outcomes = []
    for r in requests:
        township = dispatcher.township(r.township)
        index, findings = dispatcher._index(township)
        ranking = rank(
            index,
            r.text,
            lexicon=dispatcher.lexicon,
            threshold=threshold,
            places=dispatcher.places(),
        )
        outcomes.append(Outcome(r, WhoAnswer(township, r.text, ranking, findings)))
    return outcomes


def calibrate_semantic(dispatcher: Dispatcher, requests: list[Labelled]) -> tuple[float, float]:
    """MU and the fused off-list threshold that maximise handler@1 (then item@3) on the given
    (development) requests; the cosines are computed once, the fusion re-run for each MU."""
    from dutylist_cli.matching import rank

    scorer = dispatcher.semantic
    assert scorer is not None
    vectors = scorer.embed([r.text for r in requests])
    cosines = []
    for k, r in enumerate(requests):
        township = dispatcher.township(r.township)
        index, _ = dispatcher._index(township)
        texts = dispatcher._item_texts[township.code]
        cosines.append(scorer.cosines(index, texts, vectors[k : k + 1])[0].tolist())
    original = (ranking_module.MU, ranking_module.OFF_LIST_THRESHOLD_SEMANTIC)
    best = ((-1.0, -1.0), 0.0, 0.0)
    ranking_module.OFF_LIST_THRESHOLD_SEMANTIC = -1.0  # every answer listed: judged below
    try:
        for mu_step in range(0, 31):
            mu = mu_step / 10
            ranking_module.MU = mu
            ranked = []
            for r, cosine in zip(requests, cosines, strict=True):
                township = dispatcher.township(r.township)
                index, findings = dispatcher._index(township)
                ranking = rank(
                    index,
                    r.text,
                    lexicon=dispatcher.lexicon,
                    places=dispatcher.places(),
                    semantic=cosine,
                )
                position = {item.id: i for i, item in enumerate(index.items)}
                first = ranking.matches[0] if ranking.matches else None
                confidence = (
                    (first.score + mu * max(cosine[position[first.item.id]], 0.0)) / (1 + mu)
                    if first is not None
                    else 0.0
                )
                ranked.append((r, township, findings, ranking, confidence))
            for step in range(0, 81):
                threshold = step / 100
                outcomes = [
                    Outcome(
                        r,
                        WhoAnswer(
                            township,
                            r.text,
                            Ranking(ranking.matches, confidence >= threshold, ranking.expansions),
                            findings,
                        ),
                    )
                    for r, township, findings, ranking, confidence in ranked
                ]
                found = figures(dispatcher, outcomes)
                score = (found["handler@1"], found["item@3"])
                if step % 5 == 0 or score > best[0]:
                    print(f"  mu {mu:.1f} threshold {threshold:.2f}: {json.dumps(found)}")
                if score > best[0]:
                    best = (score, mu, threshold)
    finally:
        ranking_module.MU, ranking_module.OFF_LIST_THRESHOLD_SEMANTIC = original
    return best[1], best[2]


def show_misses(dispatcher: Dispatcher, outcomes: list[Outcome]) -> None:
    for o in outcomes:
        if o.handler_right(dispatcher) and (o.request.off_list or o.item_at(3)):
            continue
        got = [(m.item.id, m.item.name, m.score, m.why) for m in o.answer.ranking.matches]
        verdict = "listed" if o.answer.ranking.listed else "OFF"
        wanted = o.request.items or "OFF"
        print(f"{o.request.id} [{o.request.township}] want {wanted} got {verdict}")
        print(f"    {o.request.text}")
        print(f"    {got}")


def _history_rows(requests: list[Labelled]) -> list[Any]:
    from dutylist_cli.use.requests_file import RequestRow

    return [
        RequestRow(
            i, r.text, r.id, r.township, ",".join(r.items) or None, None if r.items else "off_list"
        )
        for i, r in enumerate(requests, start=1)
    ]


def history_figures(dispatcher: Dispatcher, requests: list[Labelled], split: str) -> None:
    """What a county's past tickets add: the held half answered with all of dev as history;
    dev in two folds (each half of dev answered with the other as history)."""
    dev = [r for r in requests if r.split == "dev"]
    held = [r for r in requests if r.split == "held"]
    if split in ("dev", "both"):
        folds = (dev[0::2], dev[1::2])
        outcomes: list[Outcome] = []
        for history, asked in ((folds[0], folds[1]), (folds[1], folds[0])):
            dispatcher.load_history(_history_rows(history))
            outcomes += run(dispatcher, asked)
        print("dev (2 folds)", json.dumps(figures(dispatcher, outcomes), ensure_ascii=False))
    if split in ("held", "both"):
        dispatcher.load_history(_history_rows(dev))
        outcomes = run(dispatcher, held)
        print(
            "held (dev as history)", json.dumps(figures(dispatcher, outcomes), ensure_ascii=False)
        )
    dispatcher.history = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*DEVELOPMENT, "held", "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="print the misses (dev only)")
    parser.add_argument("--calibrate", action="store_true", help="fit the threshold on dev")
    parser.add_argument(
        "--semantic", action="store_true", help="fuse the sentence encoder (dutylist[semantic])"
    )
    parser.add_argument(
        "--history",
        action="store_true",
        help="past tickets vote (who --history): dev in two folds, held with all of dev",
    )
    parser.add_argument(
        "--no-lexicon",
        action="store_true",
        help="the shipped lexicon's terms left out (its filler and off-list cues kept): what "
        "the general methods do on wording the hand-grown lexicon was never grown from",
    )
    args = parser.parse_args()
    scorer = None
    if args.semantic:
        from dutylist_cli.use.who import semantic_scorer

        scorer = semantic_scorer()
    lexicon = load_lexicon(REPO)
    if args.no_lexicon:
        lexicon = Lexicon({}, lexicon.filler, lexicon.off_list_cues)
    dispatcher = Dispatcher(REPO, lexicon, dt.date(2026, 12, 1), semantic=scorer)
    requests = load() + [
        request
        for path in (REQUESTS_DEV2, REQUESTS_DEV3, REQUESTS_DEV4, REQUESTS_DEV5, REQUESTS_DEV6)
        if path.exists()
        for request in load(path)
    ]
    if args.calibrate:
        dev = [r for r in requests if r.split in TUNING]
        if args.semantic:
            mu, threshold = calibrate_semantic(dispatcher, dev)
            print(f"best on dev: MU {mu:.1f}, OFF_LIST_THRESHOLD_SEMANTIC {threshold:.2f}")
        else:
            print(f"best threshold on dev: {calibrate(dispatcher, dev):.2f}")
        return
    if args.history:
        history_figures(dispatcher, requests, args.split)
        return
    present = [split for split in DEVELOPMENT if any(r.split == split for r in requests)]
    splits = (*present, "held") if args.split == "both" else (args.split,)
    for split in splits:
        outcomes = run(dispatcher, [r for r in requests if r.split == split])
        print(split, json.dumps(figures(dispatcher, outcomes), ensure_ascii=False))
        if args.misses and split in DEVELOPMENT:
            show_misses(dispatcher, outcomes)


if __name__ == "__main__":
    main()
