"""Properties of the checker's costing and 168-hour window, against brute force."""

from __future__ import annotations

import datetime as dt

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.checker.costing import shift_cost
from planner.checker.rules import WEEK, max_window_minutes
from planner.domain import BandRates

RATES = BandRates(weekday_day=158, weekday_evening=210, weekend_day=230, night=262)
ENGLAND = holidays.country_holidays("GB", subdiv="ENG")
YEAR_START = dt.datetime(2026, 1, 1)

starts = st.integers(0, 364 * 24 * 60).map(lambda m: YEAR_START + dt.timedelta(minutes=m))


def _minute_rate(moment: dt.datetime) -> float:
    """The rate of one minute, read straight from the brief's table."""
    hour = moment.hour
    if hour < 7 or hour >= 23:
        return RATES.night
    if moment.weekday() >= 5 or moment.date() in ENGLAND:
        return RATES.weekend_day
    return RATES.weekday_day if hour < 19 else RATES.weekday_evening


@given(starts, st.integers(1, 30 * 60))
@settings(max_examples=150, deadline=None)
def test_cost_is_the_sum_of_minute_costs(start: dt.datetime, minutes: int) -> None:
    brute = sum(_minute_rate(start + dt.timedelta(minutes=m)) for m in range(minutes)) / 60
    assert abs(shift_cost(start, start + dt.timedelta(minutes=minutes), RATES) - brute) < 1e-6


@given(starts, st.integers(2, 30 * 60), st.data())
def test_cost_splits_at_any_minute(start: dt.datetime, minutes: int, data: st.DataObject) -> None:
    cut = data.draw(st.integers(1, minutes - 1))
    middle, end = start + dt.timedelta(minutes=cut), start + dt.timedelta(minutes=minutes)
    whole = shift_cost(start, end, RATES)
    assert abs(whole - shift_cost(start, middle, RATES) - shift_cost(middle, end, RATES)) < 1e-6


STEP = 30  # shift ends lie on a 30-minute grid, so the maximum is found on that grid
shift_sets = st.lists(st.tuples(st.integers(0, 10 * 48), st.integers(1, 28)), max_size=12)


@given(shift_sets)
@settings(max_examples=150, deadline=None)
def test_168_hour_maximum_matches_brute_force(spans: list[tuple[int, int]]) -> None:
    base = dt.datetime(2026, 3, 16)
    intervals = [(base + dt.timedelta(minutes=STEP * s),
                  base + dt.timedelta(minutes=STEP * (s + n))) for s, n in spans]
    brute = 0.0
    for k in range(-7 * 48, 12 * 48):
        lo = base + dt.timedelta(minutes=STEP * k)
        hi = lo + WEEK
        inside = sum(max(0.0, (min(e, hi) - max(s, lo)).total_seconds() / 60)
                     for s, e in intervals)
        brute = max(brute, inside)
    assert max_window_minutes(intervals) == brute


@given(st.lists(st.tuples(st.integers(0, 3 * 24 * 60), st.integers(1, 600)), max_size=6),
       st.integers(60, 24 * 60))
@settings(max_examples=100, deadline=None)
def test_short_window_maximum_matches_minute_by_minute(spans: list[tuple[int, int]],
                                                       length: int) -> None:
    base = dt.datetime(2026, 3, 16)
    intervals = [(base + dt.timedelta(minutes=s), base + dt.timedelta(minutes=s + n))
                 for s, n in spans]
    window = dt.timedelta(minutes=length)
    brute = 0
    for k in range(-length, 4 * 24 * 60 + 600):  # every minute a window can start
        brute = max(brute, sum(max(0, min(s + n, k + length) - max(s, k)) for s, n in spans))
    assert max_window_minutes(intervals, window) == brute
