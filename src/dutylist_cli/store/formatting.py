"""The `fmt` verb's core: rewrite data files in canonical form and report which ones changed."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from dutylist_cli import messages
from dutylist_cli.errors import ExitCode
from dutylist_cli.store.atomic import write_text_atomic
from dutylist_cli.store.layout import YAML_SUFFIXES, relative_name
from dutylist_cli.store.yaml_writer import UnformattableFile, canonical_text, read_source

_PARALLEL_THRESHOLD = 48


@dataclass(frozen=True)
class SkippedFile:
    """A file left untouched, with why (and the line, when the reason has one)."""

    file: str
    reason: str
    line: int | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class FormatResult:
    """Files (relative to the data root, / separated) by what `fmt` did or would do to them."""

    check: bool
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)  # --diff: file -> unified diff

    @property
    def exit_code(self) -> ExitCode:
        """1 when a file could not be formatted, or would change under --check; else 0."""
        if self.skipped or (self.check and self.changed):
            return ExitCode.FINDINGS
        return ExitCode.OK


@dataclass(frozen=True)
class _Outcome:
    file: str
    changed: bool = False
    skipped: SkippedFile | None = None
    diff: str | None = None


def format_files(
    paths: Sequence[Path],
    *,
    root: Path,
    check: bool,
    jobs: int | None = None,
    show_diff: bool = False,
) -> FormatResult:
    """Put ``paths`` in canonical form; with ``check`` only say which would change, and with
    ``show_diff`` also how (a unified diff per file; nothing is written)."""
    work = partial(_format_file, root=root, check=check or show_diff, show_diff=show_diff)
    workers = jobs or min(os.cpu_count() or 1, 8)
    if len(paths) < _PARALLEL_THRESHOLD or workers < 2 or sys.platform == "win32":
        outcomes = [work(path) for path in paths]
    else:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            chunk = max(1, min(16, len(paths) // (workers * 4)))
            outcomes = list(pool.map(work, paths, chunksize=chunk))
    result = FormatResult(check=check or show_diff)
    for outcome in outcomes:
        if outcome.skipped is not None:
            result.skipped.append(outcome.skipped)
        elif outcome.changed:
            result.changed.append(outcome.file)
            if outcome.diff is not None:
                result.diffs[outcome.file] = outcome.diff
        else:
            result.unchanged.append(outcome.file)
    return result


def _format_file(path: Path, *, root: Path, check: bool, show_diff: bool = False) -> _Outcome:
    """One file's fate; every failure becomes a skip, so a worker never raises."""
    name = relative_name(root, path)
    if not path.name.endswith(YAML_SUFFIXES):
        return _Outcome(name, skipped=SkippedFile(name, messages.text("fmt.reason.not_yaml")))
    try:
        source = read_source(path)
        canonical = canonical_text(source.text, path=Path(name))
        changed = canonical.encode("utf-8") != source.raw
        if changed and show_diff:
            return _Outcome(name, changed=True, diff=unified_diff(name, source.text, canonical))
        if changed and not check:
            outside = _link_outside(path, root)
            if outside is not None:
                reason = messages.text("fmt.reason.link_outside", target=outside)
                return _Outcome(name, skipped=SkippedFile(name, reason))
            write_text_atomic(path, canonical)  # through a link to its target; the link stays
    except UnformattableFile as refusal:
        return _Outcome(name, skipped=SkippedFile(name, refusal.reason, refusal.line))
    except OSError as exc:
        reason = messages.text("fmt.reason.unwritable", detail=exc.strerror or str(exc))
        return _Outcome(name, skipped=SkippedFile(name, reason))
    return _Outcome(name, changed=changed)


def _link_outside(path: Path, root: Path) -> str | None:
    """Where ``path`` links to when that lies outside the data root (fmt names only files in it)."""
    if not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    if Path(os.path.realpath(root)) in target.parents:
        return None
    return str(target)


def unified_diff(name: str, before: str, after: str) -> str:
    """What `fmt` would change in ``name``, as `git diff` shows it (a/ and b/ prefixes)."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
