"""The side sheets a plan export keeps in step with the plan: Shifts, Strike, Staff, Cover,
Rates and Rules.

They make the export a scenario of its own: re-importing it reads the revised rota (the
``STRIKE`` and ``CANCELLED`` codes are defined as Off), the strike windows it was planned for,
each doctor's declaration as used, and the cover rules, rate card and working-time rules the
plan was made with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.domain import (
    BandRates, CoverRule, Declaration, Person, Scenario, ShiftCode, ShiftType,
)
from planner.grades import Tier
from planner.workbook.cells import heading_key
from planner.workbook.export_cells import (
    DATETIME_FORMAT, MONEY_FORMAT, TIME_FORMAT, TITLE_FONT, Value, free_title,
    name_key, put, sheet_key, text, widen_column, write_header, write_table,
)
from planner.workbook.export_grid import CANCELLED_CODE, STRIKE_CODE
from planner.workbook.rules import RULE_NAMES
from planner.workbook.tables import SIDE_SHEETS

SHIFTS_SHEET_NAMES = ("Shifts", "Shift codes", "Codes", "Key")
STRIKE_SHEET_NAMES = ("Strike", "Industrial action")
STAFF_SHEET_NAMES = ("Staff", "Doctors", "People")
COVER_SHEET_NAMES = ("Cover", "Cover rules", "Minimum staffing", "Derogations")
RATES_SHEET_NAMES = ("Rates", "Rate card")
RULES_SHEET_NAMES = ("Rules", "Working time")

SHIFTS_HEADERS = ("Code", "Start", "End", "Type", "Description")
STRIKE_HEADERS = ("Start", "End")
STAFF_HEADERS = (
    "Name", "Staff ID", "Grade", "Specialty", "Strike", "Type", "Skills", "Available for cover",
    "Max extra hours", "Hourly rate", "Phone", "Email",
)
COVER_HEADERS = ("Specialty", "Shift", "Tier", "Minimum", "Priority")
RATES_HEADERS = ("Tier", "Weekday day", "Weekday evening", "Weekend day", "Night")
RULES_HEADERS = ("Rule", "Value")
DEFAULT_RATES_ROW = "Default"
_READ_FROM_SHEET = "Rates sheet"  # the name the import gives a card read from a Rates sheet
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
    ws = _first_side_sheet(wb, "shifts", grid)
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
    _append_codes(ws, header_row, headers, scenario)


def _code_row(code: ShiftCode) -> list[Value]:
    return [code.code, code.start, code.end, code.type.value, code.description]


def _append_codes(ws: Worksheet, header_row: int, headers: dict[str, int],
                  scenario: Scenario) -> None:
    """STRIKE and CANCELLED, and any code the plan knows that the sheet does not define (one
    the manager defined in the window, say)."""
    code_column = headers[sheet_key("Code")]
    defined, last = set(), header_row
    for row in range(header_row + 1, ws.max_row + 1):
        value = text(ws.cell(row=row, column=code_column).value)
        if value:
            defined.add(value.upper())
            last = row
    type_column = _ensure_column(ws, header_row, headers, "Type")
    description_column = _ensure_column(ws, header_row, headers, "Description")
    start_column = _ensure_column(ws, header_row, headers, "Start")
    end_column = _ensure_column(ws, header_row, headers, "End")
    missing = [c for c in scenario.shift_codes.values() if c.code.upper() not in defined]
    for code in [*sorted(missing, key=lambda c: c.code), *EXPORT_CODES]:
        if code.code not in defined:
            last += 1
            put(ws, last, code_column, code.code)
            put(ws, last, type_column, code.type.value)
            if code.is_timed:
                put(ws, last, start_column, code.start).number_format = TIME_FORMAT
                put(ws, last, end_column, code.end).number_format = TIME_FORMAT
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
    old = _first_side_sheet(wb, "strike", grid)
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
    ws = _first_side_sheet(wb, "staff", grid)
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


# --- Cover, Rates and Rules -------------------------------------------------------------------
def _first_side_sheet(wb: Workbook, kind: str, grid: str) -> Worksheet | None:
    """The sheet the import reads for ``kind`` (names matched as the import matches them)."""
    found = side_sheets(wb, kind, grid)
    return found[0] if found else None


def side_sheets(wb: Workbook, kind: str, grid: str) -> list[Worksheet]:
    """Every sheet (but the grid) the import would take for ``kind``, by its name; it reads the first."""
    names = SIDE_SHEETS[kind]
    return [ws for ws in wb.worksheets if ws.title != grid and heading_key(ws.title) in names]


def _fresh_side_sheet(wb: Workbook, kind: str, titles: Sequence[str], grid: str) -> Worksheet:
    """An empty sheet in place of the first ``kind`` sheet (keeping its title and place), or a
    new one after the other side sheets."""
    found = side_sheets(wb, kind, grid)
    if found:
        old = found[0]
        index, title = wb.index(old), old.title
        wb.remove(old)
    else:
        index, title = _after_side_sheets(wb, grid), free_title(wb, titles)
    return wb.create_sheet(title, index)


def _after_side_sheets(wb: Workbook, grid: str) -> int:
    """The place just after the grid and the side sheets, before the plan's own sheets."""
    every_name = frozenset().union(*SIDE_SHEETS.values())
    places = [i for i, ws in enumerate(wb.worksheets)
              if ws.title == grid or heading_key(ws.title) in every_name]
    return max(places) + 1 if places else len(wb.worksheets)


