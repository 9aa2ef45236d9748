"""A lexicographic solve: one CP-SAT run per level of the strict objective order.

Each stage is hinted with the previous stage's plan and then pinned at the value it reached, so
no amount of a later level (cost, fairness) can buy back an earlier one (a priority-1 slot).
Cancel is cooperative: a watcher thread calls ``stop_search`` within a tenth of a second of the
stop flag, even while CP-SAT is proving optimality and no solutions arrive.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.plan import StageResult
from solver.instance import SolveConfig, SolveProgress
from solver.model import CoverModel

ProgressCallback = Callable[[SolveProgress], None]


@dataclass(frozen=True)
class Stage:
    name: str
    maximize: bool
    expression: cp_model.LinearExprT
    scale: float = 1.0  # from model units to the manager's (pounds, hours)
    repair_hint: bool = False  # start from the covers found with only the cancellations needed
    always_run: bool = False  # runs (briefly) even when the clock has run out


@dataclass
class StagedOutcome:
    values: dict[int, int]  # variable index -> value in the best plan found
    stages: list[StageResult]
    stopped: bool
    proven: bool


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Runs on CP-SAT's threads: it only builds a plain progress value and hands it on."""

    def __init__(self, stage: Stage, number: int, count: int, started: float,
                 on_progress: ProgressCallback | None, label: str) -> None:
        super().__init__()
        self._stage, self._number, self._count = stage, number, count
        self._started, self._on_progress, self._label = started, on_progress, label

    def on_solution_callback(self) -> None:
        if self._on_progress is None:
            return
        self._on_progress(SolveProgress(
            self._stage.name, self._number, self._count, time.monotonic() - self._started,
            objective=self.objective_value * self._stage.scale,
            bound=self.best_objective_bound * self._stage.scale, message=self._label))


class PartRun:
    """One part's staged solve, advanced a level at a time so that every part gets its
    priority-1 covers before any part spends time on cost or fairness."""

    def __init__(self, cover_model: CoverModel, stages: list[Stage], config: SolveConfig,
                 started: float, on_progress: ProgressCallback | None,
                 should_stop: Callable[[], bool], label: str = "",
                 values: dict[int, int] | None = None) -> None:
        self.cover_model, self.stages, self.config = cover_model, stages, config
        self._started, self._on_progress, self._should_stop = started, on_progress, should_stop
        self.label = label
        self._variables = [*cover_model.cover.values(), *cover_model.cancel.values()]
        self.values = dict(values) if values else {v.index: 0 for v in self._variables}
        self.results: list[StageResult] = []
        self.stopped = False

    @property
    def size(self) -> int:
        return len(self.cover_model.found.candidates)

    def run_stage(self, number: int, deadline: float) -> None:
        """Solve level ``number`` (1-based) by ``deadline``, then pin it for the next."""
        stage = self.stages[number - 1]
        remaining = deadline - time.monotonic()
        if self._should_stop() or (remaining <= 0 and not stage.always_run):
            self.stopped = self.stopped or self._should_stop()
            self.results.append(StageResult(stage.name, float("nan"), float("nan"), False, 0.0))
            return
        # The stages up to priority 1 always get a moment, even late: a part reached after the
        # clock ran out still gets its easy priority-1 covers.
        budget = max(0.2 if stage.always_run else 0.05, remaining)
        model = self.cover_model.model
        if stage.repair_hint:
            self.values = _fewest_needed(self.cover_model, stage, self.values, self.config,
                                         min(budget / 4, 2.0))
        _hint(model, self._variables, self.values)
        solver, status, seconds = _run(model, stage, (number, len(self.stages), self.label), budget,
                                       self.config, self._started, self._on_progress,
                                       self._should_stop)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # No plan in time for this level: keep the one we have and go on to the next.
            self.results.append(StageResult(stage.name, float("nan"), float("nan"), False, seconds))
            return
        self.values = {v.index: int(solver.value(v)) for v in self._variables}
        value = round(solver.objective_value)
        proven = status == cp_model.OPTIMAL
        self.results.append(StageResult(stage.name, value, solver.best_objective_bound, proven, seconds))
        if number < len(self.stages):  # the last level binds nothing after it (fairness is held
            # at the plan's overall value by the caller when fewest changes follows)
            model.add(stage.expression >= value if stage.maximize else stage.expression <= value)
        self.stopped = self.stopped or self._should_stop()

    def outcome(self) -> StagedOutcome:
        proven = len(self.results) == len(self.stages) and all(r.proven_optimal for r in self.results)
        return StagedOutcome(self.values, self.results, self.stopped, proven)


