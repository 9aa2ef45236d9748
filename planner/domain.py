"""The domain: doctors, their rostered shifts, strike windows, cover rules, rates and rules.

Everything here is a small frozen dataclass; :class:`Scenario` is the aggregate that the
solver, the plan checker, the workbook export and the window all read. Nothing here knows
about Excel, Qt or the solver.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from planner.grades import Tier


class PlannerError(Exception):
    """A problem with the input that the manager must fix, with where it is."""

    def __init__(self, message: str, where: CellRef | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def column_letter(column: int) -> str:
    """Spreadsheet column letters for a 1-based column number (1 -> A, 28 -> AB)."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True, order=True)
class CellRef:
    """A place in the workbook: sheet, 1-based row and (optionally) 1-based column."""

    sheet: str
    row: int | None = None
    column: int | None = None

    @property
    def column_name(self) -> str:
        return column_letter(self.column) if self.column else ""

    def __str__(self) -> str:
        place = f"sheet '{self.sheet}'"
        if self.row is not None:
            place += f", row {self.row}"
        if self.column is not None:
            place += f", column {self.column_name}"
        return place


class ShiftType(enum.Enum):
    """What a shift code means for planning."""

    WORK = "Work"  # an emergency or ward duty: never cancelled
    ELECTIVE = "Elective"  # a clinic or list: may be cancelled inside a strike window
    LEAVE = "Leave"  # no cover may start that date
    OFF = "Off"  # not working; the doctor may volunteer for cover
    UNKNOWN = "Unknown"  # a code defined nowhere: treated like leave, never as free

    @property
    def is_worked(self) -> bool:
        return self in (ShiftType.WORK, ShiftType.ELECTIVE)

    @property
    def blocks_cover(self) -> bool:
        return self in (ShiftType.LEAVE, ShiftType.UNKNOWN)


