"""The site in a real browser (Debian's Chromium): pages over file://, search over a local
web server, the keyboard, and item text that is markup showing as text."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

HOSTILE_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>危险化学品'  # conftest's


def test_the_index_shows_counties_townships_and_counts(built_site: Path, page: Any) -> None:
    page.goto((built_site / "index.html").as_uri())
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.inner_text("h1").endswith("乡镇（街道）履行职责事项清单")
    row = page.locator("table.counts tr", has_text="东山街道")
    assert row.locator("td.basic").inner_text() == "53"
    assert row.locator("td.cooperative").inner_text() == "23"
    assert row.locator("td.recovered").inner_text() == "37"
    assert page.locator("table.counts tbody tr").count() == 7
    assert page.locator("a[href='data/items.csv']").count() == 1
    assert not page.dialogs


def test_a_township_page_has_three_tables_headings_and_anchors(built_site: Path, page: Any) -> None:
    page.goto((built_site / "townships/320115001.html").as_uri() + "#C002")
    headings = page.locator("main h2").all_inner_texts()
    assert [h.split("（")[0] for h in headings] == [
        "一、基本履职事项",
        "二、配合履职事项",
        "三、上级部门收回事项",
    ]
    assert page.locator("table.items").count() == 3
    cooperative = page.locator("section.cooperative thead th").all_inner_texts()
    assert cooperative[:4] == ["序号", "事项名称", "主办部门（对应上级部门）", "协同部门"]
    assert page.locator("tr#C002").inner_text().count("消防安全检查") == 1
    assert page.evaluate("document.querySelector(':target').id") == "C002"
    assert "江宁编〔2025〕30号" in page.inner_text("dl.facts")
    assert page.locator("a[href$='downloads/320115001.xlsx']").count() == 1
    levels = page.eval_on_selector_all("h1, h2, h3", "hs => hs.map(h => +h.tagName[1])")
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_a_department_page_lists_what_it_leads_partners_and_took_back(
    built_site: Path, page: Any
) -> None:
    page.goto((built_site / "counties/320115.html").as_uri())
    page.click("a:text-is('区消防救援大队')")
    assert page.inner_text("h1").startswith("江宁区区消防救援大队")
    led = page.locator("section[aria-labelledby='led'] tbody tr")
    assert led.count() >= 7  # 消防安全检查 in each of the seven townships
    led.filter(has_text="东山街道").first.locator("a").first.click()
    assert page.url.endswith("townships/320115001.html#C002")


def test_search_finds_a_word_inside_a_compound_and_nothing_absent(
    built_site: Path, page: Any, serve: Callable[[Path], str]
) -> None:
    base = serve(built_site)
    page.goto(f"{base}/search.html")
    assert page.locator("#search-file").is_hidden()
    page.fill("input[type=search]", "行车")  # inside 电动自行车 (C002's duties)
    page.wait_for_selector("#search-results li")
    results = page.locator("#search-results li")
    assert results.count() == 7
    assert "消防安全检查" in results.first.inner_text()
    page.fill("input[type=search]", "学品")  # the middle of 危险化学品安全监管 (a name)
    page.wait_for_function("document.getElementById('search-status').textContent.includes('学品')")
    page.wait_for_selector("#search-results li")
    assert "危险化学品安全监管" in page.inner_text("#search-results")
    page.locator("#search-results a", has_text="危险化学品安全监管").first.click()
    assert "/townships/" in page.url and "#C" in page.url
    page.goto(f"{base}/search.html?q=宇宙飞船")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('没有')")
    assert page.locator("#search-results li").count() == 0


def test_search_from_the_file_system_says_it_needs_a_server(built_site: Path, page: Any) -> None:
    page.goto((built_site / "search.html").as_uri() + "?q=行车")
    assert page.locator("#search-file").is_visible()
    assert "python -m http.server" in page.inner_text("#search-file")


def test_tab_reaches_the_search_box(built_site: Path, page: Any) -> None:
    page.goto((built_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert page.evaluate("document.activeElement.id") == "site-q"
    label = page.evaluate("document.activeElement.labels[0].textContent")
    assert label == "搜索事项"


def test_markup_in_an_item_name_shows_as_text_and_runs_nothing(
    built_site: Path, page: Any, serve: Callable[[Path], str]
) -> None:
    page.goto((built_site / "townships/320115001.html").as_uri())
    assert HOSTILE_NAME in page.inner_text("section.cooperative")
    assert page.locator("main img, main script").count() == 0
    base = serve(built_site)
    page.goto(f"{base}/search.html?q=onerror")
    page.wait_for_selector("#search-results li")
    assert HOSTILE_NAME in page.inner_text("#search-results")
    assert page.locator("#search-results img, #search-results script").count() == 0
    page.goto((built_site / "departments").as_uri())  # the listing of a folder: no dialogs
    assert not page.dialogs
