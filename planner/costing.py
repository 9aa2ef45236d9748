"""What a cover costs: the rate card's bands, minute by minute across the bands a shift spans.

Bands (from the brief): weekday day 07:00–19:00, weekday evening 19:00–23:00, weekend day
(Saturday, Sunday and bank holidays of England) 07:00–23:00, night 23:00–07:00 every day. The
band of a minute follows the calendar date of that minute.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools

import holidays

from planner.domain import BandRates, Person, RateCard


class Band(enum.Enum):
    WEEKDAY_DAY = "weekday day"
    WEEKDAY_EVENING = "weekday evening"
    WEEKEND_DAY = "weekend day"
    NIGHT = "night"


@functools.lru_cache(maxsize=64)
def _english_bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_weekend_or_bank_holiday(day: dt.date) -> bool:
    return day.weekday() >= 5 or day in _english_bank_holidays(day.year)


def _day_bands(day: dt.date) -> tuple[tuple[int, int, Band], ...]:
    """The bands of one calendar day as (from minute, to minute, band)."""
    if is_weekend_or_bank_holiday(day):
        return ((0, 420, Band.NIGHT), (420, 1380, Band.WEEKEND_DAY), (1380, 1440, Band.NIGHT))
    return (
        (0, 420, Band.NIGHT), (420, 1140, Band.WEEKDAY_DAY),
        (1140, 1380, Band.WEEKDAY_EVENING), (1380, 1440, Band.NIGHT),
    )


def minutes_by_band(start: dt.datetime, end: dt.datetime) -> dict[Band, int]:
    """How many minutes of [start, end) fall in each band."""
    found = {band: 0 for band in Band}
    day = start.date()
    while dt.datetime.combine(day, dt.time()) < end:
        midnight = dt.datetime.combine(day, dt.time())
        for lo, hi, band in _day_bands(day):
            a = max(start, midnight + dt.timedelta(minutes=lo))
            b = min(end, midnight + dt.timedelta(minutes=hi))
            if b > a:
                found[band] += int((b - a).total_seconds() // 60)
        day += dt.timedelta(days=1)
    return found


def _rate(rates: BandRates, band: Band) -> float:
    return {
        Band.WEEKDAY_DAY: rates.weekday_day,
        Band.WEEKDAY_EVENING: rates.weekday_evening,
        Band.WEEKEND_DAY: rates.weekend_day,
        Band.NIGHT: rates.night,
    }[band]


def hourly_rates(person: Person, card: RateCard) -> BandRates:
    """A doctor's own hourly rate (a locum's) wins over the card, in every band."""
    if person.hourly_rate is not None:
        r = person.hourly_rate
        return BandRates(r, r, r, r)
    return card.rates_for(person)


def cost_in_pounds(person: Person, card: RateCard, start: dt.datetime, end: dt.datetime) -> float:
    """Exact cost of working [start, end): each band's minutes at its hourly rate."""
    rates = hourly_rates(person, card)
    return sum(_rate(rates, band) * minutes / 60
               for band, minutes in minutes_by_band(start, end).items())


def cost_in_pence_sixtieths(person: Person, card: RateCard, start: dt.datetime,
                            end: dt.datetime) -> int:
    """The cost as an integer for the solver, in 1/60 of a penny: exact for rates in pence."""
    return round(cost_in_pounds(person, card, start, end) * 6000)


def shift_cost(person: Person, card: RateCard, start: dt.datetime, end: dt.datetime) -> float:
    """Cost of working [start, end) in pounds, to the penny."""
    return round(cost_in_pounds(person, card, start, end), 2)
