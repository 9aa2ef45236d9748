"""The side sheets a plan export keeps in step with the plan: Shifts, Strike and Staff.

They make the export a scenario of its own: re-importing it reads the revised rota (the
``STRIKE`` and ``CANCELLED`` codes are defined as Off), the strike windows it was planned for and
each doctor's declaration as used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.domain import Declaration, Person, Scenario, ShiftCode, ShiftType
from planner.workbook.export_cells import (
    DATETIME_FORMAT, TIME_FORMAT, Value, find_sheet, free_title, name_key, put, sheet_key, text,
    widen_column, write_header, write_table,
)
from planner.workbook.export_grid import CANCELLED_CODE, STRIKE_CODE

SHIFTS_SHEET_NAMES = ("Shifts", "Shift codes", "Codes", "Key")
STRIKE_SHEET_NAMES = ("Strike", "Industrial action")
STAFF_SHEET_NAMES = ("Staff", "Doctors", "People")

SHIFTS_HEADERS = ("Code", "Start", "End", "Type", "Description")
STRIKE_HEADERS = ("Start", "End")
STAFF_HEADERS = (
    "Name", "Staff ID", "Grade", "Specialty", "Strike", "Type", "Skills", "Available for cover",
    "Max extra hours", "Hourly rate", "Phone", "Email",
)
NAME_HEADERS = ("Name", "Doctor", "Staff", "Staff name", "Employee")
ID_HEADERS = ("Staff ID", "ID", "Employee number", "GMC")
SPECIALTY_HEADERS = ("Specialty", "Speciality", "Department", "Service")

EXPORT_CODES = (
    ShiftCode(STRIKE_CODE, ShiftType.OFF, description="Taking part in industrial action"),
    ShiftCode(CANCELLED_CODE, ShiftType.OFF,
              description="Elective session cancelled for strike cover"),
)
DESCRIPTION_WIDTH = 30  # narrow enough that a trust's portrait Shifts page still fits
DECLARATION_TEXT = {Declaration.STRIKING: "Yes", Declaration.WORKING: "No",
                    Declaration.UNDECLARED: ""}


def find_header(ws: Worksheet, wanted: Iterable[str], rows: int = 20) -> tuple[int, dict[str, int]]:
    """The first row (within ``rows``) holding one of ``wanted``, and its header -> column map.

    Returns (0, {}) when there is none. Header keys are :func:`sheet_key` forms.
    """
    keys = {sheet_key(w) for w in wanted}
    for row in ws.iter_rows(min_row=1, max_row=min(rows, ws.max_row)):
        headers = {sheet_key(text(c.value)): c.column for c in row if text(c.value)}
        if keys & headers.keys():
            return row[0].row, headers
    return 0, {}


def column_of(headers: dict[str, int], names: Iterable[str]) -> int | None:
    return next((headers[sheet_key(n)] for n in names if sheet_key(n) in headers), None)


# --- Shifts -----------------------------------------------------------------------------------
def write_shift_codes(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """Define STRIKE and CANCELLED, so that the exported rota imports as revised."""
    ws = find_sheet(wb, SHIFTS_SHEET_NAMES, exclude=grid)
    if ws is None:
        codes = [*sorted(scenario.shift_codes.values(), key=lambda c: c.code), *EXPORT_CODES]
        rows = [_code_row(c) for c in codes]
        ws = wb.create_sheet(free_title(wb, SHIFTS_SHEET_NAMES))
        write_table(ws, SHIFTS_HEADERS, rows,
                    {"Start": TIME_FORMAT, "End": TIME_FORMAT})
        return
    header_row, headers = find_header(ws, ["Code"])
    if not header_row:
        header_row, headers = 1, {}
        write_header(ws, 1, SHIFTS_HEADERS)
        headers = {sheet_key(h): i for i, h in enumerate(SHIFTS_HEADERS, start=1)}
    _append_codes(ws, header_row, headers)


def _code_row(code: ShiftCode) -> list[Value]:
    return [code.code, code.start, code.end, code.type.value, code.description]


def _append_codes(ws: Worksheet, header_row: int, headers: dict[str, int]) -> None:
    code_column = headers[sheet_key("Code")]
    defined, last = set(), header_row
    for row in range(header_row + 1, ws.max_row + 1):
        value = text(ws.cell(row=row, column=code_column).value)
        if value:
            defined.add(value.upper())
            last = row
    type_column = _ensure_column(ws, header_row, headers, "Type")
    description_column = _ensure_column(ws, header_row, headers, "Description")
    for code in EXPORT_CODES:
        if code.code not in defined:
            last += 1
            put(ws, last, code_column, code.code)
            put(ws, last, type_column, code.type.value)
            described = put(ws, last, description_column, code.description)
            described.alignment = Alignment(wrap_text=True, vertical="top")
            widen_column(ws, description_column, DESCRIPTION_WIDTH)


def _ensure_column(ws: Worksheet, header_row: int, headers: dict[str, int], name: str) -> int:
    """The column headed ``name``, adding it after the last header if missing."""
    if sheet_key(name) not in headers:
        column = max(headers.values(), default=0) + 1
        if column > 1:  # look like the trust's own headers
            put(ws, header_row, column, name)._style = copy(
                ws.cell(row=header_row, column=column - 1)._style)
        else:
            write_header(ws, header_row, [name], first_column=column)
        widen_column(ws, column, len(name) + 4)
        headers[sheet_key(name)] = column
    return headers[sheet_key(name)]


# --- Strike -----------------------------------------------------------------------------------
def write_strike(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """The strike windows the plan was made with, replacing whatever the sheet said."""
    old = find_sheet(wb, STRIKE_SHEET_NAMES, exclude=grid)
    index = wb.index(old) if old is not None else len(wb.worksheets)
    if old is not None:
        wb.remove(old)
    title = old.title if old is not None else free_title(wb, STRIKE_SHEET_NAMES)
    ws = wb.create_sheet(title, index)
    rows = [[w.start, w.end] for w in scenario.strike_windows]
    write_table(ws, STRIKE_HEADERS, rows, {"Start": DATETIME_FORMAT, "End": DATETIME_FORMAT})


# --- Staff ------------------------------------------------------------------------------------
def write_staff(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """Each rota doctor's declaration as planned with, in the Staff sheet's Strike column."""
    ws = find_sheet(wb, STAFF_SHEET_NAMES, exclude=grid)
    if ws is None:
        people = [*_rota_people(scenario), *(p for p in scenario.people if p.is_pool)]
        ws = wb.create_sheet(free_title(wb, STAFF_SHEET_NAMES))
        write_table(ws, STAFF_HEADERS, [_staff_row(p) for p in people],
                    {"Hourly rate": "£#,##0.00"})
        return
    header_row, headers = find_header(ws, [*NAME_HEADERS, *ID_HEADERS])
    if not header_row:
        header_row, headers = 1, {}
        ws.insert_rows(1)
        write_header(ws, 1, STAFF_HEADERS[:5])
        headers = {sheet_key(h): i for i, h in enumerate(STAFF_HEADERS[:5], start=1)}
    _fill_declarations(ws, header_row, headers, _rota_people(scenario))


def _rota_people(scenario: Scenario) -> list[Person]:
    return [p for p in scenario.people if not p.is_pool]


def _staff_row(person: Person) -> list[Value]:
    return [
        person.name, person.staff_id, person.grade, person.specialty,
        DECLARATION_TEXT[person.declaration] if not person.is_pool else "",
        person.kind.value if person.is_pool else "", ", ".join(sorted(person.skills)),
        "Yes" if person.available_for_cover else "No", person.max_extra_hours,
        person.hourly_rate, person.phone, person.email,
    ]


def _fill_declarations(ws: Worksheet, header_row: int, headers: dict[str, int],
                       people: Sequence[Person]) -> None:
    strike_column = _ensure_column(ws, header_row, headers, "Strike")
    name_column = column_of(headers, NAME_HEADERS) or _ensure_column(ws, header_row, headers,
                                                                    "Name")
    id_column = column_of(headers, ID_HEADERS)
    rows = _staff_rows_by_person(ws, header_row, name_column, id_column)
    next_row = max(ws.max_row, header_row) + 1
    for person in people:
        row = rows.get(("id", name_key(person.staff_id))) if person.staff_id else None
        row = row or rows.get(("name", name_key(person.name)))
        if row is None:
            row, next_row = next_row, next_row + 1
            _write_new_staff_row(ws, row, headers, person, name_column, id_column)
        put(ws, row, strike_column, DECLARATION_TEXT[person.declaration])


def _staff_rows_by_person(ws: Worksheet, header_row: int, name_column: int,
                          id_column: int | None) -> dict[tuple[str, str], int]:
    """("id", staff id) and ("name", name) -> the first row holding it."""
    found: dict[tuple[str, str], int] = {}
    for row in range(header_row + 1, ws.max_row + 1):
        name = name_key(text(ws.cell(row=row, column=name_column).value))
        if name:
            found.setdefault(("name", name), row)
        if id_column is not None:
            staff_id = name_key(text(ws.cell(row=row, column=id_column).value))
            if staff_id:
                found.setdefault(("id", staff_id), row)
    return found


def _write_new_staff_row(ws: Worksheet, row: int, headers: dict[str, int], person: Person,
                         name_column: int, id_column: int | None) -> None:
    put(ws, row, name_column, person.name)
    if id_column is not None:
        put(ws, row, id_column, person.staff_id)
    for names, value in ((("Grade",), person.grade), (SPECIALTY_HEADERS, person.specialty)):
        column = column_of(headers, names)
        if column is not None:
            put(ws, row, column, value)
