"""The list sheets of a plan export: Changes (who must be phoned), Gaps, Cancelled, Struck, Sitrep.

Their headers are the contract with :mod:`planner.workbook.plan_reader`, which reads a plan
back from them; both modules use the constants below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from openpyxl.workbook.workbook import Workbook

from planner.demand import StruckShift
from planner.domain import Person, PlannerError, Scenario
from planner.plan import Cover, Decision, Plan, SlotGroup, SlotGroupKey
from planner.sitrep import sitrep
from planner.workbook.export_cells import (
    DATE_FORMAT, HOURS_FORMAT, MONEY_FORMAT, TIME_FORMAT, Value, replace_sheet, write_table,
)

CHANGES_SHEET = "Changes"
GAPS_SHEET = "Gaps"
CANCELLED_SHEET = "Cancelled"
STRUCK_SHEET = "Struck"
SITREP_SHEET = "Sitrep"
DECISIONS_SHEET = "Decisions"

CHANGES_HEADERS = (
    "Date", "Shift", "Start", "End", "Specialty", "Tier", "Priority", "Covered by", "Staff ID",
    "Grade", "Cover type", "Replaces", "Hours", "Rate", "Cost", "Phone", "Email", "Status",
)
GAPS_HEADERS = (
    "Date", "Shift", "Start", "End", "Specialty", "Tier", "Priority", "Needed", "Covered",
    "Missing", "Reason",
)
CANCELLED_HEADERS = ("Date", "Staff", "Staff ID", "Session", "Start", "End", "Reason")
STRUCK_HEADERS = (
    "Date", "Shift", "Start", "End", "Name", "Staff ID", "Grade", "Specialty", "Declaration",
)
SITREP_HEADERS = (
    "Date", "Doctors due to work", "Taking part in action", "Elective sessions cancelled",
)
DECISIONS_HEADERS = (
    "Time", "Action", "Date", "Shift", "Specialty", "Doctor", "Staff ID", "Rule", "Reason",
)
STATUS_PROPOSED = "Proposed"
STATUS_LOCKED = "Locked"

_TIMES = {"Date": DATE_FORMAT, "Start": TIME_FORMAT, "End": TIME_FORMAT}
CHANGES_FORMATS = {**_TIMES, "Hours": HOURS_FORMAT, "Rate": MONEY_FORMAT, "Cost": MONEY_FORMAT}


def person_of(scenario: Scenario, key: str) -> Person:
    """The plan's person, or a PlannerError if the plan names someone not in the scenario."""
    person = scenario.people_by_key.get(key)
    if person is None:
        raise PlannerError(f"the plan names a doctor who is not in the rota: {key!r}")
    return person


def write_changes(wb: Workbook, scenario: Scenario, plan: Plan,
                  statuses: Mapping[tuple[str, SlotGroupKey], str] | None = None) -> None:
    covers = sorted(plan.covers, key=lambda c: (
        c.group.day, c.priority, c.group.shift_code, c.group.specialty,
        person_of(scenario, c.person_key).name))
    rows = [_change_row(scenario, c, (statuses or {}).get((c.person_key, c.group))) for c in covers]
    write_table(replace_sheet(wb, CHANGES_SHEET), CHANGES_HEADERS, rows, CHANGES_FORMATS)


def _change_row(scenario: Scenario, cover: Cover, status: str | None) -> list[Value]:
    person = person_of(scenario, cover.person_key)
    hours = cover.minutes / 60
    replaces = scenario.people_by_key.get(cover.replaces) if cover.replaces else None
    return [
        *_slot_cells(cover.group, cover.start, cover.end), cover.priority, person.name,
        person.staff_id, person.grade, cover.cover_type.value,
        replaces.name if replaces is not None else cover.replaces,
        round(hours, 2), round(cover.cost / hours, 2) if hours else None, cover.cost,
        person.phone, person.email,
        status or (STATUS_LOCKED if cover.locked else STATUS_PROPOSED),
    ]


def write_decisions(wb: Workbook, scenario: Scenario, decisions: Sequence[Decision]) -> None:
    """Every manual decision with its time and reason, so each can be defended later."""
    rows: list[list[Value]] = []
    for d in decisions:
        person = scenario.people_by_key.get(d.person_key)
        group = d.group
        rows.append([d.time, d.action, group.day if group else None,
                     group.shift_code if group else "", group.specialty if group else "",
                     person.name if person else d.person_key, person.staff_id if person else "",
                     d.rule, d.reason])
    formats = {"Time": "dd/mm/yyyy hh:mm", "Date": DATE_FORMAT}
    write_table(replace_sheet(wb, DECISIONS_SHEET), DECISIONS_HEADERS, rows, formats)


def _slot_cells(key: SlotGroupKey, start: dt.datetime | None,
                end: dt.datetime | None) -> list[Value]:
    """Date | Shift | Start | End | Specialty | Tier; Start and End keep their full datetime."""
    return [key.day, key.shift_code, start, end, key.specialty, key.tier.label]


def write_gaps(wb: Workbook, scenario: Scenario, plan: Plan) -> None:
    groups = {g.key: g for g in plan.groups}
    rows = []
    for gap in sorted(plan.gaps, key=lambda g: (g.group.day, g.priority, g.group)):
        start, end = _group_times(scenario, groups.get(gap.group), gap.group)
        rows.append([*_slot_cells(gap.group, start, end), gap.priority, gap.needed,
                     gap.covered, gap.missing, gap.reason])
    write_table(replace_sheet(wb, GAPS_SHEET), GAPS_HEADERS, rows, _TIMES)


def _group_times(scenario: Scenario, group: SlotGroup | None,
                 key: SlotGroupKey) -> tuple[dt.datetime | None, dt.datetime | None]:
    if group is not None:
        return group.start, group.end
    code = scenario.code(key.shift_code)
    return code.times_on(key.day) if code.is_timed else (None, None)


def write_cancelled(wb: Workbook, scenario: Scenario, plan: Plan) -> None:
    rows: list[Sequence[Value]] = []
    for session in sorted(plan.cancelled, key=lambda s: (s.start, s.person_key)):
        person = person_of(scenario, session.person_key)
        rows.append([session.day, person.name, person.staff_id, session.code, session.start,
                     session.end, session.reason])
    write_table(replace_sheet(wb, CANCELLED_SHEET), CANCELLED_HEADERS, rows, _TIMES)


def write_struck(wb: Workbook, struck: Sequence[StruckShift]) -> None:
    rows: list[Sequence[Value]] = [
        [s.entry.day, s.code, s.start, s.end, s.person.name, s.person.staff_id, s.person.grade,
         s.person.specialty, s.declaration.value]
        for s in struck
    ]
    write_table(replace_sheet(wb, STRUCK_SHEET), STRUCK_HEADERS, rows, _TIMES)


def write_sitrep(wb: Workbook, scenario: Scenario, plan: Plan) -> None:
    rows: list[Sequence[Value]] = [
        [day.day, day.due_to_work, day.taking_part, day.electives_cancelled]
        for day in sitrep(scenario, plan)
    ]
    write_table(replace_sheet(wb, SITREP_SHEET), SITREP_HEADERS, rows, {"Date": DATE_FORMAT})
