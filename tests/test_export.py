"""The plan export: the revised grid, the side sheets, the plan's list sheets and its safety.

The case is a tiny emergency department rota written with openpyxl in a temp folder, with its
ImportResult built by hand (the export must not depend on the importer), and a hand-made plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from typing import NamedTuple

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from planner.costing import shift_cost
from planner.demand import slot_groups
from planner.domain import (
    CellRef, CoverRule, Declaration, Person, PlannerError, RosterEntry, Scenario, ShiftCode,
    ShiftType, StaffKind, StrikeWindow,
)
from planner.grades import Tier
from planner.plan import (
    AcceptedBreach, CancelledSession, Cover, CoverType, Gap, Plan, SlotGroupKey, StageResult,
)
from planner.workbook.export import export_plan
from planner.workbook.export_lists import CHANGES_HEADERS
from planner.workbook.layout import GridLayout, ImportResult

MONDAY = dt.date(2026, 3, 2)
DAYS = tuple(MONDAY + dt.timedelta(days=n) for n in range(7))
TUESDAY, WEDNESDAY = DAYS[1], DAYS[2]
EVIL_NAME = '=HYPERLINK("http://example.com","Dr Evil")'
FIRST_DATE_COLUMN = 5
FIRST_PERSON_ROW = 5
CODES = {
    "D": ShiftCode("D", ShiftType.WORK, dt.time(8), dt.time(17), "Day"),
    "N": ShiftCode("N", ShiftType.WORK, dt.time(20), dt.time(8, 30), "Night"),
    "CL": ShiftCode("CL", ShiftType.ELECTIVE, dt.time(9), dt.time(13), "Clinic"),
    "OFF": ShiftCode("OFF", ShiftType.OFF, description="Off"),
}
# name, grade, tier, staff id, rota (Mon..Sun), declaration
ROTA = (
    ("Dr Alice Reg", "ST5", Tier.REGISTRAR, "1001", "D D N N . . .", Declaration.UNDECLARED),
    ("Dr Bob Found", "FY1", Tier.FOUNDATION, "1002", "D D D OFF . . .", Declaration.STRIKING),
    ("Dr Carol Cons", "Consultant", Tier.CONSULTANT, "2001", "CL CL CL OFF . . .",
     Declaration.UNDECLARED),
    ("Dr Dan Sas", "Specialty doctor", Tier.SAS, "3001", "OFF OFF OFF . . . .",
     Declaration.UNDECLARED),
    (EVIL_NAME, "CT2", Tier.CORE, "1003", "D OFF OFF . . . .", Declaration.WORKING),
)
SPECIALTY = "Emergency Medicine"
STRIKE = StrikeWindow(dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 5, 7))


class Case(NamedTuple):
    source: Path
    imported: ImportResult
    plan: Plan
    scenario: Scenario


# --- building the case ------------------------------------------------------------------------
def write_rota_workbook(path: Path, *, shifts_sheet: bool = True, staff_sheet: bool = True) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rota"
    ws["A1"] = "Emergency Department rota, March 2026"
    for column, header in enumerate(("Name", "Grade", "Specialty", "Staff ID"), start=1):
        ws.cell(row=3, column=column, value=header)
    centred = Alignment(horizontal="center")
    for n, day in enumerate(DAYS):
        ws.cell(row=3, column=FIRST_DATE_COLUMN + n, value=day).number_format = "dd/mm/yyyy"
        ws.cell(row=4, column=FIRST_DATE_COLUMN + n, value=f"{day:%a}")
        for row in range(3, FIRST_PERSON_ROW + len(ROTA)):
            ws.cell(row=row, column=FIRST_DATE_COLUMN + n).alignment = centred
    for row, (name, grade, _, staff_id, rota, _) in enumerate(ROTA, start=FIRST_PERSON_ROW):
        for column, value in enumerate((name, grade, SPECIALTY, staff_id), start=1):
            ws.cell(row=row, column=column, value=value).data_type = "s"
        for n, code in enumerate(rota.split()):
            if code != ".":
                ws.cell(row=row, column=FIRST_DATE_COLUMN + n, value=code)
    ws["A20"] = "Rota coordinator: ext 4321"  # a footer well below the grid, kept as it is
    for letter, width in (("A", 24), ("B", 16), ("C", 20), ("D", 9)):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions.group("E", "K", hidden=False, outline_level=0)
    ws.column_dimensions["E"].width = 11  # one <col> entry for every date column, as Excel writes
    if shifts_sheet:
        _write_shifts(wb.create_sheet("Shift codes"))
    if staff_sheet:
        _write_staff(wb.create_sheet("Staff"))
    wb.save(path)


def _write_shifts(ws: Worksheet) -> None:
    ws.append(["Code", "Start", "End", "Type"])
    for code in CODES.values():
        ws.append([code.code, code.start, code.end, code.type.value])


def _write_staff(ws: Worksheet) -> None:
    ws.append(["Name", "Staff ID", "Phone", "Type", "Hourly rate", "Grade"])
    for name, _, _, staff_id, _, _ in ROTA[:3]:
        ws.append([name, staff_id, "07700 900000", "", None, None])
    ws.append(["Dr Lou Locum", "L1", "07700 900999", "Locum", 110, "Locum ST5"])


def build_scenario() -> Scenario:
    people = [
        Person(key=staff_id, name=name, tier=tier, grade=grade, specialty=SPECIALTY,
               staff_id=staff_id, declaration=declaration, phone="07700 900000",
               source=CellRef("Rota", row, 1))
        for row, (name, grade, tier, staff_id, _, declaration)
        in enumerate(ROTA, start=FIRST_PERSON_ROW)
    ]
    people.append(Person(key="L1", name="Dr Lou Locum", tier=Tier.REGISTRAR, grade="Locum ST5",
                         specialty=SPECIALTY, staff_id="L1", kind=StaffKind.LOCUM,
                         hourly_rate=110, phone="07700 900999", email="lou@example.com",
                         source=CellRef("Staff", 6)))
    roster = tuple(
        RosterEntry(staff_id, DAYS[n], code, cell=CellRef("Rota", row, FIRST_DATE_COLUMN + n))
        for row, (_, _, _, staff_id, rota, _) in enumerate(ROTA, start=FIRST_PERSON_ROW)
        for n, code in enumerate(rota.split()) if code != "."
    )
    return Scenario(people=tuple(people), shift_codes=CODES, roster=roster, dates=DAYS,
                    strike_windows=(STRIKE,), name="ED March walkout")


def build_import(scenario: Scenario) -> ImportResult:
    layout = GridLayout(
        sheet="Rota", header_row=3, name_column=1,
        date_columns=tuple((FIRST_DATE_COLUMN + n, day) for n, day in enumerate(DAYS)),
        first_row=FIRST_PERSON_ROW, last_row=FIRST_PERSON_ROW + len(ROTA) - 1,
        grade_column=2, specialty_column=3, staff_id_column=4,
    )
    return ImportResult(scenario=scenario, layout=layout)


def _cover(scenario: Scenario, person: str, day: dt.date, code: str, tier: Tier,
           cover_type: CoverType, replaces: str = "", locked: bool = False) -> Cover:
    start, end = CODES[code].times_on(day)
    cost = shift_cost(scenario.person(person), scenario.rates, start, end)
    return Cover(person, SlotGroupKey(day, code, SPECIALTY, tier), start, end, 1, cover_type,
                 cost, replaces, locked)


def build_plan(scenario: Scenario) -> Plan:
    covers = (
        _cover(scenario, "2001", TUESDAY, "D", Tier.REGISTRAR, CoverType.ACTING_DOWN, "1001"),
        _cover(scenario, "3001", TUESDAY, "D", Tier.FOUNDATION, CoverType.SAS_COVER, "1002",
               locked=True),
        _cover(scenario, "L1", WEDNESDAY, "N", Tier.REGISTRAR, CoverType.LOCUM, "1001"),
        _cover(scenario, "1003", WEDNESDAY, "N", Tier.CORE, CoverType.EXTRA_SHIFT),
    )
    cancelled = tuple(
        CancelledSession("2001", day, "CL", *CODES["CL"].times_on(day), reason)
        for day, reason in ((TUESDAY, "Frees Dr Carol Cons to cover the ED day"),
                            (WEDNESDAY, "-see AB"))
    )
    gap = Gap(SlotGroupKey(WEDNESDAY, "D", SPECIALTY, Tier.FOUNDATION), 1, 1, 0,
              "@nobody eligible is free: everyone eligible is resting or already working")
    groups = (*slot_groups(scenario),)
    extra = dataclasses.replace(groups[0], key=covers[3].group, need=1, replaces=(),
                                start=covers[3].start, end=covers[3].end)
    return Plan(
        groups=(*groups, extra), covers=covers, cancelled=cancelled, gaps=(gap,),
        accepted_breaches=(AcceptedBreach("Max hours per 168 hours", "2001",
                                          dt.datetime(2026, 3, 3, 8), "=agreed with the CD"),),
        stages=(StageResult("Priority 1 slots missing", 1, 1, True, 0.12),
                StageResult("Cost", 3100.5, 3000, False, 1.5)),
        status="Feasible (time limit)", solve_seconds=1.62, notes=("Planned on the 2023 card",),
    )


def make_case(folder: Path, **sheets: bool) -> Case:
    source = folder / "rota.xlsx"
    write_rota_workbook(source, **sheets)
    scenario = build_scenario()
    return Case(source, build_import(scenario), build_plan(scenario), scenario)


def export(case: Case, out: Path, scenario: Scenario | None = None) -> Workbook:
    export_plan(case.source, case.imported, case.plan, out, scenario=scenario)
    return load_workbook(out)


def rows_of(ws: Worksheet) -> list[tuple[object, ...]]:
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return make_case(tmp_path)


@pytest.fixture
def exported(case: Case, tmp_path: Path) -> Workbook:
    return export(case, tmp_path / "plan.xlsx")


def _grid_cell(wb: Workbook, staff_index: int, day: dt.date) -> Cell:
    return wb["Rota"].cell(row=FIRST_PERSON_ROW + staff_index,
                           column=FIRST_DATE_COLUMN + DAYS.index(day))


# --- the revised grid -------------------------------------------------------------------------
def test_struck_shifts_are_marked_strike_with_hatched_grey(exported: Workbook) -> None:
    alice_tuesday = _grid_cell(exported, 0, TUESDAY)
    assert alice_tuesday.value == "STRIKE (was D)"
    assert alice_tuesday.fill.fill_type == "lightUp"
    assert _grid_cell(exported, 0, WEDNESDAY).value == "STRIKE (was N)"
    # Thursday's night starts after the walkout ends: not struck.
    assert _grid_cell(exported, 0, DAYS[3]).value == "N"
    assert _grid_cell(exported, 0, MONDAY).value == "D"


def test_covers_are_written_highlighted_with_a_comment(exported: Workbook) -> None:
    dan_tuesday = _grid_cell(exported, 3, TUESDAY)
    assert dan_tuesday.value == "D"
    assert dan_tuesday.fill.fgColor.rgb.endswith("C6EFCE")
    comment = dan_tuesday.comment.text
    assert "Cover: Emergency Medicine D (Foundation)" in comment
    assert "for Dr Bob Found, striking" in comment
    assert "locked" in comment and "Rostered: OFF" in comment


def test_cancelled_elective_is_amber_unless_a_cover_took_its_place(exported: Workbook) -> None:
    carol_tuesday = _grid_cell(exported, 2, TUESDAY)
    assert carol_tuesday.value == "D"
    assert "CL cancelled" in carol_tuesday.comment.text
    carol_wednesday = _grid_cell(exported, 2, WEDNESDAY)
    assert carol_wednesday.value == "CANCELLED (was CL)"
    assert carol_wednesday.fill.fgColor.rgb.endswith("FFD966")
    assert _grid_cell(exported, 2, DAYS[3]).value == "OFF"


def test_locum_gets_a_row_after_a_blank_row_and_a_section_label(exported: Workbook) -> None:
    ws = exported["Rota"]
    last_person_row = FIRST_PERSON_ROW + len(ROTA) - 1
    assert all(c.value is None for c in ws[last_person_row + 1])
    assert ws.cell(row=last_person_row + 2, column=1).value == "Locum and bank cover"
    locum_row = last_person_row + 3
    assert [ws.cell(row=locum_row, column=c).value for c in (1, 2, 3, 4)] == [
        "Dr Lou Locum", "Locum ST5", SPECIALTY, "L1"]
    night = ws.cell(row=locum_row, column=FIRST_DATE_COLUMN + DAYS.index(WEDNESDAY))
    assert night.value == "N" and "for Dr Alice Reg, striking" in night.comment.text
    assert ws["A20"].value == "Rota coordinator: ext 4321"


def test_locum_rows_go_below_a_footer_right_under_the_grid(case: Case, tmp_path: Path) -> None:
    wb = load_workbook(case.source)
    wb["Rota"]["A11"] = "Swaps must be agreed with the rota coordinator"
    wb.save(case.source)
    ws = export(case, tmp_path / "plan.xlsx")["Rota"]
    assert ws["A11"].value == "Swaps must be agreed with the rota coordinator"
    assert ws["A22"].value == "Locum and bank cover" and ws["A23"].value == "Dr Lou Locum"


def test_date_columns_are_widened_for_the_new_text_as_one_range(exported: Workbook) -> None:
    ws = exported["Rota"]
    assert ws.column_dimensions["E"].width >= len("CANCELLED (was CL)")
    assert ws.column_dimensions["A"].width == 24


def test_grid_keeps_its_name_header_rows_and_people(case: Case, exported: Workbook) -> None:
    ws, original = exported["Rota"], load_workbook(case.source)["Rota"]
    for row in range(1, FIRST_PERSON_ROW + len(ROTA)):
        for column in range(1, FIRST_DATE_COLUMN):
            assert ws.cell(row=row, column=column).value == original.cell(
                row=row, column=column).value
    assert ws.cell(row=3, column=FIRST_DATE_COLUMN).value == dt.datetime(2026, 3, 2)
    assert exported.active is not None and exported.active.title == "Rota"


# --- the plan's own sheets --------------------------------------------------------------------
def test_changes_sheet_has_exact_headers_and_one_sorted_row_per_cover(exported: Workbook) -> None:
    rows = rows_of(exported["Changes"])
    assert rows[0] == CHANGES_HEADERS
    assert rows[0][:15] == ("Date", "Shift", "Start", "End", "Specialty", "Tier", "Priority",
                            "Covered by", "Staff ID", "Grade", "Cover type", "Replaces", "Hours",
                            "Rate", "Cost")
    assert len(rows) == 5
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])  # type: ignore[type-var]
    header = {h: i for i, h in enumerate(rows[0])}
    carol = next(r for r in rows[1:] if r[header["Staff ID"]] == "2001")
    assert carol[header["Replaces"]] == "Dr Alice Reg"
    assert carol[header["Cover type"]] == "Acting down"
    assert carol[header["Hours"]] == 9
    assert carol[header["Rate"]] == 158  # cost / hours
    assert carol[header["Cost"]] == 1422  # 9 weekday-day hours at £158
    assert carol[header["Status"]] == "Proposed"
    dan = next(r for r in rows[1:] if r[header["Staff ID"]] == "3001")
    assert dan[header["Status"]] == "Locked"
    no_striker = next(r for r in rows[1:] if r[header["Staff ID"]] == "1003")
    assert no_striker[header["Replaces"]] is None


def test_dates_times_and_money_are_real_values_with_formats(exported: Workbook) -> None:
    ws = exported["Changes"]
    date, start, end, cost = ws["A2"], ws["C2"], ws["D2"], ws["O2"]
    assert isinstance(date.value, dt.datetime) and date.number_format == "dd/mm/yyyy"
    assert isinstance(start.value, dt.datetime) and start.number_format == "hh:mm"
    assert isinstance(end.value, dt.datetime)
    assert isinstance(cost.value, (int, float)) and cost.number_format == "£#,##0.00"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:R")
    assert ws["A1"].font.bold
    assert isinstance(exported["Strike"]["A2"].value, dt.datetime)


def test_formula_like_text_stays_text(exported: Workbook) -> None:
    texts = {
        ws.title: [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)
                   and c.value[:1] in "=+-@"]
        for ws in exported.worksheets
    }
    found = {c.value for cells in texts.values() for c in cells}
    assert EVIL_NAME in found and "-see AB" in found and "=agreed with the CD" in found
    assert any(v.startswith("@nobody") for v in found)  # type: ignore[union-attr]
    assert all(c.data_type == "s" for cells in texts.values() for c in cells)


def test_gaps_cancelled_struck_and_sitrep_sheets(exported: Workbook) -> None:
    gaps = rows_of(exported["Gaps"])
    assert gaps[0] == ("Date", "Shift", "Start", "End", "Specialty", "Tier", "Priority",
                       "Needed", "Covered", "Missing", "Reason")
    assert gaps[1][1] == "D" and gaps[1][7:10] == (1, 0, 1)
    cancelled = rows_of(exported["Cancelled"])
    assert cancelled[0] == ("Date", "Staff", "Staff ID", "Session", "Start", "End", "Reason")
    assert [r[3] for r in cancelled[1:]] == ["CL", "CL"]
    struck = rows_of(exported["Struck"])
    assert struck[0] == ("Date", "Shift", "Start", "End", "Name", "Staff ID", "Grade",
                         "Specialty", "Declaration")
    assert {(r[4], r[1], r[8]) for r in struck[1:]} == {
        ("Dr Alice Reg", "D", "Undeclared"), ("Dr Alice Reg", "N", "Undeclared"),
        ("Dr Bob Found", "D", "Striking")}
    assert len(struck) == 5
    sitrep = rows_of(exported["Sitrep"])
    assert sitrep[0] == ("Date", "Doctors due to work", "Taking part in action",
                         "Elective sessions cancelled")
    # Tuesday: Alice, Bob, Carol and the evil-named CT2? no: he is OFF. Due = 3, striking = 2.
    assert sitrep[1] == (dt.datetime(2026, 3, 3), 3, 2, 1)
    assert sitrep[2] == (dt.datetime(2026, 3, 4), 3, 2, 1)


def test_summary_reports_the_plan_the_solver_rates_and_breaches(exported: Workbook) -> None:
    values = [v for row in rows_of(exported["Summary"]) for v in row if v is not None]
    shown = " | ".join(str(v) for v in values)
    for expected in ("Strike windows", "Struck shifts", "Priority 1", "Total cost of cover",
                     "Feasible (time limit)", "Cost", "Proven optimal", "Optimality gap",
                     "BMA consultant rate card 2023", "not rates agreed by employers",
                     "SAS doctors and residents", "Min rest between shifts (hours)",
                     "Accepted breaches", "=agreed with the CD", "Planned on the 2023 card"):
        assert expected in shown, expected
    assert 158 in values and 262 in values
    assert dt.datetime(2026, 3, 3, 7) in values


def test_shift_strike_and_staff_sheets_record_what_was_planned(case: Case,
                                                               tmp_path: Path) -> None:
    windows = (StrikeWindow(dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 4, 7)),)
    scenario = case.scenario.with_strike(windows).with_declarations(
        {"1001": Declaration.WORKING})
    wb = export(case, tmp_path / "plan.xlsx", scenario)
    codes = {r[0]: r for r in rows_of(wb["Shift codes"])}
    assert codes["STRIKE"][3] == "Off" and codes["CANCELLED"][3] == "Off"
    assert codes["STRIKE"][4] == "Taking part in industrial action"
    assert rows_of(wb["Strike"]) == [("Start", "End"),
                                     (dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 4, 7))]
    staff = rows_of(wb["Staff"])
    strike_column = staff[0].index("Strike")
    by_name = {r[0]: r[strike_column] for r in staff[1:]}
    assert by_name == {"Dr Alice Reg": "No", "Dr Bob Found": "Yes", "Dr Carol Cons": None,
                       "Dr Lou Locum": None, "Dr Dan Sas": None, EVIL_NAME: "No"}


def test_missing_side_sheets_are_created(tmp_path: Path) -> None:
    case = make_case(tmp_path, shifts_sheet=False, staff_sheet=False)
    wb = export(case, tmp_path / "plan.xlsx")
    codes = [r[0] for r in rows_of(wb["Shifts"])[1:]]
    assert set(codes) == {*CODES, "STRIKE", "CANCELLED"}
    staff = rows_of(wb["Staff"])
    assert staff[0][:5] == ("Name", "Staff ID", "Grade", "Specialty", "Strike")
    locum = next(r for r in staff if r[0] == "Dr Lou Locum")
    header = staff[0]
    assert locum[header.index("Type")] == "Locum" and locum[header.index("Hourly rate")] == 110
    assert locum[header.index("Email")] == "lou@example.com"
    assert len(staff) == 1 + len(ROTA) + 1


def test_output_sheets_of_an_earlier_export_are_replaced(case: Case, tmp_path: Path) -> None:
    first = tmp_path / "plan1.xlsx"
    export(case, first)
    again = Case(first, case.imported, dataclasses.replace(case.plan, covers=()), case.scenario)
    wb = export(again, tmp_path / "plan2.xlsx")
    assert wb.sheetnames.count("Changes") == 1 and len(rows_of(wb["Changes"])) == 1
    assert "Changes1" not in wb.sheetnames
    assert [r[0] for r in rows_of(wb["Shift codes"])].count("STRIKE") == 1


# --- safety -----------------------------------------------------------------------------------
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_source_is_unchanged_byte_for_byte(case: Case, tmp_path: Path) -> None:
    before = _digest(case.source)
    export(case, tmp_path / "plan.xlsx")
    assert _digest(case.source) == before


def test_exporting_onto_the_source_is_refused(case: Case, tmp_path: Path) -> None:
    before = _digest(case.source)
    for out in (case.source, tmp_path / "." / "rota.xlsx"):
        with pytest.raises(PlannerError, match="new file"):
            export_plan(case.source, case.imported, case.plan, out)
    assert _digest(case.source) == before


def test_failed_export_leaves_no_file_behind(case: Case, tmp_path: Path) -> None:
    bad = dataclasses.replace(case.plan, covers=(dataclasses.replace(
        case.plan.covers[0], person_key="nobody"),))
    out = tmp_path / "plan.xlsx"
    with pytest.raises(PlannerError, match="not in the rota"):
        export_plan(case.source, case.imported, bad, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rota.xlsx"]


def test_a_save_that_fails_half_way_leaves_nothing_behind(
        case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_save(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(Workbook, "save", half_save)
    with pytest.raises(PlannerError, match="disk full"):
        export_plan(case.source, case.imported, case.plan, tmp_path / "plan.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rota.xlsx"]


def test_an_existing_export_is_replaced_whole(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")
    export(case, out)
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "rota.xlsx"]


def test_wrong_extension_is_refused(case: Case, tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="xlsx"):
        export_plan(case.source, case.imported, case.plan, tmp_path / "plan.csv")


def test_summary_counts_struck_shifts_the_cover_rules_leave_uncovered(case: Case,
                                                                      tmp_path: Path) -> None:
    rules = (CoverRule(SPECIALTY, "D", Tier.REGISTRAR, minimum=1, priority=1),)
    scenario = dataclasses.replace(case.scenario, cover_rules=rules)
    plan = dataclasses.replace(case.plan, groups=tuple(slot_groups(scenario)))
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, plan, out, scenario=scenario)
    summary = {r[0]: r[1] for r in rows_of(load_workbook(out)["Summary"])}
    # Tuesday's day has two strikers for a minimum of one; nights have no rule at all.
    assert summary["Struck shifts that need no cover (Cover rules)"] == 2
    assert summary["Struck shifts"] == 4
