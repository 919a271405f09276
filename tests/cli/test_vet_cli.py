"""`dutylist vet` through the CLI on the sample lists: each verdict, the JSON shape of the
contract (cli.md "vet"), text and Markdown output, --township, exit codes and bad input.

Accuracy is measured by benchmarks/vet_accuracy.py on the labelled notices; these notices are
the tests' own, written against the sample lists.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dutylist_cli.cli.main import _register, app

if not any(command.name == "vet" for command in app.registered_commands):
    _register()

SAMPLE = Path(__file__).resolve().parents[2]
ALL = ["320115001", "320115002", "320115003", "320115005", "320115006", "320115101", "320115201"]
SUBDISTRICTS = ALL[:5]
NOTICE = """南京市江宁区应急管理局
关于做好岁末年初有关工作的通知
各镇（乡）人民政府、街道办事处：
今年以来，全区各镇（街道）累计排查隐患1862处。
一、各镇（街道）要配合区消防救援大队，对沿街店铺、出租房屋开展防火巡查，劝阻电动自行车违规停放充电。
二、由各镇（街道）牵头负责辖区危险化学品经营单位专项整治，对整治结果负总责。
三、对违规处置建筑垃圾的，由各街道依法予以处罚。
四、各镇（街道）负责为辖区出租车驾驶员核发从业资格证。
五、各镇（街道）要组织网格员开展秸秆禁烧巡查，发现露天焚烧秸秆及时制止。
六、各镇（街道）要组织开展独居、空巢、失能等特殊困难老年人探访关爱。
区城市管理局负责对燃气经营企业开展监督检查。
联系人：王磊，联系电话：025-52168734。
"""
FINDING_KEYS = ["line", "text", "verdict", "severity", "townships", "items", "message"]


def vet(*args: str, root: Path = SAMPLE) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["vet", "--root", str(root), "--lang", "zh", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def vet_json(path: Path, *args: str) -> dict[str, Any]:
    code, out, err = vet(str(path), "-f", "json", *args)
    report: dict[str, Any] = json.loads(out)
    assert code == (1 if report["errors"] else 0), err
    return report


def by_line(report: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        out.setdefault(finding["line"], []).append(finding)
    return out


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "关于做好岁末年初有关工作的通知.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path


def test_the_json_is_the_contracts(notice: Path) -> None:
    report = vet_json(notice)
    assert list(report) == ["document", "errors", "warnings", "findings"]
    assert report["document"] == notice.name
    for finding in report["findings"]:
        assert list(finding) == FINDING_KEYS
        assert isinstance(finding["line"], int) and finding["text"] and finding["message"]
        for entry in finding["items"]:
            assert list(entry) == ["township", "item"]
            assert entry["township"] in finding["townships"]
    severities = [f["severity"] for f in report["findings"]]
    assert report["errors"] == severities.count("error") == 3
    assert report["warnings"] == severities.count("warning") == 1


def test_each_verdict(notice: Path) -> None:
    lines = by_line(vet_json(notice))
    [cooperating] = lines[5]
    assert (cooperating["verdict"], cooperating["severity"]) == ("ok", "info")
    assert cooperating["townships"] == ALL
    assert {e["item"] for e in cooperating["items"]} == {"C002"}
    assert len(cooperating["items"]) == len(ALL)
    [leading] = lines[6]
    assert (leading["verdict"], leading["severity"]) == ("lead_mismatch", "warning")
    assert {e["item"] for e in leading["items"]} == {"C003"}
    assert "区应急管理局" in leading["message"]  # the 主办部门 of C003
    [recovered] = lines[7]
    assert (recovered["verdict"], recovered["severity"]) == ("recovered", "error")
    assert recovered["townships"] == SUBDISTRICTS  # 各街道: the subdistricts only
    assert {e["item"] for e in recovered["items"]} == {"R003"}
    assert "区城市管理局" in recovered["message"]  # the department that holds it
    [off_list] = lines[8]
    assert (off_list["verdict"], off_list["severity"], off_list["items"]) == (
        "off_list",
        "error",
        [],
    )
    assert "职责准入" in off_list["message"] and "一事一议" in off_list["message"]
    assert "dutylist temp add --county 320115" in off_list["message"]
    assert "--township 320115201" in off_list["message"]
    [basic] = lines[10]
    assert basic["verdict"] == "ok" and basic["townships"] == ALL


def test_one_sentence_holds_for_some_townships_and_not_others(notice: Path) -> None:
    """秸秆禁烧 is on the towns' and most subdistricts' lists, off 东山街道's."""
    findings = {f["verdict"]: f for f in by_line(vet_json(notice))[9]}
    assert set(findings) == {"ok", "off_list"}
    assert findings["off_list"]["townships"] == ["320115001"]
    assert findings["ok"]["townships"] == ALL[1:]
    assert [e["township"] for e in findings["ok"]["items"]] == ALL[1:]


