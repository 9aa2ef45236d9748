"""A plan: who covers which struck work, which elective sessions are cancelled, what is left open.

These are the values the solver returns, the checker judges, the export writes and the window
shows. Money is in pounds (floats rounded to pence); times are wall-clock datetimes.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from planner.grades import Tier


@dataclass(frozen=True, order=True)
class SlotGroupKey:
    """Identifies interchangeable slots: same date, shift code, specialty and minimum tier."""

    day: dt.date
    shift_code: str
    specialty: str
    tier: Tier

    def __str__(self) -> str:
        return f"{self.day:%a %d/%m/%Y} {self.shift_code} {self.specialty} ({self.tier.label})"


@dataclass(frozen=True)
class SlotGroup:
    """``need`` slots of one shift to be covered by doctors at ``key.tier`` or above."""

    key: SlotGroupKey
    priority: int
    need: int
    start: dt.datetime
    end: dt.datetime
    replaces: tuple[str, ...] = ()  # person keys of the strikers whose shifts made this need


class CoverType(enum.Enum):
    ACTING_DOWN = "Acting down"
    SAS_COVER = "SAS cover"
    EXTRA_SHIFT = "Extra shift"
    LOCUM = "Locum"


@dataclass(frozen=True)
class Cover:
    """One doctor working one slot of a slot group."""

    person_key: str
    group: SlotGroupKey
    start: dt.datetime
    end: dt.datetime
    priority: int
    cover_type: CoverType
    cost: float
    replaces: str = ""  # the striker this cover stands in for, when there is one
    locked: bool = False

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class CancelledSession:
    """An elective session cancelled so that its doctor can cover emergency work."""

    person_key: str
    day: dt.date
    code: str
    start: dt.datetime
    end: dt.datetime
    reason: str


@dataclass(frozen=True)
class Gap:
    """A slot group not fully covered, with a reason a manager can act on."""

    group: SlotGroupKey
    priority: int
    needed: int
    covered: int
    reason: str

    @property
    def missing(self) -> int:
        return self.needed - self.covered


@dataclass(frozen=True)
class AcceptedBreach:
    """A rule breach the manager chose to accept, with their reason."""

    rule: str
    person_key: str
    when: dt.datetime
    reason: str


@dataclass(frozen=True)
class StageResult:
    """One level of the strict objective order and how well it was solved."""

    name: str
    value: float
    bound: float
    proven_optimal: bool
    seconds: float


@dataclass(frozen=True)
class Plan:
    """The outcome of planning a scenario."""

    groups: tuple[SlotGroup, ...]
    covers: tuple[Cover, ...]
    cancelled: tuple[CancelledSession, ...]
    gaps: tuple[Gap, ...]
    accepted_breaches: tuple[AcceptedBreach, ...] = ()
    stages: tuple[StageResult, ...] = ()
    status: str = ""
    solve_seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total_cost(self) -> float:
        return round(sum(c.cost for c in self.covers), 2)

    def covered_by_priority(self) -> dict[int, int]:
        counts = {p: 0 for p in (1, 2, 3)}
        for cover in self.covers:
            counts[cover.priority] = counts.get(cover.priority, 0) + 1
        return counts

    def needed_by_priority(self) -> dict[int, int]:
        counts = {p: 0 for p in (1, 2, 3)}
        for group in self.groups:
            counts[group.priority] = counts.get(group.priority, 0) + group.need
        return counts


class CallStatus(enum.Enum):
    """Where the phone call about a proposed cover has got to."""

    PROPOSED = "Proposed"
    ASKED = "Asked"
    ACCEPTED = "Accepted"  # the doctor said yes: the cover is locked
    DECLINED = "Declined"  # the doctor said no: never propose them there again


@dataclass(frozen=True)
class Decision:
    """A manager's decision, kept so that every choice can be defended later."""

    time: dt.datetime
    action: str
    group: SlotGroupKey | None
    person_key: str
    rule: str = ""
    reason: str = ""
