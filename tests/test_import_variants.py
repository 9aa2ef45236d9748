"""The same rota written the many ways real people write it: every variant must read exactly alike.

One reference rota (five grid doctors, a locum and a bank doctor, a Shifts sheet with awkward
codes, a Staff sheet, Cover, Strike, Rates and Rules) is written in tmp_path with openpyxl in a
different style by each test (header spellings, column order, date headers, title rows, weekday
rows, sections, sheet order, time formats, .xlsm, LibreOffice re-saves), and every reading of it
is checked in full: people and keys, tiers, specialties, every roster entry's date, code, note and
cell, shift times and types, Staff fields, Cover rules, Strike windows, Rates and Rules.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
import pytest

from planner.domain import (BandRates, CellRef, CoverRule, Declaration, ShiftType, StaffKind,
                            StrikeWindow, WorkingTimeRules)
from planner.grades import Tier
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook

DAYS = [dt.date(2026, 3, 9) + dt.timedelta(days=d) for d in range(7)]  # Mon 9 .. Sun 15 March

# --- the reference rota ---------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One grid doctor as written, and what the import must make of them."""

    name: str
    grade: str
    specialty: str
    staff_id: object  # as written in the grid (None, text or a number)
    cells: tuple[object, ...]  # one per day, as written
    expected: tuple[tuple[str, str] | None, ...]  # (code, note) per day, None = not rostered
    key: str  # expected key ("{row}" is filled in with the grid row)
    tier: Tier


DOCTORS = (
    Doc("Amy Holt", "ST4", "Emergency Medicine", "A100",
        ("D", " ld ", "N (swap)", "n", "OFF", "AL", "CL PM"),
        (("D", ""), ("LD", ""), ("N", "(swap)"), ("N", ""), ("OFF", ""), ("AL", ""), ("CL PM", "")),
        "A100", Tier.REGISTRAR),
    Doc("Bob Smith", "CT2", "Emergency Medicine", 12345,
        ("L", "LD*", "NW", "nw", None, "cl pm", "L2"),
        (("L", ""), ("LD", "*"), ("NW", ""), ("NW", ""), None, ("CL PM", ""), ("L", "2")),
        "12345", Tier.CORE),
    Doc("Cara Jones", "Consultant", "Emergency Medicine", "C300",
        ("CL", "CL PM", "24H", None, "D", "d", "OFF"),
        (("CL", ""), ("CL PM", ""), ("24H", ""), None, ("D", ""), ("D", ""), ("OFF", "")),
        "C300", Tier.CONSULTANT),
    Doc("Dev Patel", "FY1", "ICU", None,
        ("N", "N", "N", "OFF", "OFF", "LD", "LD"),
        (("N", ""), ("N", ""), ("N", ""), ("OFF", ""), ("OFF", ""), ("LD", ""), ("LD", "")),
        "Dev Patel@{row}", Tier.FOUNDATION),
    Doc("Eve Brown", "Specialty doctor", "ICU", "E500",
        ("24h", "OFF", "cl", "CL  PM", "n w", "N W (swap)", "al"),
        (("24H", ""), ("OFF", ""), ("CL", ""), ("CL PM", ""), ("N W", ""), ("N W", "(swap)"),
         ("AL", "")),
        "E500", Tier.SAS),
)

# code: (start, end, type as written, expected type)
SHIFTS: dict[str, tuple[dt.time | None, dt.time | None, str, ShiftType]] = {
    "D": (dt.time(8), dt.time(17), "Work", ShiftType.WORK),
    "LD": (dt.time(8), dt.time(20, 30), "work", ShiftType.WORK),
    "L": (dt.time(14), dt.time(22), "WORK", ShiftType.WORK),
    "N": (dt.time(20), dt.time(8, 30), "Work", ShiftType.WORK),
    "NW": (dt.time(21), dt.time(9), "Work", ShiftType.WORK),
    "N W": (dt.time(19), dt.time(7), "Work", ShiftType.WORK),
    "CL": (dt.time(9), dt.time(13), "Elective", ShiftType.ELECTIVE),
    "CL PM": (dt.time(13), dt.time(17), "elective", ShiftType.ELECTIVE),
    "24H": (dt.time(9), dt.time(9), "Work", ShiftType.WORK),
    "AL": (None, None, "Leave", ShiftType.LEAVE),
    "OFF": (None, None, "off", ShiftType.OFF),
}
MINUTES = {"D": 540, "LD": 750, "L": 480, "N": 750, "NW": 720, "N W": 720, "CL": 240,
           "CL PM": 240, "24H": 1440, "AL": 0, "OFF": 0}

STAFF_HEADER = ["Name", "Staff ID", "Grade", "Specialty", "Skills", "Strike", "Available for cover",
                "Max extra hours", "Hourly rate", "Type", "Phone", "Email"]
