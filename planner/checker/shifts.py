"""The shifts a person actually works under a plan, and what makes a shift a night or long."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain import RosterEntry, Scenario, ShiftType
from planner.plan import Cover

CancelKey = tuple[str, dt.date, str]
"""A rostered session: person key, date, upper-case code."""


@dataclass(frozen=True, slots=True)
class WorkedShift:
    """A shift someone works: a rostered Work/Elective entry or one of the plan's covers."""

    start: dt.datetime
    end: dt.datetime
    code: str
    is_cover: bool

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def day(self) -> dt.date:
        return self.start.date()

    @property
    def label(self) -> str:
        return f"cover {self.code}" if self.is_cover else self.code


def night_minutes(start: dt.datetime, end: dt.datetime) -> int:
    """Minutes of [start, end) inside any 23:00-06:00 interval (across midnight)."""
    total = 0.0
    day = start.date() - dt.timedelta(days=1)
    while dt.datetime.combine(day, dt.time(23)) < end:
        low = max(start, dt.datetime.combine(day, dt.time(23)))
        high = min(end, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(6)))
        total += max(0.0, (high - low).total_seconds())
        day += dt.timedelta(days=1)
    return int(total // 60)


def rostered_shifts(scenario: Scenario, entries: Iterable[RosterEntry],
                    cancelled: set[CancelKey], striking: bool) -> list[WorkedShift]:
    """Timed Work/Elective entries still worked: not validly cancelled, not struck."""
    worked: list[WorkedShift] = []
    for entry in entries:
        code = scenario.code(entry.code)
        if not code.type.is_worked or not code.is_timed:
            continue
        if code.type is ShiftType.ELECTIVE and (entry.person_key, entry.day, code.code) in cancelled:
            continue
        start, end = code.times_on(entry.day)
        if striking and scenario.in_strike(start):
            continue
        worked.append(WorkedShift(start, end, code.code, False))
    return worked


def worked_shifts(scenario: Scenario, person_key: str, covers: Iterable[Cover],
                  cancelled: set[CancelKey]) -> list[WorkedShift]:
    """Everything ``person_key`` works under the plan, sorted by start (then end)."""
    person = scenario.people_by_key.get(person_key)
    striking = person is not None and scenario.is_striking(person)
    entries = scenario.entries_by_person.get(person_key, ())
    shifts = rostered_shifts(scenario, entries, cancelled, striking)
    shifts.extend(WorkedShift(c.start, c.end, c.group.shift_code.upper(), True) for c in covers)
    shifts.sort(key=lambda s: (s.start, s.end, s.is_cover))
    return shifts
