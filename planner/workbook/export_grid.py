"""The revised rota: the trust's own grid, rewritten in place with every change highlighted.

Struck shifts become ``STRIKE (was N)`` on grey hatching, cancelled electives ``CANCELLED (was
CL)`` on amber, and each cover its shift code on green with a comment saying what it is and whom
it replaces. Locum and bank doctors have no row of their own, so they get rows below the grid,
after a blank row and a section label, so the revised rota shows everyone working.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from planner.demand import StruckShift
from planner.domain import Declaration, Person, Scenario, ShiftType
from planner.plan import CancelledSession, Cover, Plan
from planner.workbook.export_cells import fit_to_width, put, text, widen_column
from planner.workbook.layout import GridLayout

STRIKE_CODE = "STRIKE"
CANCELLED_CODE = "CANCELLED"
POOL_SECTION_LABEL = "Locum and bank cover"
COMMENT_AUTHOR = "Rota Cover Planner"
FIT_TO_WIDTH_UP_TO_DAYS = 14

STRIKE_FILL = PatternFill(fill_type="lightUp", fgColor="A6A6A6", bgColor="E7E6E6")
COVER_FILL = PatternFill(fill_type="solid", fgColor="C6EFCE")
CANCELLED_FILL = PatternFill(fill_type="solid", fgColor="FFD966")
STRIKE_FONT_COLOUR = "595959"
COVER_FONT_COLOUR = "006100"
CANCELLED_FONT_COLOUR = "7F4F00"


@dataclass
class CellEdit:
    """What one grid cell becomes: its text, fill, font colour and comment lines."""

    text: str
    fill: PatternFill
    font_colour: str
    bold: bool = False
    comment: list[str] = field(default_factory=list)


def write_grid(ws: Worksheet, layout: GridLayout, scenario: Scenario, plan: Plan,
               struck: Sequence[StruckShift]) -> list[str]:
    """Rewrite the rota grid; returns notes on changes that have no place in the grid."""
    columns = _date_columns(layout)
    grid_rows = _grid_rows(scenario, layout)
    edits: dict[tuple[int, int], CellEdit] = {}
    _mark_struck(ws, edits, struck, grid_rows, columns)
    _mark_cancelled(ws, edits, plan.cancelled, grid_rows, columns)
    rowless = _mark_covers(ws, edits, scenario, plan.covers, grid_rows, columns)
    for (row, column), edit in edits.items():
        _apply(ws, row, column, edit)
    _write_pool_rows(ws, layout, scenario, rowless, columns)
    _widen_for(ws, edits.items())
    _print_setup(ws, layout)
    return _outside_dates(scenario, plan.covers, columns)


def _date_columns(layout: GridLayout) -> dict[dt.date, int]:
    columns: dict[dt.date, int] = {}
    for column, day in layout.date_columns:
        columns.setdefault(day, column)
    return columns


def _grid_rows(scenario: Scenario, layout: GridLayout) -> dict[str, int]:
    """Person key -> grid row, for rota doctors whose row is on the grid sheet."""
    return {
        p.key: p.source.row for p in scenario.people
        if not p.is_pool and p.source is not None and p.source.row is not None
        and p.source.sheet == layout.sheet
    }


def _was(ws: Worksheet, row: int, column: int, code: str) -> str:
    return text(ws.cell(row=row, column=column).value) or code


def _mark_struck(ws: Worksheet, edits: dict[tuple[int, int], CellEdit],
                 struck: Sequence[StruckShift], rows: dict[str, int],
                 columns: dict[dt.date, int]) -> None:
    for shift in struck:
        row, column = rows.get(shift.person.key), columns.get(shift.entry.day)
        if row is None or column is None:
            continue
        was = _was(ws, row, column, shift.code)
        declared = ("declared striking" if shift.declaration is Declaration.STRIKING
                    else "no declaration: planned for as striking")
        edits[(row, column)] = CellEdit(
            f"{STRIKE_CODE} (was {was})", STRIKE_FILL, STRIKE_FONT_COLOUR,
            comment=[f"Taking part in industrial action ({declared}). Rostered: {was}"])


def _mark_cancelled(ws: Worksheet, edits: dict[tuple[int, int], CellEdit],
                    cancelled: Sequence[CancelledSession], rows: dict[str, int],
                    columns: dict[dt.date, int]) -> None:
    for session in cancelled:
        row, column = rows.get(session.person_key), columns.get(session.day)
        if row is None or column is None:
            continue
        was = _was(ws, row, column, session.code)
        edits[(row, column)] = CellEdit(
            f"{CANCELLED_CODE} (was {was})", CANCELLED_FILL, CANCELLED_FONT_COLOUR,
            comment=[f"Elective session {was} cancelled: {session.reason}"])


def _mark_covers(ws: Worksheet, edits: dict[tuple[int, int], CellEdit], scenario: Scenario,
                 covers: Sequence[Cover], rows: dict[str, int],
                 columns: dict[dt.date, int]) -> list[Cover]:
    """Mark covers of doctors with a grid row; return the covers of those without one."""
    rowless = []
    for cover in covers:
        row, column = rows.get(cover.person_key), columns.get(cover.group.day)
        if row is None:
            rowless.append(cover)
        elif column is not None:
            was = _was(ws, row, column, "")
            _add_cover(edits, (row, column), cover_comment(scenario, cover),
                       cover.group.shift_code, was, _rostered_off(scenario, cover))
    return rowless


def _rostered_off(scenario: Scenario, cover: Cover) -> bool:
    """True when the doctor's own code that day is Off (or blank): the cover replaces it."""
    for entry in scenario.entries_by_person.get(cover.person_key, ()):
        if entry.day == cover.group.day:
            return scenario.code(entry.code).type is ShiftType.OFF
    return True