def _title_above(ws: Worksheet, title: str) -> None:
    """A title in A1 above a table starting on row 3 (the import finds the header below it)."""
    put(ws, 1, 1, title).font = TITLE_FONT


def write_cover(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """The cover rules planned with; without any (refill every struck shift) no Cover sheet.

    A Cover sheet with no rules reads as no sheet, so each one is removed. Minimum staffing with
    no rules at all (nothing needs cover) is written as one rule with a minimum of 0.
    """
    rules = scenario.cover_rules
    if rules is None:
        for ws in side_sheets(wb, "cover", grid):
            wb.remove(ws)
        return
    ws = _fresh_side_sheet(wb, "cover", COVER_SHEET_NAMES, grid)
    if rules:
        write_table(ws, COVER_HEADERS, [_cover_row(r) for r in rules])
        return
    write_table(ws, COVER_HEADERS, [_cover_row(_nothing_needed(scenario))], first_row=3)
    _title_above(ws, "Minimum staffing with no rules: no struck shift needs cover")


def _cover_row(rule: CoverRule) -> list[Value]:
    return [rule.specialty, rule.shift_code, rule.tier.label, rule.minimum, rule.priority]


def _nothing_needed(scenario: Scenario) -> CoverRule:
    """A rule that asks for no doctor, on a specialty and code the rota has (so it reads cleanly)."""
    specialty = next((p.specialty for p in scenario.people if p.specialty), "Any")
    code = next((c.code for c in sorted(scenario.shift_codes.values(), key=lambda c: c.code)
                 if c.type.is_worked and c.is_timed), "N")
    return CoverRule(specialty, code, Tier.FOUNDATION, minimum=0, priority=3)


def write_rates(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """The rate card planned with: a Default row, then a row per tier and per grade."""
    card = scenario.rates
    ws = _fresh_side_sheet(wb, "rates", RATES_SHEET_NAMES, grid)
    rows = [_rates_row(DEFAULT_RATES_ROW, card.default)]
    rows += [_rates_row(tier.label, rates) for tier, rates in card.by_tier.items()]
    rows += [_rates_row(grade, rates) for grade, rates in card.by_grade.items()]
    write_table(ws, RATES_HEADERS, rows, {h: MONEY_FORMAT for h in RATES_HEADERS[1:]},
                first_row=3)
    named = card.name and card.name != _READ_FROM_SHEET
    _title_above(ws, f"Rate card: {card.name} (£ per hour)" if named else "Rate card (£ per hour)")


def _rates_row(who: str, rates: BandRates) -> list[Value]:
    return [who, rates.weekday_day, rates.weekday_evening, rates.weekend_day, rates.night]


def write_rules(wb: Workbook, scenario: Scenario, grid: str) -> None:
    """Every working-time rule the import reads, with the value planned with."""
    ws = _fresh_side_sheet(wb, "rules", RULES_SHEET_NAMES, grid)
    rows: list[list[Value]] = [[name, getattr(scenario.rules, field)]
                               for name, field in RULE_NAMES.items()]
    write_table(ws, RULES_HEADERS, rows)
