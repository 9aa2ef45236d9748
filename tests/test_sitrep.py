"""The daily situation report, counted as the brief says."""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner.domain import (
    Declaration, Person, RosterEntry, Scenario, ShiftCode, ShiftType, StaffKind, StrikeWindow,
)
from planner.grades import Tier
from planner.plan import CancelledSession, Plan
from planner.sitrep import SitrepDay, sitrep

MONDAY = dt.date(2026, 3, 2)
CODES = {
    "D": ShiftCode("D", ShiftType.WORK, dt.time(8), dt.time(17)),
    "N": ShiftCode("N", ShiftType.WORK, dt.time(20), dt.time(8, 30)),
    "CL": ShiftCode("CL", ShiftType.ELECTIVE, dt.time(9), dt.time(13)),
    "AL": ShiftCode("AL", ShiftType.LEAVE),
    "OFF": ShiftCode("OFF", ShiftType.OFF),
}


def _day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def _person(key: str, tier: Tier, declaration: Declaration = Declaration.UNDECLARED) -> Person:
    return Person(key=key, name=key, tier=tier, declaration=declaration)


def _scenario(rotas: dict[Person, str], undeclared_strike: bool = True) -> Scenario:
    roster = tuple(
        RosterEntry(p.key, _day(n), code)
        for p, rota in rotas.items() for n, code in enumerate(rota.split()) if code != "."
    )
    window = StrikeWindow(dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 5, 7))
    return Scenario(people=tuple(rotas), shift_codes=CODES, roster=roster,
                    dates=tuple(_day(n) for n in range(5)), strike_windows=(window,),
                    undeclared_strike=undeclared_strike)


def _plan(*cancelled: CancelledSession) -> Plan:
    return Plan(groups=(), covers=(), cancelled=cancelled, gaps=())


REG = _person("reg", Tier.REGISTRAR, Declaration.STRIKING)
FY1 = _person("fy1", Tier.FOUNDATION)  # undeclared
CT = _person("ct", Tier.CORE, Declaration.WORKING)
CONS = _person("cons", Tier.CONSULTANT)
ROTAS = {
    REG: "D D N OFF D",
    FY1: "D AL D D D",
    CT: "N D D . .",
    CONS: "CL CL OFF CL CL",
}


def test_one_row_per_strike_date_only() -> None:
    days = [d.day for d in sitrep(_scenario(ROTAS), _plan())]
    assert days == [_day(1), _day(2)]


def test_due_to_work_counts_strikers_and_excludes_leave_and_off() -> None:
    report = sitrep(_scenario(ROTAS), _plan())
    # Tuesday: reg D, fy1 AL (leave), ct D, cons CL -> 3 due, reg striking.
    assert report[0] == SitrepDay(_day(1), due_to_work=3, taking_part=1, electives_cancelled=0)
    # Wednesday: reg N, fy1 D (undeclared: planned as striking), ct D, cons OFF.
    assert report[1] == SitrepDay(_day(2), due_to_work=3, taking_part=2, electives_cancelled=0)


def test_undeclared_count_as_taking_part_only_in_the_worst_case() -> None:
    report = sitrep(_scenario(ROTAS, undeclared_strike=False), _plan())
    assert [d.taking_part for d in report] == [1, 1]


def test_cancelled_electives_are_counted_on_their_date() -> None:
    tuesday_clinic = CancelledSession("cons", _day(1), "CL", *CODES["CL"].times_on(_day(1)), "x")
    monday_clinic = dataclasses.replace(tuesday_clinic, day=_day(0))
    report = sitrep(_scenario(ROTAS), _plan(tuesday_clinic, monday_clinic))
    assert [d.electives_cancelled for d in report] == [1, 0]


def test_consultants_and_locums_never_take_part() -> None:
    locum = dataclasses.replace(_person("loc", Tier.REGISTRAR, Declaration.STRIKING),
                                kind=StaffKind.LOCUM)
    consultant = _person("c2", Tier.CONSULTANT, Declaration.STRIKING)
    report = sitrep(_scenario({consultant: ". D D", locum: ""}), _plan())
    assert [(d.due_to_work, d.taking_part) for d in report] == [(1, 0), (1, 0)]
