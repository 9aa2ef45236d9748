"""Import -> plan -> export -> re-import on the bundled department sample: the plan passes the
checker, and the exported workbook reads back as the revised rota."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.checker import check_plan
from planner.demand import struck_shifts
from planner.domain import ShiftType
from planner.plan import Plan
from planner.workbook.export import export_plan
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook
from solver import SolveConfig, SolveRequest, solve

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, Plan, ImportResult]:
    imported = read_workbook(ASSETS / "department.xlsx")
    plan = solve(SolveRequest(imported.scenario), SolveConfig(time_limit_seconds=30, num_workers=2))
    out = tmp_path_factory.mktemp("trip") / "plan.xlsx"
    export_plan(ASSETS / "department.xlsx", imported, plan, out)
    return imported, plan, read_workbook(out)


def test_the_plan_covers_something_and_passes_the_checker(round_trip: tuple[ImportResult, Plan, ImportResult]) -> None:
    imported, plan, _ = round_trip
    assert plan.covers
    assert check_plan(imported.scenario, plan).ok


def test_every_cover_reads_back_as_worked_by_its_doctor(round_trip: tuple[ImportResult, Plan, ImportResult]) -> None:
    imported, plan, again = round_trip
    names = {p.key: p.name for p in imported.scenario.people}
    worked = {(p.name, e.day): e.code for p in again.scenario.people
              for e in again.scenario.entries_by_person[p.key]}
    for cover in plan.covers:
        assert worked[(names[cover.person_key], cover.group.day)] == cover.group.shift_code


def test_struck_shifts_read_back_as_not_worked(round_trip: tuple[ImportResult, Plan, ImportResult]) -> None:
    imported, _, again = round_trip
    by_name = {p.name: p.key for p in again.scenario.people}
    struck = struck_shifts(imported.scenario)
    assert struck
    for shift in struck:
        entries = again.scenario.entries_by_person[by_name[shift.person.name]]
        code = next(e.code for e in entries if e.day == shift.entry.day)
        assert not again.scenario.code(code).type.is_worked
    assert not struck_shifts(again.scenario)


def test_nobody_is_read_twice(round_trip: tuple[ImportResult, Plan, ImportResult]) -> None:
    imported, _, again = round_trip
    assert len(again.scenario.people) == len(imported.scenario.people)
    pool_before = sorted(p.name for p in imported.scenario.people if p.is_pool)
    pool_after = sorted(p.name for p in again.scenario.people if p.is_pool)
    assert pool_after == pool_before
    assert all(again.scenario.code(c).type is not ShiftType.UNKNOWN
               for c in ("STRIKE", "CANCELLED"))


def test_stopping_mid_solve_returns_the_best_plan_so_far_and_it_is_legal() -> None:
    imported = read_workbook(ASSETS / "department.xlsx")
    seen: list[object] = []

    def on_progress(progress: object) -> None:
        seen.append(progress)

    def should_stop() -> bool:  # stop once CP-SAT has reported its first plan
        return any(getattr(p, "objective", None) is not None for p in seen)

    plan = solve(SolveRequest(imported.scenario), SolveConfig(time_limit_seconds=60, num_workers=2),
                 on_progress=on_progress, should_stop=should_stop)
    assert plan.status == "stopped — best plan so far"
    assert check_plan(imported.scenario, plan).ok
    assert sum(g.missing for g in plan.gaps) + len(plan.covers) == sum(g.need for g in plan.groups)
