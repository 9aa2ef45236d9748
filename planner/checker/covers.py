"""Checks on each cover by itself: who may cover, on which days, at which times, how much."""

from __future__ import annotations

from collections import defaultdict

from planner.checker.report import COVER_TIMES, ELIGIBILITY, LEAVE, MAX_EXTRA_HOURS, Violation
from planner.checker.wording import at, hours, on, who
from planner.domain import Scenario
from planner.plan import Cover, Plan


def _ineligible(scenario: Scenario, cover: Cover) -> list[str]:
    """Why this person may not take this cover (empty when they may)."""
    person = scenario.people_by_key.get(cover.person_key)
    if person is None:
        return ["is not a known doctor"]
    reasons: list[str] = []
    if scenario.is_striking(person):
        reasons.append("is striking")
    if not person.available_for_cover:
        reasons.append("is not available for cover")
    if person.tier < cover.group.tier:
        reasons.append(f"is {person.tier.label}, below the slot's {cover.group.tier.label} tier")
    if not person.competent_in(cover.group.specialty):
        reasons.append(f"is not competent in {cover.group.specialty}")
    return reasons


def _eligibility(scenario: Scenario, cover: Cover) -> list[Violation]:
    reasons = _ineligible(scenario, cover)
    if not reasons:
        return []
    text = (f"{who(scenario, cover.person_key)} may not cover {cover.group}: "
            f"{'; '.join(reasons)}")
    return [Violation(ELIGIBILITY, cover.person_key, cover.start, text, cover.start, cover.end)]


def _leave(scenario: Scenario, cover: Cover) -> list[Violation]:
    day = cover.start.date()
    blocking = [e.code for e in scenario.entries_by_person.get(cover.person_key, ())
                if e.day == day and scenario.code(e.code).type.blocks_cover]
    if not blocking:
        return []
    kind = scenario.code(blocking[0]).type.value.lower()
    text = (f"{who(scenario, cover.person_key)}: cover {cover.group.shift_code} starting "
            f"{at(cover.start)} on a day rostered {blocking[0]} ({kind} code)")
    return [Violation(LEAVE, cover.person_key, cover.start, text, cover.start, cover.end)]


def _cover_times(scenario: Scenario, cover: Cover) -> list[Violation]:
    code = scenario.code(cover.group.shift_code)
    name = who(scenario, cover.person_key)
    if not code.is_timed:
        text = f"{name}: cover {cover.group.shift_code} has no shift times in the rota's codes"
    else:
        start, end = code.times_on(cover.group.day)
        if (cover.start, cover.end) == (start, end):
            return []
        text = (f"{name}: cover {code.code} on {on(cover.group.day)} runs {at(cover.start)}-"
                f"{at(cover.end)}, not the shift's {at(start)}-{at(end)}")
    return [Violation(COVER_TIMES, cover.person_key, cover.start, text, cover.start, cover.end)]


def _max_extra_hours(scenario: Scenario, key: str, covers: list[Cover]) -> list[Violation]:
    person = scenario.people_by_key.get(key)
    if person is None or person.max_extra_hours is None:
        return []
    minutes = sum((c.end - c.start).total_seconds() / 60 for c in covers)
    if minutes <= person.max_extra_hours * 60 + 1e-6:
        return []
    first, last = min(c.start for c in covers), max(c.end for c in covers)
    text = (f"{who(scenario, key)}: given {hours(minutes)} of cover in {len(covers)} shift(s) "
            f"(maximum extra hours {person.max_extra_hours:g})")
    return [Violation(MAX_EXTRA_HOURS, key, first, text, first, last)]


def check_covers(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Eligibility, leave, cover times and max extra hours of every cover."""
    found: list[Violation] = []
    by_person: dict[str, list[Cover]] = defaultdict(list)
    for cover in plan.covers:
        by_person[cover.person_key].append(cover)
        found += _eligibility(scenario, cover)
        found += _leave(scenario, cover)
        found += _cover_times(scenario, cover)
    for key, covers in by_person.items():
        found += _max_extra_hours(scenario, key, covers)
    return found
