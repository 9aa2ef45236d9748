"""The checker's results: rule identifiers, :class:`Violation` and :class:`CheckReport`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.plan import AcceptedBreach

OVERLAP = "overlap"
REST = "rest"
SHIFT_LENGTH = "shift_length"
HOURS_168 = "hours_168"
CONSECUTIVE_NIGHTS = "consecutive_nights"
REST_AFTER_NIGHTS = "rest_after_nights"
CONSECUTIVE_LONG = "consecutive_long"
CONSECUTIVE_SHIFTS = "consecutive_shifts"
LEAVE = "leave"
ELIGIBILITY = "eligibility"
MAX_EXTRA_HOURS = "max_extra_hours"
COVER_TIMES = "cover_times"
CANCELLATION = "cancellation"
DEMAND = "demand"
COST = "cost"

WORKING_TIME_RULES: frozenset[str] = frozenset({
    OVERLAP, REST, SHIFT_LENGTH, HOURS_168, CONSECUTIVE_NIGHTS, REST_AFTER_NIGHTS,
    CONSECUTIVE_LONG, CONSECUTIVE_SHIFTS,
})
"""The working-time rules of the brief's table (plus overlap)."""

ACCEPTABLE_RULES: frozenset[str] = WORKING_TIME_RULES | {LEAVE, ELIGIBILITY, MAX_EXTRA_HOURS}
"""Breaches a manager may accept for a person; the others are errors in the plan's data."""

ALL_RULES: frozenset[str] = ACCEPTABLE_RULES | {COVER_TIMES, CANCELLATION, DEMAND, COST}


@dataclass(frozen=True)
class Violation:
    """One breach: which rule, whose (``""`` for demand problems), when, and in words.

    ``when`` is the start of the offending shift, window or run; ``span_start``/``span_end``
    bound every shift involved (they default to ``when``) and decide which accepted breaches
    match it.
    """

    rule: str
    person_key: str
    when: dt.datetime
    message: str
    span_start: dt.datetime | None = None
    span_end: dt.datetime | None = None

    @property
    def span(self) -> tuple[dt.datetime, dt.datetime]:
        start = self.span_start if self.span_start is not None else self.when
        end = self.span_end if self.span_end is not None else self.when
        return min(start, self.when), max(end, self.when)

    def matches(self, breach: AcceptedBreach) -> bool:
        """Same rule and person, and ``breach.when`` falls within this breach's span."""
        if self.rule not in ACCEPTABLE_RULES:
            return False
        start, end = self.span
        return (breach.rule == self.rule and breach.person_key == self.person_key
                and start <= breach.when <= end)

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


def sort_key(violation: Violation) -> tuple[dt.datetime, str, str, str]:
    return violation.when, violation.person_key, violation.rule, violation.message


@dataclass(frozen=True)
class CheckReport:
    """The verdict on a plan.

    ``violations`` make the plan invalid; ``accepted`` are plan-caused breaches the manager
    accepted; ``pre_existing`` were already in the rota and involve no cover.
    """

    violations: tuple[Violation, ...] = ()
    accepted: tuple[Violation, ...] = ()
    pre_existing: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the plan breaks nothing that was not accepted."""
        return not self.violations

    def rules(self) -> set[str]:
        """The rule identifiers of the violations."""
        return {v.rule for v in self.violations}

    def summary(self) -> str:
        """A plain-text listing of everything found, for a log or a message box."""
        lines = [f"Plan {'valid' if self.ok else 'INVALID'}: {len(self.violations)} violation(s), "
                 f"{len(self.accepted)} accepted, {len(self.pre_existing)} already in the rota."]
        for title, items in (("Violations", self.violations), ("Accepted", self.accepted),
                             ("Already in the rota", self.pre_existing)):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
