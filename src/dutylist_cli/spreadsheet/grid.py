"""A worksheet as plain values, and the findings an import collects (`dutylist import`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dutylist_cli.diagnostics import Diagnostic
from dutylist_cli.messages import RULES
from dutylist_cli.spreadsheet.cells import cell_text


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Grid:
    """One worksheet as values; ``merges`` maps each cell of a merged range to that range."""

    name: str
    rows: Sequence[Sequence[object]]
    # (row, column) of each merged cell -> its range (min_row, min_col, max_row, max_col)
    merges: Mapping[tuple[int, int], tuple[int, int, int, int]]

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> object:
        line = self.rows[row - 1]
        return line[column - 1] if column <= len(line) else None

    def filled(self, row: int) -> dict[int, str]:
        """The row's non-empty cells as text, by column."""
        texts = {c: cell_text(v) for c, v in enumerate(self.rows[row - 1], start=1)}
        return {c: text for c, text in texts.items() if text}

    def ref(self, row: int, column: int) -> str:
        return f"{self.name}!{column_letter(column)}{row}"


class Findings:
    """Findings of one import, as the project's Diagnostic (file: the workbook as given)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, code: str, line: int = 1, column: int = 1, /, **args: object) -> None:
        """A finding at ``line`` (the row) and ``column``; ``args`` fill its message."""
        self.items.append(
            Diagnostic(
                file=self.file,
                code=code,
                severity=RULES[code].severity,
                line=line,
                column=column,
                args={key: str(value) for key, value in args.items()},
            )
        )
