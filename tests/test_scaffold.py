"""`dutylist init`'s core: the files of a new data repository, valid as written."""

from __future__ import annotations

import glob
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from dutylist_cli import __version__, messages
from dutylist_cli.errors import ExitCode, UsageError
from dutylist_cli.scaffold import (
    GITHUB_WORKFLOW,
    GITLAB_CI,
    HOOK_FILES,
    PRE_COMMIT_CONFIG,
    ScaffoldInvalid,
    build_region,
    build_scaffold,
    write_scaffold,
)
from dutylist_cli.schema_export import build_schemas
from dutylist_cli.store.yaml_writer import canonical_text

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "dutylist_cli"
JIANGNING = {
    "province_code": "32",
    "province_name": "江苏省",
    "county_code": "320115",
    "county_name": "江宁区",
    "city_code": "320100",
    "city_name": "南京市",
}


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    messages.set_language("zh")
    yield


def jiangning_files() -> dict[str, str]:
    return build_scaffold(build_region(**JIANGNING)).files


def test_a_county_scaffold_has_every_file() -> None:
    files = jiangning_files()
    assert set(files) == {
        "dutylist.yaml",
        "lists/320115-江宁区/320115.yaml",
        "adjustments/320115/.gitkeep",
        "temporary/320115/.gitkeep",
        ".pre-commit-config.yaml",
        ".github/workflows/dutylist.yml",
        ".gitlab-ci.yml",
        ".gitignore",
        "README.md",
        *(f"schemas/{name}" for name in build_schemas()),
    }
    assert all("@@" not in text for text in files.values())
    assert {f"schemas/{name}": text for name, text in build_schemas().items()}.items() <= (
        files.items()
    )
    assert ".dutylist_cache/" in files[".gitignore"].splitlines()


def test_without_a_county_the_data_folders_are_kept_empty() -> None:
    files = build_scaffold(build_region(province_code="33", province_name="浙江省")).files
    assert {".gitkeep"} == {
        Path(n).name for n in files if n.startswith(("lists", "adjust", "temp"))
    }
    assert {"lists/.gitkeep", "adjustments/.gitkeep", "temporary/.gitkeep"} <= set(files)
    assert 'province: {code: "33", name: 浙江省}' in files["dutylist.yaml"]
    assert all("@@" not in text for text in files.values())


def test_config_and_registry_are_canonical_and_typed() -> None:
    files = jiangning_files()
    for name in ("dutylist.yaml", "lists/320115-江宁区/320115.yaml"):
        assert canonical_text(files[name]) == files[name], name
    config = yaml.safe_load(files["dutylist.yaml"])
    assert config["domains"] == [
        "党的建设",
        "经济发展",
        "民生服务",
        "平安法治",
        "生态环保",
        "城乡建设",
        "应急管理",
        "综合保障",
    ]
    registry = yaml.safe_load(files["lists/320115-江宁区/320115.yaml"])
    assert registry["county"] == {"code": "320115", "name": "江宁区"}
    assert registry["departments"] == [{"name": "区应急管理局", "aliases": ["区应急局"]}]
    assert "# - name: 区城市管理局" in files["lists/320115-江宁区/320115.yaml"]


def test_department_names_follow_the_county_kind() -> None:
    county = dict(JIANGNING, county_code="320724", county_name="灌南县", city_code="320700")
    files = build_scaffold(build_region(**county)).files
    assert "- name: 县应急管理局" in files["lists/320724-灌南县/320724.yaml"]


def test_pre_commit_config_uses_this_projects_hooks() -> None:
    config = yaml.safe_load(jiangning_files()[PRE_COMMIT_CONFIG])
    (local,) = config["repos"]
    assert local["repo"] == "local"
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    published = {hook["id"]: hook for hook in manifest}
    for hook in local["hooks"]:
        assert hook["entry"] == published[hook["id"]]["entry"]
        assert hook["files"] == published[hook["id"]]["files"] == HOOK_FILES
        assert hook["language"] == "system"
    assert {hook["id"] for hook in local["hooks"]} == set(published)


