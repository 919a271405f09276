"""Normalisation, bigrams and pinyin: what the matcher reads of a text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dutylist_cli.matching.text import bigrams, normalise, pinyin_bigrams, pinyin_of

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def test_bigrams_stay_within_runs_and_skip_numbers_and_function_characters() -> None:
    assert bigrams("油烟扰民，占道") == ["油烟", "烟扰", "扰民", "占道"]
    assert bigrams("2026年5月3日") == []  # dates and numbers say when, not what
    assert "的衣" not in bigrams("买的衣服")
    assert bigrams("狗") == ["狗"]  # a one-character run is its own token


def test_full_width_and_case_are_normalised() -> None:
    assert normalise("ＫＴＶ噪音") == "ktv噪音"
    assert bigrams("ＫＴＶ") == bigrams("ktv")


def test_homophones_share_their_pinyin() -> None:
    assert pinyin_of("搭健") == pinyin_of("搭建") == "da-jian"
    assert pinyin_bigrams("违章搭健") == ["wei-zhang", "zhang-da", "da-jian"]


def test_the_pinyin_table_is_current() -> None:
    """data/pinyin.txt is generated from pypinyin (tools/make_pinyin_table.py): no drift."""
    pytest.importorskip("pypinyin")
    spec = importlib.util.spec_from_file_location(
        "make_pinyin_table", TOOLS / "make_pinyin_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_pinyin_table"] = module
    spec.loader.exec_module(module)
    assert module.TABLE.read_text("utf-8") == module.build_table(), (
        "run python tools/make_pinyin_table.py"
    )


def test_the_common_words_table_is_current() -> None:
    """data/common_words.txt is generated from jieba's dictionary: no drift."""
    pytest.importorskip("jieba")
    spec = importlib.util.spec_from_file_location(
        "make_common_words", TOOLS / "make_common_words.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_common_words"] = module
    spec.loader.exec_module(module)
    assert module.TABLE.read_text("utf-8") == module.build_table(), (
        "run python tools/make_common_words.py"
    )
