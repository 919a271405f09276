"""The git adapter: revisions, trees, blobs, changed paths and logs (GitPython's one home).

Everything is read from the object database at the revisions asked for: no checkout, no
temporary worktree. Paths come from ``-z`` output, so Chinese names arrive unquoted whatever
``core.quotepath`` says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import GitError

WORKTREE = "worktree"


@dataclass(frozen=True)
class PathChange:
    """One entry of ``git diff --name-status``: status, old and new root-relative names."""

    status: str  # A, M, D, R, C, T (or ? for an untracked file)
    old: str | None
    new: str | None


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    parents: tuple[str, ...]
    author: str  # "name <email>"
    date: str  # ISO 8601 with offset
    subject: str


@dataclass(frozen=True)
class BlobChange:
    """One entry of ``git log --raw``: a path change with the blob ids on both sides."""

    status: str  # A, M, D, R, C, T
    old: str | None  # root-relative names; None when absent, not a regular file or outside
    new: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class CommitChanges:
    """A commit and what it changed: one diff per parent (a root commit: one, against nothing).

    A merge lists fewer diffs than parents when it is identical to some parent on the paths asked.
    """

    commit: CommitInfo
    diffs: tuple[tuple[BlobChange, ...], ...]


class Repository:
    """The git repository holding a data root; names in and out are relative to the root."""

    def __init__(self, root: Path) -> None:
        import git

        try:
            self._repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
            raise GitError(
                messages.text("git.not_repo", path=root), hint=messages.text("git.not_repo.hint")
            ) from exc
        self.top = Path(self._repo.working_tree_dir or root).resolve()
        relative = root.resolve().relative_to(self.top).as_posix()
        self.prefix = "" if relative == "." else relative + "/"

    # -- plumbing ------------------------------------------------------------------------
    def _git(self, *args: str) -> str:
        import git

        try:
            output: str = self._repo.git.execute(
                ["git", "-c", "core.quotepath=off", *args], strip_newline_in_stdout=False
            )
            return output
        except git.GitCommandError as exc:
            detail = str(exc.stderr or exc).strip().splitlines()
            raise GitError(
                messages.text("git.failed", detail=detail[-1] if detail else "")
            ) from exc

    def _name(self, path: str) -> str | None:
        """A repository path as a root-relative name (None when outside the data root)."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix) :]

    # -- revisions -----------------------------------------------------------------------
    def has_commits(self) -> bool:
        return self._repo.head.is_valid()

    def resolve(self, revision: str) -> str:
        """The commit a revision names; unknown revisions are a usage error (exit 2)."""
        import git

        if not self.has_commits():
            raise GitError(
                messages.text("git.no_commits", path=self.top),
                hint=messages.text("git.no_commits.hint"),
            )
        try:
            sha: str = self._repo.git.rev_parse("--verify", "--quiet", f"{revision}^{{commit}}")
            return sha.strip()
        except git.GitCommandError as exc:
            hint = messages.text("git.bad_rev.hint")
            if self.is_shallow():
                hint = messages.text("git.shallow.hint")
            raise GitError(messages.text("git.bad_rev", rev=revision), hint=hint) from exc

    def is_shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def shallow_boundary(self) -> set[str]:
        """Commits whose parents were cut off by a shallow clone."""
        shallow = Path(self._repo.git_dir) / "shallow"
        if not shallow.exists():
            return set()
        return set(shallow.read_text("ascii").split())

    # -- trees and blobs -----------------------------------------------------------------
    def tree(self, revision: str, folder: str = "") -> dict[str, str]:
        """Root-relative name -> blob id of every file under ``folder`` at ``revision``."""
        spec = self.prefix + folder
        output = self._git("ls-tree", "-r", "-z", "--full-tree", revision, "--", spec or ".")
        files: dict[str, str] = {}
        for entry in output.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            _, kind, sha = meta.split()
            name = self._name(path)
            if kind == "blob" and name is not None:
                files[name] = sha
        return files

    def read_blobs(self, shas: Iterable[str]) -> dict[str, bytes]:
        """Blob contents by id, streamed from one ``git cat-file --batch`` process."""
        out: dict[str, bytes] = {}
        for sha in dict.fromkeys(shas):
            out[sha] = self._repo.odb.stream(bytes.fromhex(sha)).read()
        return out

    def read_file(self, revision: str, name: str) -> bytes | None:
        sha = self.tree(revision, name).get(name)
        return None if sha is None else self.read_blobs([sha])[sha]

    # -- changes and history -------------------------------------------------------------
    def changed(self, old: str, new: str | None, folders: Sequence[str] = ()) -> list[PathChange]:
        """Paths that differ from ``old`` to ``new`` (None: the working tree, untracked too)."""
        specs = [self.prefix + f for f in folders] or [self.prefix or "."]
        args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", old]
        if new is not None:
            args.append(new)
        changes = _parse_name_status(self._git(*args, "--", *specs))
        if new is None:
            untracked = self._git("ls-files", "--others", "--exclude-standard", "-z", "--", *specs)
            changes += [PathChange("?", None, p) for p in untracked.split("\0") if p]
        named = []
        for change in changes:
            old_name = self._name(change.old) if change.old else None
            new_name = self._name(change.new) if change.new else None
            if old_name is not None or new_name is not None:
                named.append(PathChange(change.status, old_name, new_name))
        return named

    def changed_in_commit(self, commit: CommitInfo, parent: str | None) -> list[PathChange]:
        if parent is None:
            empty = self._git("hash-object", "-t", "tree", "/dev/null").strip()
            return self.changed(empty, commit.sha)
        return self.changed(parent, commit.sha)

    def log(
        self, revision: str, folders: Sequence[str], *, limit: int | None = None
    ) -> list[CommitInfo]:
        """Commits reachable from ``revision`` touching ``folders``, newest first."""
        fmt = "%H%x1f%P%x1f%an <%ae>%x1f%aI%x1f%s%x1e"
        args = ["log", f"--format={fmt}", "--topo-order"]
        if limit is not None:
            args.append(f"--max-count={limit}")
        output = self._git(*args, revision, "--", *[self.prefix + f for f in folders])
        commits = []
        for record in output.split("\x1e"):
            record = record.strip("\n")
            if not record:
                continue
            sha, parents, author, date, subject = record.split("\x1f")
            commits.append(CommitInfo(sha, tuple(parents.split()), author, date, subject))
        return commits

    def log_changes(self, revision: str, folders: Sequence[str]) -> list[CommitChanges]:
        """Every commit reachable from ``revision`` touching ``folders``, with its blob changes.

        One ``git log --raw`` call, newest first (``--date-order``: never a parent before its
        children). Merges come with a diff against each parent (``-m``); history is simplified
        as ``git log -- PATH`` does, so a side branch whose changes a merge dropped is not
        walked. Options are pinned (-c) so a user's log and diff settings cannot change the
        output.
        """
        fmt = "%x1e%H%x1f%P%x1f%an <%ae>%x1f%aI%x1f%s%x1f"
        output = self._git(
            *("-c", "log.showRoot=true", "-c", "log.diffMerges=separate"),
            *("log", "-z", f"--format={fmt}", "--raw", "--no-abbrev", "-M", "-m"),
            *("--date-order", "--no-color", "--no-show-signature", "--no-ext-diff"),
            revision,
            "--",
            *[self.prefix + f for f in folders],
        )
        commits: list[CommitChanges] = []
        for chunk in output.split("\x1e")[1:]:
            sha, parents, author, date, subject, raw = chunk.split("\x1f", 5)
            diff = tuple(self._blob_changes(raw))
            if commits and commits[-1].commit.sha == sha:  # -m: the next parent of a merge
                last = commits[-1]
                commits[-1] = CommitChanges(last.commit, (*last.diffs, diff))
                continue
            info = CommitInfo(sha, tuple(parents.split()), author, date, subject)
            commits.append(CommitChanges(info, (diff,)))
        return commits

    def _blob_changes(self, raw: str) -> list[BlobChange]:
        fields = raw.split("\0")
        changes: list[BlobChange] = []
        index = 0
        while index < len(fields):
            meta = fields[index].lstrip("\n")
            index += 1
            if not meta.startswith(":"):
                continue
            old_mode, new_mode, old_blob, new_blob, status = meta[1:].split(" ")[:5]
            paths = fields[index : index + (2 if status[0] in "RC" else 1)]
            index += len(paths)
            old_path, new_path = paths[0], paths[-1]
            old = self._name(old_path) if _is_file(old_mode, old_blob) else None
            new = self._name(new_path) if _is_file(new_mode, new_blob) else None
            if old is None and new is None:
                continue
            changes.append(
                BlobChange(
                    status[0], old, new, old_blob if old else None, new_blob if new else None
                )
            )
        return changes


def _is_file(mode: str, blob: str) -> bool:
    """A regular file (not a submodule, symlink or the absent side of an add or delete)."""
    return mode.startswith("100") and blob.strip("0") != ""


def _parse_name_status(output: str) -> list[PathChange]:
    fields = [f for f in output.split("\0")]
    changes: list[PathChange] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        letter = status[0]
        if letter in "RC":
            changes.append(PathChange(letter, fields[index + 1], fields[index + 2]))
            index += 3
        else:
            path = fields[index + 1]
            changes.append(
                PathChange(letter, None if letter == "A" else path, None if letter == "D" else path)
            )
            index += 2
    return changes


def changed_files(root: Path, revision: str) -> list[Path]:
    """Files under ``root`` that differ between ``revision`` and the working tree.

    Tracked changes (added, modified, renamed and deleted) and untracked files that git does
    not ignore; a deleted file is returned too, so that what depended on it is checked again.
    """
    repository = Repository(root)
    commit = repository.resolve(revision)
    names: list[str] = []
    for change in repository.changed(commit, None):
        names.extend(n for n in (change.old, change.new) if n)
    return [root.resolve() / name for name in dict.fromkeys(names)]
