"""Finding the rota grid: which sheet, which header row, which column holds what.

The grid is the first sheet with a header row, within its first 20 rows, that has a name column
and at least three date columns. The layout found is a value the manager can see and correct; a
layout given by the manager skips detection but is still checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planner.domain import CellRef, PlannerError, column_letter
from planner.workbook.cells import cell_text, heading_key, is_blank
from planner.workbook.dates import parse_date
from planner.workbook.issues import IssueLog
from planner.workbook.layout import GridLayout

HEADER_SCAN_ROWS = 20
MIN_DATE_COLUMNS = 3
MAX_SCAN_COLUMNS = 1000
# A formatted but empty sheet can claim a million rows; this many blank rows in a row end the grid.
BLANK_ROWS_ENDING_GRID = 500

HEADER_ALIASES: dict[str, frozenset[str]] = {
    "name": frozenset({
        "name", "doctor", "staff", "staffname", "employee", "doctorname", "employeename",
        "fullname",
    }),
    "grade": frozenset({"grade"}),
    "specialty": frozenset({"specialty", "speciality", "department", "service"}),
    "staff_id": frozenset({
        "staffid", "id", "employeenumber", "gmc", "gmcnumber", "gmcno", "employeeid",
        "staffnumber", "employeeno", "staffno",
    }),
}
_FIELD_OF_HEADER = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_LOOKED_FOR = (
    "a header row within the first 20 rows of a sheet with a name column (Name, Doctor, Staff, "
    "Staff name or Employee) and at least 3 date columns (such as 09/03/2026)"
)

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Header:
    """What a header row says: the columns of the known fields and the date columns."""

    columns: dict[str, int]
    dates: tuple[tuple[int, dt.date], ...]

    @property
    def is_grid(self) -> bool:
        return "name" in self.columns and len(self.dates) >= MIN_DATE_COLUMNS


@dataclass(frozen=True)
class Grid:
    """The grid's layout and its people rows' values (``rows[0]`` is ``layout.first_row``)."""

    layout: GridLayout
    rows: tuple[Row, ...]


def read_header(values: Row) -> Header:
    """The known columns (first of each kind) and date columns of one row."""
    columns: dict[str, int] = {}
    dates: list[tuple[int, dt.date]] = []
    for column, value in enumerate(values, start=1):
        day = parse_date(value)
        if day is not None:
            dates.append((column, day))
            continue
        field = _FIELD_OF_HEADER.get(heading_key(cell_text(value)))
        if field is not None:
            columns.setdefault(field, column)
    return Header(columns, tuple(dates))


def load_grid(book: Any, layout: GridLayout | None, file_name: str, log: IssueLog) -> Grid:
    """The grid: detected, or the manager's ``layout`` checked against the workbook."""
    last_row: int | None = None
    if layout is None:
        layout = detect_layout(book, file_name, log)
    else:
        validate_layout(layout, book)
        log.info(CellRef(layout.sheet, layout.header_row), f"Layout given: {layout.describe()}.")
        last_row = layout.last_row
    sheet = book[layout.sheet]
    rows = _spread_merged_codes(sheet, layout, _read_rows(sheet, layout, last_row), log)
    end_row = layout.first_row + len(rows) - 1
    if end_row < layout.first_row:
        raise PlannerError(
            f"The rota grid in sheet '{layout.sheet}' has no rows of doctors under its header.",
            CellRef(layout.sheet, layout.header_row),
        )
    return Grid(dataclasses.replace(layout, last_row=end_row), rows)


def detect_layout(book: Any, file_name: str, log: IssueLog) -> GridLayout:
    """The layout of the first sheet with a grid header; a PlannerError if there is none."""
    near_miss = ""
    for sheet in book.worksheets:
        for row_number, values in enumerate(_header_rows(sheet), start=1):
            header = read_header(values)
            if header.is_grid:
                return _layout_of(sheet.title, row_number, header, values, log)
            if not near_miss and len(header.dates) >= MIN_DATE_COLUMNS:
                near_miss = (
                    f" Sheet '{sheet.title}' row {row_number} has {len(header.dates)} date "
                    "columns but no name column heading."
                )
    raise PlannerError(f"No rota grid found in '{file_name}': looked for {_LOOKED_FOR}.{near_miss}")


def _header_rows(sheet: Any) -> list[Row]:
    return list(sheet.iter_rows(
        min_row=1, max_row=min(HEADER_SCAN_ROWS, sheet.max_row),
        max_col=min(MAX_SCAN_COLUMNS, sheet.max_column), values_only=True,
    ))


