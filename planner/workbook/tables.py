"""The optional side sheets (Shifts, Staff, Cover, Strike, Rates, Rules): finding them by name
and reading each as a table whose columns are found by their headings.

Sheet names and headings are compared squashed (lower case, no spaces or punctuation, nothing
in brackets), so ``Shift codes``, ``SHIFT-CODES`` and ``shiftcodes`` are the same sheet, and
``Strike (Y/N)`` is the ``Strike`` heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.domain import CellRef, column_letter
from planner.workbook.cells import cell_text, heading_key, is_blank, one_line
from planner.workbook.detect import BLANK_ROWS_ENDING_GRID, HEADER_SCAN_ROWS, MAX_SCAN_COLUMNS, Row
from planner.workbook.issues import IssueLog

SIDE_SHEETS: dict[str, frozenset[str]] = {
    "shifts": frozenset({"shifts", "shiftcodes", "codes", "key"}),
    "staff": frozenset({"staff", "doctors", "people"}),
    "cover": frozenset({"cover", "coverrules", "minimumstaffing", "derogations"}),
    "strike": frozenset({"strike", "industrialaction"}),
    "rates": frozenset({"rates", "ratecard"}),
    "rules": frozenset({"rules", "workingtime"}),
}


def find_side_sheets(book: Any, grid_sheet: str) -> dict[str, Any]:
    """The first worksheet of each kind, by name; never the grid's own sheet."""
    found: dict[str, Any] = {}
    for sheet in book.worksheets:
        if sheet.title == grid_sheet:
            continue
        for kind, names in SIDE_SHEETS.items():
            if heading_key(sheet.title) in names and kind not in found:
                found[kind] = sheet
    return found


@dataclass(frozen=True)
class TableRow:
    """One non-blank row of a side sheet: its row number and its values by field."""

    row: int
    values: Mapping[str, object]

    def text(self, field: str) -> str:
        """The field's cell as one line of trimmed text ('' when blank or absent)."""
        return one_line(cell_text(self.values.get(field)))


@dataclass(frozen=True)
class Table:
    """A side sheet read as a table: where its header is, which column holds each field."""

    sheet: str
    header_row: int
    columns: Mapping[str, int]
    rows: tuple[TableRow, ...]

    def at(self, row: TableRow, field: str | None = None) -> CellRef:
        """The place of a row, or of its cell for ``field``."""
        return CellRef(self.sheet, row.row, self.columns.get(field) if field else None)


@dataclass(frozen=True)
class TableSpec:
    """The headings a side sheet's fields go by, and which fields it cannot do without.

    Each entry of ``required`` is a set of fields of which at least one must have a column.
    """

    title: str
    fields: Mapping[str, frozenset[str]]
    required: Sequence[frozenset[str]]
    looked_for: str


def read_table(sheet: Any, spec: TableSpec, log: IssueLog, otherwise: str) -> Table | None:
    """The table on ``sheet``, or None (logged as a problem, saying ``otherwise``) without a header."""
    heads = list(sheet.iter_rows(
        min_row=1, max_row=min(HEADER_SCAN_ROWS, sheet.max_row),
        max_col=min(MAX_SCAN_COLUMNS, sheet.max_column), values_only=True,
    ))
    found = _best_header(heads, spec)
    if found is not None:
        header_row, columns = found
        _note_unread(sheet.title, header_row, heads[header_row - 1], columns, log)
        return Table(sheet.title, header_row, columns, _rows(sheet, header_row, columns))
    log.problem(
        CellRef(sheet.title, 1),
        f"{spec.title} sheet '{sheet.title}' has no header row with {spec.looked_for} in its "
        f"first {HEADER_SCAN_ROWS} rows; {otherwise}",
    )
    return None


def _best_header(heads: Sequence[Row], spec: TableSpec) -> tuple[int, dict[str, int]] | None:
    """The row (1-based) with the required columns that names the most fields, first on ties.

    The most, not the first: a title such as ``Staff`` above the header names a field too.
    """
    best: tuple[int, dict[str, int]] | None = None
    for header_row, values in enumerate(heads, start=1):
        columns = _columns(values, spec)
        complete = all(any(f in columns for f in group) for group in spec.required)
        if complete and (best is None or len(columns) > len(best[1])):
            best = (header_row, columns)
    return best


def _columns(values: Row, spec: TableSpec) -> dict[str, int]:
    field_of = {alias: field for field, aliases in spec.fields.items() for alias in aliases}
    columns: dict[str, int] = {}
    for column, value in enumerate(values, start=1):
        field = field_of.get(heading_key(cell_text(value)))
        if field is not None:
            columns.setdefault(field, column)
    return columns


def _note_unread(sheet: str, header_row: int, values: Row, columns: Mapping[str, int], log: IssueLog) -> None:
    used = set(columns.values())
    unread = [
        f"{column_letter(c)} ('{cell_text(v)}')"
        for c, v in enumerate(values, start=1)
        if c not in used and cell_text(v)
    ]
    if unread:
        log.info(CellRef(sheet, header_row), "Columns not read: " + ", ".join(unread) + ".")


def _rows(sheet: Any, header_row: int, columns: Mapping[str, int]) -> tuple[TableRow, ...]:
    rows: list[TableRow] = []
    blank_run = 0
    last_column = max(columns.values())
    for number, values in enumerate(sheet.iter_rows(
        min_row=header_row + 1, max_row=max(sheet.max_row, header_row + 1),
        max_col=last_column, values_only=True,
    ), start=header_row + 1):
        picked = {field: values[column - 1] for field, column in columns.items()}
        blank_run = blank_run + 1 if is_blank(tuple(picked.values())) else 0
        if blank_run >= BLANK_ROWS_ENDING_GRID:
            break
        if not blank_run:
            rows.append(TableRow(number, picked))
    return tuple(rows)
