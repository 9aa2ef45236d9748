"""Reading a rota workbook into a :class:`~planner.domain.Scenario`: the import pipeline.

Each step takes what the previous one produced: open the file, find the grid (or check the
manager's layout), read the shift codes, read the people rows and their cells, read the Staff
sheet and put the two together, read the Cover, Strike, Rates and Rules sheets, then check
what was read against itself. Everything found along the way is an issue with its place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.domain import CellRef, CoverRule, Person, Scenario, specialty_key
from planner.workbook.assemble import assemble_people
from planner.workbook.codes import CodeMatcher
from planner.workbook.cover import read_cover
from planner.workbook.detect import Grid, load_grid
from planner.workbook.issues import IssueLog
from planner.workbook.layout import GridLayout, ImportResult
from planner.workbook.opening import open_workbook
from planner.workbook.people import read_people_rows
from planner.workbook.rates import read_rates
from planner.workbook.rules import read_rules
from planner.workbook.shifts import read_shift_codes
from planner.workbook.staff import read_staff
from planner.workbook.strike import read_strike
from planner.workbook.tables import find_side_sheets

Progress = Callable[[str, float], None]


def _no_progress(step: str, fraction: float) -> None:
    """Progress goes nowhere unless a caller asks for it."""


@dataclass
class _Reading:
    """What the pipeline has read so far."""

    path: Path
    book: Any
    log: IssueLog
    grid: Grid
    sides: dict[str, Any]


def read_workbook(
    path: str | Path, layout: GridLayout | None = None, on_progress: Progress | None = None
) -> ImportResult:
    """Read the rota workbook at ``path`` (.xlsx or .xlsm).

    ``layout`` skips grid detection (it is still checked). ``on_progress(step, fraction)`` is
    called between steps. Raises :class:`~planner.domain.PlannerError` when the file cannot be
    used at all; everything else found is in the result's issues, with its place.
    """
    progress = on_progress or _no_progress
    progress("Opening the workbook", 0.0)
    path = Path(path)
    book = open_workbook(path)
    progress("Finding the rota grid", 0.4)
    log = IssueLog()
    grid = load_grid(book, layout, path.name, log)
    reading = _Reading(path, book, log, grid, find_side_sheets(book, grid.layout.sheet))
    scenario = _read_scenario(reading, progress)
    progress("Done", 1.0)
    return ImportResult(
        scenario=scenario, layout=grid.layout, issues=tuple(log.issues),
        sheets_used=(grid.layout.sheet, *(s.title for s in reading.sides.values())),
    )


def _read_scenario(reading: _Reading, progress: Progress) -> Scenario:
    log, sides, layout = reading.log, reading.sides, reading.grid.layout
    progress("Reading shift codes", 0.5)
    codes, undefined_means = read_shift_codes(sides.get("shifts"), layout.sheet, log)
    progress("Reading the rota", 0.55)
    grid_people = read_people_rows(reading.grid, CodeMatcher(codes), undefined_means, log)
    progress("Reading the Staff sheet", 0.8)
    people, roster = assemble_people(grid_people, read_staff(sides.get("staff"), log), layout, log)
    progress("Reading the Cover, Strike, Rates and Rules sheets", 0.9)
    cover_rules = read_cover(sides.get("cover"), codes, log)
    scenario = Scenario(
        people=people, shift_codes=codes, roster=roster,
        dates=tuple(sorted(day for _, day in layout.date_columns)),
        strike_windows=read_strike(sides.get("strike"), log),
        cover_rules=cover_rules, rules=read_rules(sides.get("rules"), log),
        rates=read_rates(sides.get("rates"), log), name=reading.path.stem,
    )
    progress("Checking what was read", 0.95)
    _check(scenario, layout, log)
    return scenario


def _check(scenario: Scenario, layout: GridLayout, log: IssueLog) -> None:
    """Cross-checks between sheets: each is fine alone but suspicious together."""
    _check_dates(layout, log)
    if scenario.cover_rules is not None:
        _check_cover_specialties(scenario.cover_rules, scenario.people, log)
    if not any(p.specialty for p in scenario.people if not p.is_pool) and not layout.specialty_column:
        log.info(CellRef(layout.sheet, layout.header_row), (
            "No specialty column: doctors have no specialty unless the Staff sheet gives one."
        ))


def _check_dates(layout: GridLayout, log: IssueLog) -> None:
    days = [day for _, day in layout.date_columns]
    where = CellRef(layout.sheet, layout.header_row)
    if days != sorted(days):
        log.info(where, "The date columns are not in date order; they are read in date order.")
    ordered = sorted(days)
    gaps = [b for a, b in zip(ordered, ordered[1:]) if (b - a).days > 1]
    if gaps:
        missing = ", ".join(f"before {day:%d/%m/%Y}" for day in gaps[:5])
        log.info(where, f"The dates are not consecutive: days are missing {missing}.")


def _check_cover_specialties(
    rules: tuple[CoverRule, ...], people: tuple[Person, ...], log: IssueLog
) -> None:
    known = {specialty_key(p.specialty) for p in people}
    for rule in rules:
        if specialty_key(rule.specialty) not in known and rule.source is not None:
            log.problem(rule.source, (
                f"Cover rule for '{rule.specialty}', which is no doctor's specialty: check the "
                "spelling against the rota."
            ))
