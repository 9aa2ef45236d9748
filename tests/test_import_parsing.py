"""Reading Excel values: dates, times, numbers and shift codes, for any input a cell can hold."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.workbook.cells import cell_text, parse_number
from planner.workbook.codes import CodeMatcher
from planner.workbook.dates import parse_date, parse_datetime, parse_time

DATE_FORMATS = [
    "{d:%d/%m/%Y}", "{d.day}/{d.month}/{d:%Y}", "{d:%d-%b-%Y}", "{d.day} {d:%b %Y}",
    "{d:%a %d/%m/%Y}", "{d:%Y-%m-%d}", "{d:%d.%m.%Y}", "{d.day} {d:%B %Y}", "{d:%d-%m-%Y}",
    "{d:%A} {d.day} {d:%B %Y}", "{d:%d/%m/%Y} {d:%a}", "{d:%a}\n{d:%d/%m/%Y}",
]
TWO_DIGIT_YEAR_FORMATS = ["{d.day}/{d.month}/{d:%y}", "{d:%d/%m/%y}", "{d:%d-%b-%y}"]
TIME_FORMATS = ["{t:%H:%M}", "{t:%H%M}", "{t:%H.%M}", "{t.hour}:{t:%M}", "{t:%H:%M:%S}", " {t:%H:%M} "]

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31))
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(dates, st.sampled_from(DATE_FORMATS))
def test_any_date_in_each_accepted_format_reads_back(day: dt.date, render: str) -> None:
    assert parse_date(render.format(d=day)) == day


@given(dates, st.sampled_from(DATE_FORMATS))
def test_date_text_is_read_in_any_case(day: dt.date, render: str) -> None:
    assert parse_date(render.format(d=day).upper()) == day


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(TWO_DIGIT_YEAR_FORMATS))
def test_two_digit_years_are_this_century(day: dt.date, render: str) -> None:
    assert parse_date(render.format(d=day)) == day


@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2150, 1, 1)))
def test_excel_dates_and_datetimes_read_as_their_date(moment: dt.datetime) -> None:
    assert parse_date(moment) == moment.date() and parse_date(moment.date()) == moment.date()


@pytest.mark.parametrize("text", ["", "Mon", "Week 1", "31/02/2026", "13/13/2026", "9 Mar", "Name",
                                  "2026", "09/03", "Marchy 9 2026", "1/2/3/4"])
def test_text_that_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none()))
def test_date_and_time_parsing_never_fail_on_any_cell(value: object) -> None:
    parse_date(value)
    parse_time(value)
    parse_datetime(value)
    parse_number(value)
    cell_text(value)


@given(times, st.sampled_from(TIME_FORMATS))
def test_any_time_in_each_accepted_format_reads_back(clock: dt.time, render: str) -> None:
    assert parse_time(render.format(t=clock)) == clock


@given(times)
def test_twelve_hour_times_read_back(clock: dt.time) -> None:
    hour = clock.hour % 12 or 12
    half = "am" if clock.hour < 12 else "pm"
    assert parse_time(f"{hour}:{clock:%M}{half}") == clock
    assert parse_time(f"{hour}:{clock:%M} {half.upper()}") == clock
    if clock.minute == 0:
        assert parse_time(f"{hour}{half}") == clock


@given(times)
def test_excel_times_and_fractions_of_a_day_read_back(clock: dt.time) -> None:
    fraction = (clock.hour * 60 + clock.minute) / (24 * 60)
    assert parse_time(fraction) == clock
    assert parse_time(clock) == clock
    assert parse_time(dt.datetime.combine(dt.date(1899, 12, 30), clock)) == clock


@given(times.filter(lambda t: t.hour >= 1))
def test_times_typed_as_numbers_read_as_hours_and_minutes(clock: dt.time) -> None:
    # Below 1 a number is a fraction of a day (how Excel stores times), so 00:xx cannot be typed.
    assert parse_time(clock.hour * 100 + clock.minute) == clock
    assert parse_time(float(f"{clock.hour}.{clock:%M}")) == clock


@pytest.mark.parametrize("text, clock", [("8am", dt.time(8)), ("12am", dt.time(0)), ("12pm", dt.time(12)),
                                         ("24:00", dt.time(0)), ("0800hrs", dt.time(8)),
                                         ("noon", dt.time(12)), ("20.00", dt.time(20)), ("8", dt.time(8))])
def test_time_text(text: str, clock: dt.time) -> None:
    assert parse_time(text) == clock


@pytest.mark.parametrize("text", ["", "25:00", "8:75", "13pm", "morning", "8:00-16:00"])
def test_text_that_is_not_a_time(text: str) -> None:
    assert parse_time(text) is None


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31)),
       st.sampled_from(["{m:%d/%m/%Y %H:%M}", "{m:%a %d/%m/%Y %H:%M}", "{m:%Y-%m-%dT%H:%M}",
                        "{m:%d %b %Y %H%M}", "{m:%d/%m/%Y}, {m:%H:%M}", "{m:%H:%M} {m:%d/%m/%Y}"]))
def test_date_times_read_back(moment: dt.datetime, render: str) -> None:
    moment = moment.replace(second=0, microsecond=0)
    assert parse_datetime(render.format(m=moment)) == moment


@pytest.mark.parametrize("value, text", [(7, "7"), (7.0, "7"), (7.5, "7.5"), (1234567.0, "1234567"),
                                         ("  N  ", "N"), (None, ""), (True, "TRUE"),
                                         (dt.time(8, 30), "08:30")])
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize("value, number", [("£95.50", 95.5), ("1,200", 1200.0), ("8 hours", 8.0),
                                           (12, 12.0), ("£120/hr", 120.0), ("ask", None), (True, None)])
def test_parse_number(value: object, number: float | None) -> None:
    assert parse_number(value) == number


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", min_size=1, max_size=6).map(
    lambda c: " ".join(c.split())).filter(bool)


@given(st.sets(codes, min_size=1, max_size=8), st.data())
def test_a_defined_code_followed_by_a_non_letter_note_reads_as_that_code(
    defined: set[str], data: st.DataObject
) -> None:
    code = data.draw(st.sampled_from(sorted(defined)))
    note = data.draw(st.sampled_from(["", " (swap)", "*", " - approved", "/2"]))
    reading = CodeMatcher(defined).read(code.lower() + note)
    assert reading.known
    # A longer defined code may begin the same way; it must then be the one read.
    assert reading.code.startswith(code) or code.startswith(reading.code)
    assert len(reading.code) >= len(code)


@given(st.text(min_size=1).map(str.strip).filter(bool))
def test_any_cell_text_reads_as_some_code(text: str) -> None:
    reading = CodeMatcher(["D", "N", "ON CALL"]).read(text)
    assert reading.code or reading.note
