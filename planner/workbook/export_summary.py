"""The Summary sheet: what the plan was made with and how good it is, on one printable page.

Sections run down the sheet, each a bold label followed by a small table, so that a clinical
director can defend the plan: the strike, the demand and how much of it is covered, the cost,
the solver's own account of each stage, the rate card and rules used, and any breach the
manager accepted with their reason. :mod:`planner.workbook.plan_reader` reads the accepted
breaches back from their section.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.demand import StruckShift
from planner.domain import Scenario, specialty_key
from planner.plan import Plan, StageResult
from planner.workbook.export_cells import (
    DATETIME_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, TITLE_FONT, Value, put, replace_sheet,
    set_print_layout, write_header,
)
from planner.workbook.export_lists import person_of

SUMMARY_SHEET = "Summary"
BREACHES_LABEL = "Accepted breaches"
BREACH_HEADERS = ("Rule", "Doctor", "Staff ID", "When", "Reason")
RATE_CARD_NOTE = (
    "These are the BMA's published figures, not rates agreed by employers. SAS doctors and "
    "residents doing extra shifts are costed on the same card until the trust sets its own "
    "(Rates sheet)."
)
_RULE_LABELS = {
    "min_rest_hours": "Min rest between shifts (hours)",
    "max_shift_hours": "Max shift length (hours)",
    "max_hours_per_168": "Max hours in any 168 hours",
    "max_consecutive_nights": "Max consecutive nights",
    "min_rest_after_nights_hours": "Min rest after the last night (hours)",
    "max_consecutive_long_shifts": "Max consecutive long shifts",
    "max_consecutive_shifts": "Max consecutive shifts",
    "long_shift_over_hours": "A long shift is over (hours)",
    "night_min_hours_in_23_to_06": "A night has at least this many hours in 23:00–06:00",
}


_LEFT = Alignment(horizontal="left", vertical="top", indent=1)


class _Writer:
    """Writes sections one under another, keeping track of the next free row."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def title(self, value: str) -> None:
        put(self.ws, self.row, 1, value).font = TITLE_FONT
        self.row += 2

    def heading(self, label: str, headers: Sequence[str] = ()) -> None:
        put(self.ws, self.row, 1, label).font = TITLE_FONT
        if headers:
            write_header(self.ws, self.row + 1, headers)
            for column in range(1, len(headers) + 1):
                self.ws.cell(row=self.row + 1, column=column).alignment = _LEFT
        self.row += 2 if headers else 1

    def section(self, label: str, headers: Sequence[str], rows: Sequence[Sequence[Value]],
                formats: Sequence[str | None] = ()) -> None:
        self.heading(label, headers)
        for values in rows:
            self.line(values, formats)
        self.row += 1

    def line(self, values: Sequence[Value], formats: Sequence[str | None] = ()) -> None:
        for column, value in enumerate(values, start=1):
            fmt = formats[column - 1] if column <= len(formats) else None
            put(self.ws, self.row, column, value, fmt).alignment = _LEFT
        self.row += 1


def write_summary(wb: Workbook, scenario: Scenario, plan: Plan, struck: Sequence[StruckShift],
                  notes: Sequence[str] = ()) -> None:
    w = _Writer(replace_sheet(wb, SUMMARY_SHEET))
    w.title(f"Strike cover plan{': ' + scenario.name if scenario.name else ''}")
    _strike_section(w, scenario)
    _demand_section(w, scenario, plan, struck)
    _solver_section(w, plan)
    _rates_section(w, scenario)
    _rules_section(w, scenario)
    _breaches_section(w, scenario, plan)
    w.section("Notes", (), [[n] for n in [*plan.notes, *notes]] or [["None"]])
    _layout(w.ws)


def _strike_section(w: _Writer, scenario: Scenario) -> None:
    rows = [[window.start, window.end] for window in scenario.strike_windows]
    w.section("Strike windows", ("Start", "End"), rows or [["None given"]],
              (DATETIME_FORMAT, DATETIME_FORMAT))


