"""Working-time rules, read exactly as the brief reads them, over one person's worked shifts.

Each check returns findings ``(plan's doing, violation)``: a breach between two shifts is the
plan's doing when either shift is a cover; a breach over a window or run when it contains one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.checker.report import (
    CONSECUTIVE_LONG, CONSECUTIVE_NIGHTS, CONSECUTIVE_SHIFTS, HOURS_168, OVERLAP, REST,
    REST_AFTER_NIGHTS, SHIFT_LENGTH, Violation,
)
from planner.checker.shifts import CancelKey, WorkedShift, night_minutes, worked_shifts
from planner.checker.wording import at, hours, limit, on, who
from planner.domain import Scenario, WorkingTimeRules
from planner.plan import Cover, Plan

Finding = tuple[bool, Violation]
"""A breach and whether it is the plan's doing (True) or already in the rota (False)."""

WEEK = dt.timedelta(hours=168)
_EPS = 1e-6


@dataclass(frozen=True)
class _Who:
    """The person being checked and the limits that apply."""

    key: str
    name: str
    rules: WorkingTimeRules


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


# --- overlap and rest ---------------------------------------------------------------------

def _pairs(p: _Who, shifts: Sequence[WorkedShift]) -> list[Finding]:
    """Overlapping shifts, and too little rest between one shift's end and the next start."""
    found: list[Finding] = []
    active: list[WorkedShift] = []
    latest: WorkedShift | None = None
    for shift in shifts:
        active = [s for s in active if s.end > shift.start]
        for other in active:
            found.append(_overlap(p, other, shift))
        if not active and latest is not None:
            rest = _minutes(shift.start - latest.end)
            if rest < p.rules.min_rest_hours * 60 - _EPS:
                found.append(_rest(p, latest, shift, rest))
        active.append(shift)
        if latest is None or shift.end > latest.end:
            latest = shift
    return found


def _overlap(p: _Who, first: WorkedShift, second: WorkedShift) -> Finding:
    text = (f"{p.name}: {first.label} {at(first.start)}-{at(first.end)} overlaps "
            f"{second.label} {at(second.start)}-{at(second.end)}")
    caused = first.is_cover or second.is_cover
    return caused, Violation(OVERLAP, p.key, second.start, text, first.start,
                             max(first.end, second.end))


def _rest(p: _Who, first: WorkedShift, second: WorkedShift, rest: float) -> Finding:
    text = (f"{p.name}: only {hours(rest)} rest between {first.label} ending {at(first.end)} "
            f"and {second.label} starting {at(second.start)} "
            f"(minimum {limit(p.rules.min_rest_hours)})")
    caused = first.is_cover or second.is_cover
    return caused, Violation(REST, p.key, second.start, text, first.start, second.end)


# --- length of one shift ------------------------------------------------------------------

def _shift_length(p: _Who, shifts: Sequence[WorkedShift]) -> list[Finding]:
    found: list[Finding] = []
    for shift in shifts:
        if shift.minutes > p.rules.max_shift_hours * 60 + _EPS:
            text = (f"{p.name}: {shift.label} {at(shift.start)}-{at(shift.end)} lasts "
                    f"{hours(shift.minutes)} (maximum {limit(p.rules.max_shift_hours)})")
            found.append((shift.is_cover, Violation(SHIFT_LENGTH, p.key, shift.start, text,
                                                    shift.start, shift.end)))
    return found


# --- hours in any 168 hours ---------------------------------------------------------------

def window_total(shifts: Sequence[WorkedShift], starts: Sequence[dt.datetime],
                 longest: dt.timedelta, begin: dt.datetime,
                 length: dt.timedelta) -> tuple[float, bool]:
    """Minutes worked in [begin, begin + length), and whether a cover falls in it.

    ``shifts`` are sorted by start, ``starts`` are their starts and ``longest`` is the
    longest shift, so only shifts starting in [begin - longest, begin + length) are read.
    """
    end = begin + length
    total = 0.0
    has_cover = False
    first = bisect.bisect_left(starts, begin - longest)
    for shift in shifts[first:bisect.bisect_left(starts, end)]:
        inside = _minutes(min(shift.end, end) - max(shift.start, begin))
        if inside > 0:
            total += inside
            has_cover = has_cover or shift.is_cover
    return total, has_cover


def window_starts(shifts: Sequence[WorkedShift], length: dt.timedelta) -> list[dt.datetime]:
    """Enough window starts to find the maximum: at each start, and ending at each end."""
    return sorted({s.start for s in shifts} | {s.end - length for s in shifts})


def max_window_minutes(intervals: Sequence[tuple[dt.datetime, dt.datetime]],
                       length: dt.timedelta = WEEK) -> float:
    """The most minutes of ``intervals`` inside any window of ``length``."""
    shifts = sorted((WorkedShift(s, e, "", False) for s, e in intervals), key=lambda w: w.start)
    return max(_totals(shifts, length).values(), default=0.0)


def _totals(shifts: Sequence[WorkedShift], length: dt.timedelta) -> dict[dt.datetime, float]:
    starts = [s.start for s in shifts]
    longest = max((s.end - s.start for s in shifts), default=dt.timedelta())
    return {t: window_total(shifts, starts, longest, t, length)[0]
            for t in window_starts(shifts, length)}


def _hours_168(p: _Who, shifts: Sequence[WorkedShift]) -> list[Finding]:
    """One finding per run of overlapping over-limit windows, caused and pre-existing apart."""
    starts = [s.start for s in shifts]
    longest = max((s.end - s.start for s in shifts), default=dt.timedelta())
    over: dict[bool, list[tuple[dt.datetime, float]]] = {True: [], False: []}
    for begin in window_starts(shifts, WEEK):
        total, has_cover = window_total(shifts, starts, longest, begin, WEEK)
        if total > p.rules.max_hours_per_168 * 60 + _EPS:
            over[has_cover].append((begin, total))
    return [(caused, _window_violation(p, cluster))
            for caused, windows in over.items() for cluster in _clusters(windows)]


