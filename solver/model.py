"""The CP-SAT model of strike cover: one method per working-time rule.

Variables: ``cover[c]`` for each candidate pair (a doctor on a slot group: slots within a group are
interchangeable, so one variable per doctor and group avoids symmetric copies), and
``cancel[s]`` for each elective session that may be cancelled. A doctor's shifts are literals:
fixed shifts are always worked, a session is worked unless cancelled, a cover when chosen.

A rule is only enforced where a cover takes part: a breach already in the rota is not the plan's
doing (the brief), and forcing it away would make the model infeasible.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.domain import WorkingTimeRules
from solver.candidates import DAY, CandidateSet, WorkItem
from solver.instance import SolveRequest

# A Boolean variable or its negation; ortools' own stubs name several types for these.
Literal = Any
RULE_NAMES = ("rest", "hours_168", "consecutive_nights", "consecutive_long", "consecutive_shifts",
              "rest_after_nights", "max_extra_hours")


class CoverModel:
    """Builds the model; ``disabled`` switches rules off (only for testing the checker)."""

    def __init__(self, request: SolveRequest, found: CandidateSet,
                 disabled: frozenset[str] = frozenset()) -> None:
        unknown = set(disabled) - set(RULE_NAMES)
        if unknown:
            raise ValueError(f"no such rule to switch off: {', '.join(sorted(unknown))}")
        self.request = request
        self.found = found
        self.rules: WorkingTimeRules = request.scenario.rules
        self.disabled = disabled
        self.model = cp_model.CpModel()
        # Keyed by candidate and session number, so a model can be built for one component.
        self.cover = {
            c.index: self.model.new_bool_var(f"cover[{c.person.key}|{c.group.key}]")
            for c in found.candidates
        }
        self.cancel = {
            s.index: self.model.new_bool_var(f"cancel[{s.person_key}|{s.day}|{s.code}]")
            for s in found.sessions
        }
        self._day_flags: dict[tuple[str, str, dt.date], Literal | int] = {}

    # --- building ------------------------------------------------------------------------
    def build(self, should_stop: Callable[[], bool] = lambda: False) -> bool:
        """Add every rule; returns False if stopped part-way."""
        self._add_group_needs()
        for person_key, items in self.found.items_by_person.items():
            if should_stop():
                return False
            self._add_rules_for(person_key, items)
        return True

    def _add_rules_for(self, person_key: str, items: list[WorkItem]) -> None:
        steps: dict[str, Callable[[str, list[WorkItem]], None]] = {
            "rest": self._add_overlap_and_rest,
            "hours_168": self._add_hours_in_any_168,
            "consecutive_nights": lambda k, i: self._add_consecutive(k, i, "night"),
            "consecutive_long": lambda k, i: self._add_consecutive(k, i, "long"),
            "consecutive_shifts": lambda k, i: self._add_consecutive(k, i, "any"),
            "rest_after_nights": self._add_rest_after_nights,
            "max_extra_hours": self._add_max_extra_hours,
        }
        for rule, add in steps.items():
            if rule not in self.disabled:
                add(person_key, items)

    def literal(self, item: WorkItem) -> Literal | None:
        """The item's 'is worked' literal, or None when it is always worked."""
        if item.kind == "cover":
            return self.cover[item.index]
        if item.kind == "elective":
            return ~self.cancel[item.index]
        return None

    def _add_group_needs(self) -> None:
        by_group: dict[object, list[cp_model.IntVar]] = defaultdict(list)
        for cand in self.found.candidates:
            by_group[cand.group.key].append(self.cover[cand.index])
        for group in self.found.groups:
            chosen = by_group.get(group.key, [])
            need = self.found.need.get(group.key, group.need)
            if len(chosen) > need:
                self.model.add(sum(chosen) <= need)

    def locks_kept(self) -> cp_model.LinearExpr:
        """Locked covers, kept first of all (a stage, not a hard rule, so that locks that can
        no longer all be kept, when a need has fallen say, never make the model infeasible)."""
        return sum(self.cover[c.index] for c in self.found.candidates
                   if c.choice in self.request.locked)  # type: ignore[return-value]

    def _add_overlap_and_rest(self, person_key: str, items: list[WorkItem]) -> None:
        """Shifts less than the minimum rest apart conflict: one at-most-one per clique.

        Stretching each shift by the rest makes the conflicts an interval graph, whose maximal
        cliques are the shifts live at some shift's start.
        """
        rest = int(self.rules.min_rest_hours * 60)
        covers = [i for i in items if i.kind == "cover"]
        previous: frozenset[int] = frozenset()
        for item in covers:
            clique = frozenset(o.index for o in covers if o.start <= item.start < o.end + rest)
            if len(clique) > 1 and not clique <= previous:
                self.model.add_at_most_one(self.cover[i] for i in clique)
            previous = clique
        for cover in covers:
            for other in items:
                if other.kind == "elective" and _too_close(cover, other, rest):
                    self.model.add_implication(self.cover[cover.index], self.cancel[other.index])

    def _add_hours_in_any_168(self, person_key: str, items: list[WorkItem]) -> None:
        """At most 72 h in every 168 h window that a cover touches.

        The hours in a window change slope only where a window edge meets a shift edge, so the
        windows starting at each shift's start or ending at each shift's end are enough.
        """
        week, limit = 7 * DAY, int(self.rules.max_hours_per_168 * 60)
        covers = [i for i in items if i.kind == "cover"]
        lo, hi = min(c.start for c in covers) - week, max(c.end for c in covers) + week
        near = [i for i in items if i.end > lo and i.start < hi]
        seen: set[tuple[object, ...]] = set()
        for t in sorted({i.start for i in near} | {i.end - week for i in near}):
            terms = [(i, min(i.end, t + week) - max(i.start, t)) for i in near]
            terms = [(i, m) for i, m in terms if m > 0]
            if not any(i.kind == "cover" for i, _ in terms):
                continue
            fixed = sum(m for i, m in terms if i.kind == "fixed")
            optional = [(i, m) for i, m in terms if i.kind != "fixed"]
            key = (fixed, *sorted((i.kind, i.index, m) for i, m in optional))
            if key in seen or fixed + sum(m for _, m in optional) <= limit:
                continue
            seen.add(key)
            touching = [self.cover[i.index] for i, _ in optional if i.kind == "cover"]
            self.model.add(
                sum(m * self.literal(i) for i, m in optional) <= limit - fixed  # type: ignore[misc, operator]
            ).only_enforce_if(self._any_of(touching))

    def _add_consecutive(self, person_key: str, items: list[WorkItem], flag: str) -> None:
        """No more than the limit of nights / long shifts / shifts on consecutive start dates."""
        limit = {
            "night": self.rules.max_consecutive_nights,
            "long": self.rules.max_consecutive_long_shifts,
            "any": self.rules.max_consecutive_shifts,
        }[flag]
        cover_days = sorted({i.day for i in items if i.kind == "cover" and _has(i, flag)})
        windows: set[dt.date] = set()
        for day in cover_days:
            windows.update(day - dt.timedelta(days=k) for k in range(limit + 1))
        for first in sorted(windows):
            days = [first + dt.timedelta(days=k) for k in range(limit + 1)]
            flags = [self._day_flag(person_key, items, flag, d) for d in days]
            covers = [self.cover[i.index] for i in items
                      if i.kind == "cover" and i.day in days and _has(i, flag)]
            if covers and sum(1 for f in flags if not isinstance(f, int) or f == 1) > limit:
                self.model.add(sum(flags) <= limit).only_enforce_if(self._any_of(covers))

    def _any_of(self, covers: list[cp_model.IntVar]) -> Literal:
        """A literal that is true whenever one of the covers is given.

        Window and run limits bind only where a cover takes part: a breach already in the rota
        must not force an elective session to be cancelled.
        """
        if len(covers) == 1:
            return covers[0]
        some = self.model.new_bool_var("any_cover")
        for cover in covers:
            self.model.add_implication(cover, some)
        return some

    def _day_flag(self, person_key: str, items: list[WorkItem], flag: str,
                  day: dt.date) -> Literal | int:
        """1 if a shift of that kind is always worked that date, else a literal (or 0)."""
        key = (person_key, flag, day)
        if key not in self._day_flags:
            on_day = [i for i in items if i.day == day and _has(i, flag)]
            lits = [self.literal(i) for i in on_day]
            if any(lit is None for lit in lits):
                self._day_flags[key] = 1
            elif not lits:
                self._day_flags[key] = 0
            elif len(lits) == 1:
                self._day_flags[key] = lits[0]  # type: ignore[assignment]
            else:
                worked = self.model.new_bool_var(f"{flag}[{person_key}|{day}]")
                for lit in lits:
                    self.model.add_implication(lit, worked)  # type: ignore[arg-type]
                self._day_flags[key] = worked
        return self._day_flags[key]

    def _add_rest_after_nights(self, person_key: str, items: list[WorkItem]) -> None:
        """After the last night of a run, 46 h before the next shift.

        Night A on date d ends a run unless a night is worked starting d+1; the rest runs from
        A's end to the next shift worked. So shift B, starting within 46 h of A's end, breaks
        the rule when A and B are worked, no night is worked on d+1 and nothing is worked in
        between. Enforced where a cover takes part: A or B is a cover, or the run ending at A
        contains one.
        """
        reach = int(self.rules.min_rest_after_nights_hours * 60)
        for n, a in enumerate(items):
            if not a.night:
                continue
            next_day = a.day + dt.timedelta(days=1)
            after = [b for b in items[n + 1:] if a.end <= b.start < a.end + reach]
            for k, b in enumerate(after):
                if b.night and b.day == next_day:
                    continue
                between = [self.literal(c) for c in after[:k] if c.start < b.start]
                if any(lit is None for lit in between):
                    break  # a shift always worked comes first: B is never the next shift
                self._forbid_run_end(person_key, items, a, b, next_day, between)

    def _forbid_run_end(self, person_key: str, items: list[WorkItem], a: WorkItem, b: WorkItem,
                        next_day: dt.date, between: list[Literal]) -> None:
        # The run goes on if a night is worked on d+1: those nights' own literals, not the
        # day flag, whose value is only bounded from below.
        continues = [self.literal(i) for i in items if i.night and i.day == next_day]
        if any(lit is None for lit in continues):
            return
        involved = [lit for lit in (self.literal(a), self.literal(b)) if lit is not None]
        if a.kind != "cover" and b.kind != "cover":
            run_cover = self._run_cover_before(person_key, items, a)
            if run_cover is None:
                return
            involved.append(run_cover)
        self.model.add_bool_or([~lit for lit in involved] + between + continues)

    def _run_cover_before(self, person_key: str, items: list[WorkItem],
                          a: WorkItem) -> Literal | None:
        """A literal forced true when a covered night is part of the run that ends at ``a``.

        Walks back night by night: a cover night on d-k joins the run when nights are worked
        on every date between it and d.
        """
        joins: list[list[Literal]] = []
        chain: list[Literal] = []
        earliest = min(i.day for i in items)
        for k in range(1, (a.day - earliest).days + 1):  # back to where the run of nights ends
            day = a.day - dt.timedelta(days=k)
            joins += [[*chain, self.cover[i.index]] for i in items
                      if i.kind == "cover" and i.night and i.day == day]
            flag = self._day_flag(person_key, items, "night", day)
            if isinstance(flag, int):
                if flag == 0:
                    break
            else:
                chain.append(flag)
        if not joins:
            return None
        joined = self.model.new_bool_var(f"run_cover[{person_key}|{a.day}]")
        for conjunction in joins:
            self.model.add_bool_or([~lit for lit in conjunction] + [joined])
        return joined

    def _add_max_extra_hours(self, person_key: str, items: list[WorkItem]) -> None:
        person = self.request.scenario.person(person_key)
        if person.max_extra_hours is None:
            return
        minutes = [(i.end - i.start) * self.cover[i.index] for i in items if i.kind == "cover"]
        self.model.add(sum(minutes) <= int(person.max_extra_hours * 60))

    # --- objective terms -----------------------------------------------------------------
    def covered(self, priority: int) -> cp_model.LinearExpr:
        return sum(self.cover[c.index] for c in self.found.candidates
                   if c.group.priority == priority)  # type: ignore[return-value]

    def cancellations(self) -> cp_model.LinearExpr:
        return sum(self.cancel.values())  # type: ignore[return-value]

    def cost(self, unit: int) -> cp_model.LinearExpr:
        return sum((c.cost // unit) * self.cover[c.index]
                   for c in self.found.candidates)  # type: ignore[return-value]

    def most_extra_minutes(self) -> cp_model.IntVar:
        """The most cover minutes given to any one rota doctor (locums are not counted)."""
        by_person: dict[str, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for c in self.found.candidates:
            if not c.person.is_pool:
                by_person[c.person.key].append((c.minutes, self.cover[c.index]))
        top = max((sum(m for m, _ in v) for v in by_person.values()), default=0)
        most = self.model.new_int_var(0, top, "most_extra_minutes")
        for terms in by_person.values():
            self.model.add(most >= sum(m * x for m, x in terms))
        self.most_extra = most
        return most

    def changes(self) -> cp_model.LinearExpr:
        """Covers that differ from the previous plan: dropped ones plus new ones."""
        previous = self.request.previous
        if previous is None:
            return 0  # type: ignore[return-value]
        kept = {(c.person_key, c.group) for c in previous.covers}
        return sum((1 - self.cover[c.index]) if (c.person.key, c.group.key) in kept
                   else self.cover[c.index] for c in self.found.candidates)  # type: ignore[return-value]


def _has(item: WorkItem, flag: str) -> bool:
    return flag == "any" or (item.night if flag == "night" else item.long)


def _too_close(a: WorkItem, b: WorkItem, rest: int) -> bool:
    return a.start < b.end + rest and b.start < a.end + rest


def cost_unit(costs: Sequence[int]) -> int:
    """The largest common divisor of the costs, to keep the objective's numbers small."""
    import math

    unit = 0
    for cost in costs:
        unit = math.gcd(unit, cost)
    return max(unit, 1)