def test_github_workflow_runs_the_gate_and_posts_the_summary() -> None:
    text = jiangning_files()[GITHUB_WORKFLOW]
    workflow = yaml.safe_load(text)
    assert set(workflow[True]) == {"pull_request"}  # PyYAML reads the key `on` as True
    job = workflow["jobs"]["check"]
    assert job["env"]["BASE"] == "origin/${{ github.base_ref }}"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert f'pip install "dutylist=={__version__}"' in runs
    assert 'dutylist check --base "$BASE" --format github' in runs
    assert 'dutylist check --base "$BASE" --format markdown > dutylist-summary.md' in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    assert "gh pr comment" in runs and "--body-file dutylist-summary.md" in runs
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0


def test_gitlab_ci_runs_the_gate_on_merge_requests() -> None:
    pipeline = yaml.safe_load(jiangning_files()[GITLAB_CI])
    assert pipeline["workflow"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    job = pipeline["dutylist-check"]
    script = "\n".join(job["script"])
    assert 'dutylist check --base "$BASE" --format markdown' in script
    assert "/merge_requests/${CI_MERGE_REQUEST_IID}/notes" in script
    assert "DUTYLIST_NOTE_TOKEN" in script
    assert job["artifacts"]["reports"]["junit"] == "dutylist-junit.xml"
    assert job["artifacts"]["when"] == "always"
    assert "--format junit > dutylist-junit.xml" in script


@pytest.mark.parametrize(
    ("name", "schema"),
    [(GITHUB_WORKFLOW, "vendor.github-workflows"), (GITLAB_CI, "vendor.gitlab-ci")],
)
def test_ci_files_pass_their_vendored_schemas(tmp_path: Path, name: str, schema: str) -> None:
    pytest.importorskip("check_jsonschema")
    path = tmp_path / Path(name).name
    path.write_text(jiangning_files()[name], "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_explains_the_workflow_in_chinese() -> None:
    readme = jiangning_files()["README.md"]
    for phrase in (
        "调整记录",
        "职责准入",
        "dutylist check",
        "dutylist temp",
        "CODEOWNERS",
        "320115",
    ):
        assert phrase in readme


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"province_code": "320"}, "province_code"),
        ({"province_name": " "}, "province_name"),
        ({"county_code": "330106"}, "county_code"),
        ({"city_code": "3201"}, "city_code"),
        ({"city_name": None}, "city_name"),
        ({"county_name": "江宁: 区"}, "county_name"),
        ({"county_name": "../../../x"}, "county_name"),
        ({"county_name": "江宁\0区"}, "county_name"),
        ({"county_name": "."}, "county_name"),
        ({"city_name": "南京/市"}, "city_name"),
        ({"province_name": ".."}, "province_name"),
    ],
)
def test_bad_region_values_name_their_option(changes: dict[str, str | None], field: str) -> None:
    with pytest.raises(ScaffoldInvalid) as caught:
        build_region(**{**JIANGNING, **changes})  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.exit_code == ExitCode.USAGE


def test_write_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    scaffold = build_scaffold(build_region(**JIANGNING))
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(UsageError) as caught:
        write_scaffold(tmp_path, scaffold)
    assert caught.value.hint and "--force" in caught.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    written = write_scaffold(tmp_path, scaffold, force=True)
    assert written.files == list(scaffold.files)
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"
    assert (tmp_path / "lists/320115-江宁区/320115.yaml").is_file()


def test_write_creates_missing_folders_and_refuses_a_file(tmp_path: Path) -> None:
    scaffold = build_scaffold(build_region(**JIANGNING))
    write_scaffold(tmp_path / "a" / "b", scaffold)
    assert (tmp_path / "a/b/.github/workflows/dutylist.yml").is_file()
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(UsageError):
        write_scaffold(tmp_path / "file", scaffold, force=True)


def test_templates_are_package_data() -> None:
    """Every file under data/ is matched by pyproject's package-data (so wheels include it)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["dutylist_cli"]
    matched = {
        Path(found).as_posix()
        for pattern in patterns
        for found in glob.glob(pattern, root_dir=PACKAGE, recursive=True)
    }
    data = {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "data").rglob("*") if p.is_file()}
    assert data and data <= matched
    assert not [name for name in data if re.search(r"/\.", name)]  # globs skip dot files
