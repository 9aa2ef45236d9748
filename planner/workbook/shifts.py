"""The Shifts sheet (``Shifts``, ``Shift codes``, ``Codes``, ``Key``): what each rota code means.

Without one, the built-in codes apply. Codes are stored upper case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain import CellRef, ShiftCode, ShiftType
from planner.workbook.builtin_codes import BUILTIN_CODES
from planner.workbook.cells import squash
from planner.workbook.dates import parse_time
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

SHIFTS_SPEC = TableSpec(
    title="Shifts",
    fields={
        "code": frozenset({"code", "shiftcode", "shift", "rotacode"}),
        "start": frozenset({"start", "starttime", "from", "starts"}),
        "end": frozenset({"end", "endtime", "finish", "to", "ends"}),
        "type": frozenset({"type", "shifttype"}),
        "description": frozenset({"description", "meaning", "details", "name"}),
    },
    required=(frozenset({"code"}), frozenset({"type"})),
    looked_for="Code and Type columns",
)
_TYPES = {"work": ShiftType.WORK, "elective": ShiftType.ELECTIVE, "leave": ShiftType.LEAVE, "off": ShiftType.OFF}


def read_shift_codes(sheet: Any | None, grid_sheet: str, log: IssueLog) -> tuple[dict[str, ShiftCode], str]:
    """The codes by upper-case code, and how to say where an undefined code was looked for."""
    table = None
    if sheet is not None:
        table = read_table(sheet, SHIFTS_SPEC, log, "the built-in codes are used instead.")
    if table is None:
        if sheet is None:
            log.info(CellRef(grid_sheet), "No Shifts sheet: the built-in shift codes are used.")
        return dict(BUILTIN_CODES), "(there is no Shifts sheet and it is not a built-in code)"
    return _codes_of(table, log), f"on the '{table.sheet}' sheet"


def _codes_of(table: Table, log: IssueLog) -> dict[str, ShiftCode]:
    codes: dict[str, ShiftCode] = {}
    first_row: dict[str, int] = {}
    for row in table.rows:
        code = row.text("code").upper()
        if not code:
            log.problem(table.at(row, "code"), "A shift with no code: row not read.")
        elif code in codes:
            log.problem(table.at(row, "code"), (
                f"Code '{code}' is defined twice (rows {first_row[code]} and {row.row}); "
                "the first is used."
            ))
        else:
            codes[code] = _shift_code(table, row, code, log)
            first_row[code] = row.row
    return codes


def _shift_code(table: Table, row: TableRow, code: str, log: IssueLog) -> ShiftCode:
    start, end = _times(table, row, code, log)
    timed = start is not None and end is not None
    kind = _TYPES.get(squash(row.text("type")))
    if kind is None:
        kind = ShiftType.WORK if timed else ShiftType.LEAVE
        reading = "Work, since it has times" if timed else "Leave (no cover that day), since it has no times"
        log.problem(table.at(row, "type"), (
            f"Code '{code}' has type '{row.text('type')}', which is not Work, Elective, Leave or "
            f"Off; it is treated as {reading}."
        ))
    elif kind.is_worked and not timed:
        log.problem(table.at(row, "start"), (
            f"{kind.value} code '{code}' has no start and end times: shifts with it are not "
            "counted as worked time."
        ))
    return ShiftCode(code, kind, start, end, row.text("description"))


def _times(table: Table, row: TableRow, code: str, log: IssueLog) -> tuple[dt.time | None, dt.time | None]:
    times: list[dt.time | None] = []
    for field in ("start", "end"):
        value, text = row.values.get(field), row.text(field)
        found = parse_time(value) if text else None
        if text and found is None:
            log.problem(table.at(row, field), f"Code '{code}': {field} '{text}' is not a time.")
        times.append(found)
    start, end = times
    if (start is None) != (end is None):
        log.problem(table.at(row, "start"), (
            f"Code '{code}' has a start or an end but not both: its times are ignored."
        ))
        return None, None
    return start, end
