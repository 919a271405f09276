"""Failures (as opposed to findings) and the exit codes every command uses."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dutylist_cli.diagnostics import Diagnostic


class ExitCode(IntEnum):
    """Exit status of every dutylist command (documented in README.md)."""

    OK = 0  # success, nothing wrong (warnings allowed)
    FINDINGS = 1  # errors found, a failed gate, a difference where --exit-code asks for it
    USAGE = 2  # bad option, no data root, unknown revision
    INTERNAL = 3  # a bug in dutylist: one line on stderr, --debug shows the traceback
    CLOSED_PIPE = 141  # stdout's reader went away (`| head`): as a tool ended by SIGPIPE, quietly


class DutylistError(Exception):
    """A failure that stops a command; carries its exit code and a hint for the user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(DutylistError):
    exit_code = ExitCode.USAGE


class DataRootNotFound(UsageError):
    pass


class GitError(UsageError):
    pass


class RefusedForFindings(DutylistError):
    """Refused because of findings (exit 1): the application prints ``diagnostics`` as
    `validate` would (source lines read from ``root``) before the one-line failure."""

    exit_code = ExitCode.FINDINGS

    def __init__(
        self, message: str, diagnostics: Sequence[Diagnostic], *, root: Path, hint: str
    ) -> None:
        super().__init__(message, hint=hint)
        self.diagnostics = list(diagnostics)
        self.root = root