def _add_cover(edits: dict[tuple[int, int], CellEdit], place: tuple[int, int],
               comment: str, code: str, was: str = "", was_off: bool = True) -> None:
    earlier = edits.get(place)
    if earlier is not None and earlier.fill is COVER_FILL:
        earlier.text = f"{earlier.text} + {code}"
        earlier.comment.append(comment)
        return
    edit = CellEdit(code, COVER_FILL, COVER_FONT_COLOUR, bold=True, comment=[comment])
    if earlier is not None:  # a cancelled elective: the cover takes its place
        edit.comment += earlier.comment
    elif was:  # an Off day, or work kept alongside the cover: say what was rostered
        edit.comment.append(f"Rostered: {was}")
        if not was_off:
            edit.text = f"{code} + {was}"
    edits[place] = edit


def cover_comment(scenario: Scenario, cover: Cover) -> str:
    """What a cover is and whom it replaces, in a manager's words."""
    key = cover.group
    what = (f"Cover: {key.specialty} {key.shift_code} ({key.tier.label}) "
            f"{cover.start:%H:%M}–{cover.end:%H:%M}")
    if cover.replaces:
        what += f" for {_name(scenario, cover.replaces)}, striking"
    status = "locked" if cover.locked else "proposed"
    return f"{what}. {cover.cover_type.value}, {status}."


def _name(scenario: Scenario, key: str) -> str:
    person = scenario.people_by_key.get(key)
    return person.name if person is not None else key


def _widen_for(ws: Worksheet, edits: Iterable[tuple[tuple[int, int], CellEdit]]) -> None:
    """Date columns wide enough for the rewritten text (a trust's grid is often narrow)."""
    widths: dict[int, int] = {}
    for (_, column), edit in edits:
        widths[column] = max(widths.get(column, 0), len(edit.text))
    for column, width in widths.items():
        widen_column(ws, column, min(width + 2, 22))


