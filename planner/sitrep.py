"""The daily situation report NHS England asks trusts for during a strike.

Per strike date (a date whose shifts start inside a strike window): the doctors due to work
(rostered on a Work or Elective shift starting that date, strikers included), those taking
part in action (striking residents rostered that date) and the elective sessions the plan
cancels that date. The counts are of the rota as rostered: covers the plan adds are extra work
and do not change who was due to work.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from planner.domain import Scenario
from planner.plan import Plan


@dataclass(frozen=True)
class SitrepDay:
    """One strike date's situation-report totals."""

    day: dt.date
    due_to_work: int
    taking_part: int
    electives_cancelled: int


def sitrep(scenario: Scenario, plan: Plan) -> list[SitrepDay]:
    """The situation report, one row per strike date in date order."""
    due = _rostered_to_work(scenario)
    cancelled = Counter(session.day for session in plan.cancelled)
    striking = {p.key for p in scenario.people if scenario.is_striking(p)}
    return [
        SitrepDay(
            day=day,
            due_to_work=len(due.get(day, set())),
            taking_part=len(due.get(day, set()) & striking),
            electives_cancelled=cancelled[day],
        )
        for day in scenario.strike_dates
    ]


def _rostered_to_work(scenario: Scenario) -> dict[dt.date, set[str]]:
    """Person keys with a Work or Elective code on each date."""
    found: dict[dt.date, set[str]] = {}
    for entry in scenario.roster:
        if scenario.code(entry.code).type.is_worked:
            found.setdefault(entry.day, set()).add(entry.person_key)
    return found
