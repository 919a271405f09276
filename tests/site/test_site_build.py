"""`dutylist site` through the real CLI: the files, the refusals, the lists left out."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutylist_cli.site.search_index import (
    SearchIndex,
    bigrams,
    decode_postings,
    encode_postings,
    read_shard,
    search_chunk,
    shard_of,
)

COUNTY = "lists/320115-江宁区"
HOSTILE_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>危险化学品'  # conftest's


def test_the_site_has_its_pages_downloads_search_and_open_data(built_site: Path) -> None:
    for name in (
        "index.html",
        "search.html",
        "assets/site.css",
        "assets/search.js",
        "counties/320115.html",
        "townships/320115001.html",
        "downloads/320115001.xlsx",
        "data/items.csv",
        "data/townships.csv",
        "data/departments.csv",
        "search/meta.json",
        "search/townships.json",
        "dutylist-site.json",
    ):
        assert (built_site / name).is_file(), name
    assert len(list((built_site / "townships").glob("*.html"))) == 7
    assert list((built_site / "departments/320115").glob("*.html"))
    assert len(list((built_site / "domains/320115").glob("*.html"))) == 8
    with (built_site / "data/items.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    meta = json.loads((built_site / "search/meta.json").read_text("utf-8"))
    assert meta["items"] == len(rows) > 0


def test_item_text_is_escaped_in_pages_and_json(built_site: Path) -> None:
    page = (built_site / "townships/320115001.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page
    shards = [read_shard(p.read_bytes()) for p in (built_site / "search/i").glob("*.bin")]
    assert any(row[2] == HOSTILE_NAME for shard in shards for row in shard)


def test_every_bigram_finds_its_items(built_site: Path) -> None:
    """行车 sits inside 电动自行车 (a word segmenter cuts 电动/自行/车): its postings are
    exactly the items whose name or text holds it."""
    meta = json.loads((built_site / "search/meta.json").read_text("utf-8"))
    shard = read_shard((built_site / f"search/p/{shard_of('行车')}.bin").read_bytes())
    found = decode_postings(shard["行车"], meta["items"])
    assert found
    with (built_site / "data/items.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    fields = ("name", "content", "department_duties", "township_duties", "working_mode")
    holding = [n for n, row in enumerate(rows) if any("行车" in row[f] for f in fields)]
    assert len(found) == len(holding)


def test_bigrams_and_postings_round_trip() -> None:
    assert bigrams("电动自行车") == {"电动", "动自", "自行", "行车"}
    assert bigrams("ＡＢ c，电动") == {"ab", "电动"}  # NFKC, lower case, runs only
    for numbers, total in (([0, 5, 300, 70000], 100000), (list(range(0, 900, 2)), 1000)):
        encoded = encode_postings(__import__("numpy").asarray(numbers, dtype="uint32"), total)
        assert encoded[0] == ("b" if total == 1000 else "v")
        assert decode_postings(encoded, total) == numbers
    index = SearchIndex()
    index.add(search_chunk([(0, "B1", "电动自行车", 0, "")]), [index.add_township("1", "甲", "乙")])
    files = index.files(["基本", "配合", "收回"])
    assert read_shard(files["i/0.bin"]) == [[0, "B1", "电动自行车", 0]]


def test_a_folder_with_other_files_is_refused(
    copy_sample: Callable[..., Path], tmp_path: Path, site_cli: Callable[..., Any]
) -> None:
    run_site = site_cli
    root = copy_sample("lists")
    target = tmp_path / "notes"
    target.mkdir()
    (target / "mine.txt").write_text("keep", "utf-8")
    refused = run_site(root, "-o", str(target))
    assert refused.exit_code == 2
    assert "不是空文件夹" in refused.stderr
    assert sorted(p.name for p in target.iterdir()) == ["mine.txt"]
    forced = run_site(root, "-o", str(target), "--force", "--no-xlsx")
    assert forced.exit_code == 0, forced.stderr
    assert (target / "mine.txt").read_text("utf-8") == "keep"
    assert (target / "index.html").is_file() and not (target / "downloads").exists()


def test_a_rebuild_replaces_the_previous_site_and_drops_what_is_gone(
    copy_sample: Callable[..., Path], tmp_path: Path, site_cli: Callable[..., Any]
) -> None:
    run_site = site_cli
    root = copy_sample("lists")
    site = tmp_path / "site"
    assert run_site(root, "-o", str(site)).exit_code == 0
    workbook = site / "downloads/320115002.xlsx"
    stamp = workbook.stat().st_mtime_ns
    (root / COUNTY / "320115201-横山乡.yaml").unlink()
    again = run_site(root, "-o", str(site), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["townships"] == 6
    assert not (site / "townships/320115201.html").exists()
    assert not (site / "downloads/320115201.xlsx").exists()
    assert workbook.stat().st_mtime_ns == stamp  # unchanged list: its workbook kept


def test_a_list_with_errors_is_left_out_and_named(
    copy_sample: Callable[..., Path], tmp_path: Path, site_cli: Callable[..., Any]
) -> None:
    run_site = site_cli
    root = copy_sample("lists")
    broken = root / COUNTY / "320115101-铜山镇.yaml"
    broken.write_text(broken.read_text("utf-8").replace("kind: town", "kind: 村庄", 1), "utf-8")
    site = tmp_path / "site"
    result = run_site(root, "-o", str(site))
    assert result.exit_code == 1
    assert "320115101-铜山镇.yaml" in result.stderr
    assert (site / "townships/320115001.html").is_file()
    assert not (site / "townships/320115101.html").exists()
    assert "铜山镇" not in (site / "index.html").read_text("utf-8")


def test_no_page_reaches_the_network_and_results_are_text(built_site: Path) -> None:
    pages = [p.read_text("utf-8") for p in built_site.rglob("*.html")]
    assert pages and not [p for p in pages if 'src="http' in p or 'href="http' in p]
    script = (built_site / "assets/search.js").read_text("utf-8")
    assert "innerHTML" not in script and "textContent" in script
