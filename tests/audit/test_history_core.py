"""The history core on real git repositories: renames, merges, records, unreadable versions."""

from __future__ import annotations

from pathlib import Path

import pytest

import history_scenarios as scenario
from dutylist_cli.audit.history import HistoryResult, township_history
from dutylist_cli.errors import GitError, UsageError
from route_scenarios import NEW_COOPERATIVE, append_item, edit

DONGSHAN, MOLING = "320115001", "320115002"


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> scenario.Story:
    return scenario.story(tmp_path_factory.mktemp("story"))


def commits(result: HistoryResult) -> list[str]:
    return [entry.commit for entry in result.entries]


def items(result: HistoryResult, index: int) -> list[tuple[str, str]]:
    return [(c.item, c.change) for c in result.entries[index].changes]


def test_newest_first_across_a_rename(story: scenario.Story) -> None:
    result = township_history(story.root, DONGSHAN)
    assert commits(result) == [story.branch, story.renamed, story.added, story.base]
    assert result.name == "东山新城街道"
    assert items(result, 0) == [("C002", "modified")]
    assert items(result, 1) == [("B003", "modified")]
    assert result.entries[1].renamed == (scenario.DONGSHAN, scenario.RENAMED)
    assert items(result, 2) == [("C025", "added")]
    assert all(change == "added" for _, change in items(result, 3))
    assert not result.truncated


def test_a_clean_merge_is_attributed_to_the_branch_commit(story: scenario.Story) -> None:
    assert story.merge not in commits(township_history(story.root, DONGSHAN))
    moling = township_history(story.root, MOLING)
    assert commits(moling) == [story.moling, story.base]
    assert items(moling, 0) == [("B005", "modified")]


def test_records_of_the_same_commit(story: scenario.Story) -> None:
    entries = {e.commit: e for e in township_history(story.root, DONGSHAN).entries}
    assert entries[story.added].records == ("320115-2026-001",)
    assert entries[story.renamed].records == ()
    assert "320115-2025-007" in entries[story.base].records


def test_item_filter_and_revision(story: scenario.Story) -> None:
    assert commits(township_history(story.root, DONGSHAN, item="C025")) == [story.added]
    only = township_history(story.root, DONGSHAN, item="C002")
    assert commits(only) == [story.branch, story.base]
    assert [[c.item for c in entry.changes] for entry in only.entries] == [["C002"], ["C002"]]
    assert commits(township_history(story.root, DONGSHAN, revision=story.added)) == [
        story.added,
        story.base,
    ]
    assert township_history(story.root, DONGSHAN, item="Z999").entries == []


def test_a_conflict_resolved_in_the_merge(tmp_path: Path) -> None:
    conflict = scenario.conflict(tmp_path)
    result = township_history(conflict.root, DONGSHAN)
    assert commits(result)[:3] == [conflict.merge, conflict.ours, conflict.theirs]
    merge = result.entries[0]
    assert merge.merge and items(result, 0) == [("B005", "modified")]


def test_an_unreadable_version_is_looked_through(tmp_path: Path) -> None:
    root = scenario.base_repository(tmp_path)
    edit(root, scenario.DONGSHAN, "  name: 东山街道\n", "  name: [东山街道\n")
    broken = scenario.commit(root, "写坏了", date="2025-02-01T10:00:00+08:00")
    edit(root, scenario.DONGSHAN, "  name: [东山街道\n", "  name: 东山街道\n")
    edit(root, scenario.DONGSHAN, scenario.B005_CONTENT, "处置基层网络舆情，每月研判一次。")
    fixed = scenario.commit(root, "修好并改 B005", date="2025-02-02T10:00:00+08:00")
    result = township_history(root, DONGSHAN)
    assert commits(result)[:2] == [fixed, broken]
    assert items(result, 0) == [("B005", "modified")]  # against the last version that parsed
    assert result.entries[1].changes == () and result.entries[1].unreadable == (scenario.DONGSHAN,)


def test_a_misnamed_file_is_found_by_its_content(tmp_path: Path) -> None:
    root = scenario.base_repository(tmp_path)
    odd = "lists/320115-江宁区/东山街道.yaml"
    scenario.git(root, "mv", scenario.DONGSHAN, odd)
    append_item(root, odd, "cooperative", NEW_COOPERATIVE)
    moved = scenario.commit(root, "挪到了不规范的文件名", date="2025-02-01T10:00:00+08:00")
    result = township_history(root, DONGSHAN)
    assert commits(result)[0] == moved and items(result, 0) == [("C025", "added")]


def test_a_shallow_clone_is_cut_and_says_so(story: scenario.Story, tmp_path: Path) -> None:
    clone = tmp_path / "浅克隆"
    scenario.git(
        tmp_path, "clone", "-q", "--depth", "1", "--branch", "调整", story.root.as_uri(), str(clone)
    )
    scenario.git(clone, "fetch", "-q", "--deepen", "1")
    result = township_history(clone, DONGSHAN)
    assert result.truncated and result.boundary == (story.renamed,)
    assert commits(result) == [story.branch]  # the boundary commit is not shown as adding all


def test_bad_code_revision_and_repository(story: scenario.Story, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        township_history(story.root, "32011500")
    with pytest.raises(GitError):
        township_history(story.root, DONGSHAN, revision="no-such-branch")
    with pytest.raises(GitError):
        township_history(tmp_path, DONGSHAN)  # not a git repository
    (tmp_path / "empty").mkdir()
    scenario.git(tmp_path / "empty", "init", "-q")
    with pytest.raises(GitError):
        township_history(tmp_path / "empty", DONGSHAN)
