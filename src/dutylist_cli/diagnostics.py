"""The one finding type that flows from every check to every reporter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located finding.

    ``args`` fills the message template of ``code`` in the catalogue (messages.py); the text is
    rendered in the reader's language by the reporters, so the same finding serves both languages.
    ``line``/``column`` are 1-based; 0 means "not located yet" (the validator locates findings
    through the file's source map before they leave the core).
    """

    file: str
    code: str
    severity: Severity
    pointer: str = ""
    line: int = 0
    column: int = 0
    item: str | None = None
    args: Mapping[str, str] = field(default_factory=dict)

    def located(self, line: int, column: int) -> Diagnostic:
        return Diagnostic(
            file=self.file,
            code=self.code,
            severity=self.severity,
            pointer=self.pointer,
            line=line,
            column=column,
            item=self.item,
            args=self.args,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def to_cache(self) -> list[Any]:
        return [
            self.file,
            self.code,
            self.severity.value,
            self.pointer,
            self.line,
            self.column,
            self.item,
            dict(self.args),
        ]

    @classmethod
    def from_cache(cls, row: list[Any]) -> Diagnostic:
        file, code, severity, pointer, line, column, item, args = row
        return cls(
            file=file,
            code=code,
            severity=Severity(severity),
            pointer=pointer,
            line=line,
            column=column,
            item=item,
            args=args,
        )


def finding(
    file: str,
    code: str,
    severity: Severity,
    path: Sequence[str | int],
    /,
    *,
    item: str | None = None,
    **args: object,
) -> Diagnostic:
    """A not-yet-located finding at ``path`` (the validator adds line and column)."""
    return Diagnostic(
        file=file,
        code=code,
        severity=severity,
        pointer=json_pointer(path),
        item=item,
        args={k: str(v) for k, v in args.items()},
    )


def json_pointer(path: Iterable[str | int]) -> str:
    """RFC 6901 pointer for a path of keys and indexes."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "".join("/" + p for p in parts)


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


@dataclass
class ValidationResult:
    """What `validate` found: how many files it read and every finding, sorted."""

    files: int
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)
