"""Why a slot group is left open, in words a manager can act on."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from planner.domain import Scenario
from planner.plan import Cover, SlotGroup
from solver.candidates import CandidateSet

_ORDER = (
    "striking", "on leave", "not available for cover", "turned down for this shift",
    "already working", "resting between shifts", "covering another shift",
    "at a working-time limit with their other covers", "over their extra hours",
)


def explain_gap(scenario: Scenario, found: CandidateSet, group: SlotGroup,
                covers: tuple[Cover, ...]) -> str:
    """Nobody eligible, or how many eligible doctors were unavailable and why."""
    reasons = Counter(reason for _, reason in found.turned_away.get(group.key, []))
    rest = dt.timedelta(hours=scenario.rules.min_rest_hours)
    busy = _busy_candidates(found, group, covers, rest)
    reasons.update(busy)
    if set(reasons) <= {"striking"}:
        striking = f" ({reasons['striking']} on strike)" if reasons else ""
        return (f"Nobody in the rota is eligible: no {group.key.tier.label}-or-senior doctor in "
                f"{group.key.specialty} or with it as a skill who is not on strike{striking}")
    parts = [f"{n} {reason}" for reason, n in sorted(reasons.items(), key=_rank)]
    return "Every eligible doctor is unavailable: " + ", ".join(parts)


def _rank(item: tuple[str, int]) -> tuple[int, str]:
    reason = item[0]
    return (_ORDER.index(reason) if reason in _ORDER else len(_ORDER), reason)


def _busy_candidates(found: CandidateSet, group: SlotGroup, covers: tuple[Cover, ...],
                     rest: dt.timedelta) -> list[str]:
    """Candidates left unused: busy with another cover, or held back by a limit."""
    chosen = {(c.person_key, c.group) for c in covers}
    by_person: dict[str, list[Cover]] = {}
    for cover in covers:
        by_person.setdefault(cover.person_key, []).append(cover)
    reasons = []
    for cand in found.candidates:
        if cand.group.key != group.key or (cand.person.key, group.key) in chosen:
            continue
        clash = any(c.start < group.end + rest and group.start < c.end + rest
                    for c in by_person.get(cand.person.key, []))
        reasons.append("covering another shift" if clash
                       else "at a working-time limit with their other covers")
    return reasons
