"""Putting the grid and the Staff sheet together: each doctor's key, tier and roster entries.

A doctor's key is their staff id when it is present and unique, else their name and row
(``Amy Holt@7``). A doctor whose grade cannot be read is kept (they still count as rostered)
at the Foundation tier and is not offered covers, since nobody can tell what they may cover.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from planner.domain import CellRef, Declaration, Person, RosterEntry, StaffKind
from planner.grades import Tier, tier_of_grade
from planner.workbook.issues import IssueLog
from planner.workbook.layout import GridLayout
from planner.workbook.people import GridPerson
from planner.workbook.staff import StaffRow


def assemble_people(
    grid_people: Sequence[GridPerson], staff_rows: Sequence[StaffRow], layout: GridLayout,
    log: IssueLog,
) -> tuple[tuple[Person, ...], tuple[RosterEntry, ...]]:
    """Every grid doctor (filled in from their Staff row) and pool doctor, and the roster."""
    keys = _grid_keys(grid_people, layout, log)
    pool_rows = [s for s in staff_rows if s.kind is not StaffKind.ROTA]
    # A locum or bank doctor who also has a grid row (a plan's export lists those with covers
    # under the grid) is that grid doctor, not a second person.
    in_grid = [r for r in pool_rows if _grid_matches(grid_people, r) == 1]
    rota_rows = [s for s in staff_rows if s.kind is StaffKind.ROTA]
    details = _match_staff(grid_people, rota_rows + in_grid, log)
    people = [
        _grid_person(person, key, details.get(index), layout, log)
        for index, (person, key) in enumerate(zip(grid_people, keys))
    ]
    people += _pool_people([r for r in pool_rows if all(r is not g for g in in_grid)], set(keys), log)
    return tuple(people), _roster(grid_people, keys, layout.sheet)


def _grid_keys(grid_people: Sequence[GridPerson], layout: GridLayout, log: IssueLog) -> list[str]:
    rows_of_id: dict[str, list[int]] = defaultdict(list)
    for person in grid_people:
        if person.staff_id:
            rows_of_id[person.staff_id].append(person.row)
    for staff_id, rows in rows_of_id.items():
        if len(rows) > 1:
            log.problem(CellRef(layout.sheet, rows[1], layout.staff_id_column), (
                f"Staff id '{staff_id}' is on rows {', '.join(map(str, rows))}: each is kept, "
                "keyed by name and row; check the ids (the Staff sheet cannot match them by id)."
            ))
    return [
        p.staff_id if p.staff_id and len(rows_of_id[p.staff_id]) == 1 else f"{p.name}@{p.row}"
        for p in grid_people
    ]


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _match_staff(
    grid_people: Sequence[GridPerson], staff_rows: Sequence[StaffRow], log: IssueLog
) -> dict[int, StaffRow]:
    by_id: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(grid_people):
        if person.staff_id:
            by_id[person.staff_id].append(index)
        by_name[_name_key(person.name)].append(index)
    matched: dict[int, StaffRow] = {}
    for row in staff_rows:
        found = by_id.get(row.staff_id, []) if row.staff_id else []
        found = found if len(found) == 1 else by_name.get(_name_key(row.name), [])
        if len(found) != 1:
            _report_unmatched(row, len(found), log)
        elif found[0] in matched:
            log.problem(row.where, (
                f"'{row.name or row.staff_id}' is already filled in by row "
                f"{matched[found[0]].where.row}: this row is not used."
            ))
        else:
            matched[found[0]] = row
    return matched


def _grid_matches(grid_people: Sequence[GridPerson], row: StaffRow) -> int:
    """How many grid rows a Staff row names: by its staff id if that is in the grid, else by name."""
    if row.staff_id:
        by_id = sum(1 for p in grid_people if p.staff_id == row.staff_id)
        if by_id:
            return by_id
    return sum(1 for p in grid_people if _name_key(p.name) == _name_key(row.name)) if row.name else 0


def _report_unmatched(row: StaffRow, matches: int, log: IssueLog) -> None:
    who = row.name or row.staff_id
    if matches:
        log.problem(row.where, (
            f"'{who}' matches {matches} doctors in the grid: this row is not used; give each "
            "a staff id in both sheets."
        ))
    else:
        log.problem(row.where, (
            f"'{who}' is not in the rota grid (by staff id or name): this row is not used; "
            "set Type to Locum or Bank to add a doctor who is not on the rota."
        ))


def _grid_person(
    person: GridPerson, key: str, details: StaffRow | None, layout: GridLayout, log: IssueLog
) -> Person:
    grade_where = CellRef(layout.sheet, person.row, layout.grade_column or layout.name_column)
    if details is not None and details.grade:
        grade_where = details.grade_where
    base = Person(
        key=key, name=person.name, tier=Tier.FOUNDATION, grade=person.grade,
        specialty=person.specialty, staff_id=person.staff_id,
        source=CellRef(layout.sheet, person.row, layout.name_column),
    )
    if details is not None:
        base = _fill_in(base, details)
    if not base.specialty and layout.specialty_column:
        log.problem(CellRef(layout.sheet, person.row, layout.specialty_column), (
            f"{person.name} has no specialty: their shifts fall under no specialty's cover rules "
            "and they can cover only the specialties listed as their skills."
        ))
    return _with_tier(base, grade_where, log)


def _fill_in(person: Person, details: StaffRow) -> Person:
    return dataclasses.replace(
        person,
        grade=details.grade or person.grade,
        specialty=details.specialty or person.specialty,
        skills=details.skills,
        declaration=details.declaration,
        available_for_cover=details.available_for_cover,
        max_extra_hours=details.max_extra_hours,
        hourly_rate=details.hourly_rate,
        phone=details.phone,
        email=details.email,
        kind=details.kind,
    )


def _with_tier(person: Person, grade_where: CellRef, log: IssueLog) -> Person:
    tier = tier_of_grade(person.grade)
    if tier is not None:
        return dataclasses.replace(person, tier=tier)
    said = f"Grade '{person.grade}' is not a known grade" if person.grade else "No grade"
    log.problem(grade_where, (
        f"{said} for {person.name}: read as Foundation tier and not available for cover "
        "(still counted as rostered on their shifts); correct the grade to let them cover."
    ))
    return dataclasses.replace(person, tier=Tier.FOUNDATION, available_for_cover=False)


def _pool_people(rows: Sequence[StaffRow], taken: set[str], log: IssueLog) -> list[Person]:
    id_counts = Counter(r.staff_id for r in rows if r.staff_id)
    people = []
    for row in rows:
        key = row.staff_id
        if not key or id_counts[key] > 1 or key in taken:
            key = f"{row.name or row.staff_id}@{row.where.sheet}!{row.where.row}"
        taken.add(key)
        person = Person(
            key=key, name=row.name or row.staff_id, tier=Tier.FOUNDATION, grade=row.grade,
            specialty=row.specialty, staff_id=row.staff_id, kind=row.kind, source=row.where,
        )
        person = _fill_in(person, row)
        if person.declaration is Declaration.UNDECLARED:
            person = dataclasses.replace(person, declaration=Declaration.WORKING)
        people.append(_with_tier(person, row.grade_where, log))
    return people


def _roster(grid_people: Sequence[GridPerson], keys: Sequence[str], sheet: str) -> tuple[RosterEntry, ...]:
    return tuple(
        RosterEntry(key, cell.day, cell.code, cell.note, CellRef(sheet, person.row, cell.column))
        for person, key in zip(grid_people, keys)
        for cell in person.cells
    )