def _layout_of(sheet: str, header_row: int, header: Header, values: Row, log: IssueLog) -> GridLayout:
    _refuse_repeated_dates(sheet, header_row, header.dates)
    layout = GridLayout(
        sheet=sheet, header_row=header_row, name_column=header.columns["name"],
        date_columns=header.dates, first_row=header_row + 1, last_row=header_row + 1,
        grade_column=header.columns.get("grade"),
        specialty_column=header.columns.get("specialty"),
        staff_id_column=header.columns.get("staff_id"),
    )
    above = f"; rows 1–{header_row - 1} above it are titles" if header_row > 1 else ""
    log.info(CellRef(sheet, header_row), f"Header row {header_row} chosen{above}.")
    _note_unread_columns(layout, values, log)
    return layout


def _refuse_repeated_dates(sheet: str, header_row: int, dates: Sequence[tuple[int, dt.date]]) -> None:
    first_column: dict[dt.date, int] = {}
    for column, day in dates:
        if day in first_column:
            raise PlannerError(
                f"The date {day:%d/%m/%Y} appears twice in the header (columns "
                f"{column_letter(first_column[day])} and {column_letter(column)}); each date "
                "must have one column.",
                CellRef(sheet, header_row, column),
            )
        first_column[day] = column


def _note_unread_columns(layout: GridLayout, values: Row, log: IssueLog) -> None:
    used = set(_field_columns(layout)) | {c for c, _ in layout.date_columns}
    unread = [
        f"{column_letter(c)} ('{cell_text(v)}')"
        for c, v in enumerate(values, start=1)
        if c not in used and cell_text(v)
    ]
    if unread:
        log.info(
            CellRef(layout.sheet, layout.header_row),
            "Columns not read (neither a date nor a known heading): " + ", ".join(unread) + ".",
        )


def _field_columns(layout: GridLayout) -> list[int]:
    columns = (layout.name_column, layout.grade_column, layout.specialty_column, layout.staff_id_column)
    return [c for c in columns if c]


def _read_rows(sheet: Any, layout: GridLayout, last_row: int | None) -> tuple[Row, ...]:
    """People rows from ``first_row`` to the last non-blank one (at most ``last_row`` if given)."""
    last_column = max(_field_columns(layout) + [c for c, _ in layout.date_columns])
    last_row = sheet.max_row if last_row is None else min(last_row, sheet.max_row)
    rows: list[Row] = []
    blank_run = 0
    for values in sheet.iter_rows(
        min_row=layout.first_row, max_row=max(last_row, layout.first_row),
        max_col=last_column, values_only=True,
    ):
        rows.append(values)
        blank_run = blank_run + 1 if is_blank(values) else 0
        if blank_run >= BLANK_ROWS_ENDING_GRID:
            break
    while rows and is_blank(rows[-1]):
        rows.pop()
    return tuple(rows)


def _spread_merged_codes(
    sheet: Any, layout: GridLayout, rows: tuple[Row, ...], log: IssueLog
) -> tuple[Row, ...]:
    """A doctor's cell merged across date columns (leave over a week) holds its code on each date."""
    dates = {column for column, _ in layout.date_columns}
    filled = list(rows)
    spread: list[str] = []
    for merged in sheet.merged_cells.ranges:
        offset = merged.min_row - layout.first_row
        one_row = merged.min_row == merged.max_row and 0 <= offset < len(filled)
        if one_row and merged.min_col in dates and not is_blank((filled[offset][layout.name_column - 1],)):
            filled[offset] = _spread_in_row(filled[offset], merged.min_col, merged.max_col, dates)
            spread.append(merged.coord)
    if spread:
        more = f" and {len(spread) - 10} more" if len(spread) > 10 else ""
        log.info(CellRef(layout.sheet, layout.header_row), (
            f"Merged cells read as the same code on each of their dates: {', '.join(spread[:10])}{more}."
        ))
    return tuple(filled)


def _spread_in_row(values: Row, first: int, last: int, dates: set[int]) -> Row:
    """``values`` with the value in column ``first`` copied to the date columns up to ``last``."""
    return tuple(
        values[first - 1] if first < column <= last and column in dates else value
        for column, value in enumerate(values, start=1)
    )


def validate_layout(layout: GridLayout, book: Any) -> None:
    """Refuse a layout that cannot describe a grid in this workbook."""
    if layout.sheet not in book.sheetnames:
        raise PlannerError(f"The layout names sheet '{layout.sheet}', which is not in the workbook.")
    where = CellRef(layout.sheet, layout.header_row)
    if layout.header_row < 1 or layout.first_row <= layout.header_row:
        raise PlannerError("The layout's first people row must come after its header row.", where)
    if layout.last_row < layout.first_row:
        raise PlannerError("The layout's last people row is before its first.", where)
    columns = _field_columns(layout) + [c for c, _ in layout.date_columns]
    if not layout.date_columns or min(columns) < 1 or len(set(columns)) != len(columns):
        raise PlannerError(
            "The layout needs at least one date column, and no column used twice.", where
        )
    _refuse_repeated_dates(layout.sheet, layout.header_row, layout.date_columns)