def solve_levels(runs: list[PartRun], deadline: float, should_stop: Callable[[], bool]) -> None:
    """Every part through level 1, then every part through level 2, and so on.

    Each level gets the time left less a little kept for the levels after it; within a level,
    parts share it by size, small ones first (they finish early and pass their time on).
    """
    if not runs:
        return
    count = len(runs[0].stages)
    span = max(deadline - time.monotonic(), 0.0)
    for number in range(1, count + 1):
        level_deadline = deadline - 0.05 * span * (count - number)
        for i, run in enumerate(runs):
            if should_stop() and not run.stages[number - 1].always_run:
                run.stopped = True
                continue
            left = sum(r.size for r in runs[i:]) or 1
            now = time.monotonic()
            run.run_stage(number, now + max(0.0, level_deadline - now) * run.size / left)


def solve_in_stages(cover_model: CoverModel, stages: list[Stage], config: SolveConfig,
                    deadline: float, started: float, on_progress: ProgressCallback | None,
                    should_stop: Callable[[], bool], label: str = "",
                    values: dict[int, int] | None = None) -> StagedOutcome:
    """One part, every level in turn, finishing by ``deadline`` (a ``time.monotonic()`` value),
    starting from ``values`` (a plan that satisfies every earlier pin) when given."""
    run = PartRun(cover_model, stages, config, started, on_progress, should_stop, label, values)
    solve_levels([run], deadline, should_stop)
    return run.outcome()


def _fewest_needed(cover_model: CoverModel, stage: Stage, values: dict[int, int],
                   config: SolveConfig, budget: float) -> dict[int, int]:
    """A better start for a minimising stage over the cancel variables: the covers as they
    are, and only the cancellations they need (coverage stages leave the rest arbitrary)."""
    trial = cover_model.model.clone()
    for var in cover_model.cover.values():
        trial.add(trial.get_bool_var_from_proto_index(var.index) == values.get(var.index, 0))
    cancels = [trial.get_bool_var_from_proto_index(v.index) for v in cover_model.cancel.values()]
    trial.minimize(sum(cancels))
    for var in cancels:
        trial.add_hint(var, values.get(var.index, 0))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = max(1, min(config.num_workers or 8, 8))
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return values
    better = dict(values)
    better.update({v.index: int(solver.value(v)) for v in cancels})
    return better


def _hint(model: cp_model.CpModel, variables: list[cp_model.IntVar], values: dict[int, int]) -> None:
    model.clear_hints()
    for var in variables:
        model.add_hint(var, values[var.index])


def _run(model: cp_model.CpModel, stage: Stage, where: tuple[int, int, str], budget: float,
         config: SolveConfig, started: float, on_progress: ProgressCallback | None,
         should_stop: Callable[[], bool]) -> tuple[cp_model.CpSolver, Any, float]:
    if stage.maximize:
        model.maximize(stage.expression)
    else:
        model.minimize(stage.expression)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.random_seed = config.random_seed
    solver.parameters.log_search_progress = config.log_search
    if config.num_workers:
        solver.parameters.num_workers = config.num_workers
    number, count, label = where
    if on_progress:
        on_progress(SolveProgress(stage.name, number, count, time.monotonic() - started,
                                  message=label))
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(solver, should_stop, done), daemon=True)
    watcher.start()
    t0 = time.monotonic()
    try:
        reporter = _Reporter(stage, number, count, started, on_progress, label)
        status = solver.solve(model, reporter)
    finally:
        done.set()
        watcher.join()
    return solver, status, time.monotonic() - t0


def _watch(solver: cp_model.CpSolver, should_stop: Callable[[], bool], done: threading.Event) -> None:
    # A stop_search() that lands before CP-SAT has started is ignored, so keep asking.
    while not done.wait(0.05):
        if should_stop():
            solver.stop_search()
