"""Past dispatched tickets vote: a request worded like an old one gets the old one's item."""

from __future__ import annotations

from typing import Any

from dutylist_cli.matching import Lexicon, build_index, rank
from dutylist_cli.matching.history import Ticket, TicketHistory, tickets_from_rows

LIST: dict[str, Any] = {
    "basic": [
        {"id": "B001", "name": "殡葬管理", "domain": "民生服务", "content": "推进殡葬改革。"},
        {"id": "B002", "name": "市容环境卫生管理", "domain": "城乡建设", "content": "整治市容。"},
    ]
}
LEXICON = Lexicon({})


def test_the_nearest_tickets_vote_for_their_item() -> None:
    index = build_index(LIST)
    request = "有人在自家茶园里修了个大坟头"
    without = rank(index, request, lexicon=LEXICON)
    assert not without.listed  # no word of the list in it
    history = TicketHistory(
        [
            Ticket("320115101", "茶园里修坟头，占了好几分地", ("殡葬管理",)),
            Ticket("320115101", "山上乱埋乱葬修大坟", ("殡葬管理",)),
            Ticket("320115101", "垃圾桶满了没人清", ("市容环境卫生管理",)),
        ]
    )
    votes = history.votes(request)
    assert votes.items["殡葬管理"] > 0.9 and votes.off_list == 0
    prior = {item.id: votes.items.get(item.name, 0.0) for item in index.items}
    with_history = rank(index, request, lexicon=LEXICON, prior=prior)
    assert with_history.listed and with_history.matches[0].item.id == "B001"


def test_tickets_answered_off_the_list_vote_for_it() -> None:
    history = TicketHistory(
        [Ticket("320115001", "网购的衣服商家不给退款", ())] * 3
        + [Ticket("320115001", "垃圾桶满了没人清", ("市容环境卫生管理",))]
    )
    votes = history.votes("网上买的鞋子商家不给退款")
    assert votes.off_list == 1.0 and votes.items == {}


def test_rows_become_tickets_by_item_name() -> None:
    names = {"320115001": {"B001": "殡葬管理"}, "320115002": {"B009": "殡葬管理"}}
    tickets = tickets_from_rows(
        [
            ("320115001", "坟头", "B001", "清单内"),
            ("320115002", "退款", None, "清单外"),
            ("320115002", "没有答案的行", None, None),  # says nothing: left out
            ("320115002", "编号不在清单里", "B999", None),  # unknown id: left out
        ],
        item_names=lambda code: names.get(code, {}),
    )
    assert [(t.text, t.items) for t in tickets] == [("坟头", ("殡葬管理",)), ("退款", ())]
