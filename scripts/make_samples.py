#!/usr/bin/env python3
"""Generate realistic, synthetic rota workbooks for Rota Cover Planner.

Why this exists: the planner is judged on rotas it has never seen, so the bundled samples and the
benchmark workbooks must look like what NHS trusts really keep: title rows above the header, a
weekday row under it, section labels between grade groups, rota lines with night runs and rest
days, consultants' clinics and theatre lists, leave blocks, notes typed into cells and the odd code
that nobody defined. Every workbook follows docs/workbook-format.md, and all names, staff IDs,
phone numbers and e-mail addresses are invented (phones are in Ofcom's 07700 900xxx drama range).

Everything is drawn from one seeded random generator, so a seed always gives the same cells.

Usage::

    python scripts/make_samples.py       # rewrites assets/{department,district,template}.xlsx
    python scripts/make_samples.py --size teaching --out /tmp/teaching.xlsx [--seed 7]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator, Sequence, Union

import holidays
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
DEFAULT_SEED = 2026

ROTA_START = date(2026, 3, 2)  # a Monday
ROTA_DAYS = 42  # six weeks: one full turn of every six-week rota line
STRIKE_START = datetime(2026, 3, 16, 7, 0)
STRIKE_END = datetime(2026, 3, 21, 7, 0)

#: Codes typed into a few grid cells on purpose but defined nowhere, so the import's problem
#: listing is exercised ("TRN" = a training day, "TBC" = not yet decided). No defined code is a
#: prefix of either, so neither can be read as a defined code with a note.
UNKNOWN_CODES: tuple[str, ...] = ("TRN", "TBC")

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TIER_ORDER = ("Foundation", "Core", "Registrar", "SAS", "Consultant")
RESIDENT_TIERS = ("Foundation", "Core", "Registrar")
TIER_RANK = {tier: rank for rank, tier in enumerate(TIER_ORDER)}


# --------------------------------------------------------------------------------------------
# Shift codes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShiftCode:
    """One row of the Shifts sheet; times are wall-clock and an end at or before the start is the
    next day, exactly as the importer reads them."""

    code: str
    start: time | None
    end: time | None
    kind: str  # Work, Elective, Leave or Off
    meaning: str

    @property
    def worked(self) -> bool:
        """Work and Elective shifts are the ones the working-time rules count."""
        return self.kind in ("Work", "Elective")

    @property
    def hours(self) -> float:
        """Length on the clock (0 for leave and rest codes)."""
        if self.start is None:
            return 0.0
        start, end = self.span(ROTA_START)
        return (end - start).total_seconds() / 3600

    def span(self, day: date) -> tuple[datetime, datetime]:
        """Start and end on the clock for a shift starting on ``day``."""
        assert self.start is not None and self.end is not None
        start = datetime.combine(day, self.start)
        end = datetime.combine(day, self.end)
        if end <= start:
            end += timedelta(days=1)
        return start, end


def _t(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


SHIFT_CODES: tuple[ShiftCode, ...] = (
    ShiftCode("D", _t("08:00"), _t("17:00"), "Work", "Day"),
    ShiftCode("LD", _t("08:00"), _t("20:30"), "Work", "Long day"),
    ShiftCode("E", _t("07:00"), _t("15:00"), "Work", "Early"),
    ShiftCode("L", _t("14:00"), _t("22:00"), "Work", "Late"),
    ShiftCode("TW", _t("16:00"), _t("00:00"), "Work", "Twilight"),
    ShiftCode("N", _t("20:00"), _t("08:30"), "Work", "Night"),
    ShiftCode("OC", _t("17:00"), _t("22:00"), "Work", "Consultant on call"),
    ShiftCode("CD", _t("08:00"), _t("20:00"), "Work", "Consultant day cover"),
    ShiftCode("CL", _t("09:00"), _t("13:00"), "Elective", "Clinic (morning)"),
    ShiftCode("CL PM", _t("13:30"), _t("17:30"), "Elective", "Clinic (afternoon)"),
    ShiftCode("TH", _t("08:00"), _t("18:00"), "Elective", "Theatre list"),
    ShiftCode("AL", None, None, "Leave", "Annual leave"),
    ShiftCode("SL", None, None, "Leave", "Study leave"),
    ShiftCode("OFF", None, None, "Off", "Rest day"),
    ShiftCode("ZERO", None, None, "Off", "Zero-hours day"),
    ShiftCode("BH", None, None, "Off", "Bank holiday (no sessions)"),
)
CODES: dict[str, ShiftCode] = {c.code: c for c in SHIFT_CODES}
_CODES_LONGEST_FIRST = sorted(CODES, key=len, reverse=True)
ELECTIVE = frozenset(c.code for c in SHIFT_CODES if c.kind == "Elective")


def resolve_cell(text: str) -> tuple[str | None, str]:
    """Read a grid cell as the importer does: trimmed, case-insensitive, the longest defined code
    that begins the text wins and the rest is a note. Returns (code or None, note)."""
    upper = text.strip().upper()
    for code in _CODES_LONGEST_FIRST:
        if upper.startswith(code):
            return code, upper[len(code):].strip()
    return None, upper


# --------------------------------------------------------------------------------------------
# Rota lines: six-week cyclic patterns, one week per line, checked against the working-time
# rules as cycles (tests/test_make_samples.py), so any six-week slice of them is clean too.
# --------------------------------------------------------------------------------------------

LINE_PATTERNS: dict[str, tuple[str, ...]] = {
    # Emergency department: earlies, lates, twilights and nights; weekends 1 in 3.
    "em": (
        "E E E E OFF OFF OFF",
        "L L L L OFF LD LD",
        "OFF TW TW TW N N N",
        "OFF OFF D D LD OFF OFF",
        "N N N N OFF OFF OFF",
        "ZERO E E L L OFF OFF",
    ),
    # Acute take (medicine, surgery, obstetrics, paediatrics, anaesthetics, ICU): a weekday long
    # day for the take, weekday and weekend night runs; weekends 1 in 3.
    "acute": (
        "D D LD D D OFF OFF",
        "N N N N OFF OFF OFF",
        "OFF D D D D LD LD",
        "ZERO D LD D OFF OFF OFF",
        "OFF D D LD N N N",
        "OFF OFF D D D OFF OFF",
    ),
    # Ward specialties: mostly days, one weekday and one weekend night run; weekends 1 in 3.
    "ward": (
        "D D D D D OFF OFF",
        "OFF D LD D N N N",
        "OFF OFF D D D LD LD",
        "ZERO D D D D OFF OFF",
        "N N N N OFF OFF OFF",
        "OFF D D D D OFF OFF",
    ),
    # Day specialties (ENT, ophthalmology, dermatology...): no resident nights, weekends 1 in 6.
    "days": (
        "D D D D D OFF OFF",
        "D LD D D D OFF OFF",
        "OFF D D D D LD LD",
        "ZERO D D D D OFF OFF",
        "D D LD D D OFF OFF",
        "D D D D ZERO OFF OFF",
    ),
}

#: Share of each tier in a specialty, by its resident pattern.
TIER_MIX: dict[str, dict[str, float]] = {
    "em": {"Consultant": 0.20, "SAS": 0.10, "Registrar": 0.23, "Core": 0.27, "Foundation": 0.20},
    "acute": {"Consultant": 0.22, "SAS": 0.08, "Registrar": 0.25, "Core": 0.25, "Foundation": 0.20},
    "ward": {"Consultant": 0.28, "SAS": 0.07, "Registrar": 0.20, "Core": 0.20, "Foundation": 0.25},
    "days": {"Consultant": 0.35, "SAS": 0.15, "Registrar": 0.20, "Core": 0.20, "Foundation": 0.10},
}

#: Weekday session menus for consultants' job plans (a free weekday is added to every plan).
SESSION_MENUS: dict[str, tuple[tuple[str, float], ...]] = {
    "acute": (("CD", 0.35), ("CL", 0.30), ("CL PM", 0.20), ("", 0.15)),
    "surgical": (("TH", 0.45), ("CL", 0.35), ("CL PM", 0.20)),
    "medical": (("CL", 0.40), ("CL PM", 0.25), ("CD", 0.35)),
    "clinic": (("CL", 0.50), ("CL PM", 0.30), ("TH", 0.20)),
}


# --------------------------------------------------------------------------------------------
# Grades and specialties
# --------------------------------------------------------------------------------------------

FOUNDATION_GRADES = ("FY1", "FY1", "FY2", "FY2", "FY2", "F1")
REGISTRAR_GRADES = ("ST3", "ST4", "ST4", "ST5", "ST5", "ST6", "ST6", "ST7", "ST8", "SpR", "StR")
SAS_GRADES = ("Specialty doctor",) * 6 + ("Associate specialist", "Specialist", "Specialist")
CORE_EM = ("ACCS", "CT1", "CT2", "CT3", "GPST", "Clinical fellow", "Trust fellow")
CORE_MED = ("IMT1", "IMT2", "IMT3", "IMT1", "IMT2", "GPST", "Clinical fellow", "LED")
CORE_SURG = ("CT1", "CT2", "CST", "CT1", "CT2", "Clinical fellow", "SHO")
CORE_RUN_THROUGH = ("ST1", "ST2", "ST1", "ST2", "GPST", "Clinical fellow")
CORE_ANAES = ("CT1", "CT2", "CT3", "ACCS", "Clinical fellow")
CORE_PSYCH = ("CT1", "CT2", "CT3", "GPST", "LED")


@dataclass(frozen=True)
class CoverSpec:
    """One Cover-sheet rule to write for a specialty. Its minimum is derived from the rostered
    staffing (so it sits below normal staffing) unless ``minimum`` fixes it."""

    shift: str
    tier: str
    priority: int
    minimum: int | None = None


@dataclass(frozen=True)
class Specialty:
    """A specialty: how big it is, how its residents and seniors work, and what cover it needs."""

    name: str
    weight: float  # relative headcount
    pattern: str  # key of LINE_PATTERNS for its residents
    plan: str  # key of SESSION_MENUS for its consultants
    core_grades: tuple[str, ...]
    skills: tuple[str, ...] = ()  # other specialties its seniors are often competent in
    cover: tuple[CoverSpec, ...] = ()
    sas_on_rota: bool = False  # SAS doctors work the registrar rota lines (middle grades)

    @property
    def covers_senior_nights(self) -> bool:
        """Its Cover rules ask for a registrar (or more senior) doctor on nights."""
        return self.pattern != "days" and any(
            c.shift == "N" and TIER_RANK[c.tier] >= TIER_RANK["Registrar"] for c in self.cover)

    def renamed(self, suffix: str) -> Specialty:
        """The same specialty at another trust: its name and its skills carry the trust's name."""
        if not suffix:
            return self
        return dataclasses.replace(
            self,
            name=f"{self.name} ({suffix})",
            skills=tuple(f"{s} ({suffix})" for s in self.skills),
        )