STAFF_ROWS: list[list[object]] = [
    ["AMY HOLT", "A100", None, None, "ICU; Trauma", "Yes", None, None, None, "Rota", "07700 900001",
     "amy@nhs.net"],
    ["Bob Smith", "12345", None, None, None, "Working", "Y", 12, None, None, None, None],
    [" cara   jones ", None, None, None, "ICU , Acute medicine;Trauma", "Unknown", "No", "8",
     "£95.50", None, None, None],
    ["dev patel", None, None, "Intensive care", None, None, "yes", None, None, "", None, None],
    [None, "E500", "Associate specialist", None, "ED,ICU", "N", "n", "10 hours", 95.5, None, None,
     None],
    ["Lou Locum", "L900", "Registrar", "Anaesthetics", "ICU", None, None, None, "£110/hr", "Locum",
     None, None],
    ["Ben Bank", None, "CT1", "Acute Medicine", None, None, None, 24, None, "bank", None, None],
]
# name: (grade, specialty, skills, declaration, available, max hours, rate, kind, phone, email)
STAFF_EXPECTED: dict[str, tuple[object, ...]] = {
    "Amy Holt": ("ST4", "Emergency Medicine", {"ICU", "Trauma"}, Declaration.STRIKING, True, None,
                 None, StaffKind.ROTA, "07700 900001", "amy@nhs.net"),
    "Bob Smith": ("CT2", "Emergency Medicine", set(), Declaration.WORKING, True, 12.0, None,
                  StaffKind.ROTA, "", ""),
    "Cara Jones": ("Consultant", "Emergency Medicine", {"ICU", "Acute medicine", "Trauma"},
                   Declaration.UNDECLARED, False, 8.0, 95.5, StaffKind.ROTA, "", ""),
    "Dev Patel": ("FY1", "Intensive care", set(), Declaration.UNDECLARED, True, None, None,
                  StaffKind.ROTA, "", ""),
    "Eve Brown": ("Associate specialist", "ICU", {"ED", "ICU"}, Declaration.WORKING, False, 10.0,
                  95.5, StaffKind.ROTA, "", ""),
    "Lou Locum": ("Registrar", "Anaesthetics", {"ICU"}, Declaration.WORKING, True, None, 110.0,
                  StaffKind.LOCUM, "", ""),
    "Ben Bank": ("CT1", "Acute Medicine", set(), Declaration.WORKING, True, 24.0, None,
                 StaffKind.BANK, "", ""),
}

COVER_ROWS: list[list[object]] = [
    ["Emergency Medicine", "d", "ST3", 1, 1],
    ["emergency medicine", "N", "Registrar", 1, 1],
    ["ICU", "ld", "Core", 2, 2],
    ["ICU", "n", "CT1", "1", "1"],
    ["Emergency Medicine", "D", "FY1", 2, 3],
    ["ICU", "24h", "Consultant", 1, 1],
    ["Intensive care", "N W", "SAS", 1, 2],
    ["Emergency Medicine", "L", "registrar", 1.0, 2.0],
]
COVER_EXPECTED = {
    ("Emergency Medicine", "D", Tier.REGISTRAR, 1, 1),
    ("emergency medicine", "N", Tier.REGISTRAR, 1, 1),
    ("ICU", "LD", Tier.CORE, 2, 2),
    ("ICU", "N", Tier.CORE, 1, 1),
    ("Emergency Medicine", "D", Tier.FOUNDATION, 2, 3),
    ("ICU", "24H", Tier.CONSULTANT, 1, 1),
    ("Intensive care", "N W", Tier.SAS, 1, 2),
    ("Emergency Medicine", "L", Tier.REGISTRAR, 1, 2),
}
WINDOWS = (
    StrikeWindow(dt.datetime(2026, 3, 10, 7), dt.datetime(2026, 3, 12, 7)),
    StrikeWindow(dt.datetime(2026, 3, 14, 7), dt.datetime(2026, 3, 15, 7)),
)
RATES_ROWS: list[list[object]] = [
    ["Consultant", 158, 210, None, 262],
    ["ST3", "£100", "£120", "£130", "£140"],
    ["Registrars", 90, 100, 110, 120.5],
    ["SAS", 120, 150, 150, 180],
    ["Default", 80, 85, 90, 95],
]
RULES_ROWS: list[list[object]] = [
    ["Min rest hours", 11], ["Max shift hours", "13"], ["Max hours per 168 hours", 72],
    ["Max consecutive nights", 3], ["Min rest after nights hours", 48],
    ["Max consecutive long shifts", 4.0], ["Max consecutive shifts", 6],
]
RULES_EXPECTED = WorkingTimeRules(
    min_rest_hours=11, max_shift_hours=13, max_hours_per_168=72, max_consecutive_nights=3,
    min_rest_after_nights_hours=48, max_consecutive_long_shifts=4, max_consecutive_shifts=6,
)

# --- ways of writing it ---------------------------------------------------------------------

TimeStyle = Callable[[dt.time], object]


def _ampm(t: dt.time) -> str:
    hour = t.hour % 12 or 12
    clock = f"{hour}:{t.minute:02d}" if t.minute else f"{hour}"
    return f"{clock}{'pm' if t.hour >= 12 else 'am'}"


TIME_STYLES: dict[str, TimeStyle] = {
    "text": lambda t: f"{t:%H:%M}",
    "digits": lambda t: f"{t:%H%M}",
    "dots": lambda t: f"{t:%H.%M}",
    "ampm": _ampm,
    "ampm-upper": lambda t: _ampm(t)[:-2] + " " + _ampm(t)[-2:].upper(),
    "ampm-dots": lambda t: _ampm(t)[:-2].replace(":", ".") + _ampm(t)[-2] + ".m.",
    "seconds": lambda t: f"{t:%H:%M:%S}",
    "time": lambda t: t,
    "datetime": lambda t: dt.datetime.combine(dt.date(1899, 12, 30), t),
    "fraction": lambda t: (t.hour * 60 + t.minute) / 1440,
    "hours-number": lambda t: t.hour + t.minute / 100 if t.minute else t.hour,
}

