"""Failures (as opposed to findings) and the exit codes every command uses."""

from __future__ import annotations

from enum import IntEnum


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