def _print_setup(ws: Worksheet, layout: GridLayout) -> None:
    """A grid with no print set-up of its own prints landscape (one page wide up to a fortnight).

    A trust's own print settings are kept as they are.
    """
    if ws.page_setup.orientation is not None or ws.sheet_properties.pageSetUpPr.fitToPage:
        return
    if len(layout.date_columns) <= FIT_TO_WIDTH_UP_TO_DAYS:
        fit_to_width(ws)
    else:
        ws.page_setup.orientation = "landscape"


def _apply(ws: Worksheet, row: int, column: int, edit: CellEdit) -> None:
    old = ws.cell(row=row, column=column)
    earlier_comment = old.comment.text if old.comment is not None else ""
    cell = put(ws, row, column, edit.text)
    cell.fill = edit.fill
    cell.font = Font(name=old.font.name, size=old.font.size, bold=edit.bold,
                     color=edit.font_colour)
    lines = edit.comment + ([f"Earlier note: {earlier_comment}"] if earlier_comment else [])
    comment = Comment("\n".join(lines), COMMENT_AUTHOR)
    comment.width, comment.height = 320, 40 + 30 * len(lines)
    cell.comment = comment


# --- locum and bank doctors -----------------------------------------------------------------
def _write_pool_rows(ws: Worksheet, layout: GridLayout, scenario: Scenario,
                     covers: Sequence[Cover], columns: dict[dt.date, int]) -> None:
    """Rows below the grid for the doctors with covers and no grid row."""
    by_person: dict[str, list[Cover]] = {}
    for cover in covers:
        by_person.setdefault(cover.person_key, []).append(cover)
    if not by_person:
        return
    label_row = _free_rows_below(ws, layout, len(by_person) + 1)
    name_font = ws.cell(row=layout.first_row, column=layout.name_column).font
    label = put(ws, label_row, layout.name_column, POOL_SECTION_LABEL)
    label.font = Font(name=name_font.name, size=name_font.size, bold=True)
    for row, (key, person_covers) in enumerate(sorted(by_person.items()), start=label_row + 1):
        _write_pool_row(ws, layout, row, scenario.person(key), scenario, person_covers, columns)


def _write_pool_row(ws: Worksheet, layout: GridLayout, row: int, person: Person,
                    scenario: Scenario, covers: Sequence[Cover],
                    columns: dict[dt.date, int]) -> None:
    put(ws, row, layout.name_column, person.name)
    for column, value in ((layout.grade_column, person.grade or person.kind.value),
                          (layout.specialty_column, person.specialty),
                          (layout.staff_id_column, person.staff_id)):
        if column is not None:
            put(ws, row, column, value)
    edits: dict[tuple[int, int], CellEdit] = {}
    for cover in covers:
        column = columns.get(cover.group.day)
        if column is not None:
            _add_cover(edits, (row, column), cover_comment(scenario, cover),
                       cover.group.shift_code)
    for (r, c), edit in edits.items():
        _apply(ws, r, c, edit)


def _free_rows_below(ws: Worksheet, layout: GridLayout, count: int) -> int:
    """The label row: one blank row after the grid, or below everything if that is taken."""
    wanted = range(layout.last_row + 1, layout.last_row + 2 + count)
    if all(_row_is_free(ws, r) for r in wanted):
        return layout.last_row + 2
    return int(ws.max_row) + 2


def _row_is_free(ws: Worksheet, row: int) -> bool:
    if row > ws.max_row:  # checked first: reading a cell would create it
        return True
    return all(
        ws.cell(row=row, column=c).value is None
        and not isinstance(ws.cell(row=row, column=c), MergedCell)
        for c in range(1, ws.max_column + 1)
    )


def _outside_dates(scenario: Scenario, covers: Sequence[Cover],
                   columns: dict[dt.date, int]) -> list[str]:
    return [
        f"{_name(scenario, c.person_key)}'s cover on {c.group.day:%d/%m/%Y} is outside the rota "
        "grid's dates: it is listed on the Changes sheet only"
        for c in covers if c.group.day not in columns
    ]
