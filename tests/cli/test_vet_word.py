"""`dutylist vet --format docx -o 审核稿.docx`: the notice back as a Word document with a review
comment (批注) on each line that holds an error or a warning, opened and read back with
python-docx: the comments' text, the paragraphs they are anchored on, a .docx notice's own
paragraphs and table kept, and no output without -o."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from typer.testing import CliRunner

from dutylist_cli.cli.main import _register, app

if not any(command.name == "vet" for command in app.registered_commands):
    _register()

SAMPLE = Path(__file__).resolve().parents[2]
NOTICE = """南京市江宁区应急管理局
关于做好岁末年初有关工作的通知
各镇（乡）人民政府、街道办事处：
一、各镇（街道）要配合区消防救援大队，对沿街店铺、出租房屋开展防火巡查，劝阻电动自行车违规停放充电。
二、由各镇（街道）牵头负责辖区危险化学品经营单位专项整治，对整治结果负总责。
三、对违规处置建筑垃圾的，由各街道依法予以处罚。
四、各镇（街道）负责为辖区出租车驾驶员核发从业资格证。
联系人：王磊，联系电话：025-52168734。
"""


def vet(*args: str) -> Any:
    return CliRunner().invoke(app, ["vet", "--root", str(SAMPLE), "--lang", "zh", *args])


def anchored(document: Any) -> dict[int, str]:
    """Paragraph number (1-based, body and table cells in order) → the text of the comment
    whose range starts in it."""
    texts = {comment.comment_id: comment.text for comment in document.comments}
    out: dict[int, str] = {}
    paragraphs = [p for p in document.element.body.iter(qn("w:p"))]
    for number, paragraph in enumerate(paragraphs, start=1):
        for start in paragraph.iter(qn("w:commentRangeStart")):
            out[number] = texts[int(start.get(qn("w:id")))]
    return out


def test_a_text_notice_comes_back_with_comments_on_its_flagged_lines(tmp_path: Path) -> None:
    source = tmp_path / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "审核稿.docx"
    result = vet(str(source), "-f", "docx", "-o", str(out))
    assert result.exit_code == 1, result.stderr  # a recovered and an off-list assignment
    assert "已写出" in result.stderr
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs] == NOTICE.splitlines()
    comments = anchored(document)
    assert sorted(comments) == [5, 6, 7]  # line 4 is cooperation as asked: nothing to say
    assert comments[5].startswith("【主次责任不符】") and "区应急管理局" in comments[5]
    assert comments[6].startswith(
        "【已收回事项】东山街道、秣陵街道、汤山街道、禄口街道、江宁街道："
    )
    assert comments[7].startswith("【清单外】") and "dutylist temp add" in comments[7]
    assert {c.author for c in document.comments} == {"dutylist 发文审核"}


def test_a_word_notice_keeps_its_paragraphs_and_table(tmp_path: Path) -> None:
    original = docx.Document()
    for line in NOTICE.splitlines()[:4]:
        original.add_paragraph(line)
    table = original.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "任务分工"
    table.cell(0, 1).text = "对违规处置建筑垃圾的，由各街道依法予以处罚。"
    source = tmp_path / "通知.docx"
    original.save(str(source))
    out = tmp_path / "审核稿.docx"
    assert vet(str(source), "-f", "docx", "-o", str(out)).exit_code == 1
    reviewed = docx.Document(str(out))
    assert [p.text for p in reviewed.paragraphs][:4] == NOTICE.splitlines()[:4]
    assert reviewed.tables[0].cell(0, 1).text == "对违规处置建筑垃圾的，由各街道依法予以处罚。"
    comments = anchored(reviewed)
    assert list(comments) == [6]  # the second cell: the 6th paragraph, as vet numbers lines
    assert comments[6].startswith("【已收回事项】")


def test_word_output_needs_a_file(tmp_path: Path) -> None:
    source = tmp_path / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    for args in ((), ("-o", "-")):
        result = vet(str(source), "-f", "docx", *args)
        assert result.exit_code == 2
        assert "需要写入文件" in result.stderr and "-o 审核稿.docx" in result.stderr
