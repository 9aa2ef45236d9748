"""The plan checker: an independent referee that holds a plan to the brief's readings.

It shares no constraint, demand or costing code with the solver.
"""

from __future__ import annotations

from planner.checker.check import check_plan
from planner.checker.report import (
    ACCEPTABLE_RULES, ALL_RULES, CANCELLATION, CONSECUTIVE_LONG, CONSECUTIVE_NIGHTS,
    CONSECUTIVE_SHIFTS, COST, COVER_TIMES, DEMAND, ELIGIBILITY, HOURS_168, LEAVE,
    MAX_EXTRA_HOURS, OVERLAP, REST, REST_AFTER_NIGHTS, SHIFT_LENGTH, WORKING_TIME_RULES,
    CheckReport, Violation,
)

__all__ = [
    "ACCEPTABLE_RULES", "ALL_RULES", "CANCELLATION", "CONSECUTIVE_LONG", "CONSECUTIVE_NIGHTS",
    "CONSECUTIVE_SHIFTS", "COST", "COVER_TIMES", "DEMAND", "ELIGIBILITY", "HOURS_168", "LEAVE",
    "MAX_EXTRA_HOURS", "OVERLAP", "REST", "REST_AFTER_NIGHTS", "SHIFT_LENGTH",
    "WORKING_TIME_RULES", "CheckReport", "Violation", "check_plan",
]
