"""Read an exported plan back, for ``rota-planner check ROTA.xlsx PLAN.xlsx``.

The plan workbook says what it was made with (its Strike sheet and the Strike column of its
Staff sheet) and what it proposes (Changes, Cancelled, Gaps, and the accepted breaches on its
Summary). Those are applied to the rota's scenario and returned with the plan, so the checker
judges the plan against the strike and declarations it was made for. Every problem names its
sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from planner.domain import CellRef, Declaration, Person, PlannerError, Scenario, StrikeWindow
from planner.grades import Tier, tier_of_grade
from planner.plan import (
    AcceptedBreach, CancelledSession, Cover, CoverType, Gap, Plan, SlotGroup, SlotGroupKey,
)
from planner.workbook.export_cells import name_key, sheet_key, text
from planner.workbook.export_lists import (
    CANCELLED_HEADERS, CANCELLED_SHEET, CHANGES_HEADERS, CHANGES_SHEET, GAPS_HEADERS,
    GAPS_SHEET, STATUS_LOCKED, STATUS_PROPOSED,
)
from planner.workbook.export_sheets import (
    ID_HEADERS, NAME_HEADERS, STAFF_SHEET_NAMES, STRIKE_HEADERS, STRIKE_SHEET_NAMES,
)
from planner.workbook.export_summary import BREACH_HEADERS, BREACHES_LABEL, SUMMARY_SHEET

_DECLARATIONS = {
    "yes": Declaration.STRIKING, "y": Declaration.STRIKING, "striking": Declaration.STRIKING,
    "no": Declaration.WORKING, "n": Declaration.WORKING, "working": Declaration.WORKING,
    "": Declaration.UNDECLARED, "unknown": Declaration.UNDECLARED,
    "undeclared": Declaration.UNDECLARED,
}
# Call statuses from the window: an accepted cover is locked; asked and declined are not.
_STATUSES = {"": False, STATUS_PROPOSED.lower(): False, STATUS_LOCKED.lower(): True,
             "asked": False, "accepted": True, "declined": False}
_DATE_TEXT_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
_DATETIME_TEXT_FORMATS = ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


def read_plan(path: Path, scenario: Scenario) -> tuple[Plan, Scenario]:
    """The plan in an exported workbook, and ``scenario`` with the plan's strike and declarations.

    Raises PlannerError, naming the sheet, row and column, for a missing sheet or a bad cell.
    """
    wb = _load(Path(path))
    try:
        return _read(wb, scenario, Path(path).name)
    finally:
        wb.close()  # read-only workbooks keep the file open (and locked, on Windows) until closed


def _read(wb: Workbook, scenario: Scenario, file_name: str) -> tuple[Plan, Scenario]:
    scenario = scenario.with_strike(_read_strike(wb))
    scenario = scenario.with_declarations(_read_declarations(wb, scenario))
    people = PeopleIndex(scenario)
    covers = tuple(_cover(row, people) for row in _table(wb, [CHANGES_SHEET], CHANGES_HEADERS))
    cancelled = tuple(_cancelled(row, people)
                      for row in _table(wb, [CANCELLED_SHEET], CANCELLED_HEADERS))
    gap_rows = list(_table(wb, [GAPS_SHEET], GAPS_HEADERS))
    gaps = tuple(_gap(row) for row in gap_rows)
    plan = Plan(
        groups=_groups(covers, gaps, [_slot_times(row) for row in gap_rows]),
        covers=covers, cancelled=cancelled, gaps=gaps,
        accepted_breaches=_read_breaches(wb, people), notes=(f"Read from {file_name}",),
    )
    return plan, scenario


def _load(path: Path) -> Workbook:
    try:
        return load_workbook(path, data_only=True, read_only=True)
    except FileNotFoundError as error:
        raise PlannerError(f"no plan workbook at {path}") from error
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PlannerError(f"cannot read the plan workbook {path}: {error}") from error


# --- reading cells ----------------------------------------------------------------------------
class Row:
    """One data row of a list sheet, read by header name; bad values raise with their cell."""

    def __init__(self, sheet: Sheet, row: int, columns: dict[str, int]) -> None:
        self.sheet, self.row, self.columns = sheet, row, columns
        self.values = sheet.rows[row - 1] if row <= len(sheet.rows) else ()

    def where(self, header: str) -> CellRef:
        return CellRef(self.sheet.title, self.row, self.columns.get(sheet_key(header)))

    def value(self, header: str) -> object:
        column = self.columns.get(sheet_key(header))
        return self.values[column - 1] if column and column <= len(self.values) else None

    def text(self, header: str, required: bool = False) -> str:
        found = text(self.value(header))
        if required and not found:
            raise PlannerError(f"{header} is blank", self.where(header))
        return found

    def date(self, header: str) -> dt.date:
        return as_date(self.value(header), self.where(header))

    def moment(self, header: str, day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
        return as_moment(self.value(header), day, after, self.where(header))

    def date_time(self, header: str) -> dt.datetime:
        """A cell holding a full date and time (a real one, or ``dd/mm/yyyy hh:mm`` text)."""
        value = self.value(header)
        if isinstance(value, dt.datetime):
            return _to_minute(value)
        for form in _DATETIME_TEXT_FORMATS:
            try:
                return dt.datetime.strptime(text(value), form)
            except ValueError:
                continue
        raise PlannerError(f"expected a date and time, found {text(value)!r}",
                           self.where(header))

    def number(self, header: str) -> float:
        value = self.value(header)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(text(value).replace("£", "").replace(",", ""))
        except ValueError:
            raise PlannerError(f"{header} should be a number, not {text(value)!r}",
                               self.where(header)) from None

    def whole(self, header: str) -> int:
        number = self.number(header)
        if not number.is_integer() or number < 0:
            raise PlannerError(f"{header} should be a whole number", self.where(header))
        return int(number)


def as_date(value: object, where: CellRef) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for form in _DATE_TEXT_FORMATS:
        try:
            return dt.datetime.strptime(text(value), form).date()
        except ValueError:
            continue
    raise PlannerError(f"expected a date, found {text(value)!r}", where)


def as_moment(value: object, day: dt.date, after: dt.datetime | None,
              where: CellRef) -> dt.datetime:
    """A date-time cell, or a time on ``day`` (ending the next day if not ``after`` the start)."""
    if isinstance(value, dt.datetime):
        return _to_minute(value)
    clock = value if isinstance(value, dt.time) else _time_from_text(text(value), where)
    moment = _to_minute(dt.datetime.combine(day, clock))
    if after is not None and moment <= after:
        moment += dt.timedelta(days=1)
    return moment


def _time_from_text(value: str, where: CellRef) -> dt.time:
    try:
        return dt.datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise PlannerError(f"expected a time such as 08:00, found {value!r}", where) from None


def _to_minute(moment: dt.datetime) -> dt.datetime:
    """Undo the float rounding of Excel serial times (21:00 may read as 20:59:59.999)."""
    return (moment + dt.timedelta(seconds=30)).replace(second=0, microsecond=0)


class Sheet(NamedTuple):
    """A sheet's title and every row's values, read once (the workbook is opened read-only)."""

    title: str
    rows: list[tuple[object, ...]]


def _sheet(wb: Workbook, names: Sequence[str], required: bool = True,
           having: str = "") -> Sheet | None:
    """The first sheet called one of ``names`` (with a ``having`` header, when given)."""
    wanted = {sheet_key(n) for n in names}
    for ws in wb.worksheets:
        if sheet_key(ws.title) in wanted:
            sheet = Sheet(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)])
            if not having or sheet_key(having) in _header_row(sheet, [having])[1]:
                return sheet
    if required:
        raise PlannerError(f"the plan workbook has no '{names[0]}' sheet", CellRef(names[0]))
    return None


def _header_row(sheet: Sheet, wanted: Sequence[str],
                within: int = 20) -> tuple[int, dict[str, int]]:
    """The first row holding one of ``wanted`` and its header -> column map; (0, {}) if none."""
    keys = {sheet_key(w) for w in wanted}
    for number, values in enumerate(sheet.rows[:within], start=1):
        headers = {sheet_key(text(v)): c for c, v in enumerate(values, start=1) if text(v)}
        if keys & headers.keys():
            return number, headers
    return 0, {}


def _table(wb: Workbook, names: Sequence[str], headers: Sequence[str]) -> Iterator[Row]:
    """The non-blank data rows under row 1's headers, which must all be present."""
    sheet = _sheet(wb, names)
    assert sheet is not None
    columns = _header_row(sheet, headers[:1], within=1)[1]
    for header in headers:
        if sheet_key(header) not in columns:
            raise PlannerError(f"no '{header}' column in the header row",
                               CellRef(sheet.title, 1))
    for number, values in enumerate(sheet.rows[1:], start=2):
        if any(text(v) for v in values):
            yield Row(sheet, number, columns)


