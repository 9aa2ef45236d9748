"""The Strike sheet (``Strike``, ``Industrial action``): ``Start | End`` of each walkout.

A window that cannot be read, or whose end is not after its start, stops the import: every
struck shift depends on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.domain import PlannerError, StrikeWindow
from planner.workbook.dates import parse_datetime
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

STRIKE_SPEC = TableSpec(
    title="Strike",
    fields={
        "start": frozenset({"start", "from", "starts", "walkoutstart", "startdatetime"}),
        "end": frozenset({"end", "to", "until", "ends", "walkoutend", "enddatetime", "finish"}),
    },
    required=(frozenset({"start"}), frozenset({"end"})),
    looked_for="Start and End columns",
)


def read_strike(sheet: Any | None, log: IssueLog) -> tuple[StrikeWindow, ...]:
    """The strike windows in start order (none without the sheet)."""
    if sheet is None:
        return ()
    table = read_table(sheet, STRIKE_SPEC, log, "no strike window is read from it.")
    if table is None:
        return ()
    windows = [_window(table, row, log) for row in table.rows]
    return tuple(sorted(windows, key=lambda w: w.start))


def _window(table: Table, row: TableRow, log: IssueLog) -> StrikeWindow:
    start, end = _moment(table, row, "start"), _moment(table, row, "end")
    if end <= start:
        raise PlannerError(
            f"The strike window's end ({end:%d/%m/%Y %H:%M}) is not after its start "
            f"({start:%d/%m/%Y %H:%M}).",
            table.at(row, "end"),
        )
    if start.time() == dt.time() or end.time() == dt.time():
        log.info(table.at(row), (
            f"The strike window {start:%d/%m/%Y %H:%M} to {end:%d/%m/%Y %H:%M} starts or ends at "
            "midnight; walkouts usually run 07:00 to 07:00: check the times."
        ))
    return StrikeWindow(start, end)


def _moment(table: Table, row: TableRow, field: str) -> dt.datetime:
    moment = parse_datetime(row.values.get(field))
    if moment is None:
        raise PlannerError(
            f"The strike {field} '{row.text(field)}' is not a date and time "
            "(such as 16/03/2026 07:00).",
            table.at(row, field),
        )
    return moment
