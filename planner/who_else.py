""""Who else could cover this?": every doctor who might, and why each can or cannot now.

Each candidate is judged by the independent plan checker on a plan with that one cover added
(their other covers and cancellations kept), so the reasons are the checker's own sentences.
A doctor whose only obstacle is an elective session inside the strike is possible, at the price
of cancelling that session.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from planner.checker import ACCEPTABLE_RULES, Violation, check_plan
from planner.costing import shift_cost
from planner.domain import Person, RosterEntry, Scenario, ShiftType
from planner.grades import Tier
from planner.plan import CancelledSession, Cover, CoverType, Plan, SlotGroup

_PERSON_RULES = ACCEPTABLE_RULES  # the rules about one doctor: working time, leave, eligibility


@dataclass(frozen=True)
class CoverOption:
    """One doctor for one slot group, as the manager would weigh them."""

    person: Person
    possible: bool
    covering_now: bool
    cost: float
    reasons: tuple[str, ...] = ()
    would_cancel: tuple[RosterEntry, ...] = ()
    breaches: tuple[Violation, ...] = ()

    @property
    def summary(self) -> str:
        if self.covering_now:
            return "Covering this shift in the plan"
        if self.possible and self.would_cancel:
            return "Possible if " + ", ".join(f"{e.code} on {e.day:%a %d/%m}" for e in self.would_cancel) + " is cancelled"
        if self.possible:
            return "Free to cover"
        return "; ".join(_without_name(r, self.person.name) for r in self.reasons)


def _without_name(reason: str, name: str) -> str:
    """The checker names the doctor; in a list of doctors the row already does."""
    for prefix in (f"Dr {name}: ", f"{name}: "):
        if reason.startswith(prefix):
            return reason[len(prefix):]
    if reason.startswith((f"Dr {name} may not cover", f"{name} may not cover")) and ": " in reason:
        return reason.split(": ", 1)[1]
    return reason


def cover_options(scenario: Scenario, plan: Plan, group: SlotGroup) -> list[CoverOption]:
    """Everyone of the right tier and competence, possible ones first, cheapest first."""
    options = [_option(scenario, plan, group, person) for person in scenario.people
               if person.tier >= group.key.tier and person.competent_in(group.key.specialty)]
    return sorted(options, key=lambda o: (not o.covering_now, not o.possible, bool(o.would_cancel),
                                          o.cost, o.person.name))


def cover_type(person: Person) -> CoverType:
    if person.is_pool:
        return CoverType.LOCUM
    return {Tier.CONSULTANT: CoverType.ACTING_DOWN, Tier.SAS: CoverType.SAS_COVER}.get(
        person.tier, CoverType.EXTRA_SHIFT)


def new_cover(scenario: Scenario, group: SlotGroup, person: Person) -> Cover:
    """The cover a hand assignment would make."""
    cost = shift_cost(person, scenario.rates, group.start, group.end)
    return Cover(person.key, group.key, group.start, group.end, group.priority,
                 cover_type(person), cost, group.replaces[0] if group.replaces else "", locked=True)


def breaches_of(scenario: Scenario, plan: Plan, cover: Cover,
                cancelled: tuple[CancelledSession, ...] = ()) -> tuple[Violation, ...]:
    """The rules one more cover would break for its doctor, given their other covers."""
    person = scenario.person(cover.person_key)
    mine = tuple(c for c in plan.covers if c.person_key == person.key and c.group != cover.group)
    own = tuple(s for s in plan.cancelled if s.person_key == person.key) + cancelled
    alone = dataclasses.replace(
        scenario, people=(person,), cover_rules=None,
        roster=scenario.entries_by_person.get(person.key, ()))
    report = check_plan(alone, Plan((), (*mine, cover), own, ()))
    return tuple(v for v in report.violations if v.rule in _PERSON_RULES)


def _option(scenario: Scenario, plan: Plan, group: SlotGroup, person: Person) -> CoverOption:
    cost = shift_cost(person, scenario.rates, group.start, group.end)
    if any(c.person_key == person.key and c.group == group.key for c in plan.covers):
        return CoverOption(person, True, True, cost)
    cover = new_cover(scenario, group, person)
    breaches = breaches_of(scenario, plan, cover)
    if not breaches:
        return CoverOption(person, True, False, cost)
    freed = _sessions_that_would_free(scenario, plan, cover, person)
    if freed is not None:
        return CoverOption(person, True, False, cost, would_cancel=freed)
    return CoverOption(person, False, False, cost, tuple(v.message for v in breaches), (), breaches)


def _sessions_that_would_free(scenario: Scenario, plan: Plan, cover: Cover,
                              person: Person) -> tuple[RosterEntry, ...] | None:
    """The fewest of their cancellable sessions whose cancelling makes the cover legal."""
    cancellable = [e for e in scenario.entries_by_person.get(person.key, ())
                   if _cancellable(scenario, person, e)
                   and abs((e.day - cover.group.day).days) <= 3]
    if not cancellable or breaches_of(scenario, plan, cover, _cancel(scenario, cancellable)):
        return None
    needed = list(cancellable)
    for entry in cancellable:  # drop each one the cover can do without
        trial = [e for e in needed if e is not entry]
        if not breaches_of(scenario, plan, cover, _cancel(scenario, trial)):
            needed = trial
    return tuple(needed)


def _cancellable(scenario: Scenario, person: Person, entry: RosterEntry) -> bool:
    shift = scenario.shift_of(entry)
    return (shift is not None and shift.type is ShiftType.ELECTIVE
            and scenario.in_strike(shift.start) and not scenario.is_striking(person))


def _cancel(scenario: Scenario, entries: list[RosterEntry]) -> tuple[CancelledSession, ...]:
    sessions = []
    for entry in entries:
        shift = scenario.shift_of(entry)
        assert shift is not None
        sessions.append(CancelledSession(entry.person_key, entry.day, shift.code, shift.start,
                                         shift.end, "to free them for cover"))
    return tuple(sessions)


def cancellations_for(scenario: Scenario, entries: tuple[RosterEntry, ...],
                      person: Person) -> tuple[CancelledSession, ...]:
    """The sessions a hand assignment cancels, with a reason naming whom they free."""
    return tuple(dataclasses.replace(s, reason=f"cancelled by hand to free {person.name} for cover")
                 for s in _cancel(scenario, list(entries)))
