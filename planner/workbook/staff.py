"""The Staff sheet (``Staff``, ``Doctors``, ``People``): what the grid does not say about a doctor.

Each row either fills in a grid doctor (matched by staff id, then by name) or, with Type
``Locum`` or ``Bank``, adds a doctor to the pool of paid cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from planner.domain import CellRef, Declaration, StaffKind
from planner.workbook.cells import heading_key, parse_number
from planner.workbook.detect import HEADER_ALIASES
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

STAFF_SPEC = TableSpec(
    title="Staff",
    fields={
        "name": HEADER_ALIASES["name"],
        "staff_id": HEADER_ALIASES["staff_id"],
        "grade": HEADER_ALIASES["grade"],
        "specialty": HEADER_ALIASES["specialty"],
        "skills": frozenset({"skills", "competencies", "alsocovers", "cancover", "otherspecialties"}),
        "strike": frozenset({"strike", "striking", "strikedeclaration", "declaration", "declared"}),
        "available": frozenset({"availableforcover", "available", "availability", "willcover"}),
        "max_extra_hours": frozenset({"maxextrahours", "maxhours", "maximumextrahours", "extrahours"}),
        "hourly_rate": frozenset({"hourlyrate", "rate", "rateperhour"}),
        "type": frozenset({"type", "stafftype", "kind"}),
        "phone": frozenset({"phone", "mobile", "telephone", "phonenumber", "tel", "mobilenumber"}),
        "email": frozenset({"email", "emailaddress"}),
    },
    required=(frozenset({"name", "staff_id"}),),
    looked_for="a Name or Staff ID column",
)
_DECLARATIONS = {
    **dict.fromkeys(("yes", "y", "striking", "strike"), Declaration.STRIKING),
    **dict.fromkeys(("no", "n", "working", "work", "notstriking"), Declaration.WORKING),
    **dict.fromkeys(("", "unknown", "undeclared", "notdeclared"), Declaration.UNDECLARED),
}
_AVAILABLE = {**dict.fromkeys(("", "yes", "y", "true", "1"), True), **dict.fromkeys(("no", "n", "false", "0"), False)}
_KINDS = {
    **dict.fromkeys(("", "rota", "substantive", "trust", "permanent"), StaffKind.ROTA),
    **dict.fromkeys(("locum", "agency", "agencylocum", "locumagency"), StaffKind.LOCUM),
    **dict.fromkeys(("bank", "banklocum", "bankdoctor", "bankstaff"), StaffKind.BANK),
}
_T = TypeVar("_T")


@dataclass(frozen=True)
class StaffRow:
    """One row of the Staff sheet, read and checked."""

    where: CellRef
    grade_where: CellRef
    name: str
    staff_id: str
    grade: str
    specialty: str
    skills: frozenset[str]
    declaration: Declaration
    available_for_cover: bool
    max_extra_hours: float | None
    hourly_rate: float | None
    kind: StaffKind
    phone: str
    email: str


def read_staff(sheet: Any | None, log: IssueLog) -> list[StaffRow]:
    """The Staff sheet's rows (none without the sheet); rows with no name or id are problems."""
    table = read_table(sheet, STAFF_SPEC, log, "the sheet is not read.") if sheet is not None else None
    if table is None:
        return []
    rows = []
    for row in table.rows:
        if row.text("name") or row.text("staff_id"):
            rows.append(_staff_row(table, row, log))
        else:
            log.problem(table.at(row), "No name and no staff id: row not read.")
    return rows


def _staff_row(table: Table, row: TableRow, log: IssueLog) -> StaffRow:
    def pick(field: str, choices: dict[str, _T], fallback: _T, reading: str) -> _T:
        return _choice(table, row, field, choices, fallback, reading, log)

    return StaffRow(
        where=table.at(row, "name" if "name" in table.columns else "staff_id"),
        grade_where=table.at(row, "grade"),
        name=row.text("name"),
        staff_id=row.text("staff_id"),
        grade=row.text("grade"),
        specialty=row.text("specialty"),
        skills=frozenset(s.strip() for s in re.split(r"[,;]", row.text("skills")) if s.strip()),
        declaration=pick("strike", _DECLARATIONS, Declaration.UNDECLARED,
                         "undeclared (planned for as striking if a resident)"),
        available_for_cover=pick("available", _AVAILABLE, False, "No (not available for cover)"),
        max_extra_hours=_hours(table, row, log),
        hourly_rate=_rate(table, row, log),
        kind=pick("type", _KINDS, StaffKind.ROTA, "a rota doctor (matched to the grid)"),
        phone=row.text("phone"),
        email=row.text("email"),
    )


def _choice(
    table: Table, row: TableRow, field: str, choices: dict[str, _T], fallback: _T, reading: str,
    log: IssueLog,
) -> _T:
    text = row.text(field)
    found = choices.get(heading_key(text))
    if found is not None:
        return found
    heading = {"strike": "Strike", "available": "Available for cover", "type": "Type"}[field]
    log.problem(table.at(row, field), f"{heading} '{text}' is not understood; read as {reading}.")
    return fallback


def _hours(table: Table, row: TableRow, log: IssueLog) -> float | None:
    text = row.text("max_extra_hours")
    hours = parse_number(row.values.get("max_extra_hours"))
    if not text:
        return None
    if hours is None or hours < 0:
        log.problem(table.at(row, "max_extra_hours"), (
            f"Max extra hours '{text}' is not a number of hours (0 or more); read as 0 "
            "(no cover given to this doctor)."
        ))
        return 0.0
    return hours


def _rate(table: Table, row: TableRow, log: IssueLog) -> float | None:
    text = row.text("hourly_rate")
    rate = parse_number(row.values.get("hourly_rate"))
    if text and (rate is None or rate <= 0):
        log.problem(table.at(row, "hourly_rate"), (
            f"Hourly rate '{text}' is not an amount in pounds; the rate card is used instead."
        ))
        return None
    return rate if text else None

