"""Which cancelled sessions the plan may cancel.

Only an Elective session rostered for that person on that date, starting inside a strike
window, of a doctor who is not striking. Only valid cancellations free the doctor: an invalid
one is reported and the session still counts as worked.
"""

from __future__ import annotations

from planner.checker.report import CANCELLATION, Violation
from planner.checker.shifts import CancelKey
from planner.checker.wording import at, on, who
from planner.domain import Scenario, ShiftType
from planner.plan import CancelledSession, Plan


def _problem(scenario: Scenario, session: CancelledSession) -> str | None:
    """Why this cancellation is not allowed, or None if it is."""
    person = scenario.people_by_key.get(session.person_key)
    if person is None:
        return "is not a doctor in the rota"
    code = scenario.code(session.code)
    rostered = any(e.day == session.day and scenario.code(e.code).code == code.code
                   for e in scenario.entries_by_person.get(session.person_key, ()))
    if not rostered:
        return f"is not rostered on {code.code} that day"
    if code.type is not ShiftType.ELECTIVE:
        return f"{code.code} is a {code.type.value} shift, and only elective sessions may be cancelled"
    if not code.is_timed:
        return f"{code.code} has no times"
    start, end = code.times_on(session.day)
    if not scenario.in_strike(start):
        return f"the session starts {at(start)}, outside every strike window"
    if scenario.is_striking(person):
        return "the doctor is striking, so the session is not theirs to give up"
    if (session.start, session.end) != (start, end):
        return f"the times given ({at(session.start)}-{at(session.end)}) are not {code.code}'s"
    return None


def check_cancellations(scenario: Scenario,
                        plan: Plan) -> tuple[set[CancelKey], list[Violation]]:
    """The validly cancelled sessions, and a violation for each invalid cancellation."""
    valid: set[CancelKey] = set()
    problems: list[Violation] = []
    for session in plan.cancelled:
        key = (session.person_key, session.day, scenario.code(session.code).code)
        problem = _problem(scenario, session)
        if problem is None and key in valid:
            problem = "it is cancelled twice"
        if problem is None:
            valid.add(key)
            continue
        problems.append(Violation(
            CANCELLATION, session.person_key, session.start,
            f"{who(scenario, session.person_key)}: cancelling {session.code} on "
            f"{on(session.day)} is not allowed: {problem}",
            session.start, session.end))
    return valid, problems
