"""The optional sheets: Shifts, Staff, Cover, Strike, Rates and Rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from planner.domain import (BMA_2023, BandRates, CellRef, Declaration, RateCard, ShiftType,
                            StaffKind, StrikeWindow, WorkingTimeRules)
from planner.grades import Tier
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook
from test_import import HEADER, build, doctor, messages, read

SHIFTS_HEADER: list[object] = ["Code", "Start", "End", "Type", "Description"]


def with_sheet(tmp_path: Path, title: str, rows: list[list[object]],
               grid: list[list[object]] | None = None) -> ImportResult:
    return read(tmp_path, grid or [HEADER, doctor("Amy Holt", staff_id="A1"),
                                   doctor("Bob Smith", "CT2", "ICU")], {title: rows})


# --- Shifts -------------------------------------------------------------------------------

def test_without_a_shifts_sheet_the_builtin_codes_apply(tmp_path: Path) -> None:
    result = read(tmp_path)
    assert result.scenario.shift_codes["N"].start == dt.time(20, 0)
    assert result.scenario.shift_codes["AL"].type is ShiftType.LEAVE
    assert "No Shifts sheet: the built-in shift codes are used." in messages(result.notes)


@pytest.mark.parametrize("title", ["Shifts", "Shift codes", "codes", "KEY"])
def test_shifts_sheet_defines_the_codes(tmp_path: Path, title: str) -> None:
    rows: list[list[object]] = [
        SHIFTS_HEADER,
        ["nd", "21:00", "09:00", "work", "night"],
        ["CL", dt.time(9), dt.time(13), "Elective"],
        ["Am", 0.3333333333, 0.5, "WORK"],
        ["TW", "4pm", "0000", "Work"],
        ["EV", "8:30pm", "23.00", "Work"],
        ["HOL", None, None, "Leave"],
        ["Z", None, None, "Off"],
    ]
    codes = with_sheet(tmp_path, title, rows).scenario.shift_codes
    assert set(codes) == {"ND", "CL", "AM", "TW", "EV", "HOL", "Z"}
    assert (codes["ND"].start, codes["ND"].end, codes["ND"].minutes) == (dt.time(21), dt.time(9), 720)
    assert (codes["ND"].type, codes["ND"].description) == (ShiftType.WORK, "night")
    assert codes["CL"].type is ShiftType.ELECTIVE
    assert (codes["AM"].start, codes["AM"].end) == (dt.time(8), dt.time(12))
    assert (codes["TW"].start, codes["TW"].end) == (dt.time(16), dt.time(0))
    assert (codes["EV"].start, codes["EV"].end) == (dt.time(20, 30), dt.time(23))
    assert (codes["HOL"].type, codes["Z"].type) == (ShiftType.LEAVE, ShiftType.OFF)


def test_unknown_shift_type_is_a_problem_and_read_as_work_or_leave(tmp_path: Path) -> None:
    rows: list[list[object]] = [SHIFTS_HEADER, ["X", "08:00", "16:00", "Clinical"], ["Y", None, None, "Absent"]]
    result = with_sheet(tmp_path, "Shifts", rows)
    codes = result.scenario.shift_codes
    assert (codes["X"].type, codes["Y"].type) == (ShiftType.WORK, ShiftType.LEAVE)
    assert result.problems[0].where == CellRef("Shifts", 2, 4)
    assert "type 'Clinical'" in result.problems[0].message and "treated as Work" in result.problems[0].message
    assert "treated as Leave" in result.problems[1].message


def test_bad_times_and_repeated_codes_are_problems(tmp_path: Path) -> None:
    rows: list[list[object]] = [SHIFTS_HEADER, ["D", "morning", "17:00", "Work"], ["D", "08:00", "17:00", "Work"]]
    result = with_sheet(tmp_path, "Shifts", rows)
    text = messages(result.problems)
    assert "start 'morning' is not a time" in text and "defined twice (rows 2 and 3)" in text
    assert result.scenario.shift_codes["D"].start is None


def test_grid_codes_not_on_the_shifts_sheet_are_undefined(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "Shifts", [SHIFTS_HEADER, ["N", "20:00", "08:00", "Work"]])
    assert "Code 'D' is not defined on the 'Shifts' sheet" in messages(result.problems)


# --- Staff --------------------------------------------------------------------------------

STAFF_HEADER: list[object] = ["Name", "Staff ID", "Grade", "Specialty", "Skills", "Strike", "Available for cover",
                "Max extra hours", "Hourly rate", "Type", "Phone", "Email"]


def test_staff_sheet_fills_in_grid_doctors_by_id_then_by_name(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        STAFF_HEADER,
        ["Someone Else", "A1", None, "Acute Medicine", "ED; ICU", "Yes", "No", 12, "£95.50", None,
         "07700 900000", "amy@nhs.net"],
        ["  bob   SMITH ", None, "ST6", None, None, "Working", "Y", None, None, "Rota", None, None],
    ]
    amy, bob = with_sheet(tmp_path, "Staff", rows).scenario.people
    assert (amy.specialty, amy.skills, amy.declaration) == ("Acute Medicine", frozenset({"ED", "ICU"}),
                                                            Declaration.STRIKING)
    assert (amy.available_for_cover, amy.max_extra_hours, amy.hourly_rate) == (False, 12.0, 95.5)
    assert (amy.phone, amy.email, amy.grade) == ("07700 900000", "amy@nhs.net", "ST4")
    assert (bob.grade, bob.tier, bob.specialty, bob.declaration) == ("ST6", Tier.REGISTRAR, "ICU",
                                                                     Declaration.WORKING)


@pytest.mark.parametrize("said, declaration", [
    ("Yes", Declaration.STRIKING), ("striking", Declaration.STRIKING), ("Y", Declaration.STRIKING),
    ("No", Declaration.WORKING), ("working", Declaration.WORKING), ("n", Declaration.WORKING),
    (None, Declaration.UNDECLARED), ("Unknown", Declaration.UNDECLARED),
    ("Undeclared", Declaration.UNDECLARED),
])
def test_strike_declarations(tmp_path: Path, said: str | None, declaration: Declaration) -> None:
    result = with_sheet(tmp_path, "Staff", [["Name", "Strike"], ["Amy Holt", said]])
    assert result.scenario.people[0].declaration is declaration
    assert not result.problems


def test_unreadable_staff_values_are_problems_with_safe_readings(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Name", "Strike", "Available for cover", "Max extra hours", "Hourly rate"],
                                ["Amy Holt", "Maybe", "Weekends only", "lots", "ask"]]
    result = with_sheet(tmp_path, "Staff", rows)
    amy = result.scenario.people[0]
    assert (amy.declaration, amy.available_for_cover, amy.max_extra_hours, amy.hourly_rate) == (
        Declaration.UNDECLARED, False, 0.0, None)
    assert [i.where.column_name for i in result.problems] == ["B", "C", "D", "E"]


def test_locum_and_bank_rows_add_pool_doctors(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Name", "Staff ID", "Grade", "Specialty", "Type", "Hourly rate"],
                                ["Lou Locum", None, "Locum registrar", "ED", "Locum", "£120/hr"],
                                ["Ben Bank", "B9", "ST3", "ICU", "bank", None]]
    result = with_sheet(tmp_path, "Doctors", rows)
    lou, ben = result.scenario.people[2:]
    assert (lou.key, lou.kind, lou.tier, lou.hourly_rate) == ("Lou Locum@Doctors!2", StaffKind.LOCUM,
                                                              Tier.REGISTRAR, 120.0)
    assert (ben.key, ben.kind, ben.source) == ("B9", StaffKind.BANK, CellRef("Doctors", 3, 1))
    assert ben.is_pool and not result.scenario.is_striking(ben)
    assert not result.scenario.entries_by_person[ben.key]


def test_unmatched_staff_row_is_a_problem(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "People", [["Name", "Grade"], ["Nobody Known", "ST4"]])
    assert result.problems[0].where == CellRef("People", 2, 1)
    assert "'Nobody Known' is not in the rota grid" in result.problems[0].message


def test_staff_grade_fills_in_a_missing_grid_grade(tmp_path: Path) -> None:
    grid: list[list[object]] = [HEADER, doctor("Amy Holt", grade="")]
    result = with_sheet(tmp_path, "Staff", [["Name", "Grade"], ["Amy Holt", "Consultant"]], grid)
    assert result.scenario.people[0].tier is Tier.CONSULTANT and not result.problems


# --- Cover --------------------------------------------------------------------------------

COVER_HEADER: list[object] = ["Specialty", "Shift", "Tier", "Minimum", "Priority"]


def test_without_a_cover_sheet_there_are_no_cover_rules(tmp_path: Path) -> None:
    assert read(tmp_path).scenario.cover_rules is None


@pytest.mark.parametrize("title", ["Cover", "Cover rules", "Minimum staffing", "Derogations"])
def test_cover_sheet_gives_cover_rules(tmp_path: Path, title: str) -> None:
    rows: list[list[object]] = [COVER_HEADER, ["ED", "n", "Registrar", 1, 1], ["ED", "D", "CT2", "2", 2],
                                ["ICU", "N", "SAS", 0, "3"]]
    rules = with_sheet(tmp_path, title, rows).scenario.cover_rules
    assert rules is not None
    assert [(r.specialty, r.shift_code, r.tier, r.minimum, r.priority) for r in rules] == [
        ("ED", "N", Tier.REGISTRAR, 1, 1), ("ED", "D", Tier.CORE, 2, 2), ("ICU", "N", Tier.SAS, 0, 3),
    ]
    assert rules[0].source == CellRef(title, 2)


def test_unreadable_tier_and_priority_ask_for_more_cover(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "Cover", [COVER_HEADER, ["ED", "N", "Boss", 1, "urgent"]])
    rules = result.scenario.cover_rules
    assert rules is not None and (rules[0].tier, rules[0].priority) == (Tier.FOUNDATION, 1)
    assert [i.where.column_name for i in result.problems] == ["C", "E"]


def test_cover_rule_for_a_specialty_nobody_has_is_a_problem(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "Cover", [COVER_HEADER, ["Emergncy", "N", "ST3", 1, 1]])
    assert "'Emergncy', which is no doctor's specialty" in messages(result.problems)


# --- Strike -------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Strike", "Industrial action"])
def test_strike_sheet_gives_windows(tmp_path: Path, title: str) -> None:
    rows: list[list[object]] = [["Start", "End"],
                                ["23/03/2026 07:00", "Wed 25/03/2026 07:00"],
                                [dt.datetime(2026, 3, 9, 7), dt.datetime(2026, 3, 11, 7)]]
    windows = with_sheet(tmp_path, title, rows).scenario.strike_windows
    assert windows == (StrikeWindow(dt.datetime(2026, 3, 9, 7), dt.datetime(2026, 3, 11, 7)),
                       StrikeWindow(dt.datetime(2026, 3, 23, 7), dt.datetime(2026, 3, 25, 7)))


def test_midnight_strike_times_are_noted(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "Strike", [["Start", "End"], ["09/03/2026", "11/03/2026"]])
    assert result.scenario.strike_windows[0].start == dt.datetime(2026, 3, 9)
    assert "midnight" in messages(result.notes)


# --- Rates --------------------------------------------------------------------------------

def test_without_a_rates_sheet_the_bma_2023_card_applies(tmp_path: Path) -> None:
    assert read(tmp_path).scenario.rates == RateCard()


def test_rates_sheet_by_tier_grade_and_default(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Tier", "Weekday day", "Weekday evening", "Weekend day", "Night"],
                                ["Consultant", 160, 200, 220, 260], ["ST3", "£80", 90, None, 100],
                                ["Default", 50, 60, 70, 80], ["Wizards", 1, 1, 1, 1]]
    result = with_sheet(tmp_path, "Rate card", rows)
    card = result.scenario.rates
    assert card.name == "Rates sheet"
    assert card.by_tier == {Tier.CONSULTANT: BandRates(160, 200, 220, 260)}
    assert card.by_grade == {"st3": BandRates(80, 90, 90, 100)}
    assert card.default == BandRates(50, 60, 70, 80)
    assert "'Wizards' is not a tier, a grade or Default" in messages(result.problems)


def test_rates_sheet_without_a_default_row_keeps_the_bma_card(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Tier", "Weekday day", "Weekday evening", "Weekend day", "Night"],
                                ["SAS", 100, 120, 120, 150]]
    card = with_sheet(tmp_path, "Rates", rows).scenario.rates
    assert card.default == BMA_2023 and card.by_tier == {Tier.SAS: BandRates(100, 120, 120, 150)}


# --- Rules --------------------------------------------------------------------------------

def test_rules_sheet_overrides_the_defaults(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Rule", "Value"], ["Min rest hours", 12], ["Max consecutive nights", "3"],
                                ["max hours per 168 hours", 60.5], ["Coffee breaks", 3],
                                ["Max consecutive shifts", 6.5]]
    result = with_sheet(tmp_path, "Working time", rows)
    assert result.scenario.rules == WorkingTimeRules(min_rest_hours=12, max_consecutive_nights=3,
                                                     max_hours_per_168=60.5)
    text = messages(result.problems)
    assert "'Coffee breaks' is not a rule" in text and "'6.5' is not a whole number" in text


def test_side_sheet_without_its_header_is_a_problem(tmp_path: Path) -> None:
    result = with_sheet(tmp_path, "Rules", [["Min rest hours", 12]])
    assert result.scenario.rules == WorkingTimeRules()
    assert "has no header row with Rule and Value columns" in messages(result.problems)


def test_grid_sheet_is_never_read_as_a_side_sheet(tmp_path: Path) -> None:
    path = build(tmp_path, sheets={"Doctors": [["Name", "Type", "Grade"], ["Lou", "Locum", "ST5"]]})
    book = openpyxl.load_workbook(path)
    book["Rota"].title = "Staff"
    book.save(path)
    result = read_workbook(path)
    assert result.layout.sheet == "Staff" and result.sheets_used == ("Staff", "Doctors")
    assert [p.name for p in result.scenario.people] == ["Amy Holt", "Lou"]