# --- matching people --------------------------------------------------------------------------
class PeopleIndex:
    """Finds the scenario's people by staff id, then by name."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.by_id: dict[str, list[Person]] = {}
        self.by_name: dict[str, list[Person]] = {}
        for person in scenario.people:
            if person.staff_id:
                self.by_id.setdefault(name_key(person.staff_id), []).append(person)
            self.by_name.setdefault(name_key(person.name), []).append(person)

    def find(self, staff_id: str, name: str) -> Person | None:
        """By staff id, then by name; None if neither matches exactly one doctor."""
        for found in (self.by_id.get(name_key(staff_id), []) if staff_id else [],
                      self.by_name.get(name_key(name), []) if name else []):
            if len(found) == 1:
                return found[0]
        return None

    def get(self, row: Row, id_header: str, name_header: str) -> Person:
        """The doctor a row names; a staff id and a name that point at two doctors is an error."""
        staff_id, name = row.text(id_header), row.text(name_header, required=True)
        person = self.find(staff_id, name)
        if person is None:
            raise PlannerError(f"no single doctor in the rota with this staff id or name "
                               f"({name!r})", row.where(name_header))
        by_name = self.find("", name)
        if by_name is not None and by_name.key != person.key:
            raise PlannerError(f"Staff ID {staff_id} is {person.name}, but the name says {name}",
                               row.where(id_header))
        return person

    def striker_key(self, row: Row, header: str) -> str:
        """The person key of a striker named in ``header`` (blank if none)."""
        name = row.text(header)
        if not name or name in self.scenario.people_by_key:
            return name
        found = self.by_name.get(name_key(name), [])
        striking = [p for p in found if self.scenario.is_striking(p)]
        if not found:
            raise PlannerError(f"no doctor called {name!r} in the rota", row.where(header))
        return (striking or found)[0].key


# --- side sheets ------------------------------------------------------------------------------
def _read_strike(wb: Workbook) -> list[StrikeWindow]:
    windows = []
    for row in _table(wb, STRIKE_SHEET_NAMES, STRIKE_HEADERS):
        start, end = row.date_time("Start"), row.date_time("End")
        if end <= start:
            raise PlannerError("the strike ends before it starts", row.where("End"))
        windows.append(StrikeWindow(start, end))
    return windows


def _read_declarations(wb: Workbook, scenario: Scenario) -> dict[str, Declaration]:
    # The rota grid itself may be called "Doctors": the Staff sheet is the one with a Strike column.
    sheet = _sheet(wb, STAFF_SHEET_NAMES, having="Strike") or _sheet(wb, STAFF_SHEET_NAMES)
    assert sheet is not None
    header_row, columns = _header_row(sheet, [*NAME_HEADERS, *ID_HEADERS])
    if not header_row or sheet_key("Strike") not in columns:
        raise PlannerError("no header row with Name and Strike columns", CellRef(sheet.title))
    people, found = PeopleIndex(scenario), {}
    for number in range(header_row + 1, len(sheet.rows) + 1):
        row = Row(sheet, number, columns)
        staff_id = text(row.value(_first(columns, ID_HEADERS)))
        person = people.find(staff_id, text(row.value(_first(columns, NAME_HEADERS))))
        if person is not None:
            found[person.key] = _declaration(row.text("Strike"), row.where("Strike"))
    return found


def _first(columns: dict[str, int], names: Sequence[str]) -> str:
    """The first of ``names`` that is a header, or '' (whose value reads as blank)."""
    return next((n for n in names if sheet_key(n) in columns), "")


def _declaration(value: str, where: CellRef) -> Declaration:
    declaration = _DECLARATIONS.get(value.lower())
    if declaration is None:
        raise PlannerError(f"Strike should be Yes, No or blank, not {value!r}", where)
    return declaration


def _read_breaches(wb: Workbook, people: PeopleIndex) -> tuple[AcceptedBreach, ...]:
    """The Summary's accepted-breaches table (an export without a Summary accepts none)."""
    sheet = _sheet(wb, [SUMMARY_SHEET], required=False)
    label = next((n for n, values in enumerate(sheet.rows, start=1)
                  if values and text(values[0]) == BREACHES_LABEL), None) if sheet else None
    if sheet is None or label is None:
        return ()
    columns = {sheet_key(h): i for i, h in enumerate(BREACH_HEADERS, start=1)}
    breaches = []
    for number in range(label + 2, len(sheet.rows) + 1):
        row = Row(sheet, number, columns)
        if not row.text("Rule") or (row.text("Rule") == "None" and not row.text("Doctor")):
            break
        person = people.get(row, "Staff ID", "Doctor")
        breaches.append(AcceptedBreach(row.text("Rule"), person.key, row.date_time("When"),
                                       row.text("Reason")))
    return tuple(breaches)


