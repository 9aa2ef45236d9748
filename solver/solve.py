"""``solve``: the one function the command line and the window call to plan a strike."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from planner.demand import slot_groups
from planner.grades import Tier
from planner.plan import (CancelledSession, Cover, CoverType, Gap, Plan, SlotGroup, SlotGroupKey,
                          StageResult)
from solver.candidates import CancellableSession, Candidate, CandidateSet, build_candidates
from solver.gaps import explain_gap
from solver.instance import SolveConfig, SolveProgress, SolveRequest
from solver.model import CoverModel, cost_unit
from solver.staged import Stage, StagedOutcome, solve_in_stages

STOPPED = "stopped — best plan so far"


def solve(request: SolveRequest, config: SolveConfig = SolveConfig(),
          on_progress: Callable[[SolveProgress], None] | None = None,
          should_stop: Callable[[], bool] | None = None,
          disabled_rules: frozenset[str] = frozenset()) -> Plan:
    """Plan cover for a strike: a pure, synchronous function of its input.

    Never infeasible: demand that cannot be met comes back as gaps with reasons.
    ``disabled_rules`` switches working-time rules off and exists only to test the checker.
    """
    stop = should_stop or (lambda: False)
    started = time.monotonic()
    groups = slot_groups(request.scenario)
    found = build_candidates(request, groups)
    cover_model = CoverModel(request, found, disabled_rules)
    if not cover_model.build(stop):
        return _plan(request, cover_model, None, time.monotonic() - started, stopped=True)
    stages = _stages(cover_model, request)
    outcome = solve_in_stages(cover_model, stages, config, started, on_progress, stop)
    return _plan(request, cover_model, outcome, time.monotonic() - started, stopped=outcome.stopped)


def _stages(cover_model: CoverModel, request: SolveRequest) -> list[Stage]:
    unit = cost_unit([c.cost for c in cover_model.found.candidates])
    stages = [
        Stage("Priority 1 slots covered", True, cover_model.covered(1)),
        Stage("Priority 2 slots covered", True, cover_model.covered(2)),
        Stage("Priority 3 slots covered", True, cover_model.covered(3)),
        Stage("Elective sessions cancelled", False, cover_model.cancellations()),
        Stage(f"Cost (units of £{unit / 6000:g})", False, cover_model.cost(unit)),
        Stage("Most extra minutes for one doctor", False, cover_model.most_extra_minutes()),
    ]
    if request.previous is not None:
        stages.append(Stage("Changes from the previous plan", False, cover_model.changes()))
    return stages


def _plan(request: SolveRequest, cover_model: CoverModel, outcome: StagedOutcome | None,
          seconds: float, stopped: bool) -> Plan:
    found = cover_model.found
    values = outcome.values if outcome else {}
    chosen = [c for c, x in zip(found.candidates, cover_model.cover) if values.get(x.index) == 1]
    covers = _covers(request, chosen)
    cancelled_sessions = [s for s, x in zip(found.sessions, cover_model.cancel)
                          if values.get(x.index) == 1]
    cancelled = _cancelled(request, cancelled_sessions, covers)
    gaps = _gaps(request, found, covers)
    stages = tuple(outcome.stages) if outcome else ()
    status = _status(outcome, stopped)
    return Plan(tuple(found.groups), covers, cancelled, gaps, stages=stages, status=status,
                solve_seconds=seconds, notes=tuple(found.notes))


def _status(outcome: StagedOutcome | None, stopped: bool) -> str:
    if stopped:
        return STOPPED
    if outcome and outcome.proven:
        return "optimal"
    return "time limit reached — best plan found"


def _cover_type(candidate: Candidate) -> CoverType:
    if candidate.person.is_pool:
        return CoverType.LOCUM
    if candidate.person.tier is Tier.CONSULTANT:
        return CoverType.ACTING_DOWN
    if candidate.person.tier is Tier.SAS:
        return CoverType.SAS_COVER
    return CoverType.EXTRA_SHIFT


def _covers(request: SolveRequest, chosen: list[Candidate]) -> tuple[Cover, ...]:
    by_group: dict[SlotGroupKey, list[Candidate]] = defaultdict(list)
    for cand in chosen:
        by_group[cand.group.key].append(cand)
    covers = []
    for key, cands in sorted(by_group.items()):
        cands.sort(key=lambda c: (c.person.name, c.person.key))
        strikers = list(cands[0].group.replaces)
        for n, cand in enumerate(cands):
            covers.append(Cover(
                cand.person.key, key, cand.group.start, cand.group.end, cand.group.priority,
                _cover_type(cand), round(cand.cost / 6000, 2),
                replaces=strikers[n] if n < len(strikers) else "",
                locked=cand.choice in request.locked))
    return tuple(covers)


def _cancelled(request: SolveRequest, sessions: list[CancellableSession],
               covers: tuple[Cover, ...]) -> tuple[CancelledSession, ...]:
    scenario = request.scenario
    by_person: dict[str, list[Cover]] = defaultdict(list)
    for cover in covers:
        by_person[cover.person_key].append(cover)
    cancelled = []
    for session in sessions:
        mine = by_person.get(session.person_key, [])
        nearest = min(mine, key=lambda c: abs((c.start - session.start).total_seconds()), default=None)
        reason = (f"frees {scenario.person(session.person_key).name} to cover {nearest.group}"
                  if nearest else "keeps working-time rules with the covers given")
        cancelled.append(CancelledSession(session.person_key, session.day, session.code,
                                          session.start, session.end, reason))
    return tuple(cancelled)


def _gaps(request: SolveRequest, found: CandidateSet, covers: tuple[Cover, ...]) -> tuple[Gap, ...]:
    covered: dict[SlotGroupKey, int] = defaultdict(int)
    for cover in covers:
        covered[cover.group] += 1
    gaps = []
    for group in found.groups:
        if covered[group.key] < group.need:
            reason = explain_gap(request.scenario, found, group, covers)
            gaps.append(Gap(group.key, group.priority, group.need, covered[group.key], reason))
    return tuple(gaps)


__all__ = ["solve", "SlotGroup", "StageResult", "STOPPED"]
