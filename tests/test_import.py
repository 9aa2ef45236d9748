"""The workbook import: the grid, its rows and cells, the layout, the summary.

Each test builds a tiny workbook with openpyxl in ``tmp_path``. The builders here are used by
the other ``test_import_*`` modules too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.domain import CellRef, PlannerError, ShiftType
from planner.grades import Tier
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook
from planner.workbook.summary import summarise

MONDAY = dt.date(2026, 3, 9)
DAYS = [MONDAY + dt.timedelta(days=d) for d in range(7)]
HEADER: list[object] = ["Name", "Grade", "Specialty", "Staff ID", *DAYS]
Rows = Iterable[Sequence[Any]]


def doctor(name: str, grade: str = "ST4", specialty: str = "ED", staff_id: object = None,
           codes: Sequence[object] = ("D",) * 7) -> list[object]:
    """A grid row under ``HEADER``."""
    return [name, grade, specialty, staff_id, *codes]


def build(tmp_path: Path, grid: Rows | None = None,
          sheets: Mapping[str, Rows] | None = None,
          name: str = "rota.xlsx") -> Path:
    """A workbook whose first sheet, 'Rota', holds ``grid`` (by default a header and one doctor)."""
    book = openpyxl.Workbook()
    rota = book.active
    rota.title = "Rota"
    for row in grid if grid is not None else [HEADER, doctor("Amy Holt", staff_id="A1")]:
        rota.append(list(row))
    for title, rows in (sheets or {}).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def read(tmp_path: Path, grid: Rows | None = None,
         sheets: Mapping[str, Rows] | None = None) -> ImportResult:
    return read_workbook(build(tmp_path, grid, sheets))


def messages(issues: Iterable[object]) -> str:
    return "\n".join(str(i) for i in issues)


# --- the grid -----------------------------------------------------------------------------

def test_grid_under_title_rows_is_found_and_the_header_row_noted(tmp_path: Path) -> None:
    result = read(tmp_path, [["Emergency Department rota"], ["March 2026"], [], HEADER,
                             doctor("Amy Holt", staff_id="A1")])
    layout = result.layout
    assert (layout.sheet, layout.header_row, layout.name_column) == ("Rota", 4, 1)
    assert (layout.grade_column, layout.specialty_column, layout.staff_id_column) == (2, 3, 4)
    assert layout.date_columns == tuple((5 + i, day) for i, day in enumerate(DAYS))
    assert (layout.first_row, layout.last_row) == (5, 5)
    assert "Header row 4 chosen; rows 1–3 above it are titles" in messages(result.notes)
    assert result.scenario.dates == tuple(DAYS)
    assert result.scenario.name == "rota"


def test_grid_is_on_the_first_sheet_that_has_one(tmp_path: Path) -> None:
    path = build(tmp_path, [["Read me first: instructions"]],
                 {"Week 1": [HEADER, doctor("Amy Holt")], "Week 2": [HEADER, doctor("Bob")]})
    result = read_workbook(path)
    assert result.layout.sheet == "Week 1"
    assert [p.name for p in result.scenario.people] == ["Amy Holt"]


@pytest.mark.parametrize("name, grade, specialty, staff_id", [
    ("Doctor", "GRADE", "Speciality", "GMC number"),
    ("Staff name", "grade", "Department", "Employee number"),
    ("STAFF-NAME", "Grade:", "service", "ID"),
    ("Employee", "Grade", "Specialty", "GMC"),
    ("staff", "Grade", "Specialty", "Staff I.D."),
])
def test_header_names_are_matched_ignoring_case_spaces_and_punctuation(
    tmp_path: Path, name: str, grade: str, specialty: str, staff_id: str
) -> None:
    result = read(tmp_path, [[name, grade, specialty, staff_id, *DAYS], doctor("Amy", staff_id=7)])
    layout = result.layout
    assert (layout.name_column, layout.grade_column, layout.specialty_column,
            layout.staff_id_column) == (1, 2, 3, 4)
    assert result.scenario.people[0].staff_id == "7"


@pytest.mark.parametrize("render", [
    "{:%d/%m/%Y}", "{d.day}/{d.month}/{d:%y}", "{:%d-%b-%Y}", "{d.day} {d:%b %Y}",
    "{:%a %d/%m/%Y}", "{:%Y-%m-%d}", "{:%d.%m.%Y}", "{d.day} {d:%B %Y}",
])
def test_date_headers_may_be_uk_day_first_text(tmp_path: Path, render: str) -> None:
    header = ["Name", *(render.format(day, d=day) for day in DAYS)]
    result = read(tmp_path, [header, ["Amy", *["D"] * 7]])
    assert result.scenario.dates == tuple(DAYS)


def test_datetime_headers_read_as_their_dates(tmp_path: Path) -> None:
    header = ["Name", *(dt.datetime.combine(day, dt.time(0)) for day in DAYS)]
    assert read(tmp_path, [header, ["Amy", *["D"] * 7]]).scenario.dates == tuple(DAYS)


def test_grid_ends_at_the_last_date_column(tmp_path: Path) -> None:
    result = read(tmp_path, [[*HEADER, "Hours"], [*doctor("Amy"), "XYZ"]])
    assert result.layout.date_columns[-1][0] == 11
    assert {e.code for e in result.scenario.roster} == {"D"}
    assert "Columns not read" in messages(result.notes) and "L ('Hours')" in messages(result.notes)


def test_dates_out_of_order_are_read_in_date_order(tmp_path: Path) -> None:
    header = ["Name", DAYS[2], DAYS[0], DAYS[1]]
    result = read(tmp_path, [header, ["Amy", "D", "E", "L"]])
    assert result.scenario.dates == tuple(DAYS[:3])
    assert {e.day: e.code for e in result.scenario.roster} == {DAYS[2]: "D", DAYS[0]: "E", DAYS[1]: "L"}


# --- rows that are not doctors --------------------------------------------------------------

def test_weekday_row_under_the_header_is_skipped(tmp_path: Path) -> None:
    weekdays = [None, None, None, None, *(f"{d:%a}" for d in DAYS)]
    result = read(tmp_path, [HEADER, weekdays, doctor("Amy")])
    assert [p.name for p in result.scenario.people] == ["Amy"]
    assert result.skipped[0].where == CellRef("Rota", 2)
    assert "Weekday names" in result.skipped[0].message


def test_single_letter_weekday_row_is_skipped(tmp_path: Path) -> None:
    letters = ["Day", None, None, None, "M", "T", "W", "T", "F", "S", "S"]
    result = read(tmp_path, [HEADER, letters, doctor("Amy")])
    assert [p.name for p in result.scenario.people] == ["Amy"]
    assert len(result.skipped) == 1


def test_blank_rows_inside_the_grid_are_reported_and_trailing_ones_are_not(tmp_path: Path) -> None:
    grid = [HEADER, doctor("Amy"), [], [], doctor("Bob"), [], doctor("Cy"), *([[]] * 50)]
    result = read(tmp_path, grid)
    assert [(i.where.row, i.message) for i in result.skipped] == [
        (3, "Blank rows 3–4."), (6, "Blank row."),
    ]
    assert result.layout.last_row == 7


def test_formatting_far_below_the_grid_does_not_extend_it(tmp_path: Path) -> None:
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Rota"].cell(row=1_000_000, column=3).font = openpyxl.styles.Font(bold=True)
    book.save(path)
    result = read_workbook(path)
    assert result.layout.last_row == 2 and not result.skipped


def test_section_labels_are_skipped(tmp_path: Path) -> None:
    grid: list[list[object]] = [HEADER, ["Registrars"], doctor("Amy"), ["Team B", None, "ED"], doctor("Bob")]
    result = read(tmp_path, grid)
    assert [p.name for p in result.scenario.people] == ["Amy", "Bob"]
    assert [(i.where, i.message) for i in result.skipped] == [
        (CellRef("Rota", 2, 1), "Section label 'Registrars' (a name with no grade, no staff id "
                                "and no shift codes)."),
        (CellRef("Rota", 4, 1), "Section label 'Team B' (a name with no grade, no staff id and "
                                "no shift codes)."),
    ]


def test_label_in_a_column_other_than_the_name_is_skipped(tmp_path: Path) -> None:
    grid: list[list[object]] = [["Staff ID", "Name", *DAYS], ["Registrars"], ["A1", "Amy", *["D"] * 7]]
    result = read(tmp_path, grid)
    assert [p.name for p in result.scenario.people] == ["Amy"]
    assert "Section label 'Registrars'" in messages(result.skipped)


def test_codes_without_a_name_are_a_problem(tmp_path: Path) -> None:
    result = read(tmp_path, [HEADER, doctor("Amy"), doctor("", codes=["N"] * 7)])
    assert len(result.scenario.people) == 1
    assert "7 shift codes but no name" in messages(result.problems)
    assert result.problems[0].where == CellRef("Rota", 3, 1)


def test_vacant_posts_and_totals_rows_are_not_doctors(tmp_path: Path) -> None:
    totals: list[object] = ["Total on duty", None, None, None, *[1] * 7]
    grid = [HEADER, doctor("Amy"), doctor("Vacant", grade="ST3"), totals]
    result = read(tmp_path, grid)
    assert [p.name for p in result.scenario.people] == ["Amy"]
    assert "vacant post" in messages(result.problems)
    assert "Totals row 'Total on duty'" in messages(result.skipped)


# --- cells --------------------------------------------------------------------------------

def cells_read(tmp_path: Path, codes: Sequence[object], shifts: Sequence[Sequence[object]] | None = None
               ) -> list[tuple[str, str]]:
    sheets = {"Shifts": [["Code", "Start", "End", "Type"], *shifts]} if shifts else None
    row = doctor("Amy", codes=list(codes) + [None] * (7 - len(codes)))
    result = read(tmp_path, [HEADER, row], sheets)
    return [(e.code, e.note) for e in sorted(result.scenario.roster, key=lambda e: e.day)]


def test_cells_are_trimmed_case_insensitive_and_keep_a_note(tmp_path: Path) -> None:
    assert cells_read(tmp_path, [" d ", "n (swap)", "LD*", "AL - approved", "ld"]) == [
        ("D", ""), ("N", "(swap)"), ("LD", "*"), ("AL", "- approved"), ("LD", ""),
    ]


def test_blank_cells_are_not_rostered(tmp_path: Path) -> None:
    assert cells_read(tmp_path, [None, "  ", "D"]) == [("D", "")]


def test_longest_code_wins_and_codes_may_contain_spaces(tmp_path: Path) -> None:
    shifts = [["ON CALL", "17:00", "22:00", "Work"], ["ON", "08:00", "16:00", "Work"],
              ["L", "14:00", "22:00", "Work"], ["LD", "08:00", "20:30", "Work"]]
    assert cells_read(tmp_path, ["on call (swap)", "On  Call", "ON", "LD", "L2"], shifts) == [
        ("ON CALL", "(swap)"), ("ON CALL", ""), ("ON", ""), ("LD", ""), ("L", "2"),
    ]


def test_a_code_running_into_letters_is_not_taken_as_a_shorter_code(tmp_path: Path) -> None:
    assert cells_read(tmp_path, ["NWD", "Night"]) == [("NWD", ""), ("NIGHT", "")]


def test_numbers_in_cells_are_read_as_text(tmp_path: Path) -> None:
    shifts = [["1", "08:00", "16:00", "Work"], ["2.5", "16:00", "23:00", "Work"]]
    assert cells_read(tmp_path, [1, 1.0, 2.5, "1 (swap)"], shifts) == [
        ("1", ""), ("1", ""), ("2.5", ""), ("1", "(swap)"),
    ]


def test_undefined_code_is_a_problem_listing_its_cells_and_the_entry_is_kept(tmp_path: Path) -> None:
    grid = [HEADER, doctor("Amy", codes=["D", "XYZ", "xyz (swap)", "D", "D", "D", "D"]),
            doctor("Bob", codes=["QQ"] + ["D"] * 6)]
    result = read(tmp_path, grid)
    problems = messages(result.problems)
    assert "Code 'XYZ' is not defined" in problems and "2 cells (F2, G2)" in problems
    assert "Code 'QQ' is not defined" in problems and "1 cell (E3)" in problems
    entry = next(e for e in result.scenario.roster if e.day == DAYS[2])
    assert (entry.code, entry.note) == ("XYZ", "(swap)")
    assert result.scenario.code(entry.code).type is ShiftType.UNKNOWN


def test_undefined_code_problem_lists_the_first_cells_and_a_count(tmp_path: Path) -> None:
    grid = [HEADER, *(doctor(f"Dr {i}", codes=["ZZ"] * 7) for i in range(3))]
    problem = read(tmp_path, grid).problems[0].message
    assert "used in 21 cells (E2, F2, G2, H2, I2, J2, K2, E3, F3, G3 and 11 more)" in problem


# --- people -------------------------------------------------------------------------------

def test_people_keys_sources_tiers_and_roster_cells(tmp_path: Path) -> None:
    grid = [HEADER, doctor("Amy Holt", "FY1", "ED", "A1"), doctor("Bob", "Consultant", "ED")]
    result = read(tmp_path, grid)
    amy, bob = result.scenario.people
    assert (amy.key, amy.tier, amy.source) == ("A1", Tier.FOUNDATION, CellRef("Rota", 2, 1))
    assert (bob.key, bob.tier, bob.staff_id) == ("Bob@3", Tier.CONSULTANT, "")
    first = result.scenario.roster[0]
    assert (first.person_key, first.day, first.cell) == ("A1", MONDAY, CellRef("Rota", 2, 5))
    assert len(result.scenario.roster) == 14


def test_repeated_staff_id_is_a_problem_naming_both_rows(tmp_path: Path) -> None:
    grid = [HEADER, doctor("Amy", staff_id="X1"), doctor("Bob", staff_id="X1"), doctor("Cy", staff_id="C")]
    result = read(tmp_path, grid)
    assert [p.key for p in result.scenario.people] == ["Amy@2", "Bob@3", "C"]
    assert result.problems[0].where == CellRef("Rota", 3, 4)
    assert "Staff id 'X1' is on rows 2, 3" in result.problems[0].message


@pytest.mark.parametrize("grade, said", [("Wizard", "Grade 'Wizard' is not a known grade"),
                                         ("", "No grade")])
def test_unknown_or_missing_grade_is_kept_but_never_given_covers(
    tmp_path: Path, grade: str, said: str
) -> None:
    result = read(tmp_path, [HEADER, doctor("Amy", grade=grade)])
    amy = result.scenario.people[0]
    assert (amy.tier, amy.available_for_cover) == (Tier.FOUNDATION, False)
    assert len(result.scenario.roster) == 7
    assert result.problems[0].where == CellRef("Rota", 2, 2)
    assert said in result.problems[0].message and "not available for cover" in result.problems[0].message


def test_a_name_with_codes_but_no_grade_column_is_a_doctor(tmp_path: Path) -> None:
    result = read(tmp_path, [["Name", *DAYS], ["Amy", *["D"] * 7]])
    assert [p.name for p in result.scenario.people] == ["Amy"]
    assert "No grade for Amy" in messages(result.problems)


# --- a layout given by the manager -----------------------------------------------------------

def test_explicit_layout_skips_detection(tmp_path: Path) -> None:
    # The header says "Who", which detection does not know; the manager points at column A.
    path = build(tmp_path, [["Who", "Grade", *DAYS[:3]], ["Amy", "ST4", "D", "N", "D"]])
    detected = read_workbook(build(tmp_path, name="other.xlsx")).layout
    layout = dataclasses.replace(detected, grade_column=2, specialty_column=None, staff_id_column=None,
                                 date_columns=((3, DAYS[0]), (4, DAYS[1]), (5, DAYS[2])), last_row=99)
    result = read_workbook(path, layout)
    assert [e.code for e in result.scenario.roster] == ["D", "N", "D"]
    assert result.layout.last_row == 2
    assert "Layout given" in messages(result.notes)


@pytest.mark.parametrize("change", [
    {"sheet": "Nope"}, {"first_row": 1}, {"last_row": 0}, {"date_columns": ()},
    {"grade_column": 5}, {"date_columns": ((5, MONDAY), (6, MONDAY))},
])
def test_explicit_layout_is_still_checked(tmp_path: Path, change: dict[str, object]) -> None:
    path = build(tmp_path)
    layout = dataclasses.replace(read_workbook(path).layout, **change)  # type: ignore[arg-type]
    with pytest.raises(PlannerError):
        read_workbook(path, layout)


# --- summary and progress ---------------------------------------------------------------------

def test_summary_is_the_inspect_json(tmp_path: Path) -> None:
    grid: list[list[object]] = [
        ["Rota"], HEADER, doctor("Amy", "ST4", "ED", "A1", ["D", "XX", None, None, None, None, "N"]),
        ["Team B"], doctor("Bob", "Consultant", "ICU"),
    ]
    staff = {"Staff": [["Name", "Type", "Grade"], ["Lou", "Locum", "ST5"]]}
    summary = summarise(read(tmp_path, grid, staff))
    json.dumps(summary)
    assert summary["layout"] == {
        "sheet": "Rota", "header_row": 2, "name_column": "A", "grade_column": "B",
        "specialty_column": "C", "staff_id_column": "D",
        "date_columns": [[chr(ord("E") + i), day.isoformat()] for i, day in enumerate(DAYS)],
        "first_row": 3, "last_row": 5, "orientation": "doctors in rows, dates in columns",
    }
    assert (summary["people"], summary["pool"], summary["assignments"]) == (2, 1, 10)
    assert summary["by_tier"] == {"Registrar": 1, "Consultant": 1}
    assert summary["by_specialty"] == {"ED": 1, "ICU": 1}
    assert (summary["first_date"], summary["last_date"]) == ("2026-03-09", "2026-03-15")
    assert summary["problems"] == [{"sheet": "Rota", "row": 3, "column": "F", "message": (
        "Code 'XX' is not defined (there is no Shifts sheet and it is not a built-in code): used "
        "in 1 cell (F3); those doctors are treated as unavailable for cover on those days.")}]
    assert summary["skipped"] == [{"sheet": "Rota", "row": 4, "column": "A", "message": (
        "Section label 'Team B' (a name with no grade, no staff id and no shift codes).")}]
    assert any("No Shifts sheet" in n["message"] for n in summary["notes"])  # type: ignore[attr-defined]


def test_progress_is_reported_between_steps(tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    read_workbook(build(tmp_path), on_progress=lambda step, fraction: seen.append((step, fraction)))
    fractions = [f for _, f in seen]
    assert len(seen) >= 5 and fractions == sorted(fractions)
    assert (fractions[0], fractions[-1]) == (0.0, 1.0)


def test_xlsm_workbooks_are_read(tmp_path: Path) -> None:
    result = read_workbook(build(tmp_path, name="rota.xlsm"))
    assert result.scenario.name == "rota" and len(result.scenario.people) == 1