# --- the plan's own sheets --------------------------------------------------------------------
def _slot_key(row: Row) -> SlotGroupKey:
    return SlotGroupKey(row.date("Date"), row.text("Shift", required=True).upper(),
                        row.text("Specialty"), _tier(row))


def _tier(row: Row) -> Tier:
    tier = tier_of_grade(row.text("Tier"))
    if tier is None:
        raise PlannerError(f"not a tier: {row.text('Tier')!r}", row.where("Tier"))
    return tier


def _slot_times(row: Row) -> tuple[dt.datetime, dt.datetime]:
    day = row.date("Date")
    start = row.moment("Start", day)
    return start, row.moment("End", day, after=start)


def _cover(row: Row, people: PeopleIndex) -> Cover:
    start, end = _slot_times(row)
    return Cover(
        person_key=people.get(row, "Staff ID", "Covered by").key, group=_slot_key(row),
        start=start, end=end, priority=row.whole("Priority"), cover_type=_cover_type(row),
        cost=round(row.number("Cost"), 2), replaces=people.striker_key(row, "Replaces"),
        locked=_locked(row),
    )


def _cover_type(row: Row) -> CoverType:
    wanted = sheet_key(row.text("Cover type"))
    for cover_type in CoverType:
        if wanted in (sheet_key(cover_type.value), sheet_key(cover_type.name)):
            return cover_type
    allowed = ", ".join(t.value for t in CoverType)
    raise PlannerError(f"Cover type should be one of {allowed}", row.where("Cover type"))


