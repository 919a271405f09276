"""vet's rules on a sentence's wording (pure, no index): the powers and sanctions it gives,
its matter without them, whether an item matched that matter or only how it is said, the item
that holds the powers, and topics other lists hold and the township's does not (use/vet.py)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dutylist_cli.matching import Match
from dutylist_cli.matching.text import bigrams, positioned_bigrams

# official wording is close to the lists': vet's own threshold of the matching confidence
# (who's OFF_LIST_THRESHOLD is for callers' words), calibrated on the development notices
# of benchmarks/vet (vet_accuracy.py --split dev): 0.50-0.75 form a plateau there
LISTED_THRESHOLD = 0.62
# an item that holds the work's powers is preferred to a better-ranked one that does not when it
# ranks at most this much lower (the same order of size as DEPARTMENT_BONUS)
POWER_MARGIN = 0.15
# powers of county departments (permits, certificates, registrations, approvals, technical
# tests and designs): a township does them only where its own list says so
POWER_CUES = (
    "审批",
    "许可",
    "核发",
    "颁发",
    "发放",
    "发证",
    "登记",
    "认定",
    "评定",
    "评估",
    "评审",
    "备案",
    "检测",
    "监测",
    "检验",
    "鉴定",
    "出具",
    "设计",
    "招标",
    "发布",
    "年度检查",
    "年检",
)
# a sanction the notice gives the township: what recovered penalty items were
# (administrative compulsion — 查封, 扣押, 强制措施 — and 警告 are sanctions as much as a fine is)
ENFORCEMENT = re.compile(
    r"查处|处罚|罚款|罚没|没收|取缔|立案|吊销|责令[^，。；]{0,8}?(?:改正|停止|拆除|停业|停产|整改)"
    r"|处以|执法(?:检查|查处)?|作出处理|强制拆除|查封|扣押|强制措施|给予警告"
)
# prepositions, conjunctions and particles: a bigram with one spans two words (对新增 is 对 新增)
_FUNCTION_CHARACTERS = frozenset("对将把在为由向从按于与和及的并或等")
# nouns a power word may qualify without being done: 发放账户, 监测对象, 登记进度, 审批结果
_RECORD_NOUN = re.compile(r"账户|对象|进度|率|时长|情况|数据|信息|结果|系统|平台|台账")
_POWER = re.compile("|".join(POWER_CUES) + r"|责令|限期|改正|违法|违规|行为")
MISSING_TOPIC_BIGRAMS = 2  # a word of three characters: two overlapping bigrams
MISSING_TOPIC_LISTS = 2  # held by two lists at least: a duty, not one township's place name


def missing_topic(
    work: str, own: frozenset[str], county: Counter[str], everyday: frozenset[str]
) -> str | None:
    """A word of three characters or more of the work that other lists of the county hold and
    this township's list nowhere does (秸秆 off a subdistrict's list, 地质灾害 off a plain's):
    the work is not this township's. Everyday words (期间, 资金, 执行) name no duty: a run
    through one (期间开展) is wording the lists happen to differ in, not a topic."""
    run: list[str] = []
    previous = -2
    for position, gram in positioned_bigrams(work):
        missing = (
            gram not in own
            and county[gram] >= MISSING_TOPIC_LISTS
            and gram not in everyday
            and not _FUNCTION_CHARACTERS & set(gram)
        )
        if missing and position == previous + 1 and run:
            run.append(gram)
        elif missing:
            run = [gram]
        else:
            run = []
        previous = position
        if len(run) >= MISSING_TOPIC_BIGRAMS:
            return run[0] + "".join(g[1] for g in run[1:])
    return None


def work_topic(work: str) -> str:
    """The work without its powers and sanctions: what is to be done, not how."""
    return ENFORCEMENT.sub("，", _POWER.sub("，", work))


def on_topic(match: Match, topic: str) -> bool:
    """Whether the item matched the work on what is done, not only on how (责令限期改正, 处以
    罚款 name a sanction, not its matter: they make no item about the matter)."""
    return any(word in topic for word in match.why)


def names_power(name: str, powers: Sequence[str]) -> bool:
    """An item's name ends with the act it is (特种设备安全监督检查, 林木采伐许可): the work names
    that act. A permit the name mentions on the way (对未取得采矿许可证……的行政处罚) is not it."""
    return any(name.endswith(cue) for cue in powers)


def holding(
    weighed: Sequence[tuple[float, Match]],
    duties: dict[str, tuple[str, str]],
    work: str,
    *,
    enforcing: bool,
    powers: Sequence[str],
) -> Match:
    """The best match whose item holds the powers the work gives — on the township's side, on
    the department's (the township then leads what it should cooperate in) or as a recovered
    item naming them (_may_be let it in) — when it ranks close to the best: 帮办参保登记 is the
    enrolment item's, not the service centre's that does not 登记."""
    top = weighed[0][0]
    for weight, match in weighed:
        if weight < top - POWER_MARGIN or match.score < LISTED_THRESHOLD:
            continue
        own, department = duties.get(match.item.id, ("", ""))
        beyond = powers_beyond(own, work, enforcing=enforcing, powers=powers)
        cooperative = match.item.category == "cooperative"
        if (
            match.item.category == "recovered"
            or not beyond
            or (cooperative and covers(department, beyond))
        ):
            return match
    return weighed[0][1]


def powers_given(work: str) -> list[str]:
    """The powers (POWER_CUES) the work gives: a cue that modifies a record noun after it
    (发放账户, 监测对象, 登记进度, 登记率) names a record of the act, not the act itself."""
    return [
        cue
        for cue in POWER_CUES
        if any(not _RECORD_NOUN.match(work, m.end()) for m in re.finditer(cue, work))
    ]


def inspecting(work: str) -> tuple[str, ...]:
    return ("监督检查",) if "监督检查" in work else ()


def may_be(match: Match, work: str, topic: str, *, enforcing: bool, powers: Sequence[str]) -> bool:
    """A recovered item is assigned back only when the work is the power it names (a penalty,
    a permit): a township still patrols and reports where a department took the power back.
    A penalty item must match the matter sanctioned, not only the sanction's wording (对……违法
    行为的行政处罚 names every penalty item: it says nothing of which one)."""
    item = match.item
    if item.category != "recovered":
        return True
    if any(cue in item.name for cue in (*powers, *inspecting(work))):
        return True
    return enforcing and on_topic(match, topic)


def powers_beyond(own: str, work: str, *, enforcing: bool, powers: Sequence[str]) -> list[str]:
    """The powers the work gives the township that its own side of the item does not hold."""
    grams = set(bigrams(own))
    out = [cue for cue in powers if not set(bigrams(cue)) <= grams]
    if enforcing and not ENFORCEMENT.search(own):
        out.append("处罚")
    return out


def covers(text: str, powers: Sequence[str]) -> bool:
    grams = set(bigrams(text))
    return all(
        (ENFORCEMENT.search(text) is not None) if cue == "处罚" else set(bigrams(cue)) <= grams
        for cue in powers
    )