def _cover(*rules: tuple) -> tuple[CoverSpec, ...]:
    return tuple(CoverSpec(*rule) for rule in rules)


_S = Specialty
DISTRICT_SPECIALTIES: tuple[Specialty, ...] = (
    _S("Emergency Medicine", 1.6, "em", "acute", CORE_EM, ("Acute Medicine",),
       _cover(("N", "Registrar", 1), ("N", "Core", 1), ("L", "Registrar", 1), ("E", "Core", 1),
              ("TW", "Core", 2)), sas_on_rota=True),
    _S("Acute Medicine", 1.0, "acute", "medical", CORE_MED, ("General Medicine",),
       _cover(("N", "Registrar", 1), ("N", "Core", 1), ("LD", "Core", 1), ("D", "Foundation", 2)),
       sas_on_rota=True),
    _S("General Medicine", 1.4, "acute", "medical", CORE_MED, ("Acute Medicine",),
       _cover(("N", "Registrar", 2), ("N", "Foundation", 2), ("LD", "Core", 2),
              ("D", "Foundation", 2))),
    _S("Cardiology", 0.6, "ward", "medical", CORE_MED, ("General Medicine",),
       _cover(("N", "Registrar", 2), ("D", "Foundation", 3))),
    _S("Respiratory", 0.6, "ward", "medical", CORE_MED, ("General Medicine",),
       _cover(("N", "Core", 2), ("D", "Foundation", 3))),
    _S("Gastroenterology", 0.5, "ward", "medical", CORE_MED, ("General Medicine",),
       _cover(("D", "Foundation", 3))),
    _S("Elderly Care", 0.8, "ward", "medical", CORE_MED, ("General Medicine", "Stroke"),
       _cover(("D", "Foundation", 2), ("N", "Core", 2))),
    _S("Stroke", 0.3, "ward", "medical", CORE_MED, ("Elderly Care",),
       _cover(("N", "Registrar", 1), ("D", "Core", 2))),
    _S("General Surgery", 1.2, "acute", "surgical", CORE_SURG, ("Urology",),
       _cover(("N", "Registrar", 1), ("N", "Core", 1), ("D", "Foundation", 2))),
    _S("Trauma & Orthopaedics", 0.9, "acute", "surgical", CORE_SURG, (),
       _cover(("N", "Registrar", 1), ("N", "Core", 1), ("D", "Foundation", 3))),
    _S("Urology", 0.35, "ward", "surgical", CORE_SURG, ("General Surgery",),
       _cover(("N", "Registrar", 2), ("D", "Core", 3))),
    _S("Obstetrics & Gynaecology", 0.9, "acute", "surgical", CORE_RUN_THROUGH, (),
       _cover(("N", "SAS", 2, 1), ("N", "Registrar", 1), ("N", "Core", 1), ("LD", "Registrar", 1)),
       sas_on_rota=True),
    _S("Paediatrics", 0.9, "acute", "medical", CORE_RUN_THROUGH, ("Neonatology",),
       _cover(("N", "Registrar", 2), ("N", "Core", 2), ("D", "Foundation", 3))),
    _S("Neonatology", 0.3, "acute", "medical", CORE_RUN_THROUGH, ("Paediatrics",),
       _cover(("N", "Registrar", 1), ("N", "Core", 1)), sas_on_rota=True),
    _S("Anaesthetics", 1.4, "acute", "surgical", CORE_ANAES, ("Intensive Care",),
       _cover(("N", "Registrar", 2), ("N", "Core", 2), ("LD", "Core", 2)), sas_on_rota=True),
    _S("Intensive Care", 0.6, "acute", "acute", CORE_ANAES, ("Anaesthetics",),
       _cover(("CD", "Consultant", 1, 1), ("N", "Registrar", 1), ("N", "Core", 1),
              ("LD", "Registrar", 1)), sas_on_rota=True),
    _S("ENT", 0.35, "days", "clinic", CORE_SURG, (), _cover(("D", "Core", 3))),
    _S("Ophthalmology", 0.35, "days", "clinic", CORE_SURG, (), _cover(("D", "Core", 3))),
    _S("Psychiatry", 0.6, "ward", "clinic", CORE_PSYCH, (),
       _cover(("N", "Core", 2), ("D", "Core", 3))),
)

