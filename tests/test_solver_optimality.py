"""On small random rotas, the solver's plan is exactly as good as the best plan that the
independent checker accepts, found by trying every combination of covers and cancellations."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from builders import CODES, doctor, locum, scenario, strike
from planner.checker import check_plan
from planner.costing import shift_cost
from planner.demand import slot_groups
from planner.domain import Declaration, Person, Scenario, ShiftType
from planner.plan import CancelledSession, Cover, CoverType, Gap, Plan
from solver import SolveConfig, SolveRequest, solve

CONFIG = SolveConfig(time_limit_seconds=20, num_workers=1, random_seed=7)
ROTA_CODES = ["D", "LD", "N", "SN", "E", "TW", "CL", "PM", "AL", "OFF", ".", ".", "."]
STRIKER_CODES = ["D", "LD", "N", "SN", "E", ".", "."]


def _random_rota(rng: random.Random, codes: list[str], days: int = 12) -> str:
    return " ".join(rng.choice(codes) for _ in range(days))


def _random_scenario(seed: int) -> Scenario:
    rng = random.Random(seed)
    people: dict[Person, str] = {
        doctor("Striker", rng.choice(["FY1", "CT2", "ST4"]), declaration=Declaration.STRIKING):
            ". . . . . . . " + _random_rota(rng, STRIKER_CODES, 3),
        doctor("Con", "Consultant", max_extra_hours=rng.choice([None, 20.0])):
            _random_rota(rng, ROTA_CODES),
        rng.choice([doctor("Sas", "Specialty doctor"), doctor("Res", "ST6", declaration=Declaration.WORKING),
                    locum("Loc", "ST5", "Emergency Medicine", 120.0)]):
            _random_rota(rng, ROTA_CODES),
    }
    return scenario(people, (strike(7, 3),))


def _plan_of(s: Scenario, chosen: tuple[tuple[Person, object], ...],
             cancelled: tuple[tuple[str, dt.date, str], ...]) -> Plan:
    groups = slot_groups(s)
    covers = tuple(
        Cover(p.key, g.key, g.start, g.end, g.priority, CoverType.EXTRA_SHIFT,  # type: ignore[attr-defined]
              shift_cost(p, s.rates, g.start, g.end))  # type: ignore[attr-defined]
        for p, g in chosen)
    sessions = tuple(
        CancelledSession(key, day, code, *s.code(code).times_on(day), "test")
        for key, day, code in cancelled)
    counts = {g.key: sum(1 for _, c in chosen if c.key == g.key) for g in groups}  # type: ignore[attr-defined]
    gaps = tuple(Gap(g.key, g.priority, g.need, counts[g.key], "none free")
                 for g in groups if counts[g.key] < g.need)
    return Plan(tuple(groups), covers, sessions, gaps)


def _score(plan: Plan) -> tuple[int, int, int, int, float]:
    covered = plan.covered_by_priority()
    return (covered[1], covered[2], covered[3], -len(plan.cancelled), -plan.total_cost)


def _best_by_brute_force(s: Scenario) -> tuple[int, int, int, int, float]:
    groups = slot_groups(s)
    pairs = [(p, g) for g in groups for p in s.people
             if not s.is_striking(p) and p.tier >= g.key.tier]
    sessions = [(e.person_key, e.day, e.code) for e in s.roster
                if s.code(e.code).type is ShiftType.ELECTIVE
                and s.in_strike(s.code(e.code).times_on(e.day)[0])]
    best = (0, 0, 0, 0, 0.0)
    for pick in itertools.product((0, 1), repeat=len(pairs)):
        chosen = tuple(pair for pair, on in zip(pairs, pick) if on)
        for cut in itertools.product((0, 1), repeat=len(sessions)):
            plan = _plan_of(s, chosen, tuple(x for x, on in zip(sessions, cut) if on))
            if _score(plan) > best and check_plan(s, plan).ok:
                best = _score(plan)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_the_solver_matches_the_best_plan_the_checker_accepts(seed: int) -> None:
    s = _random_scenario(seed)
    plan = solve(SolveRequest(s), CONFIG)
    report = check_plan(s, plan)
    assert report.ok, report.summary()
    best = _best_by_brute_force(s)
    mine = _score(plan)
    assert mine[:4] == best[:4]
    assert mine[4] == pytest.approx(best[4], abs=0.01)


def test_the_codes_used_here_are_defined() -> None:
    assert set(ROTA_CODES) - {"."} <= set(CODES)
