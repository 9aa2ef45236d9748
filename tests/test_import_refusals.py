"""Files the import cannot use: each is one PlannerError with a clear sentence and its place,
never an exception from openpyxl or zipfile."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from planner.domain import CellRef, PlannerError
from planner.workbook.read import read_workbook
from test_import import DAYS, HEADER, build, doctor

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(path: Path) -> PlannerError:
    with pytest.raises(PlannerError) as caught:
        read_workbook(path)
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    assert "File not found" in refusal(tmp_path / "nowhere.xlsx").message


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "rota.xlsx").mkdir()
    assert "is a folder" in refusal(tmp_path / "rota.xlsx").message


@pytest.mark.parametrize("name", ["rota.xls", "rota.ods", "rota.csv", "rota.xlsb"])
def test_other_spreadsheet_formats_say_save_as_xlsx(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(OLE_MAGIC + b"\0" * 504)
    error = refusal(path)
    assert "save it as .xlsx in Excel or LibreOffice" in error.message and error.where is None


def test_other_file_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert "is not an Excel workbook" in refusal(path).message


@pytest.mark.parametrize("content, said", [
    (b"", "is empty"),
    (b"Name,Grade\nAmy,ST4\n", "is not a spreadsheet, or it is damaged"),
    (OLE_MAGIC + b"\0" * 504, "old-style .xls workbook renamed"),
    (OLE_MAGIC + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100, "password-protected"),
    (b"PK\x03\x04" + b"\x00" * 60, "is damaged"),
])
def test_unusable_content_behind_an_xlsx_name(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "rota.xlsx"
    path.write_bytes(content)
    assert said in refusal(path).message


def test_truncated_workbook(tmp_path: Path) -> None:
    path = build(tmp_path)
    path.write_bytes(path.read_bytes()[:2000])
    assert "rota.xlsx" in refusal(path).message


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "rota.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert "could not be read as a workbook" in refusal(path).message


def test_workbook_with_a_broken_part(tmp_path: Path) -> None:
    source = build(tmp_path, name="good.xlsx")
    path = tmp_path / "rota.xlsx"
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(path, "w") as bad:
        for item in good.namelist():
            data = good.read(item)
            bad.writestr(item, b"<worksheet><sheetData><row" if item.endswith("sheet1.xml") else data)
    assert "rota.xlsx" in refusal(path).message


@pytest.mark.parametrize("grid", [
    [["Name", "Grade"], ["Amy", "ST4"]],
    [["Name", *DAYS[:2]], ["Amy", "D", "D"]],
    [["Nom", *DAYS], ["Amy", *["D"] * 7]],
    [*([["title"]] * 20), HEADER, doctor("Amy")],
])
def test_no_grid_says_what_was_looked_for(tmp_path: Path, grid: list[list[object]]) -> None:
    error = refusal(build(tmp_path, grid))
    assert "No rota grid found in 'rota.xlsx'" in error.message
    assert "within the first 20 rows" in error.message and "at least 3 date columns" in error.message


def test_no_grid_points_at_a_row_of_dates_without_a_name_heading(tmp_path: Path) -> None:
    error = refusal(build(tmp_path, [["Who", *DAYS], ["Amy", *["D"] * 7]]))
    assert "Sheet 'Rota' row 1 has 7 date columns but no name column heading" in error.message


def test_header_without_people_rows(tmp_path: Path) -> None:
    error = refusal(build(tmp_path, [HEADER]))
    assert error.where == CellRef("Rota", 1) and "no rows of doctors" in error.message


def test_repeated_date_in_the_header(tmp_path: Path) -> None:
    header = ["Name", DAYS[0], DAYS[1], "10/03/2026", DAYS[3]]
    error = refusal(build(tmp_path, [header, ["Amy", "D", "D", "D", "D"]]))
    assert error.where == CellRef("Rota", 1, 4)
    assert "10/03/2026 appears twice in the header (columns C and D)" in error.message


@pytest.mark.parametrize("minimum", [-1, "two", None, 1.5])
def test_bad_cover_minimum(tmp_path: Path, minimum: object) -> None:
    cover: list[list[object]] = [["Specialty", "Shift", "Tier", "Minimum", "Priority"], ["ED", "N", "ST3", 1, 1],
             ["ED", "D", "ST3", minimum, 1]]
    error = refusal(build(tmp_path, sheets={"Cover": cover}))
    assert error.where == CellRef("Cover", 3, 4) and "not a whole number" in error.message


@pytest.mark.parametrize("start, end, column", [
    (dt.datetime(2026, 3, 11, 7), dt.datetime(2026, 3, 9, 7), 2),
    ("09/03/2026 07:00", "09/03/2026 07:00", 2),
    ("soon", "11/03/2026 07:00", 1),
    ("09/03/2026 07:00", None, 2),
])
def test_bad_strike_window(tmp_path: Path, start: object, end: object, column: int) -> None:
    error = refusal(build(tmp_path, sheets={"Strike": [["Start", "End"], [start, end]]}))
    assert error.where == CellRef("Strike", 2, column)


def test_refusal_reads_as_a_sentence_with_its_place(tmp_path: Path) -> None:
    cover: list[list[object]] = [["Specialty", "Shift", "Tier", "Minimum", "Priority"],
                                 ["ED", "N", "ST3", -2, 1]]
    error = refusal(build(tmp_path, sheets={"Cover": cover}))
    assert str(error) == ("sheet 'Cover', row 2, column D: Cover minimum '-2' is not a whole "
                          "number of doctors (0 or more).")
