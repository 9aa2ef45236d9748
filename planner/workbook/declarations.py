"""A declarations file: who has said they will strike or work (`Name or Staff ID | Strike`).

Managers collect declarations in a spreadsheet or a CSV export from a form; either is read here
and matched to the rota's doctors by staff id first, then by name.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from planner.domain import CellRef, Declaration, PlannerError, Scenario

_STRIKE = {"yes": Declaration.STRIKING, "y": Declaration.STRIKING, "striking": Declaration.STRIKING,
           "strike": Declaration.STRIKING,
           "no": Declaration.WORKING, "n": Declaration.WORKING, "working": Declaration.WORKING,
           "work": Declaration.WORKING,
           "": Declaration.UNDECLARED, "unknown": Declaration.UNDECLARED,
           "undeclared": Declaration.UNDECLARED}


def _squash(text: object) -> str:
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def read_declarations(path: Path, scenario: Scenario) -> tuple[dict[str, Declaration], list[str]]:
    """Declarations keyed by person key, and the rows that could not be used (with places)."""
    rows, sheet = _rows(path)
    if not rows:
        raise PlannerError("the declarations file is empty", CellRef(sheet))
    header = [_squash(h) for h in rows[0]]
    who = _column(header, ("staffid", "id", "employeenumber", "gmc", "gmcnumber"))
    name = _column(header, ("name", "doctor", "staff", "staffname", "employee"))
    strike = _column(header, ("strike", "declaration", "striking"))
    if strike is None or (who is None and name is None):
        raise PlannerError("the declarations file needs a 'Name' or 'Staff ID' column and a "
                           "'Strike' column in its first row", CellRef(sheet, 1))
    by_id = {_squash(p.staff_id): p.key for p in scenario.people if p.staff_id}
    by_name = {_squash(p.name): p.key for p in scenario.people}
    found: dict[str, Declaration] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [*row, *[""] * len(header)]
        key = by_id.get(_squash(cells[who])) if who is not None else None
        key = key or (by_name.get(_squash(cells[name])) if name is not None else None)
        value = str(cells[strike] or "").strip().lower()
        if not any(str(c or "").strip() for c in row):
            continue
        if key is None:
            problems.append(f"{CellRef(sheet, number)}: no doctor in the rota matches this row")
        elif value not in _STRIKE:
            problems.append(f"{CellRef(sheet, number, strike + 1)}: '{cells[strike]}' is not "
                            "Yes/Striking, No/Working or blank")
        else:
            found[key] = _STRIKE[value]
    return found, problems


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for i, text in enumerate(header):
        if text in names:
            return i
    return None


def _rows(path: Path) -> tuple[list[list[object]], str]:
    if not path.exists():
        raise PlannerError(f"the declarations file {path} does not exist")
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return [list(r) for r in csv.reader(handle)], path.name
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise PlannerError(f"{path.name} is not a CSV file or an Excel workbook ({error})") from None
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows, sheet.title
