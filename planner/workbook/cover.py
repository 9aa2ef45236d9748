"""The Cover sheet (``Cover``, ``Cover rules``, ``Minimum staffing``, ``Derogations``).

``Specialty | Shift | Tier | Minimum | Priority``: at least Minimum doctors at Tier or above on
that shift in that specialty on strike days. A minimum that is not a whole number of 0 or more
stops the import, since the demand cannot be guessed; an unreadable tier or priority takes the
reading that asks for more cover (any tier; priority 1), and says so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from planner.domain import CellRef, CoverRule, PlannerError, specialty_key
from planner.grades import Tier, tier_of_grade
from planner.workbook.cells import parse_number
from planner.workbook.detect import HEADER_ALIASES
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

COVER_SPEC = TableSpec(
    title="Cover",
    fields={
        "specialty": HEADER_ALIASES["specialty"],
        "shift": frozenset({"shift", "shiftcode", "code"}),
        "tier": frozenset({"tier", "grade", "minimumtier", "mintier", "level"}),
        "minimum": frozenset({"minimum", "min", "minimumnumber", "number", "doctors"}),
        "priority": frozenset({"priority"}),
    },
    required=tuple(frozenset({f}) for f in ("specialty", "shift", "tier", "minimum")),
    looked_for="Specialty, Shift, Tier and Minimum columns",
)
_NO_RULES = "every struck shift is refilled instead."


def read_cover(sheet: Any | None, codes: Collection[str], log: IssueLog) -> tuple[CoverRule, ...] | None:
    """The cover rules, or None when there is no usable Cover sheet."""
    if sheet is None:
        return None
    table = read_table(sheet, COVER_SPEC, log, _NO_RULES)
    if table is None:
        return None
    rules = [r for r in (_rule(table, row, codes, log) for row in table.rows) if r is not None]
    if not rules:
        log.problem(CellRef(table.sheet, table.header_row), f"The Cover sheet has no rules; {_NO_RULES}")
        return None
    return _merge_repeats(rules, CellRef(table.sheet), log)


def _rule(table: Table, row: TableRow, codes: Collection[str], log: IssueLog) -> CoverRule | None:
    specialty, shift = row.text("specialty"), row.text("shift").upper()
    if not specialty or not shift:
        log.problem(table.at(row), "A cover rule needs a specialty and a shift: row not read.")
        return None
    if shift not in codes:
        log.problem(table.at(row, "shift"), f"Cover rule for shift '{shift}', which is not a defined code.")
    return CoverRule(
        specialty=specialty, shift_code=shift, tier=_tier(table, row, log),
        minimum=_minimum(table, row), priority=_priority(table, row, log),
        source=table.at(row),
    )


def _minimum(table: Table, row: TableRow) -> int:
    number = parse_number(row.values.get("minimum"))
    if number is None or number < 0 or not number.is_integer():
        raise PlannerError(
            f"Cover minimum '{row.text('minimum')}' is not a whole number of doctors (0 or more).",
            table.at(row, "minimum"),
        )
    return int(number)


def _tier(table: Table, row: TableRow, log: IssueLog) -> Tier:
    tier = tier_of_grade(row.text("tier"))
    if tier is None:
        log.problem(table.at(row, "tier"), (
            f"Tier '{row.text('tier')}' is not a tier or grade; read as Foundation "
            "(doctors of any tier count)."
        ))
        return Tier.FOUNDATION
    return tier


def _priority(table: Table, row: TableRow, log: IssueLog) -> int:
    number = parse_number(row.values.get("priority"))
    if number is not None and number in (1, 2, 3):
        return int(number)
    log.problem(table.at(row, "priority"), (
        f"Priority '{row.text('priority')}' is not 1, 2 or 3; read as 1 (must cover)."
    ))
    return 1


def _merge_repeats(rules: Sequence[CoverRule], sheet: CellRef, log: IssueLog) -> tuple[CoverRule, ...]:
    """Two rules for one specialty, shift and tier: keep the larger minimum, the higher priority."""
    merged: dict[tuple[str, str, Tier], CoverRule] = {}
    for rule in rules:
        key = (specialty_key(rule.specialty), rule.shift_code, rule.tier)
        first = merged.get(key)
        if first is None:
            merged[key] = rule
            continue
        merged[key] = CoverRule(
            first.specialty, first.shift_code, first.tier, max(first.minimum, rule.minimum),
            min(first.priority, rule.priority), first.source,
        )
        log.problem(rule.source or sheet, (
            f"A second rule for {rule.specialty} {rule.shift_code} at {rule.tier.label} tier "
            f"(first on row {(first.source or sheet).row}): the larger minimum and the higher "
            "priority are kept."
        ))
    return tuple(merged.values())