def _clusters(windows: list[tuple[dt.datetime, float]]) -> list[list[tuple[dt.datetime, float]]]:
    clusters: list[list[tuple[dt.datetime, float]]] = []
    for window in windows:
        if clusters and window[0] < clusters[-1][-1][0] + WEEK:
            clusters[-1].append(window)
        else:
            clusters.append([window])
    return clusters


def _window_violation(p: _Who, cluster: list[tuple[dt.datetime, float]]) -> Violation:
    begin, total = max(cluster, key=lambda w: (w[1], w[0]))
    text = (f"{p.name}: {hours(total)} worked in the 168 h from {at(begin)} to "
            f"{at(begin + WEEK)} (maximum {limit(p.rules.max_hours_per_168)})")
    return Violation(HOURS_168, p.key, begin, text, cluster[0][0], cluster[-1][0] + WEEK)


# --- runs on consecutive start dates ------------------------------------------------------

def is_night(shift: WorkedShift, rules: WorkingTimeRules) -> bool:
    """At least 3 h (the setting) between 23:00 and 06:00."""
    return night_minutes(shift.start, shift.end) >= rules.night_min_hours_in_23_to_06 * 60 - _EPS


def is_long(shift: WorkedShift, rules: WorkingTimeRules) -> bool:
    """Over 10 h (the setting), strictly."""
    return shift.minutes > rules.long_shift_over_hours * 60 + _EPS


def runs(shifts: Sequence[WorkedShift],
         keep: Callable[[WorkedShift], bool]) -> list[list[WorkedShift]]:
    """The kept shifts, in runs of consecutive start dates (shifts sorted by start)."""
    found: list[list[WorkedShift]] = []
    for shift in shifts:
        if not keep(shift):
            continue
        if found and (shift.day - found[-1][-1].day).days <= 1:
            found[-1].append(shift)
        else:
            found.append([shift])
    return found


def _run_days(run: Sequence[WorkedShift]) -> int:
    return (run[-1].day - run[0].day).days + 1


def _consecutive(p: _Who, rule: str, what: str, maximum: int,
                 found_runs: list[list[WorkedShift]]) -> list[Finding]:
    found: list[Finding] = []
    for run in found_runs:
        days = _run_days(run)
        if days > maximum:
            text = (f"{p.name}: {days} {what} in a row from {on(run[0].day)} to "
                    f"{on(run[-1].day)} (maximum {maximum})")
            caused = any(s.is_cover for s in run)
            found.append((caused, Violation(rule, p.key, run[0].start, text, run[0].start,
                                            max(s.end for s in run))))
    return found


def _rest_after_nights(p: _Who, shifts: Sequence[WorkedShift],
                       night_runs: list[list[WorkedShift]]) -> list[Finding]:
    """After the last night of each run, the next shift starts 46 h (the setting) later."""
    found: list[Finding] = []
    starts = [s.start for s in shifts]
    for run in night_runs:
        last = max((s for s in run if s.day == run[-1].day), key=lambda s: s.end)
        following = bisect.bisect_left(starts, last.end)
        if following == len(shifts):
            continue
        after = shifts[following]
        rest = _minutes(after.start - last.end)
        if rest >= p.rules.min_rest_after_nights_hours * 60 - _EPS:
            continue
        text = (f"{p.name}: only {hours(rest)} rest after the night {last.label} ending "
                f"{at(last.end)} before {after.label} starting {at(after.start)} "
                f"(minimum {limit(p.rules.min_rest_after_nights_hours)} after nights)")
        caused = after.is_cover or any(s.is_cover for s in run)
        found.append((caused, Violation(REST_AFTER_NIGHTS, p.key, after.start, text,
                                        run[0].start, after.end)))
    return found


# --- one person, every person --------------------------------------------------------------

def check_shifts(rules: WorkingTimeRules, person_key: str, name: str,
                 shifts: Sequence[WorkedShift]) -> list[Finding]:
    """Every working-time breach in one person's worked shifts (sorted by start)."""
    p = _Who(person_key, name, rules)
    nights = runs(shifts, lambda s: is_night(s, rules))
    return [
        *_pairs(p, shifts),
        *_shift_length(p, shifts),
        *_hours_168(p, shifts),
        *_consecutive(p, CONSECUTIVE_NIGHTS, "nights", rules.max_consecutive_nights, nights),
        *_consecutive(p, CONSECUTIVE_LONG, "long shifts (over "
                      f"{limit(rules.long_shift_over_hours)})",
                      rules.max_consecutive_long_shifts, runs(shifts, lambda s: is_long(s, rules))),
        *_consecutive(p, CONSECUTIVE_SHIFTS, "days with shifts", rules.max_consecutive_shifts,
                      runs(shifts, lambda s: True)),
        *_rest_after_nights(p, shifts, nights),
    ]


def check_working_time(scenario: Scenario, plan: Plan,
                       cancelled: set[CancelKey]) -> list[Finding]:
    """Working-time breaches of everyone the plan gives a cover to."""
    by_person: dict[str, list[Cover]] = defaultdict(list)
    for cover in plan.covers:
        by_person[cover.person_key].append(cover)
    found: list[Finding] = []
    for key, covers in by_person.items():
        shifts = worked_shifts(scenario, key, covers, cancelled)
        found.extend(check_shifts(scenario.rules, key, who(scenario, key), shifts))
    return found
