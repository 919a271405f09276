"""The diff core on real git repositories: item changes, editorial marks, renames, suspects."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import diff_scenarios as scenario
from dutylist_cli.audit.diffing import (
    DiffResult,
    WordingRule,
    diff_files,
    diff_revisions,
    diff_states,
    is_small_edit,
    township_state,
)
from dutylist_cli.errors import UsageError


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return scenario.repository(tmp_path)


def by_item(result: DiffResult) -> dict[str, dict[str, Any]]:
    return {c["item"]: c for c in result.as_json()["changes"]}


def test_added_removed_moved_and_modified_between_commits(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.lead_change(repo)
    scenario.move_r004_to_basic(repo)
    scenario.remove_item(repo, scenario.MOLING, "C023")
    scenario.returned_suspect(repo)  # B036 removed, C031 added
    scenario.commit(repo, "调整东山、秣陵清单", date="2025-06-02T10:00:00+08:00")

    result = diff_revisions(repo, "base", "HEAD")
    assert (result.old, result.new) == ("base", "HEAD")
    assert result.as_json()["changes"] == [
        {
            "township": "320115001",
            "item": "B003",
            "change": "modified",
            "category": "basic",
            "fields": ["content"],
            "editorial": True,
        },
        {"township": "320115001", "item": "B036", "change": "removed", "category": "basic"},
        {
            "township": "320115001",
            "item": "R004",
            "change": "moved",
            "from": "recovered",
            "to": "basic",
            "fields": ["basis", "content", "department", "working_mode"],
        },
        {
            "township": "320115001",
            "item": "C001",
            "change": "modified",
            "category": "cooperative",
            "fields": ["lead", "partners"],
            "editorial": False,
        },
        {"township": "320115001", "item": "C031", "change": "added", "category": "cooperative"},
        {"township": "320115002", "item": "C023", "change": "removed", "category": "cooperative"},
    ]
    assert result.townships == {"320115001": "东山街道", "320115002": "秣陵街道"}
    assert result.unreadable == []


def test_the_same_revision_twice_is_an_empty_diff(repo: Path) -> None:
    result = diff_revisions(repo, "base", "HEAD")
    assert result.changes == [] and result.suspects == []


def test_a_renamed_township_file_without_edits_gives_no_changes(repo: Path) -> None:
    scenario.git(repo, "mv", scenario.DONGSHAN, scenario.DONGSHAN_RENAMED)
    scenario.commit(repo, "东山街道更名", date="2025-06-02T10:00:00+08:00")
    assert diff_revisions(repo, "base", "HEAD").changes == []
    assert diff_revisions(repo, "base", "HEAD", paths=[scenario.DONGSHAN_RENAMED]).changes == []


def test_a_renamed_township_file_with_one_edit_gives_that_change(repo: Path) -> None:
    scenario.git(repo, "mv", scenario.DONGSHAN, scenario.DONGSHAN_RENAMED)
    scenario.edit(repo, scenario.DONGSHAN_RENAMED, "name: 统一战线工作", "name: 统战工作")
    scenario.commit(repo, "更名并修改 B007", date="2025-06-02T10:00:00+08:00")
    expected = [
        {
            "township": "320115001",
            "item": "B007",
            "change": "modified",
            "category": "basic",
            "fields": ["name"],
            "editorial": False,
        }
    ]
    assert diff_revisions(repo, "base", "HEAD").as_json()["changes"] == expected
    # restricted to either name the township is still whole, not all-removed or all-added
    for path in (scenario.DONGSHAN_RENAMED, scenario.DONGSHAN, "lists/320115-江宁区"):
        assert diff_revisions(repo, "base", "HEAD", paths=[path]).as_json()["changes"] == expected


def test_a_file_moved_by_hand_in_the_working_tree_is_the_same_township(repo: Path) -> None:
    (repo / scenario.DONGSHAN).rename(repo / scenario.DONGSHAN_RENAMED)  # no git mv: D + ??
    scenario.edit(repo, scenario.DONGSHAN_RENAMED, "做好届中调整和补选。", "做好届中调整和补选")
    result = diff_revisions(repo, None, None, paths=[scenario.DONGSHAN_RENAMED])
    assert [(c.item, c.change, c.editorial) for c in result.changes] == [("B003", "modified", True)]


def test_editorial_for_punctuation_but_not_for_a_lead_change(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.lead_change(repo)
    changes = by_item(diff_revisions(repo, None, None))
    assert changes["B003"]["editorial"] is True
    assert changes["C001"]["editorial"] is False
    assert changes["C001"]["fields"] == ["lead", "partners"]


@pytest.mark.parametrize(
    ("old", "new", "editorial"),
    [
        ("做好届中调整和补选。", "做好届中调整和补选", True),  # punctuation
        ("依据（试行）", "依据(试行)", True),  # full-width and half-width brackets
        ("ＡＢＣ 街道", "ABC街道", True),  # full-width letters and a space
        ("发现隐患及时报告", "发现隐患及时查处", False),  # a verb of duty is substance
        ("开展森林防火巡查", "开展森林防火执法", False),
        ("组织摸排辖区出租房屋", "组织负责辖区出租房屋", False),
        ("组织开展垃圾分类宣传和桶边督导工作", "组织开展垃圾分类宣传及桶边督导工作", False),
        ("区应急局", "区消防大队", False),  # a short text changed outright
        (["《条例》第十条"], ["《条例》第十条", "《办法》"], False),  # a citation added
    ],
)
def test_only_normalised_equality_is_wording_by_default(
    old: Any, new: Any, editorial: bool
) -> None:
    assert is_small_edit(old, new) is editorial


@pytest.mark.parametrize(
    ("old", "new", "editorial"),
    [
        ("组织开展垃圾分类宣传和桶边督导工作", "组织开展垃圾分类宣传及桶边督导工作", True),
        ("区应急局", "区消防大队", False),  # a short text changed outright
        ("组织开展垃圾分类宣传和桶边督导工作", "组织开展垃圾分类宣传工作", False),  # 4 chars gone
        ("负责辖区安全生产检查", "不负责辖区安全生产检查", False),  # a negation never is
    ],
)
def test_a_policy_may_opt_in_to_small_edits(old: Any, new: Any, editorial: bool) -> None:
    rule = WordingRule(max_chars=3, min_ratio=0.9)
    assert is_small_edit(old, new, rule) is editorial


def test_rename_suspect(repo: Path) -> None:
    scenario.rename_suspect(repo)
    result = diff_revisions(repo, None, None)
    assert [(c.item, c.change) for c in result.changes] == [
        ("B007", "removed"),
        ("B054", "added"),
    ]
    [suspect] = result.as_json()["suspects"]
    assert suspect["kind"] == "rename"
    assert (suspect["old_item"], suspect["new_item"]) == ("B007", "B054")
    assert (suspect["old_category"], suspect["new_category"]) == ("basic", "basic")
    assert suspect["similarity"] >= 0.6


def test_returned_suspect_a_basic_duty_back_as_cooperative(repo: Path) -> None:
    scenario.returned_suspect(repo)
    result = diff_revisions(repo, None, None)
    [suspect] = result.suspects
    assert (suspect.kind, suspect.old_item, suspect.new_item) == ("returned", "B036", "C031")
    assert (suspect.old_category, suspect.new_category) == ("basic", "cooperative")
    assert suspect.similarity == pytest.approx(1.0)  # the duty text is the same


def test_both_suspects_pair_the_right_items(repo: Path) -> None:
    scenario.rename_suspect(repo)
    scenario.returned_suspect(repo)
    suspects = diff_revisions(repo, None, None).suspects
    assert sorted((s.kind, s.old_item, s.new_item) for s in suspects) == [
        ("rename", "B007", "B054"),
        ("returned", "B036", "C031"),
    ]


def test_taken_back_under_a_new_id_is_no_hidden_return(repo: Path) -> None:
    """A basic duty that reappears as recovered went to the county: flagged, not 明减暗增."""
    scenario.remove_item(repo, scenario.DONGSHAN, "B037")
    scenario.append_item(
        repo,
        scenario.DONGSHAN,
        "recovered",
        "  - id: R040\n    name: 违法建设网格化巡查\n    domain: 城乡建设\n"
        "    department: 区城市管理局\n",
    )
    [suspect] = diff_revisions(repo, None, None).suspects
    assert (suspect.kind, suspect.old_item, suspect.new_item) == ("rename", "B037", "R040")


def test_renumbered_ids_pair_each_item_with_itself() -> None:
    """Every id of a township renumbered: each removal is paired with its own item, once."""
    raw = (scenario.REPO / scenario.MOLING).read_text("utf-8")
    renumbered = re.sub(r"id: ([BCR])(\d+)", r"id: \g<1>9\2", raw)
    old = township_state(raw.encode(), file=scenario.MOLING)
    new = township_state(renumbered.encode(), file=scenario.MOLING)
    assert old is not None and new is not None
    changes, suspects = diff_states({old.code: old}, {new.code: new})
    assert len(changes) == 2 * len(old.items) == 2 * len(suspects)
    assert all(
        s.kind == "rename" and s.new_item == s.old_item[0] + "9" + s.old_item[1:] for s in suspects
    )


def test_unrelated_removal_and_addition_are_no_suspects(repo: Path) -> None:
    scenario.remove_item(repo, scenario.DONGSHAN, "B007")
    scenario.append_item(
        repo,
        scenario.DONGSHAN,
        "basic",
        scenario.C031_RETURNED.replace("C031", "B060").replace("配合推进垃圾分类", "电梯安全宣传"),
    )
    result = diff_revisions(repo, None, None)
    assert len(result.changes) == 2 and result.suspects == []


def test_worktree_against_head_with_an_untracked_township(repo: Path) -> None:
    scenario.new_township(repo)
    scenario.punctuation_only(repo)
    result = diff_revisions(repo, None, None)
    assert (result.old, result.new) == ("HEAD", "worktree")
    assert [(c.township, c.item, c.change, c.category) for c in result.changes] == [
        ("320115001", "B003", "modified", "basic"),
        ("320115007", "B001", "added", "basic"),
        ("320115007", "B002", "added", "basic"),
        ("320115007", "C001", "added", "cooperative"),
    ]
    assert result.townships["320115007"] == "淳化街道"


def test_a_deleted_township_gives_one_removal_per_item(repo: Path) -> None:
    (repo / scenario.MOLING).unlink()
    result = diff_revisions(repo, None, None)
    assert {c.change for c in result.changes} == {"removed"}
    assert {c.township for c in result.changes} == {"320115002"}
    assert len(result.changes) > 50


def test_paths_restrict_the_diff(repo: Path) -> None:
    scenario.punctuation_only(repo)
    scenario.remove_item(repo, scenario.MOLING, "C023")
    only_moling = diff_revisions(repo, None, None, paths=[scenario.MOLING])
    assert [(c.township, c.item) for c in only_moling.changes] == [("320115002", "C023")]
    everything = diff_revisions(repo, None, None, paths=["."])
    assert len(everything.changes) == 2
    assert diff_revisions(repo, None, None, paths=["adjustments"]).changes == []


def test_an_unreadable_list_is_reported(repo: Path) -> None:
    (repo / scenario.MOLING).write_text("schema: dutylist/township-list/1\nbasic: [\n", "utf-8")
    result = diff_revisions(repo, None, None)
    assert result.unreadable == [scenario.MOLING]


def test_diff_files(tmp_path: Path) -> None:
    root = scenario.sample_root(tmp_path)
    before = root / scenario.DONGSHAN
    after = tmp_path / "东山街道-修改稿.yaml"
    after.write_text(
        before.read_text("utf-8").replace("做好届中调整和补选。", "做好届中调整和补选"), "utf-8"
    )
    result = diff_files(before, after, old_label="a.yaml", new_label="b.yaml")
    assert result.as_json() == {
        "old": "a.yaml",
        "new": "b.yaml",
        "changes": [
            {
                "township": "320115001",
                "item": "B003",
                "change": "modified",
                "category": "basic",
                "fields": ["content"],
                "editorial": True,
            }
        ],
        "suspects": [],
    }
    with pytest.raises(UsageError):
        diff_files(before, tmp_path / "没有这个文件.yaml", old_label="a", new_label="缺")


def test_diff_states_orders_by_township_then_category() -> None:
    def state(code: str, body: str) -> Any:
        raw = f'township: {{code: "{code}", name: 某街道}}\n{body}'.encode()
        return township_state(raw, file=f"lists/x/{code}-某街道.yaml")

    old = {"320115002": state("320115002", "basic:\n  - {id: B001, name: 甲}\n")}
    new = {
        "320115001": state("320115001", "recovered:\n  - {id: R001, name: 乙}\n"),
        "320115002": state(
            "320115002",
            "cooperative:\n  - {id: C001, name: 丙}\nbasic:\n  - {id: B002, name: 丁}\n",
        ),
    }
    changes, _ = diff_states(old, new)
    assert [(c.township, c.item) for c in changes] == [
        ("320115001", "R001"),
        ("320115002", "B001"),
        ("320115002", "B002"),
        ("320115002", "C001"),
    ]


def test_a_negation_is_never_editorial() -> None:
    from dutylist_cli.audit.diffing import is_small_edit

    assert is_small_edit("负责辖区安全生产检查。", "负责辖区安全生产检查")
    assert not is_small_edit("负责辖区安全生产检查", "不负责辖区安全生产检查")
