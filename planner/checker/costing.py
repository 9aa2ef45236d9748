"""The checker's own costing of covers, minute by minute across the brief's cost bands.

Bands: weekday day 07:00-19:00, weekday evening 19:00-23:00, weekend day (Saturday, Sunday
and bank holidays of England) 07:00-23:00, night 23:00-07:00 every day. Each moment takes the
day type of its own calendar date.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays

from planner.checker.report import COST, Violation
from planner.checker.wording import at, who
from planner.domain import BandRates, Person, Scenario
from planner.plan import Plan

NIGHT, WEEKDAY_DAY, WEEKDAY_EVENING, WEEKEND_DAY = "night", "weekday_day", "weekday_evening", \
    "weekend_day"

_WEEKDAY_BANDS = ((0, 7, NIGHT), (7, 19, WEEKDAY_DAY), (19, 23, WEEKDAY_EVENING), (23, 24, NIGHT))
_WEEKEND_BANDS = ((0, 7, NIGHT), (7, 23, WEEKEND_DAY), (23, 24, NIGHT))


@functools.cache
def _english_holidays() -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG")


def is_weekend_day(day: dt.date) -> bool:
    """Saturday, Sunday or a bank holiday of England."""
    return day.weekday() >= 5 or day in _english_holidays()


def band_minutes(start: dt.datetime, end: dt.datetime) -> dict[str, float]:
    """Minutes of [start, end) in each band (exact sub-intervals, so fractions are kept)."""
    found = {NIGHT: 0.0, WEEKDAY_DAY: 0.0, WEEKDAY_EVENING: 0.0, WEEKEND_DAY: 0.0}
    day = start.date()
    while dt.datetime.combine(day, dt.time()) < end:
        midnight = dt.datetime.combine(day, dt.time())
        for low, high, band in _WEEKEND_BANDS if is_weekend_day(day) else _WEEKDAY_BANDS:
            lo = max(start, midnight + dt.timedelta(hours=low))
            hi = min(end, midnight + dt.timedelta(hours=high))
            if hi > lo:
                found[band] += (hi - lo).total_seconds() / 60
        day += dt.timedelta(days=1)
    return found


def rates_of(scenario: Scenario, person: Person) -> BandRates:
    """The person's own hourly rate in every band if set, else the rate card's."""
    if person.hourly_rate is not None:
        rate = person.hourly_rate
        return BandRates(weekday_day=rate, weekday_evening=rate, weekend_day=rate, night=rate)
    return scenario.rates.rates_for(person)


def shift_cost(start: dt.datetime, end: dt.datetime, rates: BandRates) -> float:
    """Pounds for working [start, end) at ``rates`` (not rounded)."""
    per_hour = {NIGHT: rates.night, WEEKDAY_DAY: rates.weekday_day,
                WEEKDAY_EVENING: rates.weekday_evening, WEEKEND_DAY: rates.weekend_day}
    return sum(minutes * per_hour[band] / 60 for band, minutes in band_minutes(start, end).items())


def check_costs(scenario: Scenario, plan: Plan) -> list[Violation]:
    """A violation for each cover whose cost differs from the checker's by over £0.01."""
    found: list[Violation] = []
    for cover in plan.covers:
        person = scenario.people_by_key.get(cover.person_key)
        if person is None:
            continue  # reported under eligibility
        expected = shift_cost(cover.start, cover.end, rates_of(scenario, person))
        if abs(expected - cover.cost) > 0.01 + 1e-9:
            text = (f"{who(scenario, cover.person_key)}: cover {cover.group.shift_code} from "
                    f"{at(cover.start)} costs £{cover.cost:,.2f} in the plan, "
                    f"£{expected:,.2f} by the rate card")
            found.append(Violation(COST, cover.person_key, cover.start, text, cover.start,
                                   cover.end))
    return found
