"""Tests for scripts/make_samples.py, the generator of the bundled sample rotas.

The samples are what the planner is demonstrated and benchmarked on, so they must be reproducible
(same seed, same cells) and must follow docs/workbook-format.md.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_samples.py"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def made(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("samples")
    paths = {}
    for size in ("department", "district", "template"):
        paths[size] = out / f"{size}.xlsx"
        gen.make(size, paths[size], quiet=True)
    return paths


def all_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def header_row(ws) -> int:
    """The first row whose first cell is 'Name' (the brief's grid header)."""
    for row in range(1, 21):
        if ws.cell(row, 1).value == "Name":
            return row
    raise AssertionError("no header row in the first 20 rows")


def grid_doctors(wb: Workbook) -> list[tuple[object, ...]]:
    """Grid rows that are doctors: a name and a staff ID (labels and blank rows have neither)."""
    ws = wb.worksheets[0]
    start = header_row(ws) + 2
    return [r for r in ws.iter_rows(min_row=start, values_only=True) if r[0] and r[3]]


def test_same_seed_gives_same_cells(gen: ModuleType, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    gen.main(["--size", "district", "--out", str(first), "--quiet"])
    gen.main(["--size", "district", "--out", str(second), "--quiet"])
    gen.main(["--size", "district", "--out", str(other), "--seed", "7", "--quiet"])
    assert all_values(first) == all_values(second)
    assert all_values(first)["Rota"] != all_values(other)["Rota"]


def test_department_layout(made: dict[str, Path]) -> None:
    wb = load_workbook(made["department"])
    assert wb.sheetnames == ["ED rota", "Shifts", "Staff", "Strike"]  # no Cover sheet
    ws = wb.worksheets[0]
    header = header_row(ws)
    assert header > 1  # title rows above it
    headers = [c.value for c in ws[header]]
    assert headers[:4] == ["Name", "Grade", "Specialty", "Staff ID"]
    dates = headers[4:]
    assert len(dates) == 42
    day_first = re.compile(r"[A-Z][a-z]{2} \d\d/\d\d/2026")
    assert all(isinstance(d, str) and day_first.fullmatch(d) for d in dates)
    assert dates[0] == "Mon 02/03/2026"
    weekdays = [c.value for c in ws[header + 1]][4:11]
    assert weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    doctors = grid_doctors(wb)
    assert 55 <= len(doctors) <= 65
    assert {r[2] for r in doctors} == {"Emergency Medicine"}
    labels = [r[0] for r in ws.iter_rows(min_row=header + 2, values_only=True)
              if r[0] and not any(r[1:])]
    assert {"Consultants", "Registrars", "Core trainees", "Foundation"} <= set(labels)
    locums = [r for r in wb["Staff"].iter_rows(min_row=2, values_only=True)
              if r[9] in ("Locum", "Bank")]
    assert len(locums) == 2 and all(r[8] for r in locums)


def test_district_sheets_and_cover(gen: ModuleType, made: dict[str, Path]) -> None:
    wb = load_workbook(made["district"])
    assert wb.sheetnames == ["Rota", "Shifts", "Staff", "Cover", "Strike", "Rates"]
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[header_row(ws)]][4:]
    assert len(headers) == 42 and all(isinstance(h, datetime) for h in headers)
    assert headers[0].date() == date(2026, 3, 2)
    doctors = grid_doctors(wb)
    assert 380 <= len(doctors) <= 440
    assert len({r[2] for r in doctors}) >= 15
    cover = list(wb["Cover"].iter_rows(min_row=2, values_only=True))
    assert {r[2] for r in cover} <= {"Foundation", "Core", "Registrar", "SAS", "Consultant"}
    assert {r[4] for r in cover} == {1, 2, 3}
    assert all(isinstance(r[3], int) and r[3] >= 1 for r in cover)
    strike = list(wb["Strike"].iter_rows(min_row=2, values_only=True))
    assert strike == [(datetime(2026, 3, 16, 7), datetime(2026, 3, 21, 7))]
    staff = list(wb["Staff"].iter_rows(min_row=2, values_only=True))
    assert sum(r[9] in ("Locum", "Bank") for r in staff) == 10


@pytest.mark.parametrize("size", ["department", "district", "template"])
def test_every_grid_code_is_defined_except_the_deliberate_ones(
        gen: ModuleType, made: dict[str, Path], size: str) -> None:
    wb = load_workbook(made[size])
    codes = [str(r[0]).upper() for r in wb["Shifts"].iter_rows(min_row=2, values_only=True)]
    defined = sorted(codes, key=len, reverse=True)
    unknown = []
    for row in grid_doctors(wb):
        for cell in row[4:]:
            if cell is None:
                continue
            text = str(cell).strip().upper()
            if not any(text.startswith(code) for code in defined):
                unknown.append(text)
    assert set(unknown) <= set(gen.UNKNOWN_CODES)
    if size == "template":
        assert not unknown
    else:
        assert 1 <= len(unknown) <= 10  # a few, not many


@pytest.mark.parametrize("size", ["department", "district", "template"])
def test_staff_ids_are_unique(made: dict[str, Path], size: str) -> None:
    wb = load_workbook(made[size])
    grid_ids = [r[3] for r in grid_doctors(wb)]
    staff_ids = [r[1] for r in wb["Staff"].iter_rows(min_row=2, values_only=True)]
    assert len(grid_ids) == len(set(grid_ids))
    assert len(staff_ids) == len(set(staff_ids))
    assert all(re.fullmatch(r"N\d{6}", str(i)) for i in grid_ids + staff_ids)


def test_rota_lines_keep_the_working_time_rules(gen: ModuleType) -> None:
    """Every line pattern, repeated as a cycle, breaks none of the rules, so any slice is clean."""
    calendar = gen.Calendar(gen.ROTA_START, 18 * 7)
    for name, weeks in gen.LINE_PATTERNS.items():
        for offset in range(len(weeks)):
            codes = [weeks[(offset + day // 7) % len(weeks)].split()[day % 7]
                     for day in range(calendar.days)]
            assert gen.rule_breaches(codes, calendar) == [], (name, offset)


def test_base_rota_has_only_a_handful_of_breaches(gen: ModuleType) -> None:
    sample = gen.build_sample(gen.SIZES["district"], gen.DEFAULT_SEED)
    breaching = [d for d in sample.doctors if gen.rule_breaches(d.codes, sample.calendar)]
    assert 1 <= len(breaching) <= 5
    assert gen.rule_breaches(["N", "N", "N", "N", "N", "OFF", "OFF"],
                             gen.Calendar(gen.ROTA_START, 7))  # the checker does find breaches
