"""Tiny scenarios for solver tests, written as rota strings ("D D N N . . OFF")."""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner.domain import (CoverRule, Declaration, Person, RosterEntry, Scenario, ShiftCode,
                            ShiftType, StaffKind, StrikeWindow, WorkingTimeRules)
from planner.grades import Tier, tier_of_grade

MONDAY = dt.date(2026, 3, 2)


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


CODES = {
    "D": ShiftCode("D", ShiftType.WORK, _t("08:00"), _t("17:00")),
    "LD": ShiftCode("LD", ShiftType.WORK, _t("08:00"), _t("20:30")),
    "N": ShiftCode("N", ShiftType.WORK, _t("20:00"), _t("08:30")),
    "SN": ShiftCode("SN", ShiftType.WORK, _t("22:00"), _t("07:00")),
    "E": ShiftCode("E", ShiftType.WORK, _t("07:00"), _t("15:00")),
    "TW": ShiftCode("TW", ShiftType.WORK, _t("16:00"), _t("00:00")),
    "X14": ShiftCode("X14", ShiftType.WORK, _t("07:00"), _t("21:00")),
    "CL": ShiftCode("CL", ShiftType.ELECTIVE, _t("09:00"), _t("13:00")),
    "PM": ShiftCode("PM", ShiftType.ELECTIVE, _t("13:00"), _t("17:00")),
    "AL": ShiftCode("AL", ShiftType.LEAVE),
    "OFF": ShiftCode("OFF", ShiftType.OFF),
}


def doctor(name: str, grade: str, specialty: str = "Emergency Medicine", **extra: object) -> Person:
    tier = tier_of_grade(grade)
    assert tier is not None, grade
    return Person(key=name, name=name, tier=tier, grade=grade, specialty=specialty, **extra)  # type: ignore[arg-type]


def locum(name: str, grade: str, specialty: str, rate: float) -> Person:
    return dataclasses.replace(doctor(name, grade, specialty), kind=StaffKind.LOCUM, hourly_rate=rate)


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def strike(first: int, days: int) -> StrikeWindow:
    """A walkout from 07:00 on day ``first`` to 07:00 the day after its last day."""
    start = dt.datetime.combine(day(first), dt.time(7))
    return StrikeWindow(start, start + dt.timedelta(days=days))


def scenario(rotas: dict[Person, str], windows: tuple[StrikeWindow, ...] = (),
             cover_rules: tuple[CoverRule, ...] | None = None,
             rules: WorkingTimeRules = WorkingTimeRules(), days: int = 14) -> Scenario:
    """People with rota strings: one token per day from Monday 2 March 2026, '.' = blank."""
    roster = []
    for person, rota in rotas.items():
        for n, code in enumerate(rota.split()):
            if code != ".":
                roster.append(RosterEntry(person.key, day(n), code))
    return Scenario(
        people=tuple(rotas), shift_codes=CODES, roster=tuple(roster),
        dates=tuple(day(n) for n in range(days)), strike_windows=windows,
        cover_rules=cover_rules, rules=rules,
    )


STRIKING = {"declaration": Declaration.STRIKING}
WORKING = {"declaration": Declaration.WORKING}
__all__ = ["Tier", "CoverRule", "doctor", "locum", "day", "strike", "scenario", "STRIKING", "WORKING"]
