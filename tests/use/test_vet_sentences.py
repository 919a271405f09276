"""How vet reads a notice: sentences, whom each tasks (and whom it only mentions), the role."""

from __future__ import annotations

import pytest

from dutylist_cli.use.vet_sentences import Addressees, Sentence, Township, iter_sentences

TOWNSHIPS = [
    Township("320115001", "东山街道"),
    Township("320115002", "秣陵街道"),
    Township("320115006", "江宁街道"),
    Township("320115101", "铜山镇"),
    Township("320115201", "横山乡"),
]
DEPARTMENTS = {"区城市管理局": "区城市管理局", "区城管局": "区城市管理局"}
ALL = tuple(t.code for t in TOWNSHIPS)


def addressees(given: tuple[str, ...] = ()) -> Addressees:
    return Addressees(TOWNSHIPS, departments=DEPARTMENTS, reserved=["江宁区"], given=given)


def tasked(text: str, given: tuple[str, ...] = ()) -> tuple[tuple[str, ...], str] | None:
    found = addressees(given).assignment(Sentence(1, text))
    return (found.townships, found.role) if found is not None else None


def test_sentences_end_at_stops_and_list_markers() -> None:
    lines = [
        "（一）加强组织领导。各镇（街道）要配合；请各街道报送！",
        "",
        "要求：1.做好巡查；2、及时报告",
    ]
    got = [(s.line, s.text) for s in iter_sentences(lines)]
    assert got == [
        (1, "加强组织领导。"),
        (1, "各镇（街道）要配合；"),
        (1, "请各街道报送！"),
        (3, "要求："),
        (3, "做好巡查；"),
        (3, "及时报告"),
    ]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("各镇（街道）要开展巡查。", ALL),
        ("各镇(街道)要开展巡查。", ALL),
        ("各镇街要开展巡查。", ALL),
        ("各乡镇要开展巡查。", ALL),
        ("由属地镇（街道）负责巡查。", ALL),
        ("各街道要开展巡查。", ALL[:3]),
        ("各镇要开展巡查。", ALL[3:]),
        ("东山街道、秣陵街道要开展巡查。", ALL[:2]),
        ("东山、铜山镇要开展巡查。", ("320115001", "320115101")),
        ("请各镇（街道）于5月1日前报送台账。", ALL),
        ("对违法行为，由各街道依法查处。", ALL[:3]),
        # whose township: 由 + the possessor + 所在/属地
        ("对复查请求，统一由信访人户籍所在镇（街道）受理。", ALL),
        ("由项目所在镇（街道）负责征地拆迁。", ALL),
    ],
)
def test_who_is_tasked(text: str, codes: tuple[str, ...]) -> None:
    found = tasked(text)
    assert found is not None and found[0] == codes


@pytest.mark.parametrize(
    "text",
    [
        "各镇（乡）人民政府、街道办事处，区各有关部门：",  # 主送
        "今年以来，全区各镇（街道）累计排查隐患1862处。",  # background
        "其中各镇（街道）在日常巡查中发现的线索占四成。",
        "区城市管理局将对各镇（街道）工作开展暗访。",  # the department's own work
        "各镇（街道）的整改台账由区城市管理局汇总。",
        "江宁区城市管理局负责统筹。",  # 江宁 here is the county, not 江宁街道
        "企业所在镇（街道）的名单由区统计局汇总。",  # a possessor without 由 tasks nobody
    ],
)
def test_mentions_that_task_nobody(text: str) -> None:
    assert tasked(text) is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("各镇（街道）要配合区城市管理局开展巡查。", "cooperation"),
        ("各镇（街道）要在区城管局指导下开展巡查。", "cooperation"),
        ("各镇（街道）要牵头开展整治，对结果负总责。", "lead"),
        ("各镇（街道）是整治的第一责任主体。", "lead"),
        ("由各镇（街道）负责辖区巡查。", "lead"),
        ("各镇（街道）负责辖区巡查。", "lead"),
        ("各镇（街道）要开展巡查。", "neutral"),
    ],
)
def test_the_role(text: str, role: str) -> None:
    found = tasked(text)
    assert found is not None and found[1] == role


def test_township_narrows_collectives_and_answers_for_you() -> None:
    assert tasked("各镇（街道）要开展巡查。", given=("320115101",)) == (("320115101",), "neutral")
    assert tasked("你镇要开展巡查。", given=("320115101",)) == (("320115101",), "neutral")
    assert tasked("东山街道要开展巡查。", given=("320115101",)) is None
    assert tasked("要牵头开展整治。", given=("320115101",)) == (("320115101",), "lead")
    assert tasked("要牵头开展整治。") is None


def test_the_work_leaves_out_addressee_departments_and_dates() -> None:
    found = addressees().assignment(
        Sentence(1, "请各镇（街道）于2026年1月10日前配合区城管局报送燃气排查台账。")
    )
    assert found is not None and found.departments == ("区城市管理局",)
    assert "燃气排查台账" in found.work
    for gone in ("各镇", "城管", "2026", "1月10日", "配合", "请"):
        assert gone not in found.work
