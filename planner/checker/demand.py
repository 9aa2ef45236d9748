"""The checker's own count of demand, and the checks of the plan's groups, covers and gaps.

Computed from the scenario alone, as the brief's "How demand is counted" says; it shares no
code with the solver or any other demand counting in the project.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from planner.checker.report import DEMAND, Violation
from planner.domain import CoverRule, Person, Scenario, specialty_key
from planner.grades import Tier
from planner.plan import Gap, Plan, SlotGroup, SlotGroupKey

GroupId = tuple[dt.date, str, str, Tier]
"""A slot group key compared as the brief compares: code upper case, specialty normalised."""

_PRIORITY_1 = ("emergency", "a&e", "intensive", "critical care", "icu", "itu", "obstetric",
               "maternity", "labour", "neonat", "nicu", "trauma", "acute medicine",
               "acute medical", "amu", "acute surg", "surgical take")
_PRIORITY_3 = ("dermatology", "ophthalmology", "plastic", "rheumatology", "dental", "oral",
               "audiology", "outpatient", "clinic", "elective")


@dataclass(frozen=True)
class Need:
    """One slot group the checker expects: its key, how many slots, what priority."""

    key: SlotGroupKey
    need: int
    priority: int


def group_id(key: SlotGroupKey) -> GroupId:
    return key.day, key.shift_code.strip().upper(), specialty_key(key.specialty), key.tier


def specialty_priority(name: str) -> int:
    """1 for emergency and critical services, 3 for elective ones, else 2 (no cover rules)."""
    lowered = name.lower()
    if lowered.strip() == "ed" or any(word in lowered for word in _PRIORITY_1):
        return 1
    if re.search(r"\bent\b", lowered) or any(word in lowered for word in _PRIORITY_3):
        return 3
    return 2


# --- computing demand -----------------------------------------------------------------------

def expected_demand(scenario: Scenario) -> dict[GroupId, Need]:
    """Every slot group the scenario calls for, by the brief's counting."""
    if scenario.cover_rules is None:
        return _struck_demand(scenario)
    return _rule_demand(scenario, scenario.cover_rules)


def _struck_demand(scenario: Scenario) -> dict[GroupId, Need]:
    counts: Counter[GroupId] = Counter()
    keys: dict[GroupId, SlotGroupKey] = {}
    for person in scenario.people:
        if not scenario.is_striking(person):
            continue
        for entry in scenario.entries_by_person.get(person.key, ()):
            code = scenario.code(entry.code)
            if not (code.type.is_worked and code.is_timed):
                continue
            if scenario.in_strike(code.times_on(entry.day)[0]):
                key = SlotGroupKey(entry.day, code.code, person.specialty, person.tier)
                keys.setdefault(group_id(key), key)
                counts[group_id(key)] += 1
    return {gid: Need(keys[gid], n, specialty_priority(keys[gid].specialty))
            for gid, n in counts.items()}


def _rostered(scenario: Scenario, codes: set[str]) -> dict[tuple[dt.date, str], set[str]]:
    """Person keys rostered on each (date, code) for the given upper-case codes."""
    found: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    for entry in scenario.roster:
        code = entry.code.strip().upper()
        if code in codes:
            found[entry.day, code].add(entry.person_key)
    return found


def _rule_demand(scenario: Scenario, rules: Iterable[CoverRule]) -> dict[GroupId, Need]:
    by_shift: dict[tuple[str, str], list[CoverRule]] = defaultdict(list)
    for rule in rules:
        by_shift[specialty_key(rule.specialty), rule.shift_code.strip().upper()].append(rule)
    rostered = _rostered(scenario, {code for _, code in by_shift})
    found: dict[GroupId, Need] = {}
    for (specialty, code_name), shift_rules in by_shift.items():
        code = scenario.code(code_name)
        if not code.is_timed:
            continue
        for day in scenario.dates:
            if not scenario.in_strike(code.times_on(day)[0]):
                continue
            present = [scenario.people_by_key[k] for k in rostered.get((day, code_name), ())
                       if k in scenario.people_by_key]
            present = [p for p in present if specialty_key(p.specialty) == specialty
                       and not scenario.is_striking(p)]
            for need in _tiered_needs(day, code_name, shift_rules, present):
                found[group_id(need.key)] = need
    return found


