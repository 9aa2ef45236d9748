"""Reading the grid's rows: who each doctor is and the code in each of their date cells.

Every row between the header and the last non-blank row ends up as a doctor, or as a skipped
row or a problem with its place: blank rows, the weekday-name row under the header,
section labels (``Registrars``, ``Team B``), totals rows and vacant posts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from planner.domain import CellRef
from planner.workbook.cells import cell_text, is_blank, squash
from planner.workbook.codes import CodeMatcher
from planner.workbook.detect import Grid, Row
from planner.workbook.issues import IssueLog, cell_list
from planner.workbook.layout import GridLayout

_WEEKDAY_NAMES: tuple[frozenset[str], ...] = (
    frozenset({"m", "mo", "mon", "monday"}),
    frozenset({"t", "tu", "tue", "tues", "tuesday"}),
    frozenset({"w", "we", "wed", "weds", "wednesday"}),
    frozenset({"t", "th", "thu", "thur", "thurs", "thursday"}),
    frozenset({"f", "fr", "fri", "friday"}),
    frozenset({"s", "sa", "sat", "saturday"}),
    frozenset({"s", "su", "sun", "sunday"}),
)
_VACANT = frozenset({"vacant", "vacancy", "vacantpost", "tbc", "tba", "unfilled", "gap"})
_TOTALS_PREFIXES = ("total", "count", "sum", "numberon")


class CodeCell(NamedTuple):
    """One non-blank date cell: its column, date, code (upper case), note and if it is defined."""

    column: int
    day: dt.date
    code: str
    note: str
    known: bool


@dataclass(frozen=True)
class GridPerson:
    """A doctor's row as the grid gives it, before the Staff sheet fills it in."""

    row: int
    name: str
    grade: str
    specialty: str
    staff_id: str
    cells: tuple[CodeCell, ...]


@dataclass
class _Fields:
    name: str
    grade: str
    specialty: str
    staff_id: str
    cells: list[CodeCell] = field(default_factory=list)


def read_people_rows(
    grid: Grid, matcher: CodeMatcher, undefined_means: str, log: IssueLog
) -> list[GridPerson]:
    """The doctors in the grid; every other row is logged as skipped or as a problem.

    ``undefined_means`` completes "Code X is not defined ..." (where codes come from).
    """
    reader = _RowReader(grid.layout, matcher, log)
    for offset, values in enumerate(grid.rows):
        reader.read(grid.layout.first_row + offset, values, just_under_header=offset == 0)
    reader.report_unknown_codes(undefined_means)
    return reader.people


class _RowReader:
    def __init__(self, layout: GridLayout, matcher: CodeMatcher, log: IssueLog) -> None:
        self.layout = layout
        self.matcher = matcher
        self.log = log
        self.people: list[GridPerson] = []
        self.unknown: dict[str, list[CellRef]] = {}
        self.blank_from: int | None = None
        self.date_indexes = [(column - 1, column, day) for column, day in layout.date_columns]

    def read(self, row: int, values: Row, just_under_header: bool) -> None:
        if is_blank(values):
            self.blank_from = row if self.blank_from is None else self.blank_from
            return
        self._end_blank_run(row)
        fields = self._fields(values)
        if (just_under_header or not fields.name) and self._is_weekday_row(values, fields):
            self.log.skipped(self._at(row), "Weekday names under the header.")
            return
        fields.cells = self._code_cells(values)
        if self._take_as_person(row, fields, values):
            self._note_unknown(row, fields.cells)
            self.people.append(GridPerson(
                row, fields.name, fields.grade, fields.specialty, fields.staff_id,
                tuple(fields.cells),
            ))

    def _at(self, row: int, column: int | None = None) -> CellRef:
        return CellRef(self.layout.sheet, row, column)

    def _end_blank_run(self, row: int) -> None:
        if self.blank_from is not None:
            span = "Blank row." if self.blank_from == row - 1 else f"Blank rows {self.blank_from}–{row - 1}."
            self.log.skipped(self._at(self.blank_from), span)
            self.blank_from = None

    def _fields(self, values: Row) -> _Fields:
        def text(column: int | None) -> str:
            return " ".join(cell_text(values[column - 1]).split()) if column else ""

        layout = self.layout
        return _Fields(
            text(layout.name_column), text(layout.grade_column),
            text(layout.specialty_column), text(layout.staff_id_column),
        )

    def _is_weekday_row(self, values: Row, fields: _Fields) -> bool:
        if fields.grade or fields.staff_id:
            return False
        filled = [(values[i], day) for i, _, day in self.date_indexes if cell_text(values[i])]
        return len(filled) >= min(3, len(self.date_indexes)) and all(
            _names_its_day(value, day) for value, day in filled
        )

    def _code_cells(self, values: Row) -> list[CodeCell]:
        cells = []
        read = self.matcher.read
        for index, column, day in self.date_indexes:
            value = values[index]
            if value is None:
                continue
            text = value.strip() if isinstance(value, str) else cell_text(value)
            if text:
                code, note, known = read(text)
                cells.append(CodeCell(column, day, code, note, known))
        return cells

    def _take_as_person(self, row: int, fields: _Fields, values: Row) -> bool:
        reason = self._not_a_person(fields, values)
        if reason is None:
            return True
        kind, message = reason
        where = self._at(row, self.layout.name_column)
        (self.log.problem if kind == "problem" else self.log.skipped)(where, message)
        return False

    def _not_a_person(self, fields: _Fields, values: Row) -> tuple[str, str] | None:
        name, count = fields.name, len(fields.cells)
        squashed = squash(name)
        if not name and count:
            return "problem", f"{count} shift codes but no name: row not read."
        if not name:
            return "skipped", _label_or_no_name(values)
        if squashed in _VACANT or squashed.startswith("vacan"):
            return "problem", (
                f"'{name}' is a vacant post, not a doctor: its {count} shift codes are not read "
                "(nobody is counted as working them)."
            )
        if fields.grade or fields.staff_id:
            return None
        if squashed.startswith(_TOTALS_PREFIXES):
            return "skipped", f"Totals row '{name}'."
        if not count:
            return "skipped", (
                f"Section label '{name}' (a name with no grade, no staff id and no shift codes)."
            )
        return None

    def _note_unknown(self, row: int, cells: list[CodeCell]) -> None:
        for cell in cells:
            if not cell.known:
                self.unknown.setdefault(cell.code, []).append(self._at(row, cell.column))

    def report_unknown_codes(self, undefined_means: str) -> None:
        for code, cells in self.unknown.items():
            self.log.problem(cells[0], (
                f"Code '{code}' is not defined {undefined_means}: used in {len(cells)} "
                f"cell{'s' if len(cells) != 1 else ''} ({cell_list(cells)}); those doctors are "
                "treated as unavailable for cover on those days."
            ))


def _names_its_day(value: object, day: dt.date) -> bool:
    """A weekday name for ``day`` (``Mon``, ``M``), or ``day`` itself shown again (as ``ddd``)."""
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value) == day
    return squash(cell_text(value)) in _WEEKDAY_NAMES[day.weekday()]


def _label_or_no_name(values: Row) -> str:
    filled = [cell_text(v) for v in values if cell_text(v)]
    if len(filled) == 1:
        return f"Section label '{filled[0]}'."
    return "No name and no shift codes: row not read."
