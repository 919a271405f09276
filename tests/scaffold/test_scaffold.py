"""`dutylist init`'s core: the files of a new data repository, valid as written."""

from __future__ import annotations

import glob
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from dutylist_cli import __version__, messages
from dutylist_cli.errors import ExitCode, UsageError
from dutylist_cli.model.enums import Action, ApprovalLevel, Category, TownshipKind, Trigger
from dutylist_cli.scaffold.install_source import InstallSource, detect_install_source
from dutylist_cli.scaffold.repository import (
    GITHUB_WORKFLOW,
    GITLAB_CI,
    GUIDE,
    HOOK_FILES,
    PRE_COMMIT_CONFIG,
    ScaffoldInvalid,
    build_install_source,
    build_region,
    build_scaffold,
    load_guide,
    write_scaffold,
)
from dutylist_cli.store.schema_files import build_schemas
from dutylist_cli.store.yaml_writer import canonical_text

REPO = Path(__file__).resolve().parents[2]
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


RELEASED = InstallSource(f"dutylist=={__version__}")


def jiangning_files(install: InstallSource = RELEASED) -> dict[str, str]:
    return build_scaffold(build_region(**JIANGNING), install=install).files


def test_a_county_scaffold_has_every_file() -> None:
    files = jiangning_files()
    assert set(files) == {
        "dutylist.yaml",
        "lists/320115-江宁区/320115.yaml",
        "lists/320115-江宁区/320115001-示例街道.yaml",
        "docs/清单格式说明.md",
        "adjustments/320115/.gitkeep",
        "temporary/320115/.gitkeep",
        "assessments/320115/.gitkeep",
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
        Path(n).name for n in files if n.startswith(("lists", "adjust", "temp", "assess"))
    }
    assert {
        "lists/.gitkeep",
        "adjustments/.gitkeep",
        "temporary/.gitkeep",
        "assessments/.gitkeep",
    } <= set(files)
    assert 'province: {code: "33", name: 浙江省}' in files["dutylist.yaml"]
    assert all("@@" not in text for text in files.values())


def test_config_and_registry_are_canonical_and_typed() -> None:
    files = jiangning_files()
    for name in (
        "dutylist.yaml",
        "lists/320115-江宁区/320115.yaml",
        "lists/320115-江宁区/320115001-示例街道.yaml",
    ):
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
    assert registry["departments"] == [
        {"name": "区应急管理局", "aliases": ["区应急局"]},
        {"name": "区城市管理局", "aliases": ["区城管局"]},
    ]
    assert "# - name: 区市场监督管理局" in files["lists/320115-江宁区/320115.yaml"]


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


# -- where the data repository installs dutylist from (--install) ---------------------------------
COMMIT = "0123456789abcdef0123456789abcdef01234567"
GIT_SPEC = f"git+https://git.example.org/tools/dutylist.git@{COMMIT}"


def install_lines(files: dict[str, str]) -> list[str]:
    """The pip install lines of the GitHub workflow and the GitLab pipeline, as written."""
    steps = yaml.safe_load(files[GITHUB_WORKFLOW])["jobs"]["check"]["steps"]
    github = [step["run"] for step in steps if "pip install" in step.get("run", "")]
    gitlab = [
        line
        for line in yaml.safe_load(files[GITLAB_CI])["dutylist-check"]["before_script"]
        if "pip install" in line
    ]
    return [*github, *gitlab]


def test_the_install_source_is_written_into_ci_pre_commit_and_readme() -> None:
    files = jiangning_files(build_install_source(GIT_SPEC))
    assert install_lines(files) == [f'python -m pip install "{GIT_SPEC}"'] * 2
    pre_commit = files[PRE_COMMIT_CONFIG]
    assert f'# 启用：python -m pip install pre-commit "{GIT_SPEC}"' in pre_commit
    assert "#   - repo: https://git.example.org/tools/dutylist.git" in pre_commit
    assert f"#     rev: {COMMIT}" in pre_commit
    readme = files["README.md"]
    assert f'python -m pip install "{GIT_SPEC}" pre-commit' in readme
    assert f"\n{GIT_SPEC}\n" in readme
    for name in (GITHUB_WORKFLOW, GITLAB_CI, PRE_COMMIT_CONFIG, "README.md"):
        assert "同一来源" in files[name], name  # each says what to change together
        assert "dutylist==" not in files[name] or "dutylist==<版本>" in files[name], name
        assert "pypi.org" not in files[name] and "v0.1.0" not in files[name], name


