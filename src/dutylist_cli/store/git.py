"""The git adapter: which files changed since a revision (GitPython's one home)."""

from __future__ import annotations

from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import GitError


def _repository(path: Path) -> object:
    import git

    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise GitError(messages.text("git.not_repo", path=path)) from exc


def changed_files(root: Path, revision: str) -> list[Path]:
    """Files under ``root`` that differ between ``revision`` and the working tree.

    Tracked changes (added, modified, renamed and deleted) and untracked files that git does
    not ignore; a deleted file is returned too, so that what depended on it is checked again.
    """
    import git

    repo = _repository(root)
    assert isinstance(repo, git.Repo)
    top = Path(repo.working_tree_dir or root)
    try:
        repo.git.rev_parse("--verify", "--quiet", f"{revision}^{{commit}}")
    except git.GitCommandError as exc:
        hint = messages.text("git.bad_rev.hint")
        raise GitError(messages.text("git.bad_rev", rev=revision), hint=hint) from exc
    try:
        tracked = repo.git.diff("--name-only", "-z", "-M", revision, "--", str(root))
        untracked = repo.git.ls_files("--others", "--exclude-standard", "-z", "--", str(root))
    except git.GitCommandError as exc:
        raise GitError(messages.text("git.failed", detail=str(exc.stderr).strip())) from exc
    names = [n for n in (tracked + "\0" + untracked).split("\0") if n]
    return [top / name for name in dict.fromkeys(names)]
