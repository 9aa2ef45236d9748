"""The export writes the settings a plan was made with (rate card, working-time rules, cover
rules) as Rates, Rules and Cover sheets, so that importing the export plans the same."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.demand import slot_groups
from planner.domain import (
    BandRates, CoverRule, RATE_PRESETS, RateCard, Scenario, WorkingTimeRules,
)
from planner.grades import Tier
from planner.workbook.cells import heading_key
from planner.workbook.export import export_plan
from planner.workbook.layout import ImportResult, IssueKind
from planner.workbook.read import read_workbook
from planner.workbook.tables import SIDE_SHEETS
from solver import SolveConfig, SolveRequest, solve

ASSETS = Path(__file__).resolve().parent.parent / "assets"
TEMPLATE = ASSETS / "template.xlsx"  # has Cover, Rates and Rules sheets
DEPARTMENT = ASSETS / "department.xlsx"  # has none of them

PER_TIER = RateCard(
    name="Trust card 2026",
    default=BandRates(weekday_day=100, weekday_evening=120, weekend_day=130, night=150.5),
    by_tier={Tier.CONSULTANT: BandRates(180, 240, 250, 300),
             Tier.REGISTRAR: BandRates(95.25, 110, 110, 140)},
    by_grade={"st3": BandRates(85, 100, 105, 125), "specialty doctor": BandRates(90, 115, 120, 130)},
)
STRICT_RULES = dataclasses.replace(WorkingTimeRules(), min_rest_hours=12, max_consecutive_nights=3,
                                   max_shift_hours=12.5, max_consecutive_shifts=6)


def _export(tmp_path: Path, source: Path, scenario_of: object) -> tuple[Scenario, ImportResult, Path]:
    imported = read_workbook(source)
    scenario = scenario_of(imported.scenario)  # type: ignore[operator]
    plan = solve(SolveRequest(scenario), SolveConfig(time_limit_seconds=10, num_workers=1))
    out = tmp_path / "plan.xlsx"
    export_plan(source, imported, plan, out, scenario=scenario)
    return scenario, read_workbook(out), out


def _rules_key(rules: tuple[CoverRule, ...] | None) -> list[tuple[str, str, Tier, int, int]] | None:
    if rules is None:
        return None
    return [(r.specialty, r.shift_code, r.tier, r.minimum, r.priority) for r in rules]


def _card_key(card: RateCard) -> tuple[BandRates, dict[Tier, BandRates], dict[str, BandRates]]:
    return card.default, dict(card.by_tier), dict(card.by_grade)


def _same_demand(scenario: Scenario, again: ImportResult) -> bool:
    """The cover rules read back ask for the same cover of the rota that was planned.

    (The export itself is the revised rota, with nothing left struck, so its own demand differs.)
    """
    read_back = dataclasses.replace(scenario, cover_rules=again.scenario.cover_rules)
    return slot_groups(read_back) == slot_groups(scenario)


def _problems_on(again: ImportResult, kinds: tuple[str, ...]) -> list[str]:
    names = frozenset().union(*(SIDE_SHEETS[k] for k in kinds))
    return [str(i.where) + ": " + i.message for i in again.issues
            if i.kind is IssueKind.PROBLEM and heading_key(i.where.sheet) in names]


def _sheets_of(out: Path, kind: str) -> list[str]:
    return [t for t in load_workbook(out).sheetnames if heading_key(t) in SIDE_SHEETS[kind]]


def _changed_cover(scenario: Scenario) -> tuple[CoverRule, ...]:
    """The template's rules with one removed, one changed and one added."""
    assert scenario.cover_rules is not None
    kept = [r for r in scenario.cover_rules if r.shift_code != "LD"]  # removed
    kept = [dataclasses.replace(r, minimum=3, priority=2) if r.tier is Tier.CORE else r
            for r in kept]  # changed
    kept.append(CoverRule("General Medicine", "D", Tier.REGISTRAR, 1, 1))  # added
    return tuple(kept)


def test_changed_rates_rules_and_cover_read_back_as_planned(tmp_path: Path) -> None:
    scenario, again, out = _export(tmp_path, TEMPLATE, lambda s: dataclasses.replace(
        s, rates=RATE_PRESETS["2025"], rules=STRICT_RULES, cover_rules=_changed_cover(s)))
    assert _card_key(again.scenario.rates) == _card_key(RATE_PRESETS["2025"])
    assert again.scenario.rules == STRICT_RULES
    assert _rules_key(again.scenario.cover_rules) == _rules_key(scenario.cover_rules)
    assert not _problems_on(again, ("cover", "rates", "rules"))
    assert _same_demand(scenario, again)
    # replaced in place, not duplicated; the source's order is kept, the plan's sheets after
    names = load_workbook(out).sheetnames
    assert names[:7] == ["Rota", "Shifts", "Staff", "Cover", "Strike", "Rates", "Rules"]
    assert names[7] == "Changes"


def test_a_per_tier_and_per_grade_card_reads_back(tmp_path: Path) -> None:
    _, again, out = _export(tmp_path, TEMPLATE, lambda s: dataclasses.replace(s, rates=PER_TIER))
    assert _card_key(again.scenario.rates) == _card_key(PER_TIER)
    assert not _problems_on(again, ("rates",))
    ws = load_workbook(out)["Rates"]
    assert "Trust card 2026" in str(ws["A1"].value)  # the card's name, as a title
    assert [c.value for c in ws[3]] == ["Tier", "Weekday day", "Weekday evening", "Weekend day",
                                        "Night"]


