"""The Rules sheet (``Rules``, ``Working time``): ``Rule | Value`` rows overriding the defaults."""

from __future__ import annotations

import dataclasses
from typing import Any

from planner.domain import WorkingTimeRules
from planner.workbook.cells import heading_key, parse_number, squash
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

RULES_SPEC = TableSpec(
    title="Rules",
    fields={
        "rule": frozenset({"rule", "setting", "name"}),
        "value": frozenset({"value", "limit"}),
    },
    required=(frozenset({"rule"}), frozenset({"value"})),
    looked_for="Rule and Value columns",
)
RULE_NAMES: dict[str, str] = {
    "Min rest hours": "min_rest_hours",
    "Max shift hours": "max_shift_hours",
    "Max hours per 168 hours": "max_hours_per_168",
    "Max consecutive nights": "max_consecutive_nights",
    "Min rest after nights hours": "min_rest_after_nights_hours",
    "Max consecutive long shifts": "max_consecutive_long_shifts",
    "Max consecutive shifts": "max_consecutive_shifts",
}
"""The documented rule names and the setting each one sets."""

_FIELD_OF = {
    **{squash(name): field for name, field in RULE_NAMES.items()},
    **{squash(field): field for field in RULE_NAMES.values()},
    "minrestafternights": "min_rest_after_nights_hours",
}
_DEFAULTS = WorkingTimeRules()
_WHOLE_NUMBERS = frozenset(
    f.name for f in dataclasses.fields(WorkingTimeRules) if f.type in ("int", int)
)


def read_rules(sheet: Any | None, log: IssueLog) -> WorkingTimeRules:
    """The working-time rules: the defaults with the sheet's values put in."""
    table = read_table(sheet, RULES_SPEC, log, "the default rules apply.") if sheet is not None else None
    if table is None:
        return _DEFAULTS
    changes: dict[str, Any] = {}
    for row in table.rows:
        field = _FIELD_OF.get(heading_key(row.text("rule")))
        if field is None:
            log.problem(table.at(row, "rule"), (
                f"'{row.text('rule')}' is not a rule this planner knows: row not read."
            ))
        elif field in changes:
            log.problem(table.at(row, "rule"), f"'{row.text('rule')}' is given twice: the first is used.")
        elif (value := _value(table, row, field, log)) is not None:
            changes[field] = value
    return dataclasses.replace(_DEFAULTS, **changes)


def _value(table: Table, row: TableRow, field: str, log: IssueLog) -> float | int | None:
    default = getattr(_DEFAULTS, field)
    number = parse_number(row.values.get("value"))
    whole = field in _WHOLE_NUMBERS
    if number is None or number < 0 or (whole and not number.is_integer()):
        kind = "whole number" if whole else "number"
        log.problem(table.at(row, "value"), (
            f"'{row.text('value')}' is not a {kind} of 0 or more: the default {default} is used."
        ))
        return None
    looser = number < default if field.startswith("min_") else number > default
    if looser:
        log.info(table.at(row, "value"), (
            f"{row.text('rule')} {row.text('value')} is looser than the NHS default {default}."
        ))
    return int(number) if whole else number