DateStyle = Callable[[dt.date], object]
DATE_STYLES: dict[str, DateStyle] = {
    "excel-date": lambda d: d,
    "datetime-midnight": lambda d: dt.datetime.combine(d, dt.time()),
    "datetime-with-time": lambda d: dt.datetime.combine(d, dt.time(7, 30)),
    "dd/mm/yyyy": lambda d: f"{d:%d/%m/%Y}",
    "d/m/yy": lambda d: f"{d.day}/{d.month}/{d:%y}",
    "dd-Mon-yyyy": lambda d: f"{d:%d-%b-%Y}",
    "d Mon yyyy": lambda d: f"{d.day} {d:%b %Y}",
    "d Month yyyy": lambda d: f"{d.day} {d:%B %Y}",
    "Wkd dd/mm/yyyy": lambda d: f"{d:%a %d/%m/%Y}",
    "dd.mm.yyyy": lambda d: f"{d:%d.%m.%Y}",
    "yyyy-mm-dd": lambda d: f"{d:%Y-%m-%d}",
    "dd/mm/yyyy Wkd": lambda d: f"{d:%d/%m/%Y} {d:%a}",
    "Weekday, dd Month yyyy": lambda d: f"{d:%A}, {d.day} {d:%B %Y}",
    "Wkd newline date": lambda d: f"{d:%a}\n{d:%d/%m/%Y}",
    "padded": lambda d: f"  {d:%d/%m/%Y}  ",
    "dd-mm-yy": lambda d: f"{d:%d-%m-%y}",
    "Mon. 9th March 2026": lambda d: f"{d:%a}. {d.day}th {d:%B %Y}",
    "datetime as text": lambda d: f"{d:%d/%m/%Y} 00:00",
    "datetime as text, seconds": lambda d: f"{d:%d/%m/%Y} 00:00:00",
    "iso datetime as text": lambda d: f"{d:%Y-%m-%d} 00:00:00",
}

WEEKDAY_ROWS: dict[str, Callable[[dt.date], object]] = {
    "short": lambda d: f"{d:%a}",
    "long": lambda d: f"{d:%A}",
    "letters": lambda d: "MTWTFSS"[d.weekday()],
    "upper": lambda d: f"{d:%a}".upper(),
    "the dates again": lambda d: d,  # a second date row, formatted as weekdays in Excel
}


@dataclass
class Style:
    """How the workbook is written."""

    headings: dict[str, str] = field(default_factory=lambda: {
        "name": "Name", "grade": "Grade", "specialty": "Specialty", "id": "Staff ID"})
    order: tuple[str, ...] = ("name", "grade", "specialty", "id")  # also "gap", "notes", "dates"
    date_style: str = "excel-date"
    date_order: tuple[int, ...] = tuple(range(7))
    titles: tuple[tuple[object, ...], ...] = ()
    merge_titles: bool = False
    weekday_row: str | None = None
    sections: bool = False
    id_as_text: bool = False
    sheets_before: tuple[str, ...] = ()
    time_style: str = "text"
    strike_style: str = "datetime"
    suffix: str = ".xlsx"
    grid_title: str = "Rota"
    side_titles: dict[str, str] = field(default_factory=lambda: {
        "shifts": "Shifts", "staff": "Staff", "cover": "Cover", "strike": "Strike",
        "rates": "Rates", "rules": "Rules"})
    staff_titles: tuple[object, ...] = ()
    staff_order: tuple[int, ...] = tuple(range(len(STAFF_HEADER)))
    number_format: str | None = None


@dataclass
class Written:
    """The file and where things went: each doctor's row, each day's column."""

    path: Path
    sheet: str
    rows: dict[str, int]
    columns: dict[dt.date, int]
    staff_rows: dict[str, int]


def _grid_rows(style: Style) -> tuple[list[list[object]], dict[str, int], dict[dt.date, int]]:
    layout: list[str] = []
    for part in style.order:
        layout += [f"date{i}" for i in style.date_order] if part == "dates" else [part]
    if "dates" not in style.order:
        layout += [f"date{i}" for i in style.date_order]
    columns = {DAYS[int(p[4:])]: c for c, p in enumerate(layout, start=1) if p.startswith("date")}
    date_style = DATE_STYLES[style.date_style]
    heading = {"gap": None, "notes": "Notes", **style.headings}
    rows: list[list[object]] = [list(t) for t in style.titles]
    rows.append([date_style(DAYS[int(p[4:])]) if p.startswith("date") else heading[p] for p in layout])
    if style.weekday_row:
        day_name = WEEKDAY_ROWS[style.weekday_row]
        rows.append([day_name(DAYS[int(p[4:])]) if p.startswith("date") else None for p in layout])
    where: dict[str, int] = {}
    for n, doc in enumerate(DOCTORS):
        if style.sections and n in (0, 3):
            rows += [[], ["Registrars" if n == 0 else "Intensive care team"]]
        staff_id = doc.staff_id if not style.id_as_text or doc.staff_id is None else str(doc.staff_id)
        values = {"name": doc.name, "grade": doc.grade, "specialty": doc.specialty,
                  "id": staff_id, "gap": None, "notes": "x" if n == 1 else None}
        rows.append([doc.cells[int(p[4:])] if p.startswith("date") else values[p] for p in layout])
        where[doc.name] = len(rows)
    if style.sections:
        total = {"name": "Total on duty"}
        rows += [[], [total.get(p, 3 if p.startswith("date") else None) for p in layout]]
    return rows, where, columns


def _staff_sheet(style: Style) -> tuple[list[list[object]], dict[str, int]]:
    rows: list[list[object]] = [[t] for t in style.staff_titles]
    rows.append([STAFF_HEADER[i] for i in style.staff_order])
    where: dict[str, int] = {}
    for values in STAFF_ROWS:
        rows.append([values[i] for i in style.staff_order])
        where[str(values[0] or "")] = len(rows)
    return rows, where


def _shift_rows(style: Style) -> list[list[object]]:
    render = TIME_STYLES[style.time_style]
    rows: list[list[object]] = [["Code", "Start", "End", "Type", "Description"]]
    for code, (start, end, kind, _) in SHIFTS.items():
        times = [render(start), render(end)] if start is not None and end is not None else [None, None]
        rows.append([code.lower() if code == "CL" else code, *times, kind, f"{code} shift"])
    return rows


