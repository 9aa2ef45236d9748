"""Export a plan as a revised copy of the trust's own rota workbook.

The source workbook is loaded with openpyxl (macros kept for ``.xlsm``), its rota grid rewritten
in place with every change highlighted, its Shifts, Strike, Staff, Cover, Rates and Rules sheets
brought in step with the plan, and the plan's own sheets added: Changes (who must be phoned),
Gaps, Cancelled, Summary, Sitrep and Struck. The result is a new file, written atomically: the source is never
touched, and a failed export leaves no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from planner.demand import struck_shifts
from planner.domain import CellRef, PlannerError, Scenario
from planner.plan import Decision, Plan, SlotGroupKey
from planner.workbook.export_cells import sheet_key
from planner.workbook.export_grid import write_grid
from planner.workbook.export_lists import (
    DECISIONS_SHEET, write_decisions,
    CANCELLED_SHEET, CHANGES_SHEET, GAPS_SHEET, SITREP_SHEET, STRUCK_SHEET, person_of,
    write_cancelled, write_changes, write_gaps, write_sitrep, write_struck,
)
from planner.workbook.export_sheets import (
    write_cover, write_rates, write_rules, write_shift_codes, write_staff, write_strike,
)
from planner.workbook.export_summary import SUMMARY_SHEET, write_summary
from planner.workbook.layout import ImportResult

OUTPUT_SHEETS = (CHANGES_SHEET, GAPS_SHEET, CANCELLED_SHEET, SUMMARY_SHEET, SITREP_SHEET,
                 STRUCK_SHEET, DECISIONS_SHEET)
_SUFFIXES = (".xlsx", ".xlsm")


def export_plan(source: Path, imported: ImportResult, plan: Plan, out: Path, *,
                scenario: Scenario | None = None, decisions: Sequence[Decision] = (),
                statuses: Mapping[tuple[str, SlotGroupKey], str] | None = None) -> None:
    """Write ``plan`` as a revised copy of ``source`` to the new file ``out``.

    ``scenario`` is what was planned (its strike windows and declarations may differ from the
    file's); it defaults to ``imported.scenario``. Raises PlannerError if ``out`` is the source,
    has the wrong extension, or cannot be written. ``decisions`` (the manager's, from the
    window) become the Decisions sheet; ``statuses`` give each cover's call status.
    """
    scenario = scenario if scenario is not None else imported.scenario
    source, out = Path(source), Path(out)
    keep_vba = _check_paths(source, out)
    wb = _load(source, keep_vba)
    _fill(wb, imported, plan, scenario, statuses or {})
    if decisions:
        write_decisions(wb, scenario, decisions)
    try:
        save_atomically(wb, out)
    finally:
        if getattr(wb, "vba_archive", None) is not None:  # openpyxl leaves it open
            wb.vba_archive.close()


def _check_paths(source: Path, out: Path) -> bool:
    """Refuse to overwrite the source; returns whether to keep the source's macros."""
    if out.resolve() == source.resolve() or (out.exists() and os.path.samefile(out, source)):
        raise PlannerError(f"the plan must be saved as a new file, not over the rota {source}")
    if out.suffix.lower() not in _SUFFIXES:
        raise PlannerError(f"save the plan as .xlsx or .xlsm, not {out.name}")
    source_has_macros = source.suffix.lower() == ".xlsm"
    if out.suffix.lower() == ".xlsm" and not source_has_macros:
        raise PlannerError(f"{source.name} has no macros: save the plan as .xlsx")
    return source_has_macros and out.suffix.lower() == ".xlsm"


def _load(source: Path, keep_vba: bool) -> Workbook:
    try:
        return load_workbook(source, keep_vba=keep_vba, rich_text=True)
    except FileNotFoundError as error:
        raise PlannerError(f"the rota workbook {source} is no longer there") from error
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PlannerError(f"cannot read the rota workbook {source}: {error}") from error


def _fill(wb: Workbook, imported: ImportResult, plan: Plan, scenario: Scenario,
          statuses: Mapping[tuple[str, SlotGroupKey], str]) -> None:
    layout = imported.layout
    if layout.sheet not in wb.sheetnames:
        raise PlannerError(f"the rota sheet '{layout.sheet}' is no longer in the workbook: "
                           "import it again", CellRef(layout.sheet))
    if sheet_key(layout.sheet) in {sheet_key(s) for s in OUTPUT_SHEETS}:
        raise PlannerError(f"the rota sheet is called '{layout.sheet}', a name the plan's own "
                           "sheets use: rename it and import again", CellRef(layout.sheet))
    _check_people(plan, scenario)
    struck = struck_shifts(scenario)
    notes = write_grid(wb[layout.sheet], layout, scenario, plan, struck)
    write_shift_codes(wb, scenario, layout.sheet)
    write_strike(wb, scenario, layout.sheet)
    write_staff(wb, scenario, layout.sheet)
    write_cover(wb, scenario, layout.sheet)
    write_rates(wb, scenario, layout.sheet)
    write_rules(wb, scenario, layout.sheet)
    write_changes(wb, scenario, plan, statuses)
    write_gaps(wb, scenario, plan)
    write_cancelled(wb, scenario, plan)
    write_summary(wb, scenario, plan, struck, notes)
    write_sitrep(wb, scenario, plan)
    write_struck(wb, struck)
    _show_sheet(wb, layout.sheet)


def _check_people(plan: Plan, scenario: Scenario) -> None:
    """Every doctor the plan names must be in the scenario, before anything is written."""
    keys = [c.person_key for c in plan.covers] + [s.person_key for s in plan.cancelled]
    keys += [b.person_key for b in plan.accepted_breaches]
    for key in keys:
        person_of(scenario, key)


def _show_sheet(wb: Workbook, title: str) -> None:
    """Open on the revised rota, with no other tab selected (Excel would group them)."""
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == title
    wb.active = wb.sheetnames.index(title)


def save_atomically(wb: Workbook, out: Path) -> None:
    """Save to a temporary file beside ``out``, then move it into place in one step."""
    temporary = ""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix,
                                             dir=out.parent)
        os.close(handle)
        wb.save(temporary)
        os.replace(temporary, out)
    except PermissionError as error:
        raise PlannerError(f"cannot write {out}: is it open in Excel? Close it and try again"
                           ) from error
    except OSError as error:
        raise PlannerError(f"cannot write {out}: {error}") from error
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
