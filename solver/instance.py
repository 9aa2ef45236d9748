"""What the solver is asked, how, and what it reports while it works."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain import Scenario
from planner.plan import AcceptedBreach, CancelledSession, Cover, Plan, SlotGroupKey


@dataclass(frozen=True)
class CoverChoice:
    """A doctor on a slot group: the unit the manager locks or rejects."""

    person_key: str
    group: SlotGroupKey


@dataclass(frozen=True)
class SolveRequest:
    """A scenario to plan, with the manager's decisions from earlier rounds.

    ``locked`` covers are kept as they are; ``rejected`` pairs are never proposed;
    ``previous`` is the last plan, so that "fewest changes" keeps covers people were phoned about.
    ``assigned`` covers were made by hand and are kept exactly as they are, with the sessions
    the manager cancelled for them and any breach they accepted (with its reason).
    """

    scenario: Scenario
    locked: frozenset[CoverChoice] = frozenset()
    rejected: frozenset[CoverChoice] = frozenset()
    previous: Plan | None = None
    assigned: tuple[Cover, ...] = ()
    cancelled_by_hand: tuple[CancelledSession, ...] = ()
    accepted: tuple[AcceptedBreach, ...] = ()


@dataclass(frozen=True)
class SolveConfig:
    """How hard to work. Defaults suit a desktop: 60 s at most, stop early when proven."""

    time_limit_seconds: float = 60.0
    # CP-SAT's portfolio needs several workers even on two cores: on the district sample, 8
    # workers prove every stage in about 25 s where 1 or 2 leave the cancellations unproven.
    num_workers: int = 8
    random_seed: int = 1
    log_search: bool = False


@dataclass(frozen=True)
class SolveProgress:
    """A snapshot of the solve for a progress line or window; safe to pass between threads."""

    stage: str
    stage_number: int
    stage_count: int
    elapsed_seconds: float
    objective: float | None = None
    bound: float | None = None
    covered_by_priority: dict[int, int] = field(default_factory=dict)
    message: str = ""
