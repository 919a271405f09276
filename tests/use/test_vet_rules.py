"""vet's general rules on what a sentence assigns: sanctions and powers, the item that holds
them, and matches on how rather than what (use/vet_rules.py)."""

from __future__ import annotations

from collections import Counter

from dutylist_cli.matching import IndexedItem, Match
from dutylist_cli.matching.text import bigrams
from dutylist_cli.use.vet_rules import (
    ENFORCEMENT,
    holding,
    may_be,
    missing_topic,
    names_power,
    on_topic,
    powers_given,
    work_topic,
)


def item(id_: str, category: str, name: str) -> IndexedItem:
    return IndexedItem(id=id_, category=category, name=name)


def test_compulsion_and_warnings_are_sanctions() -> None:
    assert ENFORCEMENT.search("发现违法使用的依法查封扣押")
    assert ENFORCEMENT.search("采取强制措施")
    assert ENFORCEMENT.search("责令限期改正，给予警告")
    assert not ENFORCEMENT.search("对易受骗人群开展预警劝阻")


def test_an_item_names_the_power_it_ends_with() -> None:
    assert names_power("特种设备安全监督检查", ["监督检查"])
    assert names_power("林木采伐许可", ["许可"])
    # the permit is what the penalty is about, not the power the item is
    assert not names_power("对未取得采矿许可证擅自采矿的行政处罚", ["许可"])


def test_a_match_on_the_sanction_alone_is_off_topic() -> None:
    work = "对公共场所卫生不合格的，由属地镇责令限期改正，给予警告或者罚款"
    topic = work_topic(work)
    on_sanction = Match(item("B048", "basic", "违法建设巡查和制止"), 0.98, ("责令限期改正",))
    on_matter = Match(item("R033", "recovered", "对公共场所卫生违法行为的行政处罚"), 0.9, ("卫生",))
    assert not on_topic(on_sanction, topic)
    assert on_topic(on_matter, topic)


def test_the_item_that_holds_the_power_is_preferred_when_close() -> None:
    work = "为老年人提供参保登记的帮办代办服务"
    centre = Match(item("B027", "basic", "便民服务中心政务服务"), 1.0, ("帮办",))
    enrolment = Match(item("C019", "cooperative", "城乡居民医疗保险参保扩面"), 0.94, ("参保登",))
    duties = {
        "B027": ("便民服务中心政务服务。运行便民服务中心，推行帮办代办。", ""),
        "C019": ("城乡居民医疗保险参保扩面。帮办参保登记和缴费。", "办理参保登记"),
    }
    weighed = [(1.0, centre), (0.94, enrolment)]
    chosen = holding(weighed, duties, work, enforcing=False, powers=["登记"])
    assert chosen.item.id == "C019"
    # too far below the best: the best stays (and its missing power is judged later)
    far = [(1.0, centre), (0.7, enrolment)]
    assert holding(far, duties, work, enforcing=False, powers=["登记"]).item.id == "B027"


def test_a_department_side_that_holds_the_power_counts() -> None:
    work = "牵头做好重大项目推进调度，对项目审批进度进行通报"
    service = Match(item("C025", "cooperative", "重大项目建设服务保障"), 0.99, ("项目",))
    eia = Match(item("R012", "recovered", "建设项目环境影响评价文件审批"), 0.9, ("项目",))
    duties = {
        "C025": ("重大项目建设服务保障。做好项目周边群众工作。", "负责重大项目的审批和推进调度"),
        "R012": ("建设项目环境影响评价文件审批。由区生态环境局直接实施", ""),
    }
    chosen = holding([(0.99, service), (0.9, eia)], duties, work, enforcing=False, powers=["审批"])
    assert chosen.item.id == "C025"


def test_a_power_word_qualifying_a_record_is_no_power_given() -> None:
    assert powers_given("确保补贴对象身份与发放账户一致") == []
    assert powers_given("将防止返贫监测对象参保情况纳入帮扶") == []
    assert powers_given("报送入户登记进度") == []
    assert powers_given("确保兵役登记率达到100%") == []
    assert powers_given("按月发放补贴资金") == ["发放"]
    assert powers_given("对两项补贴申请作出审批决定") == ["审批"]
    # the act stays given when the same word also qualifies a record elsewhere in the work
    assert powers_given("办理登记，并报送登记情况") == ["登记"]


def test_a_penalty_item_must_match_the_matter_sanctioned() -> None:
    work = "对政府采购中供应商提供虚假材料的违法行为，依法作出行政处罚"
    topic = work_topic(work)
    wording = Match(item("R035", "recovered", "对统计违法行为的行政处罚"), 0.75, ("违法行",))
    matter = Match(item("R040", "recovered", "对政府采购违法行为的行政处罚"), 0.9, ("政府采购",))
    assert not may_be(wording, work, topic, enforcing=True, powers=[])
    assert may_be(matter, work, topic, enforcing=True, powers=[])
    # a permit the work names lets the permit item in whatever else it matched
    permit = Match(item("R004", "recovered", "户外广告设施设置许可"), 0.9, ("户外广告",))
    assert may_be(permit, "对新设户外广告进行许可", "", enforcing=False, powers=["许可"])
    # and nothing recovered is assigned back by work that neither sanctions nor names its power
    assert not may_be(matter, "开展政府采购宣传", "开展政府采购宣传", enforcing=False, powers=[])


def _vocabulary(*texts: str) -> frozenset[str]:
    return frozenset(g for text in texts for g in bigrams(text))


def test_a_topic_missing_from_the_list_is_a_word_of_substance() -> None:
    own = _vocabulary("开展巡查，发现违法建设及时制止")
    county: Counter[str] = Counter()
    for other in ("秸秆禁烧期间开展巡查", "对新增违法建设") * 2:  # held by two other lists
        county.update(_vocabulary(other))
    everyday = frozenset({"期间", "开展"})
    assert missing_topic("做好秸秆禁烧巡查", own, county, everyday) == "秸秆禁"
    # 期间开 runs through an everyday word; 对新增 through a preposition: not topics
    assert missing_topic("汛期期间开展巡查", own, county, everyday) is None
    own_growth = own | _vocabulary("杜绝增违")  # it holds 增违 but neither 对新 nor 新增
    assert missing_topic("对新增违法建设及时劝阻", own_growth, county, everyday) is None