def _strike_value(moment: dt.datetime, style: str) -> object:
    return {
        "datetime": moment,
        "dd/mm/yyyy hh:mm": f"{moment:%d/%m/%Y %H:%M}",
        "iso": f"{moment:%Y-%m-%d %H:%M}",
        "iso-T": f"{moment:%Y-%m-%dT%H:%M:%S}",
        "seconds": f"{moment:%d/%m/%Y %H:%M:%S}",
        "weekday 7am": f"{moment:%a %d/%m/%Y} {_ampm(moment.time())}",
    }[style]


def _side_sheets(style: Style) -> dict[str, list[list[object]]]:
    strike = [["Start", "End"], *([_strike_value(w.start, style.strike_style),
                                   _strike_value(w.end, style.strike_style)] for w in WINDOWS)]
    return {
        "shifts": _shift_rows(style),
        "staff": _staff_sheet(style)[0],
        "cover": [["Specialty", "Shift", "Tier", "Minimum", "Priority"], *COVER_ROWS],
        "strike": strike,
        "rates": [["Tier", "Weekday day", "Weekday evening", "Weekend day", "Night"], *RATES_ROWS],
        "rules": [["Rule", "Value"], *RULES_ROWS],
    }


def write(tmp_path: Path, style: Style, name: str = "rota") -> Written:
    """The reference rota written in ``style``."""
    grid, where, columns = _grid_rows(style)
    sides = _side_sheets(style)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in style.sheets_before:
        _fill(book.create_sheet(style.side_titles.get(kind, kind)),
              sides.get(kind, [["Read me: this workbook holds the March rota."]]))
    rota = book.create_sheet(style.grid_title)
    _fill(rota, grid)
    if style.merge_titles:
        for row in range(1, len(style.titles) + 1):
            rota.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    if style.number_format:
        for cell in rota[len(style.titles) + 1]:
            cell.number_format = style.number_format
    for kind, rows in sides.items():
        if kind not in style.sheets_before:
            _fill(book.create_sheet(style.side_titles[kind]), rows)
    path = tmp_path / f"{name}{style.suffix}"
    book.save(path)
    return Written(path, style.grid_title, where, columns, _staff_sheet(style)[1])


def _fill(sheet: object, rows: Sequence[Sequence[object]]) -> None:
    for row in rows:
        sheet.append(list(row))  # type: ignore[attr-defined]


# --- what the import must make of it -------------------------------------------------------

def check(result: ImportResult, written: Written) -> None:
    """Everything in the reference rota read exactly right."""
    check_grid(result, written)
    check_staff(result, written)
    check_shifts(result)
    check_side_sheets(result)


def _key(doc: Doc, written: Written) -> str:
    return doc.key.format(row=written.rows[doc.name])


def check_grid(result: ImportResult, written: Written) -> None:
    scenario = result.scenario
    assert result.layout.sheet == written.sheet
    assert scenario.dates == tuple(DAYS)
    assert dict((d, c) for c, d in result.layout.date_columns) == written.columns
    grid_people = [p for p in scenario.people if not p.is_pool]
    assert [p.name for p in grid_people] == [d.name for d in DOCTORS]
    for doc, person in zip(DOCTORS, grid_people):
        assert person.key == _key(doc, written)
        assert person.tier is doc.tier, person
        assert person.source == CellRef(written.sheet, written.rows[doc.name], result.layout.name_column)
        expected = {
            (DAYS[i], code_note[0], code_note[1],
             CellRef(written.sheet, written.rows[doc.name], written.columns[DAYS[i]]))
            for i, code_note in enumerate(doc.expected) if code_note is not None
        }
        got = {(e.day, e.code, e.note, e.cell) for e in scenario.roster if e.person_key == person.key}
        assert got == expected, doc.name
    assert len(scenario.roster) == sum(1 for d in DOCTORS for c in d.expected if c is not None)
    assert not [p for p in result.problems if "not defined" in p.message], result.problems


def check_staff(result: ImportResult, written: Written) -> None:
    people = {p.name: p for p in result.scenario.people}
    assert set(people) == set(STAFF_EXPECTED)
    for name, expected in STAFF_EXPECTED.items():
        person = people[name]
        got = (person.grade, person.specialty, set(person.skills), person.declaration,
               person.available_for_cover, person.max_extra_hours, person.hourly_rate, person.kind,
               person.phone, person.email)
        assert got == expected, name
    assert people["Lou Locum"].key == "L900" and people["Lou Locum"].tier is Tier.REGISTRAR
    assert people["Ben Bank"].key == f"Ben Bank@Staff!{written.staff_rows['Ben Bank']}"
    assert people["Ben Bank"].tier is Tier.CORE
    assert people["Eve Brown"].tier is Tier.SAS
    staff_problems = [p for p in result.problems if p.where.sheet == "Staff"]
    assert not staff_problems, staff_problems


def check_shifts(result: ImportResult) -> None:
    codes = result.scenario.shift_codes
    assert set(codes) == set(SHIFTS)
    for code, (start, end, _, kind) in SHIFTS.items():
        got = codes[code]
        assert (got.start, got.end, got.type, got.minutes) == (start, end, kind, MINUTES[code]), code
        assert got.description == f"{code} shift"
    shift_problems = [p for p in result.problems if p.where.sheet == "Shifts"]
    assert not shift_problems, shift_problems


def check_side_sheets(result: ImportResult) -> None:
    scenario = result.scenario
    assert scenario.cover_rules is not None
    got = {(r.specialty, r.shift_code, r.tier, r.minimum, r.priority) for r in scenario.cover_rules}
    assert got == COVER_EXPECTED
    assert all(isinstance(r, CoverRule) and r.source is not None for r in scenario.cover_rules)
    assert scenario.strike_windows == WINDOWS
    rates = scenario.rates
    assert rates.default == BandRates(80, 85, 90, 95)
    assert rates.by_tier == {Tier.CONSULTANT: BandRates(158, 210, 210, 262),
                             Tier.REGISTRAR: BandRates(90, 100, 110, 120.5),
                             Tier.SAS: BandRates(120, 150, 150, 180)}
    assert rates.by_grade == {"st3": BandRates(100, 120, 130, 140)}
    assert scenario.rules == RULES_EXPECTED
    assert not result.problems, result.problems