@dataclass(frozen=True)
class ShiftCode:
    """A rota code and its clock times; an end at or before the start ends the next day."""

    code: str
    type: ShiftType
    start: dt.time | None = None
    end: dt.time | None = None
    description: str = ""

    @property
    def is_timed(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def minutes(self) -> int:
        """Length on the clock, in minutes (0 for untimed codes)."""
        if self.start is None or self.end is None:
            return 0
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return end - start if end > start else end - start + 24 * 60

    def times_on(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """Start and end of this shift when it starts on ``day``."""
        if self.start is None:
            raise ValueError(f"shift code {self.code} has no times")
        start = dt.datetime.combine(day, self.start)
        return start, start + dt.timedelta(minutes=self.minutes)


class Declaration(enum.Enum):
    """What a resident has said about the strike."""

    STRIKING = "Striking"
    WORKING = "Working"
    UNDECLARED = "Undeclared"


class StaffKind(enum.Enum):
    """Rota doctors have a row in the grid; locum and bank doctors are a paid cover pool."""

    ROTA = "Rota"
    LOCUM = "Locum"
    BANK = "Bank"


@dataclass(frozen=True)
class Person:
    """One doctor. ``key`` is unique within a scenario (staff id, or name and row)."""

    key: str
    name: str
    tier: Tier
    grade: str = ""
    specialty: str = ""
    staff_id: str = ""
    skills: frozenset[str] = frozenset()
    declaration: Declaration = Declaration.UNDECLARED
    available_for_cover: bool = True
    max_extra_hours: float | None = None
    hourly_rate: float | None = None
    kind: StaffKind = StaffKind.ROTA
    phone: str = ""
    email: str = ""
    source: CellRef | None = None

    @property
    def is_resident(self) -> bool:
        return self.tier.is_resident

    @property
    def is_pool(self) -> bool:
        """Locum and bank doctors: no rota of their own, not counted in fairness."""
        return self.kind is not StaffKind.ROTA

    def competent_in(self, specialty: str) -> bool:
        """Their own specialty or a listed skill (names compared case-insensitively)."""
        wanted = specialty_key(specialty)
        return wanted == specialty_key(self.specialty) or wanted in {
            specialty_key(s) for s in self.skills
        }


def specialty_key(name: str) -> str:
    """Specialty names compare case- and space-insensitively."""
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class RosterEntry:
    """One grid cell: a doctor's code on a date, with any note typed after the code."""

    person_key: str
    day: dt.date
    code: str
    note: str = ""
    cell: CellRef | None = None


@dataclass(frozen=True)
class StrikeWindow:
    """A walkout, typically 07:00 on the first day to 07:00 on the day after the last."""

    start: dt.datetime
    end: dt.datetime

    def contains(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%a %d/%m/%Y %H:%M} to {self.end:%a %d/%m/%Y %H:%M}"


@dataclass(frozen=True)
class CoverRule:
    """At least ``minimum`` doctors at ``tier`` or above on that shift, specialty and strike day."""

    specialty: str
    shift_code: str
    tier: Tier
    minimum: int
    priority: int
    source: CellRef | None = None


@dataclass(frozen=True)
class WorkingTimeRules:
    """Limits no proposed cover may break; the defaults are the brief's NHS readings."""

    min_rest_hours: float = 11
    max_shift_hours: float = 13
    max_hours_per_168: float = 72
    max_consecutive_nights: int = 4
    min_rest_after_nights_hours: float = 46
    max_consecutive_long_shifts: int = 4
    max_consecutive_shifts: int = 7
    # What makes a shift a "night" or "long": these readings are fixed by the brief.
    long_shift_over_hours: float = 10
    night_min_hours_in_23_to_06: float = 3


@dataclass(frozen=True)
class BandRates:
    """£ per hour in each cost band."""

    weekday_day: float
    weekday_evening: float
    weekend_day: float
    night: float


BMA_2023 = BandRates(weekday_day=158, weekday_evening=210, weekend_day=210, night=262)
"""BMA consultant rate card 2023; it publishes no weekend-day rate, so the evening rate is used."""

BMA_2025 = BandRates(weekday_day=188, weekday_evening=250, weekend_day=250, night=313)
"""2025 figures as reported in the press (weekend night 313 used for every night)."""


@dataclass(frozen=True)
class RateCard:
    """Rates by tier or grade; a doctor's own hourly rate (a locum's, say) wins over the card."""

    name: str = "BMA consultant rate card 2023"
    default: BandRates = BMA_2023
    by_tier: Mapping[Tier, BandRates] = field(default_factory=dict)
    by_grade: Mapping[str, BandRates] = field(default_factory=dict)

    def rates_for(self, person: Person) -> BandRates:
        grade = " ".join(person.grade.lower().split())
        if grade in self.by_grade:
            return self.by_grade[grade]
        return self.by_tier.get(person.tier, self.default)


RATE_PRESETS: dict[str, RateCard] = {
    "2023": RateCard(),
    "2025": RateCard(name="BMA consultant rates 2025 (press reports)", default=BMA_2025),
}


@dataclass(frozen=True)
class Shift:
    """A rostered code on a date with its clock times resolved."""

    person_key: str
    day: dt.date
    code: str
    type: ShiftType
    start: dt.datetime
    end: dt.datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class Scenario:
    """A rota and a strike: the whole input to planning.

    ``cover_rules`` is None when the trust gives no minimums: then every struck shift is
    refilled. ``undeclared_strike`` plans for the worst case: undeclared residents strike.
    """

    people: tuple[Person, ...]
    shift_codes: Mapping[str, ShiftCode]
    roster: tuple[RosterEntry, ...]
    dates: tuple[dt.date, ...]
    strike_windows: tuple[StrikeWindow, ...] = ()
    cover_rules: tuple[CoverRule, ...] | None = None
    rules: WorkingTimeRules = WorkingTimeRules()
    rates: RateCard = RateCard()
    undeclared_strike: bool = True
    name: str = ""

    # --- lookups -------------------------------------------------------------------------
    @functools.cached_property
    def people_by_key(self) -> dict[str, Person]:
        return {p.key: p for p in self.people}

    def person(self, key: str) -> Person:
        return self.people_by_key[key]

    @functools.cached_property
    def entries_by_person(self) -> dict[str, tuple[RosterEntry, ...]]:
        grouped: dict[str, list[RosterEntry]] = {p.key: [] for p in self.people}
        for entry in self.roster:
            grouped.setdefault(entry.person_key, []).append(entry)
        return {k: tuple(sorted(v, key=lambda e: e.day)) for k, v in grouped.items()}

    def code(self, code: str) -> ShiftCode:
        """The definition of a code; a code defined nowhere is UNKNOWN (never free)."""
        found = self.shift_codes.get(code.upper())
        return found if found is not None else ShiftCode(code.upper(), ShiftType.UNKNOWN)

    def shift_of(self, entry: RosterEntry) -> Shift | None:
        """The timed shift for a grid cell, or None for leave, off and untimed codes."""
        code = self.code(entry.code)
        if not code.is_timed:
            return None
        start, end = code.times_on(entry.day)
        return Shift(entry.person_key, entry.day, code.code, code.type, start, end)

    # --- strike -------------------------------------------------------------------------
    def is_striking(self, person: Person) -> bool:
        """Residents strike unless declared working (or, if told so, unless undeclared)."""
        if not person.is_resident or person.is_pool:
            return False
        if person.declaration is Declaration.STRIKING:
            return True
        return person.declaration is Declaration.UNDECLARED and self.undeclared_strike

    def in_strike(self, moment: dt.datetime) -> bool:
        return any(w.contains(moment) for w in self.strike_windows)

    @functools.cached_property
    def strike_dates(self) -> tuple[dt.date, ...]:
        """Rota dates on which some timed Work or Elective code would start inside a window."""
        worked = [c for c in self.shift_codes.values() if c.type.is_worked and c.is_timed]
        return tuple(
            day for day in self.dates
            if any(self.in_strike(c.times_on(day)[0]) for c in worked)
        )

    # --- changes ------------------------------------------------------------------------
    def with_strike(self, windows: Iterable[StrikeWindow]) -> Scenario:
        return dataclasses.replace(self, strike_windows=tuple(windows))

    def with_declarations(self, declarations: Mapping[str, Declaration]) -> Scenario:
        """A copy with some people's declarations replaced (keyed by person key)."""
        people = tuple(
            dataclasses.replace(p, declaration=declarations[p.key]) if p.key in declarations else p
            for p in self.people
        )
        return dataclasses.replace(self, people=people)