TERTIARY_SPECIALTIES: tuple[Specialty, ...] = (
    _S("Major Trauma", 0.5, "acute", "acute", CORE_EM,
       ("Emergency Medicine", "Trauma & Orthopaedics"), _cover(("N", "Registrar", 1))),
    _S("Paediatric Intensive Care", 0.4, "acute", "acute", CORE_ANAES,
       ("Paediatrics", "Anaesthetics"), _cover(("N", "Registrar", 1), ("N", "Core", 1)),
       sas_on_rota=True),
    _S("Neurosurgery", 0.5, "acute", "surgical", CORE_SURG, ("Spinal Surgery",),
       _cover(("N", "Registrar", 1))),
    _S("Cardiothoracic Surgery", 0.5, "acute", "surgical", CORE_SURG, (),
       _cover(("N", "Registrar", 2))),
    _S("Cardiothoracic Anaesthesia", 0.4, "acute", "surgical", CORE_ANAES,
       ("Anaesthetics", "Intensive Care"), _cover(("N", "Registrar", 2))),
    _S("Vascular Surgery", 0.35, "ward", "surgical", CORE_SURG, ("General Surgery",),
       _cover(("N", "Registrar", 2))),
    _S("Colorectal Surgery", 0.4, "ward", "surgical", CORE_SURG, ("General Surgery",),
       _cover(("D", "Foundation", 3))),
    _S("Upper GI Surgery", 0.35, "ward", "surgical", CORE_SURG, ("General Surgery",),
       _cover(("D", "Foundation", 3))),
    _S("Breast Surgery", 0.25, "days", "surgical", CORE_SURG, ("General Surgery",)),
    _S("Spinal Surgery", 0.3, "ward", "surgical", CORE_SURG, ("Trauma & Orthopaedics",)),
    _S("Plastic Surgery", 0.4, "days", "surgical", CORE_SURG, (), _cover(("D", "Core", 3))),
    _S("Oral & Maxillofacial Surgery", 0.3, "days", "surgical", CORE_SURG, ("ENT",),
       _cover(("D", "Core", 3))),
    _S("Paediatric Surgery", 0.3, "ward", "surgical", CORE_RUN_THROUGH, (),
       _cover(("N", "Registrar", 2))),
    _S("Neurology", 0.5, "ward", "medical", CORE_MED, ("Stroke", "General Medicine"),
       _cover(("N", "Registrar", 2))),
    _S("Renal Medicine", 0.5, "ward", "medical", CORE_MED, ("General Medicine",),
       _cover(("N", "Registrar", 2), ("D", "Foundation", 3))),
    _S("Haematology", 0.45, "ward", "medical", CORE_MED, ("Medical Oncology",),
       _cover(("N", "Registrar", 2))),
    _S("Hepatology", 0.3, "ward", "medical", CORE_MED, ("Gastroenterology",)),
    _S("Endocrinology", 0.35, "ward", "medical", CORE_MED, ("General Medicine",),
       _cover(("D", "Foundation", 3))),
    _S("Infectious Diseases", 0.3, "ward", "medical", CORE_MED, ("General Medicine",)),
    _S("Medical Oncology", 0.45, "days", "clinic", CORE_MED, ("Haematology",),
       _cover(("D", "Core", 3))),
    _S("Clinical Oncology", 0.4, "days", "clinic", CORE_MED, ("Medical Oncology",)),
    _S("Palliative Care", 0.25, "days", "medical", CORE_MED, ("Elderly Care",)),
    _S("Rheumatology", 0.25, "days", "clinic", CORE_MED, ()),
    _S("Dermatology", 0.3, "days", "clinic", CORE_MED, ()),
    _S("Genitourinary Medicine", 0.2, "days", "clinic", CORE_MED, ()),
    _S("Interventional Radiology", 0.3, "days", "clinic", CORE_SURG, ()),
)


# --------------------------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeSpec:
    """What one size of workbook holds and how its sheets are laid out."""

    name: str
    hospital: str
    title: str
    doctors_per_trust: int
    specialties: tuple[Specialty, ...]
    locums: int
    trusts: tuple[str, ...] = ("",)  # a name per pooled trust; "" = a single trust, no suffix
    text_dates: bool = False  # date headers as UK day-first text instead of Excel dates
    with_cover: bool = True
    with_rates: bool = True
    blank_row_above_header: bool = False
    grid_sheet: str = "Rota"


SIZES: dict[str, SizeSpec] = {
    "department": SizeSpec(
        "department", "Hollinsfield District Hospital",
        "Hollinsfield District Hospital \u2014 Emergency Department rota Mar\u2013Apr 2026",
        60, (DISTRICT_SPECIALTIES[0],), 2, text_dates=True, with_cover=False, with_rates=False,
        grid_sheet="ED rota"),
    "district": SizeSpec(
        "district", "Northbrook General Hospital",
        "Northbrook General Hospital \u2014 Medical rota Mar\u2013Apr 2026",
        400, DISTRICT_SPECIALTIES, 10, blank_row_above_header=True),
    "teaching": SizeSpec(
        "teaching", "Kelderby University Hospitals",
        "Kelderby University Hospitals NHS Trust \u2014 Medical staffing rota Mar\u2013Apr 2026",
        2400, DISTRICT_SPECIALTIES + TERTIARY_SPECIALTIES, 30),
    "region": SizeSpec(
        "region", "North Vale Region",
        "North Vale regional pool (five trusts) \u2014 Medical staffing rota Mar\u2013Apr 2026",
        2400, DISTRICT_SPECIALTIES + TERTIARY_SPECIALTIES, 30,
        trusts=("Kelderby", "Northbrook", "Hollinsfield", "Marlvale", "Westhollow"),
        blank_row_above_header=True),
}


# --------------------------------------------------------------------------------------------
# The model of one workbook
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    """The rota's dates, with the bank holidays of England and the strike dates."""

    start: date
    days: int

    def day(self, index: int) -> date:
        return self.start + timedelta(days=index)

    @property
    def dates(self) -> list[date]:
        return [self.day(i) for i in range(self.days)]

    @cached_property
    def bank_holidays(self) -> frozenset[int]:
        """Indices of bank holidays in England (Good Friday and Easter Monday 2026 are in)."""
        england = holidays.country_holidays("GB", subdiv="ENG", years=[self.start.year])
        return frozenset(i for i, d in enumerate(self.dates) if d in england)

    @cached_property
    def strike_days(self) -> tuple[int, ...]:
        """Indices of dates whose shifts (07:00 onwards) start inside the strike window."""
        return tuple(
            i for i, d in enumerate(self.dates)
            if STRIKE_START <= datetime.combine(d, time(7)) < STRIKE_END
        )


@dataclass
class Doctor:
    """A grid row and its Staff-sheet row (or a locum's Staff row only)."""

    name: str
    staff_id: str
    grade: str
    tier: str
    specialty: str
    phone: str
    email: str
    codes: list[str] = field(default_factory=list)  # one cell text per rota day; "" = blank
    skills: tuple[str, ...] = ()
    strike: str = ""
    available: str = "Yes"
    max_extra: int | None = None
    rate: int | None = None
    kind: str = ""  # "" for rota doctors; "Locum" or "Bank" for the paid pool
    grade_in_grid: bool = True  # False: the grid leaves Grade blank, the Staff sheet fills it in
    in_staff_sheet: bool = True

    @property
    def is_resident(self) -> bool:
        return self.tier in RESIDENT_TIERS

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True)
class CoverRule:
    """A row of the Cover sheet."""

    specialty: str
    shift: str
    tier: str
    minimum: int
    priority: int


#: A grid row: a doctor, a section label (text in the first column only) or None for a blank row.
GridRow = Union[Doctor, str, None]


@dataclass
class Sample:
    """Everything written to one workbook."""

    size: SizeSpec
    calendar: Calendar
    title: str
    subtitle: str
    layout: list[GridRow]
    pool: list[Doctor]  # locum and bank doctors, Staff sheet only
    former: list[Doctor]  # stale Staff rows for doctors no longer on the rota
    cover: list[CoverRule]
    rules_sheet: bool = False

    @property
    def doctors(self) -> list[Doctor]:
        return [row for row in self.layout if isinstance(row, Doctor)]


# --------------------------------------------------------------------------------------------
# Invented people
# --------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Aisha Amara Amelia Anika Arjun Ayesha Bea Ben Bilal Caitlin Callum Chidi Chloe Daniel Deepa "
    "Dev Eleni Ella Emeka Erin Ewan Farah Felix Femi Fiona Freya Gareth Grace Hamza Hannah Harriet "
    "Hassan Imogen Ines Isaac Jaya Jonah Kai Kavya Kofi Laila Leah Leon Lewis Lucia Maya Meera Mei "
    "Nadia Naomi Nikhil Nia Olu Omar Orla Owen Priya Rafael Rhys Rosa Ruth Sadia Sam Sana Sean "
    "Shreya Sian Sofia Tariq Theo Tobias Tom Uma Vikram Yara Yusuf Zain Zara Adaeze Bronwen Ciaran "
    "Dara Elif Gwen Ishaan Joel Keira Lorcan Mairead Niamh Ola Piotr Rohan Saoirse Tamsin Usman "
    "Wiktoria Xin Yemi Zofia Anil Beatrix Cormac Delyth Esme Hugo Ifeoma Jakub Kiran Lowri Marek "
    "Noor Oisin Pooja Quinn Rania Selin Tendai Umar Vera Wren"
).split()
_SURNAME_HEADS = (
    "Ash Brack Cald Dun Elm Fen Gorm Hal Ivers Kel Lid Marr Nor Ock Pen Quen Rad Sel Thorn Tre "
    "Ulver Wex Yard Brenn Carr Dray Fal Gil Hol Lam"
).split()
_SURNAME_TAILS = (
    "by combe cott dale den ford hallow ham hurst ley lake more ridge stone well wick worth ton "
    "brook field"
).split()
_SURNAMES_OTHER = (
    "Adeyoke Balasundar Chaudrey Dlamuni Eze-Carrow Farouqi Gunasekar Haddadi Iwuchi Jahangiri "
    "Kapoorwal Lindqvist-Rowe Mbekwe Nakashiro Okonjo-Lyle Pereira-Stott Qureshan Ramanayak "
    "Szymanek Thakorlal Uchenwa Varghesan Wojcikow Xenakou Yilmazer Zubairi Achterberg Bhandaro "
    "Castellane Dasgupte Emenike-Hart Fonseka-Moor Ghosalkar Horvathy Ibekwu Jovanek Kuruvilan "
    "Lobogo Mirzaeva Nwachukwe"
).split()
SURNAMES = tuple(h + t for h in _SURNAME_HEADS for t in _SURNAME_TAILS) + tuple(_SURNAMES_OTHER)