def test_a_released_version_leaves_pre_commits_repo_and_rev_for_the_reader() -> None:
    pre_commit = jiangning_files()[PRE_COMMIT_CONFIG]
    assert f'pip install pre-commit "dutylist=={__version__}"' in pre_commit
    assert "rev: <提交号（完整 40 位）>" in pre_commit


@pytest.mark.parametrize(
    ("spec", "local"),
    [
        (GIT_SPEC, False),
        ("dutylist @ git+https://h/x.git@v1", False),
        ("git+file:///srv/dutylist@abc", True),
        ("/srv/dutylist", True),
        ("./dutylist-0.1.0-py3-none-any.whl", True),
        ("dutylist==0.1.0", False),
    ],
)
def test_local_sources_are_told_apart(spec: str, local: bool) -> None:
    assert build_install_source(spec).is_local is local


@pytest.mark.parametrize(
    "spec", ["", " dutylist", "--index-url=x", 'dutylist"; rm -rf /', "a: b", "x #y", "$(id)"]
)
def test_install_values_that_cannot_go_into_a_ci_line_are_refused(spec: str) -> None:
    with pytest.raises(ScaffoldInvalid) as caught:
        build_install_source(spec)
    assert caught.value.field == "install"


def fake_direct_url(monkeypatch: pytest.MonkeyPatch, recorded: str | None) -> None:
    class Distribution:
        def read_text(self, name: str) -> str | None:
            assert name == "direct_url.json"
            return recorded

    monkeypatch.setattr(
        "dutylist_cli.scaffold.install_source.metadata.distribution", lambda name: Distribution()
    )


def test_a_vcs_install_is_reinstalled_from_its_url_and_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_direct_url(
        monkeypatch,
        '{"url": "https://git.example.org/tools/dutylist.git", "vcs_info": {"vcs": "git", '
        f'"commit_id": "{COMMIT}", "requested_revision": "main"}}}}',
    )
    source = detect_install_source()
    assert source.requirement == GIT_SPEC
    assert (source.repository, source.revision) == (
        "https://git.example.org/tools/dutylist.git",
        COMMIT,
    )


@pytest.mark.parametrize(
    "recorded",
    [None, '{"url": "https://x/dutylist-0.1.0.tar.gz", "archive_info": {}}', "not json"],
)
def test_other_installs_name_the_version(
    monkeypatch: pytest.MonkeyPatch, recorded: str | None
) -> None:
    fake_direct_url(monkeypatch, recorded)
    assert detect_install_source().requirement == f"dutylist=={__version__}"


def test_a_folder_that_is_not_a_checkout_names_the_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    fake_direct_url(monkeypatch, f'{{"url": "{tmp_path.as_uri()}", "dir_info": {{}}}}')
    assert detect_install_source().requirement == f"dutylist=={__version__}"


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_checkout_is_installed_from_its_commit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    checkout = tmp_path / "dutylist"
    checkout.mkdir()
    git("init", "-q", cwd=checkout)
    (checkout / "pyproject.toml").write_text("", "utf-8")
    git("add", ".", cwd=checkout)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x", cwd=checkout)
    fake_direct_url(
        monkeypatch, f'{{"url": "{checkout.as_uri()}", "dir_info": {{"editable": true}}}}'
    )
    source = detect_install_source()
    head = git("rev-parse", "HEAD", cwd=checkout)
    assert source.requirement == f"git+{checkout.resolve().as_uri()}@{head}"
    assert source.is_local and source.revision == head


def pip_can_build_offline() -> bool:
    """setuptools>=77 (the build backend, for PEP 639 `license = "MIT"`) in this interpreter."""
    from importlib import metadata

    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77