def test_refill_every_struck_shift_removes_the_cover_sheet(tmp_path: Path) -> None:
    scenario, again, out = _export(tmp_path, TEMPLATE,
                                   lambda s: dataclasses.replace(s, cover_rules=None))
    assert again.scenario.cover_rules is None
    assert _sheets_of(out, "cover") == []
    assert not _problems_on(again, ("cover",))
    assert _same_demand(scenario, again)


def test_every_cover_sheet_goes_when_refilling(tmp_path: Path) -> None:
    """A second sheet the import would read as Cover must not take the first one's place."""
    source = tmp_path / "two covers.xlsx"
    wb = load_workbook(TEMPLATE)
    wb.copy_worksheet(wb["Cover"]).title = "Minimum staffing (old)"
    wb.save(source)
    _, again, out = _export(tmp_path, source, lambda s: dataclasses.replace(s, cover_rules=None))
    assert again.scenario.cover_rules is None
    assert _sheets_of(out, "cover") == []


def test_minimum_staffing_with_no_rules_needs_no_cover_after_import(tmp_path: Path) -> None:
    scenario, again, _ = _export(tmp_path, TEMPLATE, lambda s: dataclasses.replace(s, cover_rules=()))
    assert slot_groups(scenario) == []
    assert again.scenario.cover_rules is not None  # not read as "refill every struck shift"
    assert _same_demand(scenario, again)
    assert not _problems_on(again, ("cover",))


def test_sheets_are_added_to_a_workbook_without_them(tmp_path: Path) -> None:
    def settings(s: Scenario) -> Scenario:
        specialty = next(p.specialty for p in s.people if p.specialty)
        rules = (CoverRule(specialty, "N", Tier.CORE, 1, 1), CoverRule(specialty, "D", Tier.FOUNDATION, 2, 2))
        return dataclasses.replace(s, rates=PER_TIER, rules=STRICT_RULES, cover_rules=rules)

    scenario, again, out = _export(tmp_path, DEPARTMENT, settings)
    assert _card_key(again.scenario.rates) == _card_key(PER_TIER)
    assert again.scenario.rules == STRICT_RULES
    assert _rules_key(again.scenario.cover_rules) == _rules_key(scenario.cover_rules)
    assert _same_demand(scenario, again)
    assert not _problems_on(again, ("cover", "rates", "rules"))
    names = load_workbook(out).sheetnames
    assert names[:7] == ["ED rota", "Shifts", "Staff", "Strike", "Cover", "Rates", "Rules"]


def test_default_settings_read_back_unchanged(tmp_path: Path) -> None:
    scenario, again, _ = _export(tmp_path, DEPARTMENT, lambda s: s)
    assert scenario.cover_rules is None and again.scenario.cover_rules is None
    assert _card_key(again.scenario.rates) == _card_key(scenario.rates)
    assert again.scenario.rules == scenario.rules
    assert not _problems_on(again, ("cover", "rates", "rules"))


@pytest.mark.parametrize("title", ["Rates (£ per hour)", "RATE-CARD"])
def test_a_bracketed_or_punctuated_sheet_name_is_replaced_not_duplicated(
        tmp_path: Path, title: str) -> None:
    source = tmp_path / "renamed.xlsx"
    wb = load_workbook(TEMPLATE)
    wb["Rates"].title = title
    wb.save(source)
    _, again, out = _export(tmp_path, source,
                            lambda s: dataclasses.replace(s, rates=RATE_PRESETS["2025"]))
    assert _sheets_of(out, "rates") == [title]
    assert _card_key(again.scenario.rates) == _card_key(RATE_PRESETS["2025"])


def test_a_strike_sheet_with_a_note_in_its_name_is_replaced_and_defined_codes_are_kept(tmp_path) -> None:
    import dataclasses as dc
    import datetime as dt
    import shutil
    from pathlib import Path

    import openpyxl

    from planner.domain import ShiftCode, ShiftType, StrikeWindow
    from planner.workbook.export import export_plan
    from planner.workbook.read import read_workbook
    from solver import SolveConfig, SolveRequest, solve

    assets = Path(__file__).resolve().parent.parent / "assets"
    source = tmp_path / "rota.xlsx"
    shutil.copy(assets / "department.xlsx", source)
    book = openpyxl.load_workbook(source)
    book["Strike"].title = "Strike (dates)"
    book.save(source)
    imported = read_workbook(source)
    start = dt.datetime(2026, 3, 17, 7)
    scenario = imported.scenario.with_strike([StrikeWindow(start, start + dt.timedelta(days=1))])
    trn = ShiftCode("TRN", ShiftType.WORK, dt.time(9), dt.time(17))
    scenario = dc.replace(scenario, shift_codes={**scenario.shift_codes, "TRN": trn})
    plan = solve(SolveRequest(scenario), SolveConfig(time_limit_seconds=10, num_workers=1))
    out = tmp_path / "plan.xlsx"
    export_plan(source, imported, plan, out, scenario=scenario)
    again = read_workbook(out)
    assert again.scenario.strike_windows == scenario.strike_windows
    assert again.scenario.code("TRN") == trn
    assert [ws.title for ws in openpyxl.load_workbook(out).worksheets].count("Strike") == 0
