"""The shift codes used when a workbook has no Shifts sheet (listed in docs/workbook-format.md)."""

from __future__ import annotations

import datetime as dt

from planner.domain import ShiftCode, ShiftType


def _timed(code: str, start: str, end: str, kind: ShiftType, description: str) -> ShiftCode:
    return ShiftCode(
        code, kind, dt.time.fromisoformat(start), dt.time.fromisoformat(end), description
    )


_LEAVE = {
    "AL": "annual leave", "SL": "sick leave", "STL": "study leave",
    "PL": "parental leave", "ML": "maternity leave", "LV": "leave",
}
_OFF = {
    "OFF": "off", "O": "off", "ZERO": "zero day", "Z": "zero day", "R": "rest day",
    "ROFF": "rostered off",
}

BUILTIN_CODES: dict[str, ShiftCode] = {
    c.code: c
    for c in (
        _timed("D", "08:00", "17:00", ShiftType.WORK, "day"),
        _timed("LD", "08:00", "20:30", ShiftType.WORK, "long day"),
        _timed("E", "07:00", "15:00", ShiftType.WORK, "early"),
        _timed("L", "14:00", "22:00", ShiftType.WORK, "late"),
        _timed("TW", "16:00", "00:00", ShiftType.WORK, "twilight"),
        _timed("N", "20:00", "08:30", ShiftType.WORK, "night"),
        _timed("OC", "17:00", "22:00", ShiftType.WORK, "on call"),
        _timed("CL", "09:00", "13:00", ShiftType.ELECTIVE, "clinic"),
        _timed("TH", "08:00", "18:00", ShiftType.ELECTIVE, "theatre list"),
        *(ShiftCode(code, ShiftType.LEAVE, description=d) for code, d in _LEAVE.items()),
        *(ShiftCode(code, ShiftType.OFF, description=d) for code, d in _OFF.items()),
    )
}
"""Built-in codes by upper-case code."""
