"""``check_plan``: the independent referee of a plan."""

from __future__ import annotations

from planner.checker.cancellations import check_cancellations
from planner.checker.costing import check_costs
from planner.checker.covers import check_covers
from planner.checker.demand import check_demand
from planner.checker.report import CheckReport, Violation, sort_key
from planner.checker.rules import check_working_time
from planner.domain import Scenario
from planner.plan import AcceptedBreach, Plan


def check_plan(scenario: Scenario, plan: Plan) -> CheckReport:
    """Judge ``plan`` against ``scenario`` by the brief's readings.

    Every breach the plan causes is a violation unless the manager accepted it (same rule
    and person, and the accepted ``when`` within the breach's span); working-time breaches
    already in the rota that involve no cover are listed as pre-existing (only for people
    the plan gives covers to).
    """
    cancelled, caused = check_cancellations(scenario, plan)
    caused += check_covers(scenario, plan)
    caused += check_demand(scenario, plan)
    caused += check_costs(scenario, plan)
    pre_existing: list[Violation] = []
    for plans_doing, violation in check_working_time(scenario, plan, cancelled):
        (caused if plans_doing else pre_existing).append(violation)
    violations, accepted = _split_accepted(caused, plan.accepted_breaches)
    return CheckReport(violations=tuple(sorted(violations, key=sort_key)),
                       accepted=tuple(sorted(accepted, key=sort_key)),
                       pre_existing=tuple(sorted(pre_existing, key=sort_key)))


def _split_accepted(found: list[Violation], breaches: tuple[AcceptedBreach, ...]
                    ) -> tuple[list[Violation], list[Violation]]:
    violations: list[Violation] = []
    accepted: list[Violation] = []
    for violation in found:
        matched = any(violation.matches(b) for b in breaches)
        (accepted if matched else violations).append(violation)
    return violations, accepted
