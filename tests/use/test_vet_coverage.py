"""vet's coverage signal (use/vet_coverage.py): how much of the work the matched item accounts
for, and the candidate chosen when the first one shares only a generic word with the work."""

from __future__ import annotations

from dutylist_cli.matching import Lexicon, build_index, rank
from dutylist_cli.use.vet import COVERAGE_THRESHOLD
from dutylist_cli.use.vet_coverage import coverage, most_covering
from dutylist_cli.use.vet_rules import LISTED_THRESHOLD

LIST = {
    "basic": [
        {
            "id": "B1",
            "name": "优化营商环境和企业服务",
            "content": "走访服务辖区企业，协调解决企业诉求",
        },
        {
            "id": "B2",
            "name": "秸秆禁烧和综合利用",
            "content": "秸秆禁烧巡查，推进秸秆综合利用和离田利用",
        },
        {
            "id": "B3",
            "name": "农业机械安全管理",
            "content": "农机安全宣传，配合开展农业机械安全检查",
        },
        {
            "id": "B4",
            "name": "城镇燃气安全检查",
            "content": "对燃气用户开展入户安全检查，督促整改隐患",
        },
    ],
    "recovered": [
        {"id": "R1", "name": "对燃气经营违法行为的行政处罚", "working_mode": "区城市管理局实施"}
    ],
}
INDEX = build_index(LIST)
LEXICON = Lexicon({"农机": ["农业机械"]})


def item(id_: str):  # type: ignore[no-untyped-def]
    return next(i for i in INDEX.items if i.id == id_)


def test_a_generic_word_shared_covers_little_of_the_work() -> None:
    work = "完成辖区规上工业企业亩均效益数据采集和初评"
    ranking = rank(INDEX, work, lexicon=LEXICON, top=3, threshold=0.0)
    assert ranking.matches[0].item.id == "B1"  # on 企业 and its list terms
    assert coverage(INDEX, item("B1"), work, lexicon=LEXICON) < COVERAGE_THRESHOLD


def test_the_matter_of_the_work_covers_it() -> None:
    work = "对燃气用户开展入户安全检查，督促更换老化软管"
    assert coverage(INDEX, item("B4"), work, lexicon=LEXICON) >= 0.5
    # a colloquial word covers its characters where the item holds its list term
    assert coverage(INDEX, item("B3"), "农机", lexicon=LEXICON) == 1.0
    # nothing informative to account for: fully covered
    assert coverage(INDEX, item("B4"), "2025，3", lexicon=LEXICON) == 1.0


def test_filler_everyday_words_and_places_are_not_the_work() -> None:
    work = "燃气安全检查工作"
    plain = coverage(INDEX, item("B4"), work, lexicon=LEXICON)
    placed = coverage(
        INDEX, item("B4"), "江宁：" + work, lexicon=LEXICON, places=frozenset({"江宁"})
    )
    assert placed == plain


def test_a_candidate_covering_the_work_replaces_one_on_a_generic_word() -> None:
    work = "组织农机服务组织开展秸秆机械化还田，推动秸秆离田利用"
    matches = rank(INDEX, work, lexicon=LEXICON, top=4, threshold=0.0).matches
    listed = [m for m in matches if m.score >= LISTED_THRESHOLD]
    first = next(m for m in listed if m.item.id == "B3")
    chosen = most_covering(
        INDEX, first, listed, work, lexicon=LEXICON, threshold=COVERAGE_THRESHOLD
    )
    assert chosen is not None and chosen.item.id == "B2"


def test_no_candidate_covers_the_work_off_the_list() -> None:
    work = "新增省级专精特新中小企业不少于3家，纳入年度高质量发展考核"
    matches = rank(INDEX, work, lexicon=LEXICON, top=4, threshold=0.0).matches
    assert matches and matches[0].item.id == "B1"
    chosen = most_covering(
        INDEX, matches[0], matches, work, lexicon=LEXICON, threshold=COVERAGE_THRESHOLD
    )
    assert chosen is None


def test_a_best_item_that_covers_the_work_stays() -> None:
    work = "对燃气用户开展入户安全检查"
    matches = rank(INDEX, work, lexicon=LEXICON, top=4, threshold=0.0).matches
    assert matches[0].item.id == "B4"
    chosen = most_covering(
        INDEX, matches[0], matches, work, lexicon=LEXICON, threshold=COVERAGE_THRESHOLD
    )
    assert chosen is matches[0]