def _tiered_needs(day: dt.date, code: str, rules: list[CoverRule],
                  present: list[Person]) -> list[Need]:
    """need(T) = max(0, minimum(T) - present(T) - needs already counted above T)."""
    needs: list[Need] = []
    counted = 0
    for rule in sorted(rules, key=lambda r: r.tier, reverse=True):
        here = sum(1 for p in present if p.tier >= rule.tier)
        need = max(0, rule.minimum - here - counted)
        if need > 0:
            needs.append(Need(SlotGroupKey(day, code, rule.specialty, rule.tier), need,
                              rule.priority))
            counted += need
    return needs


# --- checking the plan against it -----------------------------------------------------------

def _violation(key: SlotGroupKey, when: dt.datetime | None, text: str) -> Violation:
    moment = when if when is not None else dt.datetime.combine(key.day, dt.time())
    return Violation(DEMAND, "", moment, f"{key}: {text}")


def _compare_groups(scenario: Scenario, plan: Plan,
                    expected: dict[GroupId, Need]) -> list[Violation]:
    found: list[Violation] = []
    seen: set[GroupId] = set()
    for group in plan.groups:
        gid = group_id(group.key)
        want = expected.get(gid)
        if gid in seen:
            found.append(_violation(group.key, group.start, "slot group listed twice"))
        elif want is None:
            found.append(_violation(group.key, group.start,
                                    f"slot group of {group.need} is not called for"))
        else:
            found += _group_differences(scenario, group, want)
        seen.add(gid)
    for gid, want in expected.items():
        if gid not in seen:
            found.append(_violation(want.key, None, f"{want.need} slot(s) at priority "
                                                    f"{want.priority} missing from the plan"))
    return found


def _group_differences(scenario: Scenario, group: SlotGroup, want: Need) -> list[Violation]:
    found: list[Violation] = []
    if group.need != want.need:
        found.append(_violation(group.key, group.start,
                                f"need is {group.need}, should be {want.need}"))
    if group.priority != want.priority:
        found.append(_violation(group.key, group.start,
                                f"priority is {group.priority}, should be {want.priority}"))
    code = scenario.code(group.key.shift_code)
    if code.is_timed and (group.start, group.end) != code.times_on(group.key.day):
        found.append(_violation(group.key, group.start, "times differ from the shift code's"))
    return found


def _check_fill(plan: Plan) -> list[Violation]:
    groups = {group_id(g.key): g for g in plan.groups}
    covered: Counter[GroupId] = Counter()
    found: list[Violation] = []
    for cover in plan.covers:
        group = groups.get(group_id(cover.group))
        if group is None:
            found.append(_violation(cover.group, cover.start,
                                    f"cover by '{cover.person_key}' belongs to no slot group"))
            continue
        covered[group_id(cover.group)] += 1
        if cover.priority != group.priority:
            found.append(_violation(cover.group, cover.start, f"cover by '{cover.person_key}' "
                                    f"has priority {cover.priority}, the group {group.priority}"))
    for gid, group in groups.items():
        if covered[gid] > group.need:
            found.append(_violation(group.key, group.start,
                                    f"{covered[gid]} covers for a need of {group.need}"))
    return found + _check_gaps(plan, groups, covered)


def _check_gaps(plan: Plan, groups: dict[GroupId, SlotGroup],
                covered: Counter[GroupId]) -> list[Violation]:
    gaps: dict[GroupId, list[Gap]] = defaultdict(list)
    for gap in plan.gaps:
        gaps[group_id(gap.group)].append(gap)
    found: list[Violation] = []
    for gid, listed in gaps.items():
        if gid not in groups:
            found.append(_violation(listed[0].group, None, "gap for a slot group not in the plan"))
    for gid, group in groups.items():
        found += _gap_problems(group, covered[gid], gaps.get(gid, []))
    return found


def _gap_problems(group: SlotGroup, covered: int, gaps: list[Gap]) -> list[Violation]:
    if covered >= group.need:
        return [_violation(group.key, group.start, "gap listed for a fully covered group")
                ] if gaps else []
    if len(gaps) != 1:
        return [_violation(group.key, group.start, f"{group.need - covered} slot(s) open with "
                                                   f"{len(gaps)} gaps listed (should be 1)")]
    gap = gaps[0]
    found: list[Violation] = []
    if (gap.needed, gap.covered) != (group.need, covered):
        found.append(_violation(group.key, group.start, f"gap says {gap.covered} of "
                                f"{gap.needed} covered; the plan has {covered} of {group.need}"))
    if not gap.reason.strip():
        found.append(_violation(group.key, group.start, "gap has no reason"))
    return found


def check_demand(scenario: Scenario, plan: Plan) -> list[Violation]:
    """The plan's slot groups, covers and gaps against the checker's own demand count."""
    return _compare_groups(scenario, plan, expected_demand(scenario)) + _check_fill(plan)