def _demand_section(w: _Writer, scenario: Scenario, plan: Plan,
                    struck: Sequence[StruckShift]) -> None:
    needed, covered = plan.needed_by_priority(), plan.covered_by_priority()
    missing: Counter[int] = Counter()
    for gap in plan.gaps:
        missing[gap.priority] += gap.missing
    w.heading("The plan", ("Item", "Value"))
    w.line(["Struck shifts", len(struck)])
    no_cover = ("Struck shifts that need no cover (Cover rules)" if scenario.cover_rules
                is not None else "Struck shifts that need no cover (no Cover sheet)")
    w.line([no_cover, _needing_no_cover(plan, struck)])
    w.line(["Covers proposed", len(plan.covers)])
    w.line(["Total cost of cover", plan.total_cost], (None, MONEY_FORMAT))
    w.line(["Elective sessions cancelled", len(plan.cancelled)])
    w.row += 1
    rows: list[list[Value]] = [
        [f"Priority {p}", needed.get(p, 0), covered.get(p, 0), missing.get(p, 0)]
        for p in sorted({*needed, *covered, *missing})
    ]
    w.section("Slots by priority", ("Priority", "Needed", "Covered", "Missing"), rows)


def _needing_no_cover(plan: Plan, struck: Sequence[StruckShift]) -> int:
    """Struck shifts beyond the need the plan's slot groups give their shift and specialty."""
    need: Counter[tuple[object, str, str]] = Counter()
    for group in plan.groups:
        need[(group.key.day, group.key.shift_code.upper(), specialty_key(group.key.specialty))] \
            += group.need
    strikers: Counter[tuple[object, str, str]] = Counter(
        (s.entry.day, s.code, specialty_key(s.person.specialty)) for s in struck)
    return sum(max(0, count - need[key]) for key, count in strikers.items())


def _solver_section(w: _Writer, plan: Plan) -> None:
    w.section("Solver", ("Item", "Value"), [
        ["Status", plan.status or "not given"], ["Solve time (s)", round(plan.solve_seconds, 2)],
    ])
    rows: list[list[Value]] = [_stage_row(s) for s in plan.stages]
    w.section("Stages, in order", (
        "Stage", "Value", "Bound", "Proven optimal", "Optimality gap", "Solve time (s)"),
        rows or [["No stages reported"]], (None, None, None, None, PERCENT_FORMAT, None))


def _stage_row(stage: StageResult) -> list[Value]:
    return [stage.name, stage.value, stage.bound, "Yes" if stage.proven_optimal else "No",
            optimality_gap(stage), round(stage.seconds, 2)]


def optimality_gap(stage: StageResult) -> float:
    """Relative distance between the value found and the best bound (0 when proven)."""
    if stage.value == stage.bound:
        return 0.0
    return abs(stage.value - stage.bound) / max(abs(stage.value), 1.0)


def _rates_section(w: _Writer, scenario: Scenario) -> None:
    card = scenario.rates
    rows: list[list[Value]] = [["Default (every tier not listed)", *_bands(card.default)]]
    rows += [[tier.label, *_bands(r)] for tier, r in sorted(card.by_tier.items())]
    rows += [[grade, *_bands(r)] for grade, r in sorted(card.by_grade.items())]
    w.heading(f"Rate card: {card.name} (£ per hour)",
              ("Applies to", "Weekday day", "Weekday evening", "Weekend day", "Night"))
    for values in rows:
        w.line(values, (None, *[MONEY_FORMAT] * 4))
    w.line([RATE_CARD_NOTE])
    w.line(["A doctor's own hourly rate (a locum's, say) is used instead of the card."])
    w.row += 1


def _bands(rates: object) -> list[Value]:
    return [getattr(rates, band) for band in
            ("weekday_day", "weekday_evening", "weekend_day", "night")]


def _rules_section(w: _Writer, scenario: Scenario) -> None:
    rows: list[list[Value]] = [
        [_RULE_LABELS.get(f.name, f.name), getattr(scenario.rules, f.name)]
        for f in dataclasses.fields(scenario.rules)
    ]
    w.section("Working-time rules used", ("Rule", "Value"), rows)


def _breaches_section(w: _Writer, scenario: Scenario, plan: Plan) -> None:
    rows: list[list[Value]] = []
    for breach in plan.accepted_breaches:
        person = person_of(scenario, breach.person_key)
        rows.append([breach.rule, person.name, person.staff_id, breach.when, breach.reason])
    w.section(BREACHES_LABEL, BREACH_HEADERS, rows or [["None"]],
              (None, None, None, DATETIME_FORMAT, None))


def _layout(ws: Worksheet) -> None:
    widths = {"A": 46, "B": 22, "C": 18, "D": 22, "E": 16, "F": 14}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    set_print_layout(ws, None)
