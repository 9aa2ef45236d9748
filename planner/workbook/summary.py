"""What the command line's ``inspect --json`` prints about an import."""

from __future__ import annotations

from collections import Counter

from planner.domain import column_letter
from planner.workbook.layout import GridLayout, ImportResult


def summarise(result: ImportResult) -> dict[str, object]:
    """A JSON-ready summary: the layout found, counts of what was read, and every issue.

    ``people``, ``by_tier`` and ``by_specialty`` count the grid's doctors; ``pool`` counts the
    locum and bank doctors from the Staff sheet; ``assignments`` counts the grid cells read as
    shift codes (known or not).
    """
    scenario = result.scenario
    rota = [p for p in scenario.people if not p.is_pool]
    return {
        "name": scenario.name,
        "layout": layout_dict(result.layout),
        "sheets_used": list(result.sheets_used),
        "people": len(rota),
        "pool": len(scenario.people) - len(rota),
        "by_tier": dict(Counter(p.tier.label for p in rota)),
        "by_specialty": dict(Counter(p.specialty or "(none)" for p in rota)),
        "first_date": scenario.dates[0].isoformat() if scenario.dates else None,
        "last_date": scenario.dates[-1].isoformat() if scenario.dates else None,
        "assignments": len(scenario.roster),
        "problems": [i.as_dict() for i in result.problems],
        "skipped": [i.as_dict() for i in result.skipped],
        "notes": [i.as_dict() for i in result.notes],
    }


def layout_dict(layout: GridLayout) -> dict[str, object]:
    """The layout's fields, columns as letters and dates as ISO text."""

    def letter(column: int | None) -> str | None:
        return column_letter(column) if column else None

    return {
        "sheet": layout.sheet,
        "header_row": layout.header_row,
        "name_column": letter(layout.name_column),
        "grade_column": letter(layout.grade_column),
        "specialty_column": letter(layout.specialty_column),
        "staff_id_column": letter(layout.staff_id_column),
        "date_columns": [[column_letter(c), day.isoformat()] for c, day in layout.date_columns],
        "first_row": layout.first_row,
        "last_row": layout.last_row,
        "orientation": layout.orientation.value,
    }
