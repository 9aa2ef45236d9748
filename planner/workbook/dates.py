"""Dates and clock times as rotas write them: Excel values or UK day-first text.

Accepted date text: ``09/03/2026``, ``9/3/26``, ``09-03-2026``, ``09.03.2026``, ``09-Mar-2026``,
``9 Mar 2026``, ``9 March 2026``, ``2026-03-09``, each optionally with a weekday before or after
(``Mon 09/03/2026``) or a time after (``09/03/2026 00:00``, a datetime exported as text).
Two-digit years are 20xx. Accepted time text: ``08:00``, ``8:00``, ``0800``,
``08.00``, ``20.00``, ``8am``, ``8:30pm``, ``noon``, ``midnight``; ``24:00`` is midnight.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_WEEKDAY = (
    r"(?:monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu"
    r"|friday|fri|saturday|sat|sunday|sun)\.?"
)
_AROUND_WEEKDAY = re.compile(rf"^{_WEEKDAY}[\s,]+|[\s,]+{_WEEKDAY}$")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{4}|\d{2})")
_MONTH_NAME_DAY = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")

_TWELVE_HOUR = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*([ap])\.?m\.?")
_TWENTY_FOUR_HOUR = re.compile(r"(\d{1,2})[:.h](\d{2})(?::(\d{2}))?")
_DIGITS_ONLY = re.compile(r"\d{1,4}")
_HOURS_SUFFIX = re.compile(r"\s*(?:hrs|hr|hours|h)$")
_NAMED_TIMES = {"noon": dt.time(12), "midday": dt.time(12), "midnight": dt.time(0)}


def parse_date(value: object) -> dt.date | None:
    """A date from an Excel date or datetime, or from UK day-first text; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date_text(value) or _date_of_datetime_text(value)
    return None


def _date_of_datetime_text(text: str) -> dt.date | None:
    """The date of text such as ``09/03/2026 00:00`` (a datetime exported as text)."""
    if not any(ch.isdigit() for ch in text):
        return None
    moment = parse_datetime_text(text)
    return moment.date() if moment is not None else None


def parse_date_text(text: str) -> dt.date | None:
    """A date from text such as ``Mon 09/03/2026`` or ``9 Mar 2026`` (day first), else None."""
    cleaned = _AROUND_WEEKDAY.sub("", " ".join(text.lower().split()), count=1).strip(" ,")
    if found := _DAY_FIRST.fullmatch(cleaned):
        return _make_date(found.group(3), found.group(2), found.group(1))
    if found := _YEAR_FIRST.fullmatch(cleaned):
        return _make_date(found.group(1), found.group(2), found.group(3))
    if found := _DAY_MONTH_NAME.fullmatch(cleaned):
        return _make_date(found.group(3), MONTHS.get(found.group(2)), found.group(1))
    if found := _MONTH_NAME_DAY.fullmatch(cleaned):
        return _make_date(found.group(3), MONTHS.get(found.group(1)), found.group(2))
    return None


def _make_date(year: str, month: str | int | None, day: str) -> dt.date | None:
    if month is None:
        return None
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    if not 1900 <= full_year <= 2199:
        return None
    try:
        return dt.date(full_year, int(month), int(day))
    except ValueError:
        return None


def parse_time(value: object) -> dt.time | None:
    """A clock time from an Excel time, datetime, duration, fraction of a day, number or text."""
    if isinstance(value, dt.datetime):
        return _minute_time(value.hour * 60 + value.minute + round(value.second / 60))
    if isinstance(value, dt.time):
        return _minute_time(value.hour * 60 + value.minute + round(value.second / 60))
    if isinstance(value, dt.timedelta):
        return _minute_time(round(value.total_seconds() / 60))
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _time_of_number(value)
    if isinstance(value, str):
        return parse_time_text(value)
    return None


def _minute_time(minutes: int) -> dt.time:
    minutes %= 24 * 60
    return dt.time(minutes // 60, minutes % 60)


def _time_of_number(number: int | float) -> dt.time | None:
    """Below 1 a fraction of a day (how Excel stores times); else hours as typed (20, 8.30, 0800)."""
    if isinstance(number, float) and 0 <= number < 1:
        return _minute_time(round(number * 24 * 60))
    if not 0 <= number <= 2400:  # also refuses NaN and infinities
        return None
    if float(number).is_integer():
        return _time_of_digits(str(int(number)))
    hours = int(number)
    return _hour_minute(hours, round((number - hours) * 100))


def _hour_minute(hour: int, minute: int) -> dt.time | None:
    if hour == 24 and minute == 0:
        return dt.time(0)
    if 0 <= hour < 24 and 0 <= minute < 60:
        return dt.time(hour, minute)
    return None


def _time_of_digits(digits: str) -> dt.time | None:
    """``8`` or ``20`` are hours; ``800`` and ``0800`` are hours and minutes."""
    if len(digits) <= 2:
        return _hour_minute(int(digits), 0)
    return _hour_minute(int(digits[:-2]), int(digits[-2:]))


def parse_time_text(text: str) -> dt.time | None:
    """A clock time from text such as ``08:00``, ``0800``, ``20.00``, ``8am`` or ``8:30pm``."""
    cleaned = _HOURS_SUFFIX.sub("", " ".join(text.lower().split()))
    if cleaned in _NAMED_TIMES:
        return _NAMED_TIMES[cleaned]
    if found := _TWELVE_HOUR.fullmatch(cleaned):
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        return _hour_minute(hour % 12 + (12 if found.group(3) == "p" else 0), minute)
    if found := _TWENTY_FOUR_HOUR.fullmatch(cleaned):
        return _hour_minute(int(found.group(1)), int(found.group(2)))
    if _DIGITS_ONLY.fullmatch(cleaned):
        return _time_of_digits(cleaned)
    return None


def parse_datetime(value: object) -> dt.datetime | None:
    """A date and time from an Excel datetime or text such as ``16/03/2026 07:00``.

    A date without a time is midnight at the start of that day (as Excel stores it).
    """
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        return parse_datetime_text(value)
    return None


def parse_datetime_text(text: str) -> dt.datetime | None:
    """Date then time (or time then date), separated by spaces, a comma, ``T`` or ``at``."""
    spaced = re.sub(r"(\d)t(\d)", r"\1 \2", text.lower().replace(",", " "))
    tokens = [t for t in spaced.split() if t != "at"]
    whole = parse_date_text(" ".join(tokens))
    if whole is not None:
        return dt.datetime.combine(whole, dt.time())
    for size in (1, 2):
        for day_part, time_part in ((tokens[:-size], tokens[-size:]), (tokens[size:], tokens[:size])):
            day = parse_date_text(" ".join(day_part)) if day_part else None
            clock = parse_time_text(" ".join(time_part)) if day is not None else None
            if day is not None and clock is not None:
                return dt.datetime.combine(day, clock)
    return None