def _locked(row: Row) -> bool:
    status = row.text("Status").lower()
    if status not in _STATUSES:
        raise PlannerError(f"Status should be {STATUS_PROPOSED}, Asked, Accepted, Declined or "
                           f"{STATUS_LOCKED}",
                           row.where("Status"))
    return _STATUSES[status]


def _cancelled(row: Row, people: PeopleIndex) -> CancelledSession:
    start, end = _slot_times(row)
    return CancelledSession(people.get(row, "Staff ID", "Staff").key, row.date("Date"),
                            row.text("Session", required=True).upper(), start, end,
                            row.text("Reason"))


def _gap(row: Row) -> Gap:
    return Gap(_slot_key(row), row.whole("Priority"), row.whole("Needed"), row.whole("Covered"),
               row.text("Reason"))


def _groups(covers: Sequence[Cover], gaps: Sequence[Gap],
            gap_times: Sequence[tuple[dt.datetime, dt.datetime]]) -> tuple[SlotGroup, ...]:
    """One group per slot key: its need is the Gaps row's Needed, else the number of covers."""
    members: dict[SlotGroupKey, list[Cover]] = {}
    for cover in covers:
        members.setdefault(cover.group, []).append(cover)
    groups = {
        gap.group: SlotGroup(gap.group, gap.priority, gap.needed, start, end,
                             _replaces(members.get(gap.group, [])))
        for gap, (start, end) in zip(gaps, gap_times)
    }
    for key, found in members.items():
        if key not in groups:
            first = found[0]
            groups[key] = SlotGroup(key, first.priority, len(found), first.start, first.end,
                                    _replaces(found))
    return tuple(sorted(groups.values(), key=lambda g: g.key))


def _replaces(covers: Sequence[Cover]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.replaces for c in covers if c.replaces))
