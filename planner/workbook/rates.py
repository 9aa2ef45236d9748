"""The Rates sheet (``Rates``, ``Rate card``): £ per hour in each cost band.

``Tier | Weekday day | Weekday evening | Weekend day | Night``; the first column names a tier, a
grade or ``Default``. A blank weekend-day rate is the evening rate, as on the BMA card.
"""

from __future__ import annotations

from typing import Any

from planner.domain import BMA_2023, BandRates, CellRef, RateCard
from planner.grades import Tier, tier_of_grade
from planner.workbook.cells import parse_number, squash
from planner.workbook.issues import IssueLog
from planner.workbook.tables import Table, TableRow, TableSpec, read_table

RATES_SPEC = TableSpec(
    title="Rates",
    fields={
        "who": frozenset({"tier", "grade", "who", "staffgroup", "role"}),
        "weekday_day": frozenset({"weekdayday", "weekday", "weekdaydaytime"}),
        "weekday_evening": frozenset({"weekdayevening", "evening"}),
        "weekend_day": frozenset({"weekendday", "weekend", "weekendbankholiday", "weekendbankholidayday"}),
        "night": frozenset({"night", "nights"}),
    },
    required=tuple(frozenset({f}) for f in ("who", "weekday_day", "weekday_evening", "night")),
    looked_for="Tier, Weekday day, Weekday evening and Night columns",
)
_TIER_NAMES = {
    **{squash(t.label): t for t in Tier},
    **{squash(t.label) + "s": t for t in Tier},
    "specialtydoctors": Tier.SAS,
}
_DEFAULT_NAMES = frozenset({"default", "all", "everyone", "other", "others"})
_BANDS = ("weekday_day", "weekday_evening", "weekend_day", "night")


def read_rates(sheet: Any | None, log: IssueLog) -> RateCard:
    """The trust's rate card, or the BMA 2023 card without a (usable) Rates sheet."""
    table = read_table(sheet, RATES_SPEC, log, "the BMA 2023 card is used.") if sheet is not None else None
    if table is None:
        return RateCard()
    default: BandRates | None = None
    by_tier: dict[Tier, BandRates] = {}
    by_grade: dict[str, BandRates] = {}
    for row in table.rows:
        who, rates = row.text("who"), _band_rates(table, row, log)
        if rates is None:
            continue
        if squash(who) in _DEFAULT_NAMES:
            default = rates
        elif squash(who) in _TIER_NAMES:
            by_tier[_TIER_NAMES[squash(who)]] = rates
        elif tier_of_grade(who) is not None:
            by_grade[" ".join(who.lower().split())] = rates
        else:
            log.problem(table.at(row, "who"), f"'{who}' is not a tier, a grade or Default: row not read.")
    if default is None:
        log.info(CellRef(table.sheet, table.header_row), (
            "No Default row: doctors whose tier or grade is not listed are costed at the BMA "
            "consultant rate card of 2023."
        ))
    return RateCard("Rates sheet", default or BMA_2023, by_tier, by_grade)


def _band_rates(table: Table, row: TableRow, log: IssueLog) -> BandRates | None:
    values: dict[str, float] = {}
    for band in _BANDS:
        rate = parse_number(row.values.get(band))
        if band == "weekend_day" and not row.text(band):
            rate = values.get("weekday_evening")
        if rate is None or rate < 0:
            log.problem(table.at(row, band), (
                f"Rate '{row.text(band)}' is not an amount in pounds per hour: row not read."
            ))
            return None
        values[band] = rate
    return BandRates(**values)
