"""The core of `dutylist init`: the files of a new data repository, and writing them out."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.model.common import CityRef, CountyRef, ProvinceRef
from dutylist_cli.model.config import DEFAULT_DOMAINS
from dutylist_cli.scaffold.install_source import (
    InstallSource,
    detect_install_source,
    parse_install_source,
    problem_with,
)
from dutylist_cli.store.atomic import is_single_path_component, write_text_atomic
from dutylist_cli.store.layout import CONFIG_NAME, DATA_FOLDERS
from dutylist_cli.store.schema_files import build_schemas

# the files pattern of this project's hooks (.pre-commit-hooks.yaml): the data files
HOOK_FILES = r"^(dutylist\.yaml|(lists|adjustments|temporary|assessments)/.*\.ya?ml)$"
GITHUB_WORKFLOW = ".github/workflows/dutylist.yml"
GITLAB_CI = ".gitlab-ci.yml"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
KEEP = ".gitkeep"
GUIDE = "docs/清单格式说明.md"
# the worked example list: the county's first subdistrict code (7th digit 0: 街道)
EXAMPLE_TOWNSHIP_SUFFIX = "001"
EXAMPLE_TOWNSHIP_NAME = "示例街道"
# names go into YAML and Markdown as they are: a division name never needs these characters
_NAME_FORBIDDEN = frozenset(":#{}[],&*!|>'\"%@`\\")
_TEMPLATES = {  # file in the new repository -> template in dutylist_cli/data/init/
    CONFIG_NAME: "dutylist.yaml",
    PRE_COMMIT_CONFIG: "pre-commit-config.yaml",
    GITHUB_WORKFLOW: "github-workflow.yml",
    GITLAB_CI: "gitlab-ci.yml",
    ".gitignore": "gitignore",
    "README.md": "README.md",
}


_Division = TypeVar("_Division", ProvinceRef, CountyRef, CityRef)


class ScaffoldInvalid(UsageError):
    """A value given to `init` is not acceptable; ``field`` names it (province_code, ...)."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(messages.text("init.invalid", field=field_name, reason=reason))
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Region:
    """Where the new repository's lists come from: a province and, optionally, its first county."""

    province: ProvinceRef
    county: CountyRef | None = None
    city: CityRef | None = None

    @property
    def department_prefix(self) -> str:
        """区/县/市/旗: how this county's departments begin (区应急管理局, 县应急管理局)."""
        if self.county is None:
            return "县"
        last = self.county.name[-1:]
        return last if last in ("区", "县", "市", "旗") else "县"


@dataclass(frozen=True)
class Scaffold:
    """A new repository: file name (relative, / separated) -> text."""

    files: dict[str, str]


@dataclass(frozen=True)
class ScaffoldWritten:
    root: Path
    files: list[str]


def build_region(
    *,
    province_code: str,
    province_name: str,
    county_code: str | None = None,
    county_name: str | None = None,
    city_code: str | None = None,
    city_name: str | None = None,
) -> Region:
    """Checked division codes and names; the county's four values come together or not at all."""
    county_values = {
        "county_code": county_code,
        "county_name": county_name,
        "city_code": city_code,
        "city_name": city_name,
    }
    given = {k: v.strip() for k, v in county_values.items() if v is not None and v.strip()}
    province = _checked(ProvinceRef, "province", code=province_code, name=province_name)
    if not given:
        return Region(province)
    missing = [name for name in county_values if name not in given]
    if missing:
        raise ScaffoldInvalid(missing[0], messages.text("init.reason.county_together"))
    county = _checked(CountyRef, "county", code=given["county_code"], name=given["county_name"])
    city = _checked(CityRef, "city", code=given["city_code"], name=given["city_name"])
    for field_name, code in (("county_code", county.code), ("city_code", city.code)):
        if not code.startswith(province.code):
            raise ScaffoldInvalid(
                field_name, messages.text("init.reason.other_province", province=province.code)
            )
    return Region(province, county, city)


def build_install_source(requirement: str | None = None) -> InstallSource:
    """``--install``'s pip requirement, checked; without one, where the running dutylist is from."""
    if requirement is None:
        return detect_install_source()
    problem = problem_with(requirement)
    if problem is not None:
        raise ScaffoldInvalid(
            "install", messages.text(f"init.reason.install_{problem}", value=requirement)
        )
    return parse_install_source(requirement)


