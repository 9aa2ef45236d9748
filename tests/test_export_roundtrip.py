"""Reading an exported plan back (``rota-planner check ROTA.xlsx PLAN.xlsx``) gives the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.domain import Declaration, PlannerError, StrikeWindow
from planner.plan import SlotGroup
from planner.workbook.export import export_plan
from planner.workbook.plan_reader import read_plan
from test_export import STRIKE, Case, build_plan, make_case, write_rota_workbook


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return make_case(tmp_path)


@pytest.fixture
def plan_file(case: Case, tmp_path: Path) -> Path:
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, case.plan, out)
    return out


def _sorted(items: tuple[object, ...]) -> list[object]:
    return sorted(items, key=repr)


def test_round_trip_gives_back_covers_cancellations_gaps_and_breaches(
        case: Case, plan_file: Path) -> None:
    plan, _ = read_plan(plan_file, case.scenario)
    assert _sorted(plan.covers) == _sorted(case.plan.covers)
    assert _sorted(plan.cancelled) == _sorted(case.plan.cancelled)
    assert plan.gaps == case.plan.gaps
    assert plan.accepted_breaches == case.plan.accepted_breaches
    assert plan.total_cost == case.plan.total_cost


def test_round_trip_rebuilds_the_slot_groups(case: Case, plan_file: Path) -> None:
    plan, _ = read_plan(plan_file, case.scenario)

    def shape(groups: tuple[SlotGroup, ...]) -> set[tuple[object, ...]]:
        return {(g.key, g.need, g.priority, g.start, g.end) for g in groups}

    assert shape(plan.groups) == shape(case.plan.groups)
    carol_group = next(g for g in plan.groups if g.key == case.plan.covers[0].group)
    assert carol_group.replaces == ("1001",)


def test_round_trip_gives_back_the_strike_and_declarations_planned_with(
        case: Case, tmp_path: Path) -> None:
    windows = (StrikeWindow(dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 4, 7)),
               StrikeWindow(dt.datetime(2026, 3, 6, 7), dt.datetime(2026, 3, 7, 7)))
    planned = case.scenario.with_strike(windows).with_declarations(
        {"1001": Declaration.WORKING, "2001": Declaration.UNDECLARED})
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, case.plan, out, scenario=planned)
    # The rota as read from the file says otherwise; the plan's own sheets win.
    from_file = case.scenario.with_declarations({"1001": Declaration.STRIKING})
    _, scenario = read_plan(out, from_file)
    assert scenario.strike_windows == windows
    assert {p.key: p.declaration for p in scenario.people} == {
        p.key: p.declaration for p in planned.people}


def test_hand_typed_times_are_read_too(case: Case, plan_file: Path) -> None:
    wb = load_workbook(plan_file)
    changes = wb["Changes"]
    changes["C2"], changes["D2"] = dt.time(8), "17:00"
    changes["R2"] = "locked"
    wb.save(plan_file)
    plan, _ = read_plan(plan_file, case.scenario)
    first = next(c for c in plan.covers if c.person_key == "2001")
    assert (first.start.hour, first.end.hour, first.locked) == (8, 17, True)


@pytest.mark.parametrize(("sheet", "cells", "message"), [
    ("Changes", {"G2": "high"}, "sheet 'Changes', row 2, column G: Priority should be a number"),
    ("Changes", {"H2": "Dr Nobody", "I2": None},
     "sheet 'Changes', row 2, column H: no single doctor"),
    ("Changes", {"H2": "Dr Dan Sas"}, "sheet 'Changes', row 2, column I: Staff ID 2001 is"),
    ("Changes", {"K2": "Volunteer"}, "sheet 'Changes', row 2, column K: Cover type should be"),
    ("Changes", {"L2": "Dr Nobody"}, "sheet 'Changes', row 2, column L: no doctor called"),
    ("Changes", {"A3": "someday"}, "sheet 'Changes', row 3, column A: expected a date"),
    ("Changes", {"R2": "Rejected"}, "sheet 'Changes', row 2, column R: Status should be"),
    ("Gaps", {"F2": "Boss"}, "sheet 'Gaps', row 2, column F: not a tier"),
    ("Gaps", {"H2": 1.5}, "sheet 'Gaps', row 2, column H: Needed should be a whole number"),
    ("Staff", {"G2": "Maybe"}, "sheet 'Staff', row 2, column G: Strike should be Yes, No or"),
    ("Strike", {"B2": "soon"}, "sheet 'Strike', row 2, column B: expected a date and time"),
    ("Strike", {"B2": dt.datetime(2026, 3, 1)}, "sheet 'Strike', row 2, column B: the strike"),
])
def test_bad_cells_are_reported_with_sheet_row_and_column(
        case: Case, plan_file: Path, sheet: str, cells: dict[str, object], message: str) -> None:
    wb = load_workbook(plan_file)
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(plan_file)
    with pytest.raises(PlannerError) as raised:
        read_plan(plan_file, case.scenario)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize("sheet", ["Changes", "Gaps", "Cancelled", "Strike", "Staff"])
def test_a_missing_sheet_is_named(case: Case, plan_file: Path, sheet: str) -> None:
    wb = load_workbook(plan_file)
    del wb[sheet]
    wb.save(plan_file)
    with pytest.raises(PlannerError, match=f"no '{sheet}' sheet"):
        read_plan(plan_file, case.scenario)


def test_a_missing_column_is_named(case: Case, plan_file: Path) -> None:
    wb = load_workbook(plan_file)
    wb["Changes"]["O1"] = "Price"
    wb.save(plan_file)
    with pytest.raises(PlannerError, match="sheet 'Changes', row 1: no 'Cost' column"):
        read_plan(plan_file, case.scenario)


def test_not_a_workbook_is_a_planner_error(case: Case, tmp_path: Path) -> None:
    bad = tmp_path / "plan.xlsx"
    bad.write_text("not a workbook")
    with pytest.raises(PlannerError, match="cannot read"):
        read_plan(bad, case.scenario)


def test_the_export_imports_as_the_revised_rota(case: Case, plan_file: Path) -> None:
    read = pytest.importorskip("planner.workbook.read", reason="the importer is not there yet")
    imported = read.read_workbook(plan_file)
    codes = {(e.person_key, e.day): e.code.upper() for e in imported.scenario.roster}
    alice = next(p for p in imported.scenario.people if p.name == "Dr Alice Reg")
    assert codes[(alice.key, case.plan.covers[0].group.day)] == "STRIKE"
    assert imported.scenario.code("STRIKE").type.value == "Off"
    assert imported.scenario.code("CANCELLED").type.value == "Off"
    assert imported.scenario.strike_windows == case.scenario.strike_windows
    assert dataclasses.replace(alice, source=None).declaration is Declaration.UNDECLARED


def test_export_and_read_back_a_plan_for_a_real_import(tmp_path: Path) -> None:
    read = pytest.importorskip("planner.workbook.read", reason="the importer is not there yet")
    source, out = tmp_path / "rota.xlsx", tmp_path / "plan.xlsx"
    write_rota_workbook(source)
    imported = read.read_workbook(source)
    scenario = imported.scenario.with_strike((STRIKE,))
    plan = build_plan(scenario)
    export_plan(source, imported, plan, out, scenario=scenario)
    grid = load_workbook(out)["Rota"]
    assert grid["F5"].value == "STRIKE (was D)" and grid["F7"].value == "D"
    below = [r for r in range(imported.layout.last_row + 1, grid.max_row + 1)
             if grid.cell(row=r, column=1).value == "Dr Lou Locum"]
    assert len(below) == 1 and grid.cell(row=below[0], column=7).value == "N"
    assert grid.cell(row=below[0] - 1, column=1).value == "Locum and bank cover"
    read_back, planned = read_plan(out, imported.scenario)
    assert _sorted(read_back.covers) == _sorted(plan.covers)
    assert planned.strike_windows == (STRIKE,)
