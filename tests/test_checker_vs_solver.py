"""The checker against the solver: every plan passes it, and a solver with a rule switched off
makes a plan the checker rejects for exactly that rule."""

from __future__ import annotations

import dataclasses

import pytest

from builders import STRIKING, day, doctor, scenario, strike
from planner.checker import check_plan
from planner.domain import Scenario
from solver import SolveConfig, SolveRequest, solve

CONFIG = SolveConfig(time_limit_seconds=20, num_workers=1, random_seed=5)


def _case(rota: str, consultant: dict | None = None, strike_days: int = 6, **rules: float) -> Scenario:
    resident = doctor("Resident", "ST4", **STRIKING)
    con = doctor("Con", "Consultant", **(consultant or {}))
    s = scenario({resident: rota, con: ""}, (strike(7, strike_days),), days=21)
    return dataclasses.replace(s, rules=dataclasses.replace(s.rules, **rules)) if rules else s


CASES = {
    "rest": _case(". . . . . . . TW D"),
    "hours_168": _case(". . . . . . . LD LD LD LD LD LD", max_hours_per_168=50),
    "consecutive_nights": _case(". . . . . . . SN SN SN SN SN"),  # short nights: not long
    "consecutive_long": _case(". . . . . . . LD LD LD LD LD"),
    "consecutive_shifts": _case(". . . . . . . D D D D D D D D", strike_days=9),
    "rest_after_nights": _case(". . . . . . . N . D"),
    "max_extra_hours": _case(". . . . . . . D D", consultant={"max_extra_hours": 16.0}),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_the_full_solver_passes_the_checker(rule: str) -> None:
    s = CASES[rule]
    report = check_plan(s, solve(SolveRequest(s), CONFIG))
    assert report.ok, report.summary()


@pytest.mark.parametrize("rule", sorted(CASES))
def test_the_checker_catches_a_solver_with_the_rule_switched_off(rule: str) -> None:
    s = CASES[rule]
    weakened = solve(SolveRequest(s), CONFIG, disabled_rules=frozenset({rule}))
    report = check_plan(s, weakened)
    expected = {"rest": {"rest", "overlap"}}.get(rule, {rule})
    assert report.rules() & expected, report.summary()
    assert report.rules() <= expected


def test_a_covered_day_is_a_real_date() -> None:
    assert day(7).isoformat() == "2026-03-09"
