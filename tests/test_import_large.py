"""A whole large trust imports: 2,400 doctors by 42 days, every row and cell read.

How fast is a benchmark's business (machines are shared and noisy), not a test's."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl

from planner.workbook.read import read_workbook

DOCTORS, DAYS = 2400, 42


def write_large_rota(path: Path) -> None:
    chooser = random.Random(7)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Rota")
    days = [dt.date(2026, 3, 2) + dt.timedelta(days=d) for d in range(DAYS)]
    sheet.append(["Whole-trust rota, March–April 2026"])
    sheet.append(["Name", "Grade", "Specialty", "Staff ID", *days])
    codes = ["D", "LD", "N", "E", "L", "OFF", None, None, "AL", "CL", "N (swap)", "d "]
    grades = ["FY1", "CT2", "ST5", "Consultant", "Specialty doctor"]
    for i in range(DOCTORS):
        sheet.append([f"Doctor {i}", chooser.choice(grades), f"Specialty {i % 30}", 100000 + i,
                      *(chooser.choice(codes) for _ in days)])
    book.save(path)


def test_a_large_trust_imports_whole(tmp_path: Path) -> None:
    path = tmp_path / "trust.xlsx"
    write_large_rota(path)
    result = read_workbook(path)
    assert len(result.scenario.people) == DOCTORS and len(result.scenario.dates) == DAYS
    assert not result.problems
    assert len(result.scenario.roster) > DOCTORS * DAYS * 0.7  # 2 codes in 12 are blank