def test_the_generated_install_line_installs_a_clone_of_this_repository(tmp_path: Path) -> None:
    """Slow but real (a clone, a build, an install; offline): the workflow's own install line,
    with the spec `init` detected from an editable install of that clone."""
    if not pip_can_build_offline():
        pytest.skip("pip cannot build dutylist offline here: setuptools>=77 is not installed")
    clone = tmp_path / "clone"
    git("clone", "-q", "--no-hardlinks", str(REPO), str(clone), cwd=tmp_path)
    commit = git("rev-parse", "HEAD", cwd=clone)
    spec = f"git+{clone.as_uri()}@{commit}"
    files = jiangning_files(build_install_source(spec))
    lines = install_lines(files)
    assert lines == [f'python -m pip install "{spec}"'] * 2
    assert f'pip install pre-commit "{spec}"' in files[PRE_COMMIT_CONFIG]
    assert f"#     rev: {commit}" in files[PRE_COMMIT_CONFIG]
    command = shlex.split(lines[0])
    assert command[:4] == ["python", "-m", "pip", "install"]
    target = tmp_path / "site"
    extra = ["--no-deps", "--no-build-isolation", "--no-index", "--target", str(target)]
    result = subprocess.run(
        [sys.executable, *command[1:], *extra],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "dutylist_cli" / "data" / "init" / "github-workflow.yml").is_file()
    (recorded,) = target.glob("dutylist-*.dist-info/direct_url.json")
    assert f'"commit_id": "{commit}"' in recorded.read_text("utf-8").replace('":"', '": "')


# -- the format guide and the worked example ------------------------------------------------------
def test_the_guide_is_shipped_written_and_chinese_first() -> None:
    guide = load_guide()
    assert jiangning_files()[GUIDE] == guide
    assert GUIDE in build_scaffold(build_region(province_code="33", province_name="浙江省")).files
    chinese, english = guide.split("\n# The list format (English)\n")
    assert chinese.startswith("# 清单格式说明")
    for heading in ("## 一、仓库中的文件", "## 二、乡镇（街道）清单", "## 四、调整记录、路由表"):
        assert heading in chinese
    for phrase in ("**Editorial rule.**", "admission", "**County registry.**"):
        assert phrase in english


def test_the_guide_names_every_kind_field_and_token_of_the_models() -> None:
    guide = load_guide()
    chinese = guide.split("# The list format (English)")[0]
    for enum in (Trigger, TownshipKind, Action, ApprovalLevel, Category):
        for member in enum:
            assert member.value in chinese and member.label in chinese, member
    for kind in ("township-list", "county", "adjustment", "temporary-task", "config", "assessment"):
        assert f"dutylist/{kind}/1" in guide and f"dutylist/{kind}/1" in chinese
    for field in (
        "content", "lead", "partners", "department_duties", "township_duties", "department",
        "working_mode", "penalty_powers", "handover", "remarks", "source", "keywords", "units",
        "posts", "basis", "edition", "effective", "document",
    ):  # fmt: skip
        assert f"{field}:" in chinese or f"`{field}`" in chinese, field


def test_route_explain_points_at_the_written_guide() -> None:
    for language in ("zh", "en"):
        messages.set_language(language)
        assert GUIDE in messages.text("explain.source.default")
        assert "list-format" not in messages.text("explain.source.default")
    messages.set_language("zh")
    assert "路由表" in load_guide()
    assert "docs/清单格式说明.md" in jiangning_files()["README.md"]
    assert "list-format" not in jiangning_files()["README.md"]


def test_the_worked_example_follows_the_county_and_its_registry() -> None:
    county = dict(JIANGNING, county_code="320724", county_name="灌南县", city_code="320700")
    files = build_scaffold(build_region(**county), install=RELEASED).files
    example = yaml.safe_load(files["lists/320724-灌南县/320724001-示例街道.yaml"])
    assert example["township"] == {"code": "320724001", "name": "示例街道", "kind": "subdistrict"}
    assert example["county"] == {"code": "320724", "name": "灌南县"}
    registry = yaml.safe_load(files["lists/320724-灌南县/320724.yaml"])
    names = {department["name"] for department in registry["departments"]}
    assert example["cooperative"][0]["lead"] in names
    assert example["recovered"][0]["department"] in names
    assert {key for key in ("basic", "cooperative", "recovered") if example[key]} == {
        "basic",
        "cooperative",
        "recovered",
    }