def read_back(tmp_path: Path, style: Style) -> None:
    written = write(tmp_path, style)
    check(read_workbook(written.path), written)


# --- the variants ----------------------------------------------------------------------------

def test_the_reference_rota_reads_exactly(tmp_path: Path) -> None:
    read_back(tmp_path, Style())


@pytest.mark.parametrize("headings", [
    {"name": "Staff name", "grade": "GRADE", "specialty": "SPECIALITY", "id": "Employee number"},
    {"name": "Doctor", "grade": "Grade ", "specialty": "Department", "id": "GMC No."},
    {"name": "full-name", "grade": "grade", "specialty": "Service", "id": "GMC number"},
    {"name": "EMPLOYEE NAME", "grade": "Grade:", "specialty": "speciality", "id": "ID"},
    {"name": "Doctor name", "grade": "Grade", "specialty": "Specialty", "id": "Employee ID"},
    {"name": "Staff", "grade": "Grade", "specialty": "Specialty", "id": "Staff number"},
    {"name": "Employee", "grade": "GRADE", "specialty": "Department", "id": "GMC"},
    {"name": " Name ", "grade": "Grade", "specialty": "Specialty", "id": "Staff I.D."},
    {"name": "Name\n", "grade": "Grade", "specialty": "Specialty", "id": "staff_id"},
])
def test_header_spellings(tmp_path: Path, headings: dict[str, str]) -> None:
    read_back(tmp_path, Style(headings=headings))


@pytest.mark.parametrize("order", [
    ("grade", "name", "specialty", "id"),
    ("id", "name", "grade", "specialty"),
    ("name", "grade", "specialty", "dates", "id"),
    ("name", "specialty", "grade", "notes", "id", "gap", "dates"),
    ("specialty", "grade", "name", "gap", "gap", "dates", "notes", "id"),
    ("gap", "name", "grade", "specialty", "id"),
])
def test_column_order(tmp_path: Path, order: tuple[str, ...]) -> None:
    read_back(tmp_path, Style(order=order))


@pytest.mark.parametrize("date_style", sorted(DATE_STYLES))
def test_date_header_formats(tmp_path: Path, date_style: str) -> None:
    read_back(tmp_path, Style(date_style=date_style))


@pytest.mark.parametrize("number_format", [
    "dd/mm/yyyy", "ddd dd/mm", "ddd", "d-mmm", "[$-809]dd/mm/yyyy;@", "dddd d mmmm yyyy",
    "[$-F800]dddd, mmmm dd, yyyy", "DD/MM/YY", "d", "mmm-yy",
])
def test_excel_dates_with_any_date_format(tmp_path: Path, number_format: str) -> None:
    read_back(tmp_path, Style(number_format=number_format))


def test_dates_out_of_order(tmp_path: Path) -> None:
    read_back(tmp_path, Style(date_order=(0, 1, 2, 6, 3, 4, 5)))


@pytest.mark.parametrize("weekday_row", sorted(WEEKDAY_ROWS))
def test_weekday_row_under_the_header(tmp_path: Path, weekday_row: str) -> None:
    read_back(tmp_path, Style(weekday_row=weekday_row, date_style="dd/mm/yyyy"))


@pytest.mark.parametrize("merge", [False, True])
def test_title_rows_merged_or_not(tmp_path: Path, merge: bool) -> None:
    titles = (("Emergency Department & ICU rota",), ("March 2026", None, "Version 3"), (),
              ("Printed", dt.datetime(2026, 3, 1, 9, 30)))
    read_back(tmp_path, Style(titles=titles, merge_titles=merge))


def test_title_rows_weekday_row_sections_blank_and_totals_rows(tmp_path: Path) -> None:
    style = Style(titles=(("Rota",), ()), merge_titles=True, weekday_row="short", sections=True)
    written = write(tmp_path, style)
    result = read_workbook(written.path)
    check(result, written)
    skipped = "\n".join(str(i) for i in result.skipped)
    assert "Weekday names" in skipped and "Registrars" in skipped and "Totals row" in skipped


@pytest.mark.parametrize("before", [("shifts",), ("readme", "shifts", "staff"), ("strike", "cover")])
def test_grid_not_the_first_sheet(tmp_path: Path, before: tuple[str, ...]) -> None:
    read_back(tmp_path, Style(sheets_before=before))


@pytest.mark.parametrize("titles", [
    {"shifts": "Shift codes", "staff": "Doctors", "cover": "Cover rules", "strike": "Industrial action",
     "rates": "Rate card", "rules": "Working time"},
    {"shifts": "KEY", "staff": "people", "cover": "Minimum staffing", "strike": "STRIKE ",
     "rates": "rates", "rules": "RULES"},
    {"shifts": "Codes", "staff": "Staff", "cover": "Derogations", "strike": "Industrial-action",
     "rates": "Rate-Card", "rules": "working_time"},
])
def test_side_sheet_names(tmp_path: Path, titles: dict[str, str]) -> None:
    # The Staff sheet's locum is named after its sheet: only check it under the name "Staff".
    style = Style(side_titles=titles)
    written = write(tmp_path, style)
    result = read_workbook(written.path)
    check_grid(result, written)
    check_shifts(result)
    check_side_sheets_named(result)
    bank = next(p for p in result.scenario.people if p.name == "Ben Bank")
    assert bank.key == f"Ben Bank@{titles['staff']}!{written.staff_rows['Ben Bank']}"


