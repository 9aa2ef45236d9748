"""Where the rota grid is in a workbook: a value the import detects and the manager can correct."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from planner.domain import CellRef, Scenario


class Orientation(enum.Enum):
    DOCTORS_IN_ROWS = "doctors in rows, dates in columns"


@dataclass(frozen=True)
class GridLayout:
    """The rota grid's place: sheet, header row, which column holds what, where the grid ends.

    Rows and columns are 1-based, as Excel shows them. ``date_columns`` pairs each date column
    with its date. ``first_row``..``last_row`` is the span of people rows read.
    """

    sheet: str
    header_row: int
    name_column: int
    date_columns: tuple[tuple[int, dt.date], ...]
    first_row: int
    last_row: int
    grade_column: int | None = None
    specialty_column: int | None = None
    staff_id_column: int | None = None
    orientation: Orientation = Orientation.DOCTORS_IN_ROWS

    def describe(self) -> str:
        """One line a manager can read: what was found where."""
        from planner.domain import column_letter

        def col(c: int | None) -> str:
            return column_letter(c) if c else "none"

        first, last = self.date_columns[0], self.date_columns[-1]
        return (
            f"sheet '{self.sheet}', header row {self.header_row}, name column {col(self.name_column)}, "
            f"grade {col(self.grade_column)}, specialty {col(self.specialty_column)}, "
            f"staff id {col(self.staff_id_column)}, {len(self.date_columns)} date columns "
            f"{column_letter(first[0])}–{column_letter(last[0])} ({first[1]:%d/%m/%Y} to "
            f"{last[1]:%d/%m/%Y}), people rows {self.first_row}–{self.last_row}"
        )


class IssueKind(enum.Enum):
    PROBLEM = "problem"  # something wrong the manager should look at
    SKIPPED = "skipped"  # a row read and deliberately not taken as a person
    INFO = "info"  # something the import decided that the manager should know


@dataclass(frozen=True)
class ImportIssue:
    kind: IssueKind
    where: CellRef
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.where.sheet,
            "row": self.where.row,
            "column": self.where.column_name or None,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """What the import understood: the scenario, where it found the grid, and every issue."""

    scenario: Scenario
    layout: GridLayout
    issues: tuple[ImportIssue, ...] = field(default_factory=tuple)
    sheets_used: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.kind is IssueKind.PROBLEM)

    @property
    def skipped(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.kind is IssueKind.SKIPPED)

    @property
    def notes(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.kind is IssueKind.INFO)
