"""The ranker on a small list written for these tests (not the sample): general behaviour."""

from __future__ import annotations

from typing import Any

import pytest

from dutylist_cli.matching import Lexicon, build_index, rank

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
            "keywords": ["吵架", "邻居闹矛盾"],
        },
    ],
    "cooperative": [
        {
            "id": "C001",
            "name": "电动自行车充电安全巡查",
            "domain": "应急管理",
            "lead": "县消防救援大队",
            "partners": ["县应急管理局"],
            "department_duties": "负责消防监督检查，查处违规充电行为。",
            "township_duties": "排查居民楼道内电动自行车违规充电，发现隐患及时劝阻并报告。",
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
LEXICON = Lexicon({"电瓶车": ["电动自行车"], "噪音": ["噪声"]}, filler=["你好", "反映", "一下"])


@pytest.fixture(scope="module")
def index() -> Any:
    return build_index(LIST)


def best(index: Any, text: str) -> tuple[str, bool, tuple[str, ...]]:
    ranking = rank(index, text, lexicon=LEXICON)
    return ranking.matches[0].item.id, ranking.listed, ranking.matches[0].why


def test_a_colloquial_word_reaches_the_list_term(index: Any) -> None:
    item, listed, why = best(index, "你好，反映一下，楼道里天天有人给电瓶车充电")
    assert (item, listed) == ("C001", True)
    assert "电瓶车" in why and "充电" in why


def test_a_homophone_typo_still_matches(index: Any) -> None:
    item, listed, _ = best(index, "隔壁在搞违章搭健")
    assert item == "B001" and listed


def test_keywords_count_like_the_name(index: Any) -> None:
    item, listed, why = best(index, "楼上两口子天天吵架")
    assert (item, listed) == ("B002", True) and "吵架" in why


def test_the_recovered_item_answers_for_its_department(index: Any) -> None:
    item, listed, _ = best(index, "工地晚上噪音太大")
    assert (item, listed) == ("R001", True)


def test_a_request_no_item_covers_is_off_the_list(index: Any) -> None:
    ranking = rank(index, "网购的衣服商家不给退款", lexicon=LEXICON)
    assert not ranking.listed


def test_filler_alone_matches_nothing(index: Any) -> None:
    ranking = rank(index, "你好，我想反映一下", lexicon=LEXICON)
    assert not ranking.listed and ranking.matches == []


def test_scores_are_between_zero_and_one_and_best_first(index: Any) -> None:
    ranking = rank(index, "违法建设和楼道充电都要管", lexicon=LEXICON, top=4)
    scores = [m.score for m in ranking.matches]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert len(ranking.matches) <= 4


@pytest.mark.parametrize(
    "data",
    [
        {},  # an empty list
        {"basic": [{"id": "B001", "name": "A", "domain": "x", "content": "1"}]},  # no bigram
        {"basic": [{"id": "B001"}, "not an item", {"name": "no id"}]},  # broken items
    ],
)
def test_lists_with_nothing_to_match_answer_off_the_list(data: dict[str, Any]) -> None:
    ranking = rank(build_index(data), "楼道里电瓶车充电", lexicon=LEXICON)
    assert not ranking.listed


def test_an_off_list_cue_asks_for_a_clearer_match() -> None:
    """A request about a carrier's bill that shares one word with an item is off the list; the
    same word in a request without the cue still finds the item."""
    cued = Lexicon({}, filler=[], off_list_cues=["运营商"])
    data = {"basic": [{"id": "B1", "name": "营商环境优化", "domain": "x", "content": "服务企业"}]}
    index = build_index(data)
    plain = rank(index, "营商环境", lexicon=cued)
    assert plain.listed
    billed = rank(index, "运营商乱扣营商环境费", lexicon=cued)
    assert not billed.listed and billed.matches[0].item.id == "B1"
