"""``solve``: the one function the command line and the window call to plan a strike."""

from __future__ import annotations

import dataclasses
import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.costing import shift_cost
from planner.demand import slot_groups
from planner.grades import Tier
from planner.plan import (CancelledSession, Cover, CoverType, Gap, Plan, SlotGroup, SlotGroupKey,
                          StageResult)
from solver.candidates import CancellableSession, Candidate, CandidateSet, build_candidates
from solver.components import split_components
from solver.gaps import explain_gap
from solver.instance import SolveConfig, SolveProgress, SolveRequest
from solver.model import CoverModel, cost_unit
from solver.staged import PartRun, Stage, StagedOutcome, solve_in_stages, solve_levels

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
    deadline = started + config.time_limit_seconds
    found = build_candidates(request, slot_groups(request.scenario))
    parts = split_components(found)
    # With a previous plan, the last level (fewest changes) runs once every part's fairness is
    # known: it may use any part's slack up to the largest part's "most extra hours".
    first_deadline = deadline - (0.15 * config.time_limit_seconds if request.previous else 0)
    runs: list[PartRun] = []
    for number, part in enumerate(parts, start=1):
        cover_model = CoverModel(request, part, disabled_rules)
        if stop() or not cover_model.build(stop):
            break
        label = f"part {number} of {len(parts)}" if len(parts) > 1 else ""
        runs.append(PartRun(cover_model, _stages(cover_model), config, started, on_progress,
                            stop, label))
    solve_levels(runs, first_deadline, stop)
    solved: list[PartResult] = [(r.cover_model, r.outcome(), r.stages) for r in runs]
    if request.previous is not None and not stop():
        _fewest_changes(solved, config, deadline, started, on_progress, stop)
    outcome = _Outcome(stopped=stop() or len(solved) < len(parts))
    for part_result in solved:
        outcome.add(part_result)
    return _plan(request, found, outcome, time.monotonic() - started)


PartResult = tuple[CoverModel, "StagedOutcome | None", list[Stage]]


def _fewest_changes(solved: list[PartResult], config: SolveConfig, deadline: float,
                    started: float, on_progress: Callable[[SolveProgress], None] | None,
                    stop: Callable[[], bool]) -> None:
    """The last level, part by part, with fairness held at the plan's overall value."""
    finished = [(m, o, st) for m, o, st in solved
                if o is not None and len(o.stages) == len(st) and not math.isnan(o.stages[-1].value)]
    if not finished:
        return
    most = max(int(o.stages[-1].value) for _, o, _ in finished)
    for number, (model, outcome, stages) in enumerate(finished, start=1):
        model.model.add(model.most_extra <= most)
        stage = Stage(CHANGES, False, model.changes())
        share = 1 / (len(finished) - number + 1)
        part_deadline = time.monotonic() + max(0.0, deadline - time.monotonic()) * share
        more = solve_in_stages(model, [stage], config, part_deadline, started, on_progress, stop,
                               "fewest changes", values=outcome.values)
        if more.stages and more.values:
            outcome.values = more.values
        outcome.stages.extend(more.stages)
        outcome.proven = outcome.proven and more.proven
        stages.append(stage)


@dataclass
class _Outcome:
    """The parts' results, merged."""

    chosen: set[int] = field(default_factory=set)
    cancelled: set[int] = field(default_factory=set)
    stages: dict[str, list[StageResult]] = field(default_factory=dict)
    stopped: bool = False
    unfinished: bool = False

    def add(self, part: PartResult) -> None:
        model, staged, stages = part
        if staged is None:
            self.stopped = True
            return
        self.chosen |= {i for i, x in model.cover.items() if staged.values.get(x.index) == 1}
        self.cancelled |= {i for i, x in model.cancel.items() if staged.values.get(x.index) == 1}
        for stage, result in zip(stages, staged.stages):
            self.stages.setdefault(stage.name, []).append(_scaled(stage, result))
        self.stopped = self.stopped or staged.stopped
        self.unfinished = self.unfinished or not staged.proven


COST = "Cost of cover (£)"
FAIRNESS = "Most extra hours for one doctor"
CHANGES = "Changes from the previous plan"


def _stages(cover_model: CoverModel) -> list[Stage]:
    unit = cost_unit([c.cost for c in cover_model.found.candidates])
    locks = [Stage("Locked covers kept", True, cover_model.locks_kept(), always_run=True)]
    return [
        *(locks if cover_model.request.locked else []),
        Stage("Priority 1 slots covered", True, cover_model.covered(1), always_run=True),
        Stage("Priority 2 slots covered", True, cover_model.covered(2)),
        Stage("Priority 3 slots covered", True, cover_model.covered(3)),
        Stage("Elective sessions cancelled", False, cover_model.cancellations(), repair_hint=True),
        Stage(COST, False, cover_model.cost(unit), scale=unit / 6000),
        Stage(FAIRNESS, False, cover_model.most_extra_minutes(), scale=1 / 60),
    ]


def _scaled(stage: Stage, result: StageResult) -> StageResult:
    return dataclasses.replace(result, value=result.value * stage.scale,
                               bound=result.bound * stage.scale)


def _merged_stages(outcome: _Outcome) -> tuple[StageResult, ...]:
    """Each level over all parts: sums, but fairness is the largest part's."""
    merged = []
    for name, results in outcome.stages.items():
        combine = max if name == FAIRNESS else sum
        merged.append(StageResult(
            name, round(combine(r.value for r in results), 2),  # type: ignore[operator]
            round(combine(r.bound for r in results), 2),  # type: ignore[operator]
            all(r.proven_optimal for r in results), sum(r.seconds for r in results)))
    return tuple(merged)


def _plan(request: SolveRequest, found: CandidateSet, outcome: _Outcome, seconds: float) -> Plan:
    chosen = [c for c in found.candidates if c.index in outcome.chosen]
    covers = _covers(request, chosen) + request.assigned
    sessions = [s for s in found.sessions if s.index in outcome.cancelled]
    cancelled = _cancelled(request, sessions, covers) + request.cancelled_by_hand
    gaps = _gaps(request, found, covers)
    return Plan(tuple(found.groups), covers, cancelled, gaps, request.accepted,
                stages=_merged_stages(outcome), status=_status(outcome), solve_seconds=seconds,
                notes=tuple(found.notes))


def _status(outcome: _Outcome) -> str:
    if outcome.stopped:
        return STOPPED
    if not outcome.unfinished:
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
                _cover_type(cand),
                shift_cost(cand.person, request.scenario.rates, cand.group.start, cand.group.end),
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