class People:
    """Hands out unique invented names and staff IDs, drama-range phones and example e-mails."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._names: set[str] = set()
        self._ids: set[str] = set()
        self._phones = list(range(1000))
        rng.shuffle(self._phones)
        self._phone_index = 0

    def name(self) -> str:
        while True:
            candidate = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if candidate not in self._names:
                self._names.add(candidate)
                return candidate

    def staff_id(self) -> str:
        while True:
            candidate = f"N{self.rng.randrange(100000, 1000000)}"
            if candidate not in self._ids:
                self._ids.add(candidate)
                return candidate

    def phone(self) -> str:
        """07700 900000-900999 is Ofcom's range for drama; past 1,000 people numbers repeat."""
        number = self._phones[self._phone_index % len(self._phones)]
        self._phone_index += 1
        return f"07700 900{number:03d}"

    @staticmethod
    def email(name: str) -> str:
        local = ".".join("".join(ch for ch in part if ch.isalnum()) for part in name.split())
        return f"{local.lower()}@example.nhs.uk"

    def doctor(self, grade: str, tier: str, specialty: str, days: int) -> Doctor:
        name = self.name()
        return Doctor(name, self.staff_id(), grade, tier, specialty, self.phone(),
                      self.email(name), codes=[""] * days)


# --------------------------------------------------------------------------------------------
# Headcounts
# --------------------------------------------------------------------------------------------