def check_side_sheets_named(result: ImportResult) -> None:
    scenario = result.scenario
    assert scenario.cover_rules is not None and len(scenario.cover_rules) == len(COVER_EXPECTED)
    assert scenario.strike_windows == WINDOWS
    assert scenario.rates.default == BandRates(80, 85, 90, 95)
    assert scenario.rules == RULES_EXPECTED
    assert {p.name: p.declaration for p in scenario.people}["Amy Holt"] is Declaration.STRIKING


@pytest.mark.parametrize("time_style", sorted(TIME_STYLES))
def test_shift_time_formats(tmp_path: Path, time_style: str) -> None:
    read_back(tmp_path, Style(time_style=time_style))


@pytest.mark.parametrize("strike_style", ["datetime", "dd/mm/yyyy hh:mm", "iso", "iso-T", "seconds",
                                          "weekday 7am"])
def test_strike_window_formats(tmp_path: Path, strike_style: str) -> None:
    read_back(tmp_path, Style(strike_style=strike_style))


def test_ids_as_text_in_the_grid(tmp_path: Path) -> None:
    read_back(tmp_path, Style(id_as_text=True))


def test_staff_sheet_with_a_title_and_columns_in_another_order(tmp_path: Path) -> None:
    order = (1, 0, 9, 2, 3, 5, 6, 4, 7, 8, 11, 10)
    read_back(tmp_path, Style(staff_titles=("Staff",), staff_order=order))


@pytest.mark.parametrize("title", ["Doctors", "Staff list", "Medical staff - March 2026"])
def test_staff_sheet_under_a_one_word_title(tmp_path: Path, title: str) -> None:
    read_back(tmp_path, Style(staff_titles=(title, None)))


def test_xlsm_workbook(tmp_path: Path) -> None:
    read_back(tmp_path, Style(suffix=".xlsm"))


def test_everything_at_once(tmp_path: Path) -> None:
    style = Style(
        headings={"name": "Staff name", "grade": "GRADE", "specialty": "SPECIALITY",
                  "id": "GMC No."},
        order=("grade", "name", "specialty", "notes", "dates", "id"), date_style="Wkd dd/mm/yyyy",
        titles=(("Rota",), ("Week 1",)), merge_titles=True, weekday_row="letters", sections=True,
        id_as_text=True, sheets_before=("shifts", "readme"), time_style="ampm",
        strike_style="seconds",
    )
    read_back(tmp_path, style)


# --- Staff sheet values one by one ------------------------------------------------------------

def _staff_values(tmp_path: Path, column: str, values: Sequence[object]) -> ImportResult:
    names = [f"Doc {n}" for n in range(len(values))]
    grid = [["Name", "Grade", "Specialty", *DAYS[:3]],
            *([n, "ST4", "ED", "D", "D", "D"] for n in names)]
    book = openpyxl.Workbook()
    book.active.title = "Rota"
    _fill(book.active, grid)
    _fill(book.create_sheet("Staff"), [["Name", column], *([n, v] for n, v in zip(names, values))])
    path = tmp_path / "values.xlsx"
    book.save(path)
    return read_workbook(path)


def _by_name(result: ImportResult) -> list[object]:
    return sorted(result.scenario.people, key=lambda p: int(p.name.split()[1]))  # type: ignore[return-value]


def test_staff_strike_values(tmp_path: Path) -> None:
    values: list[object] = ["Yes", "No", "Striking", "Working", "Unknown", None, "Y", "N", "yes ",
                            "UNDECLARED", "Not declared", "striking", " n "]
    S, W, U = Declaration.STRIKING, Declaration.WORKING, Declaration.UNDECLARED
    values += ["Yes (confirmed)", "No (will work)"]
    expected = [S, W, S, W, U, U, S, W, S, U, U, S, W, S, W]
    result = _staff_values(tmp_path, "Strike", values)
    assert [p.declaration for p in _by_name(result)] == expected  # type: ignore[attr-defined]
    assert not result.problems


