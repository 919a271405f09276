"""The search index splits text as search.js does: runs of Unicode letters and digits."""

from __future__ import annotations

import unicodedata

from dutylist_cli.site.search_index import bigrams, runs


def test_runs_are_letters_and_digits_on_every_code_point() -> None:
    """The regex agrees with the Unicode categories L* and N* (JS /[\\p{L}\\p{N}]+/u) everywhere."""
    disagree = [
        hex(code)
        for code in range(0x110000)
        if (unicodedata.category(chr(code))[0] in "LN") != bool(runs(chr(code)))
    ]
    assert disagree == []


def test_bigrams_stay_inside_runs() -> None:
    assert runs("电动自行车、三轮车_ab12") == ["电动自行车", "三轮车", "ab12"]
    assert bigrams("电动自行车，Ｅ车") == {"电动", "动自", "自行", "行车", "e车"}