def test_sentences_that_assign_nothing_have_no_finding(notice: Path) -> None:
    lines = by_line(vet_json(notice))
    assert not set(lines) & {1, 2, 3, 4, 11, 12}  # title, 主送, background, a department's own


def test_township_narrows_the_collective_addressees(notice: Path) -> None:
    report = vet_json(notice, "--township", "320115101", "--township", "320115002")
    for finding in report["findings"]:
        assert set(finding["townships"]) <= {"320115101", "320115002"}
    lines = by_line(report)
    assert lines[7][0]["townships"] == ["320115002"]  # 各街道: 铜山镇 is a town
    assert [f["verdict"] for f in lines[9]] == ["ok"]  # 东山街道 is not vetted


def test_a_named_township_and_its_short_form(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(
        "# 通知\n\n汤山街道要配合区消防救援大队，对沿街店铺开展防火巡查。\n"
        "铜山、横山乡要对违规处置建筑垃圾的依法予以处罚。\n",
        encoding="utf-8",
    )
    lines = by_line(vet_json(path))
    assert lines[3][0]["townships"] == ["320115003"]
    assert lines[4][0]["townships"] == ["320115101", "320115201"]


def test_exit_0_without_errors_and_the_text_output(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text(
        "各镇（街道）要配合区消防救援大队，对沿街店铺、出租房屋开展防火巡查。\n"
        "由各镇（街道）牵头负责辖区危险化学品经营单位专项整治，对整治结果负总责。\n",
        encoding="utf-8",
    )
    code, out, _ = vet(str(path))
    assert code == 0  # a warning does not fail
    assert "通知.txt" in out and "C002" in out and "C003" in out
    assert "主次责任不符" in out and "区应急管理局" in out
    assert "0 个错误、1 个警告" in out


def test_exit_1_on_errors_with_markdown_to_a_file(notice: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    code, out, err = vet(str(notice), "-f", "md", "-o", str(target))
    assert code == 1 and out == "" and str(target) in err
    markdown = target.read_text("utf-8")
    assert markdown.startswith("### 发文审核：")
    assert "| 7 | ❌ 已收回事项 |" in markdown and "`R003`" in markdown
    assert "`dutylist temp add --county 320115" in markdown


def test_gbk_text(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(NOTICE.encode("gbk"))
    assert by_line(vet_json(path))[7][0]["verdict"] == "recovered"


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + NOTICE.encode("utf-8"))
    assert by_line(vet_json(path))[7][0]["verdict"] == "recovered"


def test_docx_paragraphs_and_table_cells_are_lines(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in NOTICE.splitlines()[:6]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "任务分工"
    table.cell(0, 1).text = "对违规处置建筑垃圾的，由各街道依法予以处罚。"
    path = tmp_path / "通知.docx"
    document.save(str(path))
    lines = by_line(vet_json(path))
    assert lines[5][0]["verdict"] == "ok" and lines[6][0]["verdict"] == "lead_mismatch"
    assert lines[8][0]["verdict"] == "recovered"  # the second cell: the 8th paragraph


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", " \n\n\u3000\n".encode(), "没有文字内容"),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("image.txt", bytes(range(256)) * 8, "不是文本文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "另存为 .docx"),
        ("notice.rtf", b"{\\rtf1 hello}", ".txt / .md / .docx"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "不是有效的 .docx"),
        ("plain.docx", "各镇（街道）要做好工作。".encode(), "不是有效的 .docx"),
        ("nobody.txt", "区城市管理局负责对燃气经营企业开展监督检查。\n".encode(), "--township"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = vet(str(path))
    assert code == 2, (out, err)
    assert expected in err and "Traceback" not in err + out


def test_a_missing_file_and_an_unknown_township_or_county(notice: Path) -> None:
    assert vet(str(notice.parent / "missing.txt"))[0] == 2
    code, _, err = vet(str(notice), "--township", "320115999")
    assert code == 2 and "320115999" in err
    code, _, err = vet(str(notice), "--county", "320116")
    assert code == 2 and "320116" in err
    assert vet(str(notice), "-f", "xml")[0] == 2


def test_english_messages(notice: Path) -> None:
    result = CliRunner().invoke(
        app, ["vet", str(notice), "--root", str(SAMPLE), "--lang", "en", "-f", "json"]
    )
    report = json.loads(result.stdout)
    off_list = next(f for f in report["findings"] if f["verdict"] == "off_list")
    assert "off the list" in off_list["message"] and "dutylist temp add" in off_list["message"]


def test_a_2_mb_document_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    body = NOTICE * (2 * 1024 * 1024 // len(NOTICE.encode()) + 1)
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size >= 2 * 1024 * 1024
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "vet", str(path), "-f", "json", "--root", "."],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=SAMPLE,
        check=False,
    )
    assert process.returncode == 1, process.stderr
    assert time.monotonic() - started < 60
    assert json.loads(process.stdout)["errors"] > 0


def test_thousands_of_distinct_tasks_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    words = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    path.write_text(
        "".join(
            f"各镇（街道）要做好{a}{b}{c}工作。\n" for a in words for b in words for c in words[:5]
        ),
        encoding="utf-8",
    )
    code, _, err = vet(str(path))
    assert code == 2 and "拆分" in err


def test_powers_beyond_penalties_and_the_item_that_holds_them(tmp_path: Path) -> None:
    """监督检查 named by a recovered item, 查封扣押 and 警告 as sanctions (not the towns' own
    责令改正 item), and 参保登记 helped with at the enrolment item."""
    path = tmp_path / "notice.txt"
    path.write_text(
        "南京市江宁区卫生健康委员会\n"
        "关于做好有关工作的通知\n"
        "一、各镇（街道）要对辖区商场、宾馆的观光电梯和货运电梯开展监督检查，督促使用单位落实维保。\n"
        "二、各街道要对药店和诊所经营的医疗器械开展检查，发现违法经营的依法予以查封扣押。\n"
        "三、对理发店、游泳场所卫生不达标的，由各镇（街道）责令限期改正并给予警告。\n"
        "四、各镇（街道）要在便民服务中心为行动不便的老年人提供医保参保登记的帮办代办服务。\n",
        encoding="utf-8",
    )
    code, out, _ = vet(str(path), "-f", "json")
    assert code == 1
    verdicts = {(f["line"], f["verdict"]): f for f in json.loads(out)["findings"]}
    assert set(verdicts) == {(3, "recovered"), (4, "recovered"), (5, "recovered"), (6, "ok")}
    assert verdicts[(3, "recovered")]["townships"] == ALL
    assert {i["item"] for i in verdicts[(3, "recovered")]["items"]} == {"C005"}
    assert verdicts[(4, "recovered")]["townships"] == SUBDISTRICTS
    assert verdicts[(5, "recovered")]["townships"] == ALL
    assert "B048" not in {i["item"] for i in verdicts[(5, "recovered")]["items"]}
    assert verdicts[(6, "ok")]["townships"] == ALL


def test_work_matched_only_on_a_generic_word_is_off_the_list(tmp_path: Path) -> None:
    """企业 alone ties 亩均效益 evaluation and 专精特新 targets to the business-service item:
    it covers too little of the work (use/vet_coverage.py); gas checks stay on the list."""
    path = tmp_path / "notice.txt"
    path.write_text(
        "南京市江宁区工业和信息化局\n"
        "关于做好有关工作的通知\n"
        "一、各镇（街道）要完成辖区规模以上工业企业“亩均效益”综合评价的数据采集，"
        "评价结果报区工业和信息化局。\n"
        "二、各镇（街道）要培育科技型中小企业，力争每年新增“专精特新”企业2家以上。\n"
        "三、各镇（街道）要对辖区燃气用户开展入户安全检查，督促更换老化软管。\n",
        encoding="utf-8",
    )
    code, out, _ = vet(str(path), "-f", "json")
    assert code == 1
    verdicts = {(f["line"], f["verdict"]): f["townships"] for f in json.loads(out)["findings"]}
    assert verdicts == {(3, "off_list"): ALL, (4, "off_list"): ALL, (5, "ok"): ALL}


SANCTIONS = """南京市江宁区统计局
关于加强统计执法的通知
各镇（乡）人民政府、街道办事处：
一、对拒绝提供、迟报、虚报、瞒报统计资料的调查对象，由各镇（街道）依法立案查处并处以罚款。
二、对在公墓以外区域乱埋乱葬、违规建造坟墓的，由各镇（街道）依法责令改正并处以罚款。
三、各镇（街道）要组织统计调查对象按时报送统计资料。
"""


def test_a_sanction_on_a_matter_whose_department_took_its_penalties_back(tmp_path: Path) -> None:
    """The work matches the township's own item (统计调查, 殡葬管理) but sanctions: the penalty
    is the recovered item of the department that holds the matter — named after it (区统计局) or
    leading it (区民政局 leads 殡葬管理) — even where the item's short name shares no word."""
    path = tmp_path / "统计执法.txt"
    path.write_text(SANCTIONS, encoding="utf-8")
    import yaml

    names = {}
    for list_file in (SAMPLE / "lists").glob("*/32*-*.yaml"):
        data = yaml.safe_load(list_file.read_text(encoding="utf-8"))
        for item in data["recovered"]:
            names[(data["township"]["code"], item["id"])] = item["name"]
    lines = by_line(vet_json(path))
    for line, matter in ((4, "统计"), (5, "殡葬")):
        (finding,) = lines[line]
        assert finding["verdict"] == "recovered" and sorted(finding["townships"]) == ALL
        named = [names[(item["township"], item["item"])] for item in finding["items"]]
        assert len(named) == len(ALL) and all(matter in name for name in named), named
    assert [f["verdict"] for f in lines[6]] == ["ok"]  # the same matter without a sanction


POSTAL = """南京市江宁区寄递安全工作领导小组办公室
关于加强寄递安全管理的通知
各镇（乡）人民政府、街道办事处：
一、各镇（街道）要对辖区寄递物流网点落实实名收寄、开箱验视制度情况开展监督检查，对违规网点作出责令停业整顿的决定。
二、对违规处置建筑垃圾的，由各街道依法予以处罚。
"""


def test_a_penalty_item_sharing_only_the_wording_of_penalties_is_no_match(tmp_path: Path) -> None:
    """对违规开展校外培训的行政处罚 shares 对违规 with a sanction on parcel outlets and nothing of
    its matter: the sanction is off every list, not that recovered item handed back. A penalty
    item that covers the matter (建筑垃圾) still is."""
    path = tmp_path / "寄递安全.txt"
    path.write_text(POSTAL, encoding="utf-8")
    lines = by_line(vet_json(path))
    assert [(f["verdict"], sorted(f["townships"])) for f in lines[4]] == [("off_list", ALL)]
    assert [(f["verdict"], sorted(f["townships"])) for f in lines[5]] == [
        ("recovered", SUBDISTRICTS)
    ]
