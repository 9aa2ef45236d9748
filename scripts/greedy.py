"""The greedy peer of the benchmark: cover the way a manager would by hand.

Slots are filled highest priority first (then earliest start), each with the first eligible
doctor in rota order: not striking, available for cover, at or above the slot's tier, competent
in its specialty, not already on that slot group, and breaking no rule for that doctor given the
covers chosen so far (judged by ``planner.who_else.breaches_of``, i.e. the independent checker,
so no rule is re-implemented here). Elective sessions are never cancelled, and a choice is never
revisited. Whatever is left is a gap with the reason "greedy found nobody".

This is a baseline to compare the solver against, not a planner for real use.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict

from planner.demand import slot_groups
from planner.domain import Person, Scenario
from planner.plan import Cover, Gap, Plan, SlotGroup, SlotGroupKey
from planner.who_else import breaches_of, new_cover

GAP_REASON = "greedy found nobody"


def _eligible_by_rule(scenario: Scenario, person: Person, group: SlotGroup) -> bool:
    return (not scenario.is_striking(person) and person.available_for_cover
            and person.tier >= group.key.tier and person.competent_in(group.key.specialty))


def greedy_plan(scenario: Scenario) -> Plan:
    """A plan made greedily; it passes ``check_plan`` by construction."""
    started = time.monotonic()
    groups = slot_groups(scenario)
    covers: list[Cover] = []
    by_person: dict[str, list[Cover]] = defaultdict(list)
    filled: dict[SlotGroupKey, int] = defaultdict(int)
    for group in sorted(groups, key=lambda g: (g.priority, g.start, g.key)):
        on_group: set[str] = set()
        candidates = [p for p in scenario.people if _eligible_by_rule(scenario, p, group)]
        for slot in range(group.need):
            for person in candidates:
                if person.key in on_group:
                    continue
                cover = new_cover(scenario, group, person)
                replaces = group.replaces[slot] if slot < len(group.replaces) else ""
                cover = dataclasses.replace(cover, locked=False, replaces=replaces)
                # breaches_of only looks at this doctor's covers, so hand it just those.
                mine = Plan((), tuple(by_person[person.key]), (), ())
                if breaches_of(scenario, mine, cover):
                    continue
                covers.append(cover)
                by_person[person.key].append(cover)
                on_group.add(person.key)
                filled[group.key] += 1
                break
            else:
                break  # nobody for this slot means nobody for the rest of the group either
    gaps = tuple(Gap(g.key, g.priority, g.need, filled[g.key], GAP_REASON)
                 for g in groups if filled[g.key] < g.need)
    return Plan(tuple(groups), tuple(covers), (), gaps, status="greedy",
                solve_seconds=time.monotonic() - started)


def lexicographic_score(plan: Plan) -> tuple[int, int, int]:
    """Covered slots at priority 1, 2, 3: compare plans with ``>`` on these tuples."""
    covered = plan.covered_by_priority()
    return covered.get(1, 0), covered.get(2, 0), covered.get(3, 0)


if __name__ == "__main__":  # pragma: no cover - a convenience for looking at one workbook
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from planner.checker import check_plan
    from planner.workbook.read import read_workbook

    imported = read_workbook(sys.argv[1])
    plan = greedy_plan(imported.scenario)
    print(f"covered {plan.covered_by_priority()} of {plan.needed_by_priority()}, "
          f"cost £{plan.total_cost:,.2f}, {plan.solve_seconds:.1f} s, "
          f"checker {'ok' if check_plan(imported.scenario, plan).ok else 'INVALID'}")