def test_staff_type_values(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Rota"
    _fill(book.active, [["Name", "Grade", *DAYS[:3]], ["Amy", "ST4", "D", "D", "D"]])
    types = ["Locum", "Agency", "Bank", "bank ", "LOCUM", "Agency locum", "Bank locum",
             "Locum (agency)", "Rota", None]
    _fill(book.create_sheet("Staff"), [
        ["Name", "Grade", "Specialty", "Type"], ["Amy", None, None, "Rota"],
        *([f"Pool {n}", "Registrar", "ICU", t] for n, t in enumerate(types[:-2]))])
    path = tmp_path / "types.xlsx"
    book.save(path)
    result = read_workbook(path)
    kinds = [p.kind for p in result.scenario.people]
    L, B = StaffKind.LOCUM, StaffKind.BANK
    assert kinds == [StaffKind.ROTA, L, L, B, B, L, L, B, L]
    assert not result.problems, result.problems


def test_staff_available_values(tmp_path: Path) -> None:
    values: list[object] = ["Yes", "No", "Y", "N", None, "y", " NO ", True, False]
    result = _staff_values(tmp_path, "Available for cover", values)
    got = [p.available_for_cover for p in _by_name(result)]  # type: ignore[attr-defined]
    assert got == [True, False, True, False, True, True, False, True, False]
    assert not result.problems


def test_staff_max_extra_hours_values(tmp_path: Path) -> None:
    values: list[object] = [None, 12, "12", 7.5, "7.5", "0", " 24 ", "10 hours", "10 hrs", 0]
    result = _staff_values(tmp_path, "Max extra hours", values)
    got = [p.max_extra_hours for p in _by_name(result)]  # type: ignore[attr-defined]
    assert got == [None, 12, 12, 7.5, 7.5, 0, 24, 10, 10, 0]
    assert not result.problems


def test_staff_hourly_rate_values(tmp_path: Path) -> None:
    values: list[object] = ["£95.50", 95.5, "95", "£95/hr", "£ 95.50", "£1,200", "95.50 per hour",
                            None, "£95.50/hour", "£95.50 ph", "£95.50 per hr", "£95.50/h",
                            "£95.50 an hour"]
    result = _staff_values(tmp_path, "Hourly rate", values)
    got = [p.hourly_rate for p in _by_name(result)]  # type: ignore[attr-defined]
    assert got == [95.5, 95.5, 95, 95, 95.5, 1200, 95.5, None, 95.5, 95.5, 95.5, 95.5, 95.5]
    assert not result.problems


def test_staff_matched_by_numeric_id_either_way(tmp_path: Path) -> None:
    grid = [["Staff ID", "Name", "Grade", *DAYS[:3]],
            [12345, "Amy Holt", "ST4", "D", "D", "D"],
            ["67890", "Bob Smith", "CT1", "D", "D", "D"],
            [1234567.0, "Cy Lee", "FY2", "D", "D", "D"]]
    book = openpyxl.Workbook()
    book.active.title = "Rota"
    _fill(book.active, grid)
    _fill(book.create_sheet("Staff"), [
        ["Employee number", "Name", "Strike"], ["12345", "A. Holt", "Yes"], [67890, None, "No"],
        [1234567, "C Lee", "Y"]])
    path = tmp_path / "ids.xlsx"
    book.save(path)
    result = read_workbook(path)
    got = {p.key: p.declaration for p in result.scenario.people}
    assert got == {"12345": Declaration.STRIKING, "67890": Declaration.WORKING,
                   "1234567": Declaration.STRIKING}
    assert not result.problems


# --- LibreOffice ------------------------------------------------------------------------------

def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot test files it saves")
    return found


def _convert(source: Path, out: Path) -> Path:
    out.mkdir()
    profile = Path("/tmp/lo-variants").as_uri()
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(out.parent)},
    )
    converted = out / (source.stem + ".xlsx")
    if not converted.exists():
        pytest.skip(f"LibreOffice did not convert {source.name}")
    return converted


@pytest.mark.parametrize("style", [
    Style(),
    Style(date_style="datetime-with-time", time_style="time", titles=(("Rota",), ()),
          merge_titles=True, weekday_row="short", sections=True),
    Style(date_style="Wkd dd/mm/yyyy", time_style="fraction", strike_style="dd/mm/yyyy hh:mm",
          order=("id", "name", "grade", "specialty")),
    Style(date_style="datetime-midnight", time_style="datetime", number_format="ddd dd/mm",
          sheets_before=("shifts",)),
], ids=["plain", "titles-weekdays-sections", "text-dates", "formatted-dates"])
def test_files_saved_by_libreoffice(tmp_path: Path, style: Style) -> None:
    written = write(tmp_path, style, name="source")
    converted = _convert(written.path, tmp_path / "out")
    check(read_workbook(converted), replace(written, path=converted))


# --- headings with units, other side-sheet headings, merged leave, formulas --------------------

def _book(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "book.xlsx") -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        _fill(book.create_sheet(title), rows)
    path = tmp_path / name
    book.save(path)
    return path


SMALL_GRID: list[list[object]] = [
    ["Name (surname first)", "Grade", "Specialty (own)", "GMC No.", *DAYS[:3]],
    ["Holt, Amy", "ST4", "ED", 1234567, "D", "N", "N"],
    ["Lee, Cy", "Consultant", "ED", "7654321", "CL", "D", "AL"],
]


def test_headings_with_bracketed_units_and_hints(tmp_path: Path) -> None:
    path = _book(tmp_path, {
        "Rota": SMALL_GRID,
        "Staff": [["GMC No.", "Strike (Y/N)", "Available for cover (Y/N)", "Max extra hours (hrs)",
                   "Hourly rate (£/hr)", "Skills (other specialties)"],
                  [1234567, "Y", None, None, None, "ICU"],
                  [7654321, None, "Y", "12", "£150", "ICU; AMU"]],
        "Rates (£ per hour)": [["Tier", "Weekday day (07:00-19:00)", "Weekday evening (19:00-23:00)",
                                "Weekend day (07:00-23:00)", "Night (23:00-07:00)"],
                               ["Default", 100, 110, 120, 130]],
        "Rules": [["Rule", "Value"], ["Max consecutive nights (default 4)", 3],
                  ["Min rest after nights (hours)", 48]],
        "Strike": [["Start (date and time)", "End (date and time)"],
                   ["10/03/2026 07:00", "12/03/2026 07:00"]],
    })
    result = read_workbook(path)
    assert not result.problems, result.problems
    layout = result.layout
    assert (layout.name_column, layout.specialty_column, layout.staff_id_column) == (1, 3, 4)
    people = {p.key: p for p in result.scenario.people}
    assert people["1234567"].declaration is Declaration.STRIKING
    assert people["1234567"].skills == frozenset({"ICU"})
    cy = people["7654321"]
    assert (cy.max_extra_hours, cy.hourly_rate, cy.skills) == (12, 150, frozenset({"ICU", "AMU"}))
    assert result.scenario.rates.default == BandRates(100, 110, 120, 130)
    assert (result.scenario.rules.max_consecutive_nights,
            result.scenario.rules.min_rest_after_nights_hours) == (3, 48)
    assert result.scenario.strike_windows == (WINDOWS[0],)


