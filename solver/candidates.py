"""Who could ever cover what: the (doctor, slot group) pairs worth a variable.

A pair gets a variable only if it can be legal against the doctor's fixed shifts (their Work
shifts and the elective sessions that may not be cancelled). Everything that depends on other
covers or on cancelling an elective session is left to the model. For every pair turned away here
the reason is kept, so each gap can say why nobody covered it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from planner.costing import cost_in_pence_sixtieths
from planner.domain import Person, Scenario, ShiftType, specialty_key
from planner.plan import SlotGroup, SlotGroupKey
from solver.instance import CoverChoice, SolveRequest

_EPOCH = dt.datetime(2000, 1, 1)
DAY = 24 * 60


def minute_of(moment: dt.datetime) -> int:
    """Minutes since a fixed epoch: the model's clock."""
    return int((moment - _EPOCH).total_seconds()) // 60


def night_minutes(start: int, end: int) -> int:
    """Minutes of [start, end) that fall between 23:00 and 06:00 on any day."""
    total = 0
    day = (start // DAY) * DAY - DAY
    while day < end:
        lo, hi = day + 23 * 60, day + DAY + 6 * 60
        total += max(0, min(end, hi) - max(start, lo))
        day += DAY
    return total


@dataclass(frozen=True)
class WorkItem:
    """A shift a doctor may work: a fixed shift, a cancellable elective session, or a cover.

    ``index`` is the candidate's or the session's number for covers and sessions, -1 for fixed.
    """

    kind: str  # "fixed", "elective" or "cover"
    index: int
    day: dt.date
    start: int
    end: int
    night: bool
    long: bool


@dataclass(frozen=True)
class Candidate:
    index: int
    person: Person
    group: SlotGroup
    start: int
    end: int
    cost: int  # 1/60 pence

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def choice(self) -> CoverChoice:
        return CoverChoice(self.person.key, self.group.key)


@dataclass(frozen=True)
class CancellableSession:
    """A non-striking doctor's elective session that starts inside a strike window."""

    index: int
    person_key: str
    day: dt.date
    code: str
    start: dt.datetime
    end: dt.datetime


@dataclass
class CandidateSet:
    """Everything the model is built from."""

    groups: list[SlotGroup]
    candidates: list[Candidate] = field(default_factory=list)
    sessions: list[CancellableSession] = field(default_factory=list)
    items_by_person: dict[str, list[WorkItem]] = field(default_factory=dict)
    turned_away: dict[SlotGroupKey, list[tuple[str, str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    need: dict[SlotGroupKey, int] = field(default_factory=dict)  # left after hand assignments


class _Rota:
    """One doctor's fixed shifts and blocked dates, indexed for quick conflict look-ups."""

    def __init__(self, request: SolveRequest, person: Person,
                 session_index: dict[tuple[str, dt.date], int]):
        scenario = request.scenario
        self.items: list[WorkItem] = []
        self.blocked_days: set[dt.date] = set()
        cancelled = {(s.person_key, s.day) for s in request.cancelled_by_hand}
        for entry in scenario.entries_by_person.get(person.key, ()):
            if scenario.code(entry.code).type.blocks_cover:
                self.blocked_days.add(entry.day)
            shift = scenario.shift_of(entry)
            if shift is None or not shift.type.is_worked or (person.key, entry.day) in cancelled:
                continue
            session = session_index.get((person.key, entry.day), -1)
            kind = "elective" if session >= 0 else "fixed"
            self.items.append(work_item(scenario, kind, session, entry.day,
                                        minute_of(shift.start), minute_of(shift.end)))
        for cover in request.assigned:  # hand-made covers are worked like rostered shifts
            if cover.person_key == person.key:
                self.items.append(work_item(scenario, "fixed", -1, cover.group.day,
                                            minute_of(cover.start), minute_of(cover.end)))
        self.items.sort(key=lambda i: i.start)
        self.starts = [i.start for i in self.items]

    def near(self, start: int, end: int, reach: int) -> list[WorkItem]:
        """Fixed or session items starting within ``reach`` minutes of [start, end)."""
        lo = bisect.bisect_left(self.starts, start - reach)
        hi = bisect.bisect_right(self.starts, end + reach)
        return self.items[lo:hi]


def cancellable_sessions(request: SolveRequest) -> list[CancellableSession]:
    """Elective sessions of non-striking doctors that start inside a strike window (and that
    the manager has not already cancelled by hand)."""
    scenario = request.scenario
    by_hand = {(s.person_key, s.day) for s in request.cancelled_by_hand}
    sessions: list[CancellableSession] = []
    for person in scenario.people:
        if scenario.is_striking(person):
            continue
        for entry in scenario.entries_by_person.get(person.key, ()):
            shift = scenario.shift_of(entry)
            if (shift and shift.type is ShiftType.ELECTIVE and scenario.in_strike(shift.start)
                    and (person.key, entry.day) not in by_hand):
                sessions.append(CancellableSession(len(sessions), person.key, entry.day,
                                                   shift.code, shift.start, shift.end))
    return sessions


def build_candidates(request: SolveRequest, groups: list[SlotGroup]) -> CandidateSet:
    """Every (doctor, slot group) pair that can be legal, and why the others cannot."""
    scenario = request.scenario
    found = CandidateSet(groups=groups, sessions=cancellable_sessions(request))
    found.need = {g.key: g.need - sum(1 for c in request.assigned if c.group == g.key) for g in groups}
    session_index = {(s.person_key, s.day): s.index for s in found.sessions}
    by_specialty = _competent_people(scenario)
    rotas: dict[str, _Rota] = {}
    for group in groups:
        turned_away: list[tuple[str, str]] = []
        for person in by_specialty.get(specialty_key(group.key.specialty), ()):
            if person.tier < group.key.tier:
                continue
            if person.key not in rotas:
                rotas[person.key] = _Rota(request, person, session_index)
            reason = _why_not(scenario, request, person, group, rotas[person.key])
            if reason:
                turned_away.append((person.key, reason))
            else:
                _add_candidate(found, scenario, person, group)
        found.turned_away[group.key] = turned_away
    _collect_items(found, scenario, rotas)
    found.notes.extend(_locks_not_kept(request, found))
    return found


def _locks_not_kept(request: SolveRequest, found: CandidateSet) -> list[str]:
    """A locked cover that can no longer be legal is dropped, and the manager is told why."""
    offered = {c.choice for c in found.candidates}
    notes = []
    for choice in sorted(request.locked, key=lambda c: (c.group, c.person_key)):
        if choice in offered:
            continue
        name = request.scenario.people_by_key.get(choice.person_key)
        who = name.name if name else choice.person_key
        reasons = dict(found.turned_away.get(choice.group, []))
        why = reasons.get(choice.person_key, "that shift no longer needs cover or they cannot cover it")
        notes.append(f"Locked cover not kept: {who} on {choice.group}: {why}")
    return notes


def _competent_people(scenario: Scenario) -> dict[str, list[Person]]:
    found: dict[str, list[Person]] = defaultdict(list)
    for person in scenario.people:
        for specialty in {specialty_key(person.specialty), *map(specialty_key, person.skills)}:
            found[specialty].append(person)
    return found


def _add_candidate(found: CandidateSet, scenario: Scenario, person: Person, group: SlotGroup) -> None:
    cost = cost_in_pence_sixtieths(person, scenario.rates, group.start, group.end)
    found.candidates.append(Candidate(len(found.candidates), person, group,
                                      minute_of(group.start), minute_of(group.end), cost))


def _filled_by_hand(request: SolveRequest, group: SlotGroup) -> bool:
    """Hand assignments already fill this group: nobody else is needed there."""
    return sum(1 for c in request.assigned if c.group == group.key) >= group.need


def _why_not(scenario: Scenario, request: SolveRequest, person: Person, group: SlotGroup,
             rota: _Rota) -> str:
    """Why this doctor can never cover this group, or "" if they might."""
    rules = scenario.rules
    start, end = minute_of(group.start), minute_of(group.end)
    if scenario.is_striking(person):
        return "striking"
    if not person.available_for_cover:
        return "not available for cover"
    if CoverChoice(person.key, group.key) in request.rejected:
        return "turned down for this shift"
    if _filled_by_hand(request, group):
        return "assigned by hand"
    if group.key.day in rota.blocked_days:
        return "on leave"
    if end - start > rules.max_shift_hours * 60:
        return f"shift longer than {rules.max_shift_hours:g} h"
    if person.max_extra_hours is not None and end - start > person.max_extra_hours * 60:
        return "over their extra hours"
    return _fixed_shift_conflict(scenario, rota, start, end)


def _fixed_shift_conflict(scenario: Scenario, rota: _Rota, start: int, end: int) -> str:
    rest = int(scenario.rules.min_rest_hours * 60)
    for item in rota.near(start, end, rest + DAY):
        if item.kind != "fixed":
            continue
        if item.start < end and start < item.end:
            return "already working"
        if item.start < end + rest and start < item.end + rest:
            return "resting between shifts"
    if _fixed_hours_in_any_week(scenario, rota, start, end) > scenario.rules.max_hours_per_168 * 60:
        return f"over {scenario.rules.max_hours_per_168:g} h in 168 h"
    return ""


def _fixed_hours_in_any_week(scenario: Scenario, rota: _Rota, start: int, end: int) -> int:
    """The most minutes in any 168 h window touching the cover, with the fixed shifts."""
    week = 7 * DAY
    shifts = [(i.start, i.end) for i in rota.near(start, end, week) if i.kind == "fixed"]
    shifts.append((start, end))
    best = 0
    for t in {s for s, _ in shifts} | {e - week for _, e in shifts}:
        if t < end and t + week > start:
            best = max(best, sum(max(0, min(e, t + week) - max(s, t)) for s, e in shifts))
    return best


def _collect_items(found: CandidateSet, scenario: Scenario, rotas: dict[str, _Rota]) -> None:
    """Each doctor with candidates: their fixed shifts, sessions and candidate covers by start.

    A session too far from any of its doctor's candidate covers to take part in a rule with one
    is never worth cancelling: it becomes a fixed shift, and gets no variable.
    """
    by_person: dict[str, list[WorkItem]] = defaultdict(list)
    for cand in found.candidates:
        by_person[cand.person.key].append(work_item(scenario, "cover", cand.index,
                                                    cand.group.key.day, cand.start, cand.end))
    reach = _reach_in_days(scenario)
    relevant: set[int] = set()
    for key, covers in by_person.items():
        cover_days = [c.day for c in covers]
        items = []
        for item in rotas[key].items:
            if item.kind == "elective" and min(abs((item.day - d).days) for d in cover_days) > reach:
                item = dataclasses.replace(item, kind="fixed", index=-1)
            elif item.kind == "elective":
                relevant.add(item.index)
            items.append(item)
        found.items_by_person[key] = sorted(items + covers, key=lambda i: i.start)
    found.sessions = [s for s in found.sessions if s.index in relevant]


def _reach_in_days(scenario: Scenario) -> int:
    """How many days apart two shifts can be and still meet in one rule (a week, or a run)."""
    rules = scenario.rules
    return max(8, rules.max_consecutive_shifts, rules.max_consecutive_nights,
               rules.max_consecutive_long_shifts) + 2


def work_item(scenario: Scenario, kind: str, index: int, day: dt.date, start: int, end: int) -> WorkItem:
    """A shift with the rule readings that matter: is it a night, is it long."""
    rules = scenario.rules
    return WorkItem(kind, index, day, start, end,
                    night_minutes(start, end) >= rules.night_min_hours_in_23_to_06 * 60,
                    end - start > rules.long_shift_over_hours * 60)
