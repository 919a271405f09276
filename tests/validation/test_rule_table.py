"""docs/rules.md is generated from the message catalogue: a stale copy fails here."""

from __future__ import annotations

import re
from pathlib import Path

from dutylist_cli.messages import RULES
from dutylist_cli.validation.rule_table import rules_markdown

REPO = Path(__file__).resolve().parents[2]


def test_rules_doc_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text("utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: dutylist rules -f markdown"


def test_every_rule_has_both_languages_and_a_family() -> None:
    for code, rule in RULES.items():
        assert re.fullmatch(r"DL[0-7]\d\d", code)
        assert rule.title_zh and rule.title_en and rule.message_zh and rule.message_en
        # a field may carry a format spec: {days:~day} is English's plural of {days}
        fields_zh = set(re.findall(r"{(\w+)(?::[^}]*)?}", rule.message_zh + rule.hint_zh))
        fields_en = set(re.findall(r"{(\w+)(?::[^}]*)?}", rule.message_en + rule.hint_en))
        assert fields_zh == fields_en, code