def test_side_sheet_headings_in_other_words_and_orders(tmp_path: Path) -> None:
    path = _book(tmp_path, {
        "Shift codes": [["Shift code list"], [],
                        ["Shift type", "Shift code", "Meaning", "Start time", "Finish"],
                        ["Work", "d", "day", "0800", "1700"], ["WORK", "N", "night", "20:00", "08:30"],
                        ["Elective", "CL", "clinic", "9am", "1pm"], ["Leave", "AL", None, None, None]],
        "Rota": SMALL_GRID,
        "Minimum staffing": [["Minimum staffing on strike days"],
                             ["Priority", "Speciality", "Shift code", "Grade", "Min"],
                             [2, "ED", "n", "ST3", 1], ["1", "ed", "D", "consultant", "2"]],
        "Rate card": [["Grade", "Weekday", "Evening", "Weekend", "Nights"],
                      ["Consultants", "£158.00", "£210.00", None, "£262.00"]],
        "Working time": [["Setting", "Limit"], ["MIN REST HOURS", 12], ["Max. shift hours", 12.5]],
        "Industrial action": [["From", "Until"],
                              [dt.datetime(2026, 3, 10, 7), dt.datetime(2026, 3, 12, 7)]],
    })
    result = read_workbook(path)
    assert not result.problems, result.problems
    codes = result.scenario.shift_codes
    assert set(codes) == {"D", "N", "CL", "AL"}
    assert (codes["CL"].start, codes["CL"].end, codes["CL"].type) == (dt.time(9), dt.time(13),
                                                                       ShiftType.ELECTIVE)
    assert codes["D"].description == "day"
    rules = result.scenario.cover_rules
    assert rules is not None
    assert {(r.specialty, r.shift_code, r.tier, r.minimum, r.priority) for r in rules} == {
        ("ED", "N", Tier.REGISTRAR, 1, 2), ("ed", "D", Tier.CONSULTANT, 2, 1)}
    assert result.scenario.rates.by_tier == {Tier.CONSULTANT: BandRates(158, 210, 210, 262)}
    assert (result.scenario.rules.min_rest_hours, result.scenario.rules.max_shift_hours) == (12, 12.5)
    assert result.scenario.strike_windows == (WINDOWS[0],)


def test_leave_merged_across_days_is_on_each_day(tmp_path: Path) -> None:
    grid: list[list[object]] = [
        ["Name", "Grade", *DAYS],
        ["Amy Holt", "ST4", "AL", None, None, None, None, "D", "D"],
        ["Registrars (merged label)", None, None, None, None, None, None, None, None],
        ["Bob Smith", "CT1", "D", "N", "N", "SL", None, None, "OFF"],
    ]
    book = openpyxl.Workbook()
    book.active.title = "Rota"
    _fill(book.active, grid)
    book.active.merge_cells("C2:G2")
    book.active.merge_cells("A3:I3")
    book.active.merge_cells("F4:H4")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = read_workbook(path)
    by_person = {p.name: [(e.day, e.code) for e in result.scenario.entries_by_person[p.key]]
                 for p in result.scenario.people}
    assert by_person["Amy Holt"] == [(d, "AL") for d in DAYS[:5]] + [(DAYS[5], "D"), (DAYS[6], "D")]
    assert by_person["Bob Smith"] == [(DAYS[0], "D"), (DAYS[1], "N"), (DAYS[2], "N"),
                                      (DAYS[3], "SL"), (DAYS[4], "SL"), (DAYS[5], "SL"),
                                      (DAYS[6], "OFF")]
    assert "Section label 'Registrars (merged label)'" in "\n".join(map(str, result.skipped))
    assert not result.problems


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_formulas_saved_by_libreoffice_read_as_their_values(tmp_path: Path, suffix: str) -> None:
    book = openpyxl.Workbook()
    rota = book.active
    rota.title = "Rota"
    rota.append(["ED rota from", DAYS[0]])
    rota["B1"].number_format = "dd/mm/yyyy"
    rota.append([])
    header: list[object] = ["Name", "Grade", "=B1"] + [f"={c}3+1" for c in "CDEFGH"]
    rota.append(header)
    rota.append([None, None, *(f'=TEXT({c}3,"ddd")' for c in "CDEFGHI")])
    rota.append(["Amy Holt", "ST4", "D", "N", "N", None, None, "D", "D"])
    for cell in rota[3][2:]:
        cell.number_format = "ddd dd/mm/yy"
    shifts = book.create_sheet("Shifts")
    _fill(shifts, [["Code", "Start", "End", "Type"], ["D", "=TIME(8,0,0)", "=TIME(17,0,0)", "Work"],
                   ["N", "=8/24+12/24", "=TIME(8,30,0)", "Work"]])
    for row in shifts.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "hh:mm"
    strike = book.create_sheet("Strike")
    _fill(strike, [["Start", "End"], ["=Rota!B1+1+7/24", "=Rota!B1+3+TIME(7,0,0)"]])
    for cell in strike[2]:
        cell.number_format = "dd/mm/yyyy hh:mm"
    source = tmp_path / "formulas.xlsx"
    book.save(source)
    converted = _convert(source, tmp_path / "out")
    if suffix == ".xlsm":
        converted = converted.rename(converted.with_suffix(".xlsm"))
    result = read_workbook(converted)
    assert result.scenario.dates == tuple(DAYS)
    entries = [(e.day, e.code) for e in result.scenario.roster]
    assert entries == [(DAYS[0], "D"), (DAYS[1], "N"), (DAYS[2], "N"), (DAYS[5], "D"), (DAYS[6], "D")]
    codes = result.scenario.shift_codes
    assert (codes["D"].start, codes["D"].end) == (dt.time(8), dt.time(17))
    assert (codes["N"].start, codes["N"].end) == (dt.time(20), dt.time(8, 30))
    assert result.scenario.strike_windows == (WINDOWS[0],)
    assert "Weekday names" in "\n".join(map(str, result.skipped))
    assert not result.problems, result.problems