def build_scaffold(region: Region, *, install: InstallSource | None = None) -> Scaffold:
    """Every file of a new repository for ``region``, installing dutylist from ``install``
    (default: where the running dutylist is from); schemas come from the models."""
    county = region.county
    source = install if install is not None else detect_install_source()
    replacements = {
        "@@PROVINCE_CODE@@": region.province.code,
        "@@PROVINCE_NAME@@": region.province.name,
        "@@DOMAINS@@": ", ".join(DEFAULT_DOMAINS),
        "@@OWNER_COUNTY@@": county.code if county else "<县级代码>",
        "@@COUNTY_DIR@@": f"{county.code}-{county.name}" if county else "<县级代码>-<县名>",
        "@@COUNTY_CODE_TEXT@@": county.code if county else "<县级代码>",
        "@@INSTALL@@": source.requirement,
        "@@HOOK_REPO@@": source.repository or "<dutylist 源码仓库的 git 地址>",
        "@@HOOK_REV@@": source.revision or "<提交号（完整 40 位）>",
        "@@HOOK_FILES@@": HOOK_FILES,
        "@@DEPT@@": region.department_prefix,
    }
    files = {name: _render(template, replacements) for name, template in _TEMPLATES.items()}
    if county is not None and region.city is not None:
        replacements.update(
            {
                "@@COUNTY_CODE@@": county.code,
                "@@COUNTY_NAME@@": county.name,
                "@@CITY_CODE@@": region.city.code,
                "@@CITY_NAME@@": region.city.name,
            }
        )
        folder = f"lists/{county.code}-{county.name}"
        files[f"{folder}/{county.code}.yaml"] = _render("county.yaml", replacements)
        township = f"{county.code}{EXAMPLE_TOWNSHIP_SUFFIX}"
        replacements["@@TOWNSHIP_CODE@@"] = township
        files[f"{folder}/{township}-{EXAMPLE_TOWNSHIP_NAME}.yaml"] = _render(
            "township.yaml", replacements
        )
        files[f"adjustments/{county.code}/{KEEP}"] = ""
        files[f"temporary/{county.code}/{KEEP}"] = ""
        files[f"assessments/{county.code}/{KEEP}"] = ""
    else:
        files.update({f"{folder}/{KEEP}": "" for folder in DATA_FOLDERS})
    files.update({f"schemas/{name}": text for name, text in build_schemas().items()})
    files[GUIDE] = load_guide()
    return Scaffold(dict(sorted(files.items())))


def write_scaffold(target: Path, scaffold: Scaffold, *, force: bool = False) -> ScaffoldWritten:
    """Write the scaffold into ``target``: refused when it is not empty, unless ``force``.

    With ``force`` the scaffold's files replace existing ones; other files stay as they are.
    """
    if target.exists() and not target.is_dir():
        raise UsageError(messages.text("init.not_folder", path=target))
    if target.is_dir() and not force and _has_entries(target):
        raise UsageError(
            messages.text("init.not_empty", path=target), hint=messages.text("init.not_empty.hint")
        )
    for name, text in scaffold.files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    return ScaffoldWritten(target, list(scaffold.files))


def load_guide() -> str:
    """The format guide shipped with the package (Chinese, then English)."""
    return (resources.files("dutylist_cli") / "data" / "guide.md").read_text("utf-8")


def _has_entries(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(True for _ in entries)


def _render(template: str, replacements: dict[str, str]) -> str:
    text = (resources.files("dutylist_cli") / "data" / "init" / template).read_text("utf-8")
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    return text


def _checked(model: type[_Division], prefix: str, *, code: str, name: str) -> _Division:
    if not name.strip():
        raise ScaffoldInvalid(f"{prefix}_name", messages.text("init.reason.blank"))
    if not is_single_path_component(name.strip()):  # the county's names a folder in lists/
        raise ScaffoldInvalid(f"{prefix}_name", messages.text("init.reason.path", value=name))
    if any(char in _NAME_FORBIDDEN or not char.isprintable() for char in name):
        raise ScaffoldInvalid(f"{prefix}_name", messages.text("init.reason.name", value=name))
    try:
        return model(code=code.strip(), name=name.strip())
    except ValidationError:
        digits = 2 if prefix == "province" else 6
        raise ScaffoldInvalid(
            f"{prefix}_code", messages.text("init.reason.code", value=code, digits=digits)
        ) from None