def split_total(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Largest-remainder split of ``total`` by ``weights``, each part at least ``minimum``."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [max(minimum, int(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - int(raw[i])), reverse=True)
    for i in order:
        if sum(parts) >= total:
            break
        parts[i] += 1
    return parts


def specialty_sizes(total: int, specialties: Sequence[Specialty], rng: random.Random) -> list[int]:
    """Uneven headcounts: the catalogue weights with +-10% jitter, so no two trusts look alike."""
    weights = [s.weight * rng.uniform(0.9, 1.1) for s in specialties]
    return split_total(total, weights, minimum=6)


#: A night rota needs six lines to be staffed every night within the working-time rules.
MIN_NIGHT_LINE = 6


def tier_counts(n: int, pattern: str) -> dict[str, int]:
    """How many doctors of each tier a specialty of ``n`` has; at least one of each."""
    mix = TIER_MIX[pattern]
    tiers = list(mix)
    counts = split_total(max(n, len(tiers)) - len(tiers), [mix[t] for t in tiers])
    return {t: c + 1 for t, c in zip(tiers, counts)}


# --------------------------------------------------------------------------------------------
# Residents: rota lines, leave
# --------------------------------------------------------------------------------------------


def assign_lines(group: Sequence[Doctor], pattern: str, calendar: Calendar,
                 rng: random.Random) -> None:
    """Put each doctor of a rota group on a line of the pattern, a week apart, as real rotas do,
    so every night and weekend of the six weeks is staffed by someone in the group."""
    weeks = LINE_PATTERNS[pattern]
    base = rng.randrange(len(weeks))
    for index, doctor in enumerate(group):
        offset = base + index
        for day in range(calendar.days):
            week = weeks[(offset + day // 7) % len(weeks)].split()
            doctor.codes[day] = week[calendar.day(day).weekday()]


def add_resident_leave(doctor: Doctor, calendar: Calendar, rng: random.Random) -> None:
    """An annual-leave block in a week without nights (leave is booked off day shifts), and now
    and then a study day in place of a day shift."""
    if rng.random() < 0.35:
        weeks = [w for w in range(calendar.days // 7)
                 if "N" not in doctor.codes[w * 7: w * 7 + 5]]
        if weeks:
            week = rng.choice(weeks)
            length = rng.choice((3, 4, 5, 5))
            first = week * 7 + rng.randrange(0, 6 - length)
            for day in range(first, first + length):
                if doctor.codes[day] not in ("OFF",):
                    doctor.codes[day] = "AL"
    if rng.random() < 0.25:
        days = [d for d, code in enumerate(doctor.codes) if code == "D"]
        if days:
            doctor.codes[rng.choice(days)] = "SL"


# --------------------------------------------------------------------------------------------
# Consultants and SAS doctors: job plans, weekend and on-call duties, leave
# --------------------------------------------------------------------------------------------


def weighted(rng: random.Random, menu: Sequence[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in menu], weights=[w for _, w in menu])[0]


def job_plan(doctor: Doctor, plan: str, calendar: Calendar, rng: random.Random) -> int:
    """Fixed weekday sessions from the specialty's menu, one free weekday (which keeps every run of
    shifts under seven days) and no sessions on bank holidays. Returns the free weekday."""
    free = rng.randrange(5)
    week = [weighted(rng, SESSION_MENUS[plan]) if wd != free else "" for wd in range(5)]
    for day in range(calendar.days):
        weekday = calendar.day(day).weekday()
        code = week[weekday] if weekday < 5 else ""
        if day in calendar.bank_holidays and code in ELECTIVE:
            code = "BH"
        doctor.codes[day] = code
    return free


def add_senior_leave(doctor: Doctor, calendar: Calendar, rng: random.Random) -> None:
    """A week of annual leave for some, a study day for a few."""
    if rng.random() < 0.4:
        week = rng.randrange(calendar.days // 7)
        for day in range(week * 7, week * 7 + 5):
            doctor.codes[day] = "AL"
    if rng.random() < 0.2:
        days = [d for d, code in enumerate(doctor.codes) if code in ELECTIVE]
        if days:
            doctor.codes[rng.choice(days)] = "SL"


def on_leave(doctor: Doctor, days: Iterable[int]) -> bool:
    return any(0 <= d < len(doctor.codes) and doctor.codes[d] in ("AL", "SL") for d in days)


def assign_weekends(consultants: Sequence[Doctor], calendar: Calendar, rng: random.Random) -> None:
    """Weekend day cover (CD) in turn, fewest weekends first, never next to a leave week."""
    per_weekend = max(1, len(consultants) // 6)
    load: Counter[str] = Counter()
    for saturday in range(5, calendar.days, 7):
        free = [c for c in consultants if not on_leave(c, range(saturday - 1, saturday + 3))]
        free.sort(key=lambda c: (load[c.staff_id], rng.random()))
        for consultant in free[:per_weekend]:
            load[consultant.staff_id] += 1
            for day in (saturday, saturday + 1):
                if day < calendar.days:
                    consultant.codes[day] = "CD"


def assign_on_call(consultants: Sequence[Doctor], free_days: dict[str, int], calendar: Calendar,
                   rng: random.Random) -> None:
    """Weekday evening on call (OC 17:00-22:00) in turn. The on-call day has no other session and
    the next morning starts no earlier than 09:00, so the 11-hour rest holds in the base rota."""
    per_day = max(1, len(consultants) // 8)
    load: Counter[str] = Counter()
    for day in range(calendar.days):
        weekday = calendar.day(day).weekday()
        if weekday >= 5 or day in calendar.bank_holidays:
            continue
        candidates = [
            c for c in consultants
            if free_days[c.staff_id] != weekday and c.codes[day] not in ("AL", "SL", "OC")
            and (day + 1 >= calendar.days or c.codes[day + 1] != "CD" or weekday < 4)
            and (day == 0 or c.codes[day - 1] != "OC")
        ]
        candidates.sort(key=lambda c: (load[c.staff_id], rng.random()))
        for consultant in candidates[:per_day]:
            load[consultant.staff_id] += 1
            consultant.codes[day] = "OC"
            nxt = day + 1
            if nxt < calendar.days and consultant.codes[nxt] in ("TH", "CD"):
                consultant.codes[nxt] = "CL"


def limit_long_runs(doctor: Doctor, calendar: Calendar, limit: int = 4) -> None:
    """Turn a weekday day-cover (CD, 12 h) into a morning clinic wherever weekday CDs next to a
    weekend on duty would make more than ``limit`` long shifts in a row."""
    run: list[int] = []
    for day in range(calendar.days):
        code = doctor.codes[day]
        if code and CODES[code].worked and CODES[code].hours > 10:
            run.append(day)
        else:
            run = []
        if len(run) > limit:
            weekday_cds = [d for d in run if calendar.day(d).weekday() < 5 and
                           d not in calendar.bank_holidays and doctor.codes[d] == "CD"]
            if weekday_cds:
                doctor.codes[weekday_cds[-1]] = "CL"
                run = [d for d in run if d > weekday_cds[-1]]


# --------------------------------------------------------------------------------------------
# One specialty
# --------------------------------------------------------------------------------------------


def make_specialty(spec: Specialty, n: int, calendar: Calendar, people: People,
                   rng: random.Random) -> dict[str, list[Doctor]]:
    """All doctors of one specialty, by tier, with their rota rows filled in."""
    counts = tier_counts(n, spec.pattern)
    line = counts["Registrar"] + (counts["SAS"] if spec.sas_on_rota else 0)
    if spec.covers_senior_nights and line < MIN_NIGHT_LINE:
        counts["Registrar"] += MIN_NIGHT_LINE - line
    grades = {
        "Consultant": ("Consultant",), "SAS": SAS_GRADES, "Registrar": REGISTRAR_GRADES,
        "Core": spec.core_grades, "Foundation": FOUNDATION_GRADES,
    }
    by_tier = {
        tier: [people.doctor(rng.choice(grades[tier]), tier, spec.name, calendar.days)
               for _ in range(counts[tier])]
        for tier in reversed(TIER_ORDER)
    }
    registrar_line = by_tier["Registrar"] + (by_tier["SAS"] if spec.sas_on_rota else [])
    for group in (registrar_line, by_tier["Core"], by_tier["Foundation"]):
        assign_lines(group, spec.pattern, calendar, rng)
        for doctor in group:
            add_resident_leave(doctor, calendar, rng)
    seniors = by_tier["Consultant"] + ([] if spec.sas_on_rota else by_tier["SAS"])
    free_days = {d.staff_id: job_plan(d, spec.plan, calendar, rng) for d in seniors}
    for doctor in seniors:
        add_senior_leave(doctor, calendar, rng)
    consultants = by_tier["Consultant"]
    assign_weekends(consultants, calendar, rng)
    assign_on_call(consultants, free_days, calendar, rng)
    for consultant in consultants:
        limit_long_runs(consultant, calendar)
    for doctor in (d for group in by_tier.values() for d in group):
        fill_staff_details(doctor, spec, rng)
    return by_tier


def fill_staff_details(doctor: Doctor, spec: Specialty, rng: random.Random) -> None:
    """Staff-sheet facts: strike declarations, skills, availability and caps on extra hours."""
    if doctor.is_resident:
        doctor.strike = rng.choices(
            ("", "Yes", "No", "Unknown", "Striking", "Working"),
            weights=(54, 21, 19, 2, 2, 2))[0]
        if doctor.tier == "Registrar" and spec.skills and rng.random() < 0.2:
            doctor.skills = spec.skills[:1]
        if rng.random() < 0.05:
            doctor.available = "No"
        if doctor.strike in ("No", "Working") and rng.random() < 0.35:
            doctor.max_extra = rng.choice((12, 24))
        return
    if spec.skills and rng.random() < (0.6 if doctor.tier == "Consultant" else 0.3):
        doctor.skills = tuple(s for s in spec.skills if rng.random() < 0.7) or spec.skills[:1]
    if rng.random() < (0.15 if doctor.tier == "Consultant" else 0.1):
        doctor.available = rng.choice(("No", "N"))
    elif rng.random() < 0.3:
        doctor.max_extra = rng.choice((12, 12, 24, 24, 36))


# --------------------------------------------------------------------------------------------
# Cells typed by hand: notes, odd spelling, unknown codes, an extra shift or two
# --------------------------------------------------------------------------------------------


def resident_cells(doctors: Sequence[Doctor], codes: frozenset[str],
                   weekdays_only: bool = False) -> list[tuple[Doctor, int]]:
    return [
        (doctor, day)
        for doctor in doctors if doctor.is_resident
        for day, code in enumerate(doctor.codes)
        if code in codes and (not weekdays_only or day % 7 < 5)
    ]


def annotate(doctors: Sequence[Doctor], rng: random.Random) -> None:
    """A few cells as people really type them: swaps and asterisks kept as notes, lower case and
    stray spaces, the deliberately unknown codes, and one or two extra shifts picked up on a rest
    day (the handful of pre-existing working-time breaches that real rotas have)."""
    n = len(doctors)

    def pick(codes: Iterable[str], count: int,
             weekdays_only: bool = False) -> list[tuple[Doctor, int]]:
        cells = resident_cells(doctors, frozenset(codes), weekdays_only)
        return rng.sample(cells, min(count, len(cells)))

    for doctor, day in pick(("N",), max(2, n // 50)):
        doctor.codes[day] = "N (swap)"
    for doctor, day in pick(("D",), max(2, n // 60)):
        doctor.codes[day] = "D*"
    for doctor, day in pick(("LD",), max(1, n // 120)):
        doctor.codes[day] = "LD (swap)"
    for doctor, day in pick(("D", "N", "LD"), max(2, n // 100)):
        code = doctor.codes[day]
        doctor.codes[day] = rng.choice((code.lower(), f"{code} ", f" {code.lower()}"))
    for doctor, day in pick(("D",), max(2, n // 200), weekdays_only=True):
        doctor.codes[day] = UNKNOWN_CODES[0]
    for doctor, day in pick(("OFF",), max(1, n // 400), weekdays_only=True):
        doctor.codes[day] = UNKNOWN_CODES[1]
    after_nights = [(d, day) for d, day in resident_cells(doctors, frozenset({"OFF"}))
                    if day > 0 and d.codes[day - 1] == "N"]
    for doctor, day in rng.sample(after_nights, min(max(1, n // 200), len(after_nights))):
        doctor.codes[day] = "LD (extra)"  # breaks the 46 h rest after nights


# --------------------------------------------------------------------------------------------
# Cover rules: minimums below normal staffing, derived from the rota itself
# --------------------------------------------------------------------------------------------

SHARE_KEPT = {1: 0.75, 2: 0.6, 3: 0.5}


def rostered(doctors: Sequence[Doctor], code: str, tier: str, day: int) -> int:
    """Doctors on ``code`` that day at ``tier`` or above (seniors count at every resident tier)."""
    return sum(
        1 for d in doctors
        if TIER_RANK[d.tier] >= TIER_RANK[tier] and resolve_cell(d.codes[day])[0] == code
    )


def derive_cover(spec: Specialty, doctors: Sequence[Doctor], calendar: Calendar) -> list[CoverRule]:
    """Turn a specialty's CoverSpecs into Cover rows. A minimum is a share of the median normal
    staffing on the strike dates (3/4 for priority 1, down to 1/2 for priority 3), at least 1, so
    strikes leave real but partial gaps; minimums never fall as the tier goes down, since they
    count "at that tier or above"."""
    rules: list[CoverRule] = []
    for item in sorted(spec.cover, key=lambda c: (c.shift, -TIER_RANK[c.tier])):
        if item.minimum is not None:
            minimum = item.minimum
        else:
            normal = statistics.median(rostered(doctors, item.shift, item.tier, day)
                                       for day in calendar.strike_days)
            if normal < 1:
                continue
            minimum = max(1, round(normal * SHARE_KEPT[item.priority]))
        above = [r.minimum for r in rules if r.shift == item.shift]
        rules.append(CoverRule(spec.name, item.shift, item.tier, max([minimum, *above]),
                               item.priority))
    return rules


# --------------------------------------------------------------------------------------------
# Locums, stale rows, grid layout
# --------------------------------------------------------------------------------------------

LOCUM_GRADES = (("Consultant", 150, 160), ("Specialty doctor", 120, 145), ("ST5", 115, 140),
                ("ST4", 115, 135), ("CT2", 110, 120))


def make_pool(count: int, specialties: Sequence[Specialty], people: People,
              rng: random.Random) -> list[Doctor]:
    """Locum and bank doctors for the acute specialties: not in the grid, paid their own rate."""
    acute = [s for s in specialties if any(c.priority == 1 for c in s.cover)] or list(specialties)
    pool = []
    for _ in range(count):
        grade, low, high = rng.choice(LOCUM_GRADES)
        tier = {"Consultant": "Consultant", "Specialty doctor": "SAS", "CT2": "Core"}.get(
            grade, "Registrar")
        doctor = people.doctor(grade, tier, rng.choice(acute).name, 0)
        doctor.kind = rng.choice(("Locum", "Locum", "Bank"))
        doctor.rate = rng.randrange(low, high + 1, 5)
        doctor.max_extra = rng.choice((None, None, 24, 36, 48))
        if doctor.kind == "Locum" and rng.random() < 0.5:
            doctor.email = ""  # agency locums often have no trust e-mail
        pool.append(doctor)
    return pool


SECTION_LABELS = {"Consultant": "Consultants", "SAS": "SAS doctors", "Registrar": "Registrars",
                  "Core": "Core trainees", "Foundation": "Foundation"}


def specialty_rows(name: str, by_tier: dict[str, list[Doctor]], labelled: bool) -> list[GridRow]:
    """A specialty's block of grid rows: its name as a label (multi-specialty rotas), then a
    section label per grade group, then a blank row."""
    rows: list[GridRow] = [name] if labelled else []
    for tier in reversed(TIER_ORDER):
        if by_tier[tier]:
            rows.append(SECTION_LABELS[tier])
            rows.extend(by_tier[tier])
    rows.append(None)
    return rows


def build_sample(size: SizeSpec, seed: int) -> Sample:
    """Generate the whole workbook model for one size."""
    rng = random.Random(f"{size.name}:{seed}")
    calendar = Calendar(ROTA_START, ROTA_DAYS)
    people = People(rng)
    layout: list[GridRow] = []
    cover: list[CoverRule] = []
    pool: list[Doctor] = []
    former: list[Doctor] = []
    multi = len(size.specialties) > 1 or len(size.trusts) > 1
    for trust in size.trusts:
        specialties = [s.renamed(trust) for s in size.specialties]
        sizes = specialty_sizes(size.doctors_per_trust, specialties, rng)
        for spec, n in zip(specialties, sizes):
            by_tier = make_specialty(spec, n, calendar, people, rng)
            layout.extend(specialty_rows(spec.name, by_tier, multi))
            if size.with_cover:
                everyone = [d for group in by_tier.values() for d in group]
                cover.extend(derive_cover(spec, everyone, calendar))
        pool.extend(make_pool(size.locums, specialties, people, rng))
        if size.with_cover:
            former.append(people.doctor("ST4", "Registrar", rng.choice(specialties).name, 0))
    sample = Sample(size, calendar, size.title, subtitle(size), layout, pool, former, cover)
    annotate(sample.doctors, rng)
    mark_staff_sheet_gaps(sample, rng)
    return sample


def subtitle(size: SizeSpec) -> str:
    return (f"Version 3 \u00b7 published 16/02/2026 \u00b7 {size.hospital} medical staffing "
            f"\u00b7 swaps to the rota coordinator")


def mark_staff_sheet_gaps(sample: Sample, rng: random.Random) -> None:
    """One or two grid rows without a grade (the Staff sheet fills it in) and, in the larger
    sizes, a couple of new starters missing from the Staff sheet, as real staff lists lag."""
    doctors = sample.doctors
    count = max(1, len(doctors) // 200)
    for doctor in rng.sample(doctors, count):
        doctor.grade_in_grid = False
    if sample.size.with_cover:
        residents = [d for d in doctors if d.is_resident and d.grade_in_grid]
        for doctor in rng.sample(residents, max(2, len(doctors) // 200)):
            doctor.in_staff_sheet = False


# --------------------------------------------------------------------------------------------
# Writing the workbook
# --------------------------------------------------------------------------------------------

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WEEKEND_FILL = PatternFill("solid", fgColor="EDEDED")
STRIKE_FILL = PatternFill("solid", fgColor="F8CBAD")
SECTION_FILL = PatternFill("solid", fgColor="FFF2CC")
CODE_FILLS = {
    "N": PatternFill("solid", fgColor="B4C6E7"),
    "LD": PatternFill("solid", fgColor="FCE4D6"),
    "AL": PatternFill("solid", fgColor="C6EFCE"),
    "SL": PatternFill("solid", fgColor="E2EFDA"),
    "CL": PatternFill("solid", fgColor="E4DFEC"),
    "CL PM": PatternFill("solid", fgColor="E4DFEC"),
    "TH": PatternFill("solid", fgColor="E4DFEC"),
}
GRID_COLUMNS = ("Name", "Grade", "Specialty", "Staff ID")
STAFF_COLUMNS = ("Name", "Staff ID", "Grade", "Specialty", "Skills", "Strike",
                 "Available for cover", "Max extra hours", "Hourly rate", "Type", "Phone", "Email")
RATES = (
    ("Consultant", 158, 210, 210, 262),
    ("SAS", 120, 150, 150, 180),
    ("Registrar", 90, 115, 115, 135),
    ("Core", 70, 90, 90, 105),
    ("Foundation", 55, 70, 70, 85),
    ("Default", 158, 210, 210, 262),
)
RULES = (
    ("Min rest hours", 11), ("Max shift hours", 13), ("Max hours per 168 hours", 72),
    ("Max consecutive nights", 4), ("Min rest after nights hours", 46),
    ("Max consecutive long shifts", 4), ("Max consecutive shifts", 7),
)


def date_header(day: date, as_text: bool) -> date | str:
    """UK day-first text like 'Mon 02/03/2026', or a real Excel date."""
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}" if as_text else day


def write_grid(ws: Worksheet, sample: Sample) -> int:
    """Title rows, header, weekday row, then the doctors. Returns the header row number."""
    calendar = sample.calendar
    width = len(GRID_COLUMNS) + calendar.days
    ws.cell(1, 1, sample.title).font = TITLE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=min(width, 12))
    ws.cell(2, 1, sample.subtitle)
    header_row = 4 if sample.size.blank_row_above_header else 3
    headers = [*GRID_COLUMNS, *(date_header(d, sample.size.text_dates) for d in calendar.dates)]
    weekdays = [*([None] * len(GRID_COLUMNS)), *(WEEKDAYS[d.weekday()] for d in calendar.dates)]
    for col, (header, weekday) in enumerate(zip(headers, weekdays), start=1):
        ws.cell(header_row, col, header)
        ws.cell(header_row + 1, col, weekday)
    style_header(ws, header_row, calendar, sample.size.text_dates)
    for row_number, row in enumerate(sample.layout, start=header_row + 2):
        if isinstance(row, str):
            label = ws.cell(row_number, 1, row)
            label.font = BOLD
            label.fill = SECTION_FILL
        elif isinstance(row, Doctor):
            grade = row.grade if row.grade_in_grid else None
            for col, value in enumerate((row.name, grade, row.specialty, row.staff_id), start=1):
                ws.cell(row_number, col, value)
            write_codes(ws, row_number, row.codes)
    ws.freeze_panes = ws.cell(header_row + 2, len(GRID_COLUMNS) + 1)
    for col, w in enumerate((24, 18, 28, 10), start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    for col in range(len(GRID_COLUMNS) + 1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 15 if sample.size.text_dates else 11
    return header_row


def style_header(ws: Worksheet, header_row: int, calendar: Calendar, text_dates: bool) -> None:
    strike = set(calendar.strike_days)
    for col in range(1, len(GRID_COLUMNS) + calendar.days + 1):
        for row in (header_row, header_row + 1):
            cell = ws.cell(row, col)
            cell.font = BOLD
            cell.alignment = Alignment(horizontal="center")
            day = col - len(GRID_COLUMNS) - 1
            if day < 0:
                cell.fill = HEADER_FILL
            elif day in strike:
                cell.fill = STRIKE_FILL
            elif calendar.day(day).weekday() >= 5 or day in calendar.bank_holidays:
                cell.fill = WEEKEND_FILL
            if row == header_row and day >= 0 and not text_dates:
                cell.number_format = "dd/mm/yyyy"


def write_codes(ws: Worksheet, row: int, codes: Sequence[str]) -> None:
    """The shift cells, colour-coded as coordinators do (the importer must ignore formatting)."""
    for day, text in enumerate(codes):
        if not text:
            continue
        cell = ws.cell(row, len(GRID_COLUMNS) + 1 + day, text)
        fill = CODE_FILLS.get(resolve_cell(text)[0] or "")
        if fill is not None:
            cell.fill = fill


def write_table(ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[object]],
                widths: Sequence[int] = ()) -> None:
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for row in rows:
        ws.append(list(row))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def write_shifts(ws: Worksheet) -> None:
    write_table(ws, ("Code", "Start", "End", "Type"),
                ((c.code, c.start, c.end, c.kind) for c in SHIFT_CODES), (10, 8, 8, 10))
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "hh:mm"


def staff_row(doctor: Doctor) -> tuple[object, ...]:
    return (doctor.name, doctor.staff_id, doctor.grade, doctor.specialty,
            "; ".join(doctor.skills) if len(doctor.skills) > 2 else ", ".join(doctor.skills),
            doctor.strike or None, doctor.available, doctor.max_extra, doctor.rate,
            doctor.kind or None, doctor.phone, doctor.email or None)


def write_staff(ws: Worksheet, sample: Sample) -> None:
    """Employed doctors in surname order (as staff lists are kept), then the locum/bank pool."""
    employed = [d for d in sample.doctors if d.in_staff_sheet] + sample.former
    employed.sort(key=lambda d: (d.surname, d.name, d.staff_id))
    rows = [staff_row(d) for d in employed + sample.pool]
    write_table(ws, STAFF_COLUMNS, rows, (24, 10, 18, 28, 28, 9, 10, 10, 10, 8, 14, 36))


def write_cover(ws: Worksheet, rules: Sequence[CoverRule]) -> None:
    write_table(ws, ("Specialty", "Shift", "Tier", "Minimum", "Priority"),
                ((r.specialty, r.shift, r.tier, r.minimum, r.priority) for r in rules),
                (32, 8, 12, 9, 9))


def write_strike(ws: Worksheet) -> None:
    write_table(ws, ("Start", "End"), [(STRIKE_START, STRIKE_END)], (18, 18))
    for cell in ws[2]:
        cell.number_format = "dd/mm/yyyy hh:mm"


def build_workbook(sample: Sample) -> Workbook:
    """Sheets in the order a trust would have them: the grid first, then the lists."""
    wb = Workbook()
    grid = wb.active
    grid.title = sample.size.grid_sheet
    write_grid(grid, sample)
    write_shifts(wb.create_sheet("Shifts"))
    write_staff(wb.create_sheet("Staff"), sample)
    if sample.cover:
        write_cover(wb.create_sheet("Cover"), sample.cover)
    write_strike(wb.create_sheet("Strike"))
    if sample.size.with_rates:
        write_table(wb.create_sheet("Rates"),
                    ("Tier", "Weekday day", "Weekday evening", "Weekend day", "Night"), RATES,
                    (12, 12, 16, 12, 8))
    if sample.rules_sheet:
        write_table(wb.create_sheet("Rules"), ("Rule", "Value"), RULES, (30, 8))
    return wb


# --------------------------------------------------------------------------------------------
# The template: eight doctors, two weeks, every sheet, notes for the manager
# --------------------------------------------------------------------------------------------

TEMPLATE_START = date(2026, 3, 9)  # two weeks; the strike falls in the second
TEMPLATE_NOTE = (
    "How to fill this in: one row per doctor, one column per date (real dates or text such as "
    "09/03/2026). Type a shift code from the Shifts sheet in each cell; leave it blank when the "
    "doctor is not rostered; anything after the code, e.g. 'N (swap)', is kept as a note. Rows "
    "like 'Registrars' and these title rows are skipped. Hover over the headers for help."
)
TEMPLATE_ROWS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    # name, grade, staff id, strike, week 1, week 2 (blank = "-")
    ("Consultants", "", "", "", "", "", ""),
    ("Helena Marwick", "Consultant", "N482913", "", "CL CD OC CL CLPM - -",
     "CL CLPM CD - CL CD CD", "Acute Medicine"),
    ("SAS doctors", "", "", "", "", "", ""),
    ("Tobias Renfrew", "Specialty doctor", "N517204", "", "N N N N OFF OFF OFF",
     "OFF D D D D OFF OFF", ""),
    ("Registrars", "", "", "", "", "", ""),
    ("Priya Halloran", "ST4", "N630158", "Yes", "OFF D D D D LD LD",
     "OFF D D LD N N N", ""),
    ("Femi Ashdown", "ST6", "N644027", "", "D D D D D OFF OFF",
     "N N N(swap) N OFF OFF OFF", "Acute Medicine"),
    ("Core trainees", "", "", "", "", "", ""),
    ("Ollie Brennock", "IMT2", "N702316", "No", "N N N N OFF OFF OFF",
     "OFF SL D LD D LD LD", ""),
    ("Maya Trelawney", "CT1", "N718845", "", "D D LD D D OFF OFF",
     "N N N N OFF OFF OFF", ""),
    ("Foundation", "", "", "", "", "", ""),
    ("Rosa Penhale", "FY1", "N803372", "Yes", "AL AL AL AL AL OFF OFF",
     "D D D D D OFF OFF", ""),
    ("Kwame Lidcott", "FY2", "N811409", "", "OFF D D D D LD LD",
     "ZERO D LD D* D OFF OFF", ""),
)
TEMPLATE_COVER = (
    CoverRule("General Medicine", "N", "Registrar", 1, 1),
    CoverRule("General Medicine", "N", "Core", 2, 1),
    CoverRule("General Medicine", "D", "Foundation", 1, 2),
    CoverRule("General Medicine", "LD", "Core", 1, 3),
)
TEMPLATE_COMMENTS: dict[str, dict[str, str]] = {
    "Rota": {
        "Name": "The doctor's name, one row per doctor. A row with only this column filled "
                "(e.g. 'Registrars') is a section label and is skipped.",
        "Grade": "FY1/FY2, CT1-3, IMT1-3, ST1-ST8, Specialty doctor, Associate specialist, "
                 "Specialist or Consultant. Decides which slots the doctor can cover.",
        "Specialty": "The doctor's own specialty. Other specialties they may cover go in the "
                     "Staff sheet's Skills column.",
        "Staff ID": "Any unique identifier; used to match the Staff sheet.",
    },
    "Shifts": {
        "Code": "Every code used in the rota. Codes are matched ignoring case; the longest code "
                "that begins a cell wins, so 'CL PM' is not read as 'CL'.",
        "Start": "Clock time. An end at or before the start ends the next day (nights).",
        "Type": "Work (never cancelled), Elective (clinic or theatre list; may be cancelled on "
                "strike days), Leave (not available) or Off (may volunteer for cover).",
    },
    "Staff": {
        "Skills": "Other specialties this doctor may cover, separated by commas.",
        "Strike": "Residents only: Yes, No, or blank if they have not said. Blank is planned "
                  "as striking (the worst case).",
        "Available for cover": "No = never ask this doctor to cover.",
        "Max extra hours": "The most hours of cover this doctor may be given; blank = no limit "
                           "beyond the working-time rules.",
        "Hourly rate": "Used instead of the Rates sheet (a locum's agreed rate).",
        "Type": "Locum or Bank for doctors who are not in the rota but can be booked.",
    },
    "Cover": {
        "Minimum": "At least this many doctors at this tier or above on that shift on strike "
                   "days (counts are cumulative down the tiers).",
        "Priority": "1 = must cover (life and limb), 2 = should cover, 3 = cover if possible.",
    },
    "Strike": {"Start": "Date and time the walkout starts, usually 07:00; one row per walkout."},
    "Rates": {"Tier": "A tier, a grade, or Default. £ per hour in each band; these are "
                      "illustrative local rates, set your trust's own."},
    "Rules": {"Value": "Working-time limits the plan must keep. These are the defaults."},
}


def template_sample() -> Sample:
    """The hand-written template: every code type, a swap note, leave, and demand on strike days."""
    calendar = Calendar(TEMPLATE_START, 14)
    size = dataclasses.replace(SIZES["district"], name="template",
                               hospital="Riverside General Hospital",
                               blank_row_above_header=False)
    layout: list[GridRow] = []
    for name, grade, staff_id, strike, week1, week2, skills in TEMPLATE_ROWS:
        if not grade:
            layout.append(name)
            continue
        cells = [c.replace("CLPM", "CL PM").replace("(swap)", " (swap)").replace("-", "")
                 for c in (week1 + " " + week2).split()]
        tier = next(t for t in TIER_ORDER if grade in _template_grades(t))
        doctor = Doctor(name, staff_id, grade, tier, "General Medicine",
                        f"07700 900{int(staff_id[-3:]):03d}", People.email(name), cells,
                        skills=(skills,) if skills else (), strike=strike)
        if tier == "Consultant":
            doctor.max_extra = 24
        layout.append(doctor)
    pool = [Doctor("Ines Caldbeck", "N990214", "Specialty doctor", "SAS", "General Medicine",
                   "07700 900214", "", kind="Locum", rate=125, max_extra=36)]
    title = "Riverside General Hospital \u2014 General Medicine rota (example)"
    return Sample(size, calendar, title, TEMPLATE_NOTE, layout, pool, [], list(TEMPLATE_COVER),
                  rules_sheet=True)


def _template_grades(tier: str) -> tuple[str, ...]:
    return {"Consultant": ("Consultant",), "SAS": SAS_GRADES, "Registrar": REGISTRAR_GRADES,
            "Core": CORE_MED + CORE_SURG, "Foundation": FOUNDATION_GRADES}[tier]


def add_template_comments(wb: Workbook) -> None:
    """Hover notes on the header cells: the template explains itself without extra columns."""
    for sheet, notes in TEMPLATE_COMMENTS.items():
        ws = wb[sheet]
        for row in ws.iter_rows(max_row=6):
            for cell in row:
                if isinstance(cell.value, str) and cell.value in notes:
                    cell.comment = Comment(notes[cell.value], "Rota Cover Planner", width=320,
                                           height=110)


# --------------------------------------------------------------------------------------------
# Checks used by the summary and the tests
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Worked:
    """A worked shift of one doctor, on the clock, for the working-time checks."""

    day: int
    start: datetime
    end: datetime

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def night(self) -> bool:
        """At least 3 hours between 23:00 and 06:00."""
        night_hours = 0.0
        for offset in (-1, 0):
            base = datetime.combine(self.start.date() + timedelta(days=offset), time(23))
            overlap = min(self.end, base + timedelta(hours=7)) - max(self.start, base)
            night_hours += max(0.0, overlap.total_seconds() / 3600)
        return night_hours >= 3

    @property
    def long(self) -> bool:
        return self.hours > 10


def worked_shifts(codes: Sequence[str], calendar: Calendar) -> list[Worked]:
    shifts = []
    for day, text in enumerate(codes):
        code = resolve_cell(text)[0] if text else None
        if code and CODES[code].worked:
            shifts.append(Worked(day, *CODES[code].span(calendar.day(day))))
    return shifts


def _runs(shifts: Sequence[Worked]) -> Iterator[list[Worked]]:
    """Runs of shifts on consecutive start dates."""
    run: list[Worked] = []
    for shift in shifts:
        if run and shift.day != run[-1].day + 1:
            yield run
            run = []
        run.append(shift)
    if run:
        yield run


def rule_breaches(codes: Sequence[str], calendar: Calendar) -> list[str]:
    """Working-time breaches in one doctor's rostered row, read as the brief reads the rules."""
    shifts = worked_shifts(codes, calendar)
    found: list[str] = []
    for a, b in zip(shifts, shifts[1:]):
        if (b.start - a.end) < timedelta(hours=11):
            found.append(f"rest {calendar.day(b.day)}")
    for shift in shifts:
        window_end = shift.start + timedelta(hours=168)
        hours = sum(max(0.0, (min(s.end, window_end) - max(s.start, shift.start)).total_seconds())
                    for s in shifts) / 3600
        if hours > 72:
            found.append(f"72h {calendar.day(shift.day)}")
        if shift.hours > 13:
            found.append(f"length {calendar.day(shift.day)}")
    for run in _runs(shifts):
        if len(run) > 7:
            found.append(f"consecutive shifts {calendar.day(run[0].day)}")
    for run in _runs([s for s in shifts if s.long]):
        if len(run) > 4:
            found.append(f"consecutive long {calendar.day(run[0].day)}")
    for run in _runs([s for s in shifts if s.night]):
        if len(run) > 4:
            found.append(f"consecutive nights {calendar.day(run[0].day)}")
        later = [s for s in shifts if s.start > run[-1].start]
        if later and later[0].start - run[-1].end < timedelta(hours=46):
            found.append(f"rest after nights {calendar.day(later[0].day)}")
    return found


def summarise(sample: Sample) -> str:
    """Counts worth eyeballing: tiers, specialties, codes, hand-typed cells and breaches."""
    doctors = sample.doctors
    tiers = Counter(d.tier for d in doctors)
    specialties = Counter(d.specialty for d in doctors)
    codes: Counter[str] = Counter()
    unknown = notes = 0
    for doctor in doctors:
        for text in doctor.codes:
            if not text:
                continue
            code, note = resolve_cell(text)
            codes[code or f"?{note}"] += 1
            unknown += code is None
            notes += bool(code and note)
    breaches = {d.name: b for d in doctors if (b := rule_breaches(d.codes, sample.calendar))}
    resident_breaches = sum(1 for d in doctors if d.is_resident and d.name in breaches)
    lines = [
        f"{sample.size.name}: {len(doctors)} doctors + {len(sample.pool)} locum/bank, "
        f"{len(specialties)} specialties, {sample.calendar.days} days, "
        f"{len(sample.cover)} cover rules",
        "  tiers: " + ", ".join(f"{t} {tiers[t]}" for t in reversed(TIER_ORDER)),
        "  specialties: " + ", ".join(f"{s} {n}" for s, n in list(specialties.items())[:25])
        + (" ..." if len(specialties) > 25 else ""),
        "  codes: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()),
        f"  cells with a note: {notes}; cells with an unknown code: {unknown}",
        f"  doctors with a working-time breach in the base rota: {len(breaches)} "
        f"({resident_breaches} residents)",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def make(size: str, out: Path, seed: int = DEFAULT_SEED, quiet: bool = False) -> Sample:
    """Generate one size (or the template) and save it to ``out``."""
    started = clock.perf_counter()
    if size == "template":
        sample = template_sample()
        wb = build_workbook(sample)
        add_template_comments(wb)
    else:
        sample = build_sample(SIZES[size], seed)
        wb = build_workbook(sample)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    if not quiet:
        elapsed = clock.perf_counter() - started
        print(summarise(sample))
        print(f"  wrote {out} ({out.stat().st_size / 1024:.0f} KB) in {elapsed:.1f} s")
    return sample


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=[*SIZES, "template"],
                        help="one workbook of this size (default: the three bundled samples)")
    parser.add_argument("--out", type=Path, help="where to write it (default assets/<size>.xlsx)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quiet", action="store_true", help="no summary")
    args = parser.parse_args(argv)
    if args.size is None:
        if args.out is not None:
            parser.error("--out needs --size")
        for size in ("department", "district", "template"):
            make(size, ASSETS / f"{size}.xlsx", args.seed, args.quiet)
        return 0
    make(args.size, args.out or ASSETS / f"{args.size}.xlsx", args.seed, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
