"""Struck shifts and the demand they create, counted exactly as the brief says.

Without cover minimums every struck shift is refilled at the striker's tier. With a Cover sheet
the minimums are cumulative ("at that tier or above") and counted from the highest tier down,
so a doctor present at a higher tier also counts toward the lower ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from planner.domain import CoverRule, Declaration, Person, RosterEntry, Scenario, specialty_key
from planner.grades import Tier
from planner.plan import SlotGroup, SlotGroupKey

PRIORITY_1_WORDS = (
    "emergency", "a&e", "intensive", "critical care", "icu", "itu", "obstetric", "maternity",
    "labour", "neonat", "nicu", "trauma", "acute medicine", "acute medical", "amu", "acute surg",
    "surgical take",
)
"""Life-and-limb services the NHS keeps running in a strike (documented defaults)."""

PRIORITY_3_WORDS = (
    "dermatology", "ophthalmology", "plastic", "rheumatology", "dental", "oral", "audiology",
    "outpatient", "clinic", "elective",
)


def default_priority(specialty: str) -> int:
    """Priority of a specialty's struck shifts when the trust gives no cover minimums."""
    name = specialty_key(specialty)
    if name == "ed" or any(word in name for word in PRIORITY_1_WORDS):
        return 1
    if re.search(r"\bent\b", name) or any(word in name for word in PRIORITY_3_WORDS):
        return 3
    return 2


@dataclass(frozen=True)
class StruckShift:
    """A striking resident's Work or Elective shift that starts inside a strike window."""

    person: Person
    entry: RosterEntry
    start: dt.datetime
    end: dt.datetime

    @property
    def code(self) -> str:
        return self.entry.code.upper()

    @property
    def declaration(self) -> Declaration:
        return self.person.declaration


def struck_shifts(scenario: Scenario) -> list[StruckShift]:
    """Every struck shift, in date then rota order."""
    struck = []
    for person in scenario.people:
        if not scenario.is_striking(person):
            continue
        for entry in scenario.entries_by_person.get(person.key, ()):
            shift = scenario.shift_of(entry)
            if shift and shift.type.is_worked and scenario.in_strike(shift.start):
                struck.append(StruckShift(person, entry, shift.start, shift.end))
    return sorted(struck, key=lambda s: s.start)


def slot_groups(scenario: Scenario) -> list[SlotGroup]:
    """The demand: slot groups with their need and priority."""
    struck = struck_shifts(scenario)
    if scenario.cover_rules is None:
        return _refill_every_struck_shift(scenario, struck)
    return _groups_from_cover_rules(scenario, scenario.cover_rules, struck)


def _refill_every_struck_shift(scenario: Scenario, struck: list[StruckShift]) -> list[SlotGroup]:
    by_key: dict[SlotGroupKey, list[StruckShift]] = defaultdict(list)
    for shift in struck:
        key = SlotGroupKey(shift.entry.day, shift.code, shift.person.specialty, shift.person.tier)
        by_key[key].append(shift)
    return [
        SlotGroup(key, default_priority(key.specialty), len(shifts), shifts[0].start,
                  shifts[0].end, tuple(s.person.key for s in shifts))
        for key, shifts in sorted(by_key.items())
    ]


def _groups_from_cover_rules(
    scenario: Scenario, rules: tuple[CoverRule, ...], struck: list[StruckShift]
) -> list[SlotGroup]:
    rules_by_shift: dict[tuple[str, str], list[CoverRule]] = defaultdict(list)
    for rule in rules:
        rules_by_shift[(specialty_key(rule.specialty), rule.shift_code.upper())].append(rule)
    present = _present_tiers(scenario)
    strikers = _strikers_by_shift(struck)
    groups = []
    for (specialty, code), shift_rules in sorted(rules_by_shift.items()):
        shift_code = scenario.code(code)
        if not shift_code.is_timed:
            continue
        for day in scenario.dates:
            start, end = shift_code.times_on(day)
            if scenario.in_strike(start):
                tiers = present.get((day, code, specialty), [])
                replaces = strikers.get((day, code, specialty), ())
                groups += _needs_for_shift(day, code, shift_rules, tiers, start, end, replaces)
    return sorted(groups, key=lambda g: g.key)


def _needs_for_shift(
    day: dt.date, code: str, rules: list[CoverRule], present_tiers: list[Tier],
    start: dt.datetime, end: dt.datetime, replaces: tuple[str, ...],
) -> list[SlotGroup]:
    groups = []
    counted = 0
    for rule in sorted(rules, key=lambda r: r.tier, reverse=True):
        present = sum(1 for tier in present_tiers if tier >= rule.tier)
        need = max(0, rule.minimum - present - counted)
        if need > 0:
            key = SlotGroupKey(day, code, rule.specialty, rule.tier)
            groups.append(SlotGroup(key, rule.priority, need, start, end, replaces))
            counted += need
    return groups


def _present_tiers(scenario: Scenario) -> dict[tuple[dt.date, str, str], list[Tier]]:
    """Tiers of the non-striking doctors rostered on each (date, code, own specialty)."""
    present: dict[tuple[dt.date, str, str], list[Tier]] = defaultdict(list)
    for person in scenario.people:
        if scenario.is_striking(person):
            continue
        for entry in scenario.entries_by_person.get(person.key, ()):
            key = (entry.day, entry.code.upper(), specialty_key(person.specialty))
            present[key].append(person.tier)
    return present


def _strikers_by_shift(struck: list[StruckShift]) -> dict[tuple[dt.date, str, str], tuple[str, ...]]:
    found: dict[tuple[dt.date, str, str], list[str]] = defaultdict(list)
    for shift in struck:
        found[(shift.entry.day, shift.code, specialty_key(shift.person.specialty))].append(
            shift.person.key)
    return {k: tuple(v) for k, v in found.items()}
