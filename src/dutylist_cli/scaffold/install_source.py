"""Where dutylist is installed from: a pip requirement that `init` writes into a data repository."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dutylist_cli import __version__
from dutylist_cli.errors import GitError

DISTRIBUTION = "dutylist"
# the requirement is written inside "..." in shell lines and YAML plain scalars
_FORBIDDEN = frozenset("\"'`$\\")


@dataclass(frozen=True)
class InstallSource:
    """A pip requirement (``git+URL@REV``, a path, ``dutylist==0.1.0``) and, for a git URL,
    the repository and commit that pre-commit's ``repo:`` and ``rev:`` take."""

    requirement: str
    repository: str | None = None
    revision: str | None = None

    @property
    def is_local(self) -> bool:
        """Only this machine can install it (a file:// URL or a path): CI needs another source."""
        spec = self.requirement.removeprefix("git+")
        return spec.startswith(("file:", "/", ".", "~")) or (len(spec) > 1 and spec[1] == ":")


def problem_with(requirement: str) -> str | None:
    """Why ``requirement`` cannot be written into the generated files (None: it can)."""
    if not requirement.strip():
        return "blank"
    if requirement != requirement.strip() or requirement.startswith("-"):
        return "form"
    if any(c in _FORBIDDEN or not c.isprintable() for c in requirement):
        return "characters"
    if ": " in requirement or " #" in requirement:  # YAML would read a mapping or a comment
        return "characters"
    return None


def parse_install_source(requirement: str) -> InstallSource:
    """The source a requirement names; ``git+URL@REV`` also gives pre-commit's repo and rev."""
    spec = requirement.split(" @ ", 1)[-1].strip()  # "dutylist @ git+..." names the same URL
    if not spec.startswith("git+"):
        return InstallSource(requirement)
    url = spec[len("git+") :].split("#", 1)[0]
    parts = urlsplit(url)
    if "@" not in parts.path:
        return InstallSource(requirement, repository=url)
    path, revision = parts.path.rsplit("@", 1)
    return InstallSource(
        requirement, repository=parts._replace(path=path).geturl(), revision=revision
    )


def detect_install_source() -> InstallSource:
    """What is running: the git checkout and its commit, the VCS URL and commit pip recorded,
    or else the released version ``dutylist==<version>``."""
    released = InstallSource(f"{DISTRIBUTION}=={__version__}")
    try:
        recorded = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return released
    if not recorded:
        return released
    try:
        direct = json.loads(recorded)
    except ValueError:
        return released
    url = direct.get("url")
    if not isinstance(url, str):
        return released
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return _git_source(url, str(vcs["commit_id"]), direct.get("subdirectory"))
    if isinstance(direct.get("dir_info"), dict) and url.startswith("file:"):
        return _checkout_source(url) or released
    return released


def _checkout_source(url: str) -> InstallSource | None:
    """A local folder installed from (often editable): its git commit, when it is a checkout."""
    from dutylist_cli.store.git import Repository

    folder = Path(unquote(urlsplit(url).path))
    try:
        repository = Repository(folder)
        commit = repository.resolve("HEAD")
    except GitError:
        return None
    top = repository.top.as_uri()
    return _git_source(top, commit, repository.prefix.rstrip("/") or None)


def _git_source(url: str, commit: str, subdirectory: object) -> InstallSource:
    requirement = f"git+{url}@{commit}"
    if isinstance(subdirectory, str) and subdirectory:
        requirement += f"#subdirectory={subdirectory}"
    return InstallSource(requirement, repository=url, revision=commit)
