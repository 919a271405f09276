"""`dutylist export --all`: the open-data tables through the real CLI, read back as files, with
pyarrow and with DuckDB."""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from cli_run import run_dutylist
from dutylist_cli.model.township import TownshipList
from dutylist_cli.store.yaml_source import parse_file

duckdb = pytest.importorskip("duckdb")
pq = pytest.importorskip("pyarrow.parquet")

COUNTY = "lists/320115-江宁区"
DONGSHAN = f"{COUNTY}/320115001-东山街道.yaml"


@pytest.fixture
def root(copy_sample: Callable[..., Path]) -> Path:
    return copy_sample("lists", name="数据")


def models(root: Path) -> list[TownshipList]:
    found = []
    for path in sorted((root / "lists").rglob("*-*.yaml")):
        data = parse_file(path.read_bytes(), file=path.name).data
        if isinstance(data, dict) and data.get("schema") == "dutylist/township-list/1":
            with contextlib.suppress(ValidationError):  # a list broken on purpose
                found.append(TownshipList.model_validate(data))
    return found


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def item_count(root: Path) -> int:
    return sum(len(m.basic) + len(m.cooperative) + len(m.recovered) for m in models(root))


def test_csv_has_every_item_with_snake_case_columns(root: Path) -> None:
    done = run_dutylist("export", "--all", "-f", "csv", "-o", "开放数据", cwd=root)
    assert done.returncode == 0, done.stderr
    townships = len(models(root))
    assert f"{townships} 个乡镇（街道）、{item_count(root)} 项事项" in done.stderr
    raw = (root / "开放数据" / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheet programs read UTF-8 right
    with (root / "开放数据" / "items.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == item_count(root)
    assert list(rows[0])[:7] == [
        "city_code", "city_name", "county_code", "county_name", "township_code",
        "township_name", "category",
    ]  # fmt: skip
    dongshan = next(m for m in models(root) if m.township.code == "320115001")
    cooperative = dongshan.cooperative[0]
    row = next(r for r in rows if r["township_code"] == "320115001" and r["id"] == cooperative.id)
    assert row["category"] == "cooperative" and row["category_label"] == "配合履职事项"
    assert row["partners"] == "、".join(cooperative.partners)
    assert row["position"] == "1" and row["name"] == cooperative.name
    with (root / "开放数据" / "townships.csv").open(encoding="utf-8-sig", newline="") as stream:
        heads = list(csv.DictReader(stream))
    assert len(heads) == townships
    assert {h["file"] for h in heads} >= {DONGSHAN}


def test_jsonl_keeps_lists_as_arrays_and_dates_as_iso(root: Path) -> None:
    done = run_dutylist("export", "--all", "-f", "jsonl", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    items = jsonl(root / "out" / "items.jsonl")
    assert len(items) == item_count(root)
    cooperative = next(i for i in items if i["category"] == "cooperative")
    assert isinstance(cooperative["partners"], list) and cooperative["content"] is None
    heads = jsonl(root / "out" / "townships.jsonl")
    assert all(len(h["edition_effective"]) == 10 for h in heads)  # 2025-01-01


def test_parquet_is_read_by_duckdb_and_the_tables_agree(root: Path) -> None:
    done = run_dutylist("export", "--all", "-f", "parquet", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    folder = root / "out"
    schema = pq.read_schema(folder / "items.parquet")
    assert str(schema.field("partners").type) == "list<element: string>"
    assert str(schema.field("handover_date").type) == "date32[day]"
    con = duckdb.connect()
    items = f"'{folder / 'items.parquet'}'"
    departments = f"'{folder / 'departments.parquet'}'"
    ((total,),) = con.sql(f"select count(*) from {items}").fetchall()
    assert total == item_count(root)
    by_domain = con.sql(
        f"select county_code, domain, count(*) from {items} group by all order by all"
    ).fetchall()
    assert sum(n for _, _, n in by_domain) == total
    # the departments table counts what the items table holds, partners unnested
    expected = dict(
        con.sql(
            f"select d, count(*) from (select unnest(partners) as d from {items}) group by d"
        ).fetchall()
    )
    counted = dict(con.sql(f"select department, partner_items from {departments}").fetchall())
    assert {d: n for d, n in counted.items() if n} == expected
    leads = dict(
        con.sql(
            f"select lead, count(*) from {items} where lead is not null group by lead"
        ).fetchall()
    )
    assert (
        dict(
            con.sql(
                f"select department, lead_items from {departments} where lead_items > 0"
            ).fetchall()
        )
        == leads
    )


def test_aliases_are_written_as_the_registry_names_them(root: Path) -> None:
    assert "aliases: [区应急局]" in (root / COUNTY / "320115.yaml").read_text("utf-8")
    dongshan = root / DONGSHAN
    source = dongshan.read_text("utf-8")
    assert "lead: 区应急管理局" in source
    dongshan.write_text(source.replace("lead: 区应急管理局", "lead: 区应急局", 1), "utf-8")
    assert run_dutylist("validate", cwd=root).returncode == 0
    done = run_dutylist("export", "--all", "-f", "jsonl", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    leads = {item["lead"] for item in jsonl(root / "out" / "items.jsonl")}
    assert "区应急管理局" in leads and "区应急局" not in leads


def test_a_list_with_errors_is_left_out_and_named(root: Path) -> None:
    broken = root / DONGSHAN
    broken.write_text(broken.read_text("utf-8").replace("name:", "nmae:", 1), "utf-8")
    done = run_dutylist("export", "--all", "-f", "csv", "-o", "out", cwd=root)
    assert done.returncode == 1
    assert "320115001-东山街道.yaml" in done.stdout + done.stderr and "Traceback" not in done.stderr
    with (root / "out" / "townships.csv").open(encoding="utf-8-sig", newline="") as stream:
        codes = {row["township_code"] for row in csv.DictReader(stream)}
    assert "320115001" not in codes and len(codes) == len(models(root))


def test_formula_looking_cells_are_quoted_in_csv(root: Path) -> None:
    dongshan = root / DONGSHAN
    model = models(root)[0]
    first = model.basic[0].name
    dongshan.write_text(
        dongshan.read_text("utf-8").replace(f"name: {first}", "name: '=HYPERLINK(\"x\")'", 1),
        "utf-8",
    )
    done = run_dutylist("export", "--all", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    text = (root / "out" / "items.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--all", "-f", "xml", "-o", "out"], "不支持的开放数据格式 xml"),
        (["--all"], "需要用 -o 给出输出文件夹"),
        (["320115001", "--all", "-o", "out"], "二者择一"),
        ([], "--all 导出全部开放数据"),
    ],
)
def test_bad_options_exit_2_with_a_reason(root: Path, args: list[str], said: str) -> None:
    done = run_dutylist("export", *args, cwd=root)
    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert not (root / "out").exists()


def test_a_folder_in_the_way_is_refused_and_nothing_half_written(root: Path) -> None:
    out = root / "out"
    (out / "items.csv").mkdir(parents=True)
    done = run_dutylist("export", "--all", "-o", out, cwd=root)
    assert done.returncode == 2 and "items.csv" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["items.csv"]  # no temporary left behind


def test_an_existing_export_is_replaced_and_a_link_written_through(
    root: Path, tmp_path: Path
) -> None:
    out = root / "out"
    out.mkdir()
    elsewhere = tmp_path / "published-townships.csv"
    elsewhere.write_text("old", "utf-8")
    (out / "townships.csv").symlink_to(elsewhere)
    (out / "items.csv").write_text("old", "utf-8")
    done = run_dutylist("export", "--all", "-o", out, cwd=root)
    assert done.returncode == 0, done.stderr
    assert (out / "townships.csv").is_symlink()
    assert elsewhere.read_text("utf-8-sig").startswith("city_code,")
    assert (out / "items.csv").read_text("utf-8-sig").startswith("city_code,")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_two_exports_at_once_leave_whole_tables(root: Path) -> None:
    """Two `export --all` runs into one folder at the same time: each writes its own temporary
    files and renames them into place, so the last one wins and no table is half written."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-m", "dutylist_cli", "export", "--all", "-f", "csv"]
    command += ["-o", "开放数据", "--lang", "zh"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    runs = [
        subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    folder = root / "开放数据"
    with (folder / "items.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == item_count(root)
    leftovers = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".csv"))
    assert leftovers == []  # no temporary file left behind
