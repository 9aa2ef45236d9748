"""File-level behaviour of the export: macro workbooks, and any text a cell can hold."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment

from planner.domain import CellRef, Declaration, PlannerError
from planner.workbook.export import export_plan
from planner.workbook.export_cells import put
from planner.workbook.layout import ImportResult
from planner.workbook.plan_reader import read_plan
from test_export import FIRST_DATE_COLUMN, FIRST_PERSON_ROW, Case, make_case

MACRO_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_RELATIONSHIP = (b'<Relationship Id="rIdVBA" Target="vbaProject.bin" Type="http://schemas.'
                    b'microsoft.com/office/2006/relationships/vbaProject"/>')


def _as_macro_workbook(xlsx: Path) -> Path:
    """The same workbook as an .xlsm with a (dummy) VBA project, as Excel would save it."""
    xlsm = xlsx.with_suffix(".xlsm")
    with zipfile.ZipFile(xlsx) as plain, zipfile.ZipFile(xlsm, "w") as macro:
        for item in plain.infolist():
            data = plain.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(PLAIN_MAIN, MACRO_MAIN).replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/'
                    b'vnd.ms-office.vbaProject"/></Types>')
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", VBA_RELATIONSHIP + b"</Relationships>")
            macro.writestr(item, data)
        macro.writestr("xl/vbaProject.bin", b"a VBA project")
    return xlsm


@pytest.fixture
def macro_case(tmp_path: Path) -> Case:
    case = make_case(tmp_path)
    return case._replace(source=_as_macro_workbook(case.source))


def test_macros_are_kept_in_an_xlsm_export(macro_case: Case, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsm"
    export_plan(macro_case.source, macro_case.imported, macro_case.plan, out)
    with zipfile.ZipFile(out) as exported:
        assert exported.read("xl/vbaProject.bin") == b"a VBA project"
        assert MACRO_MAIN in exported.read("[Content_Types].xml")
    assert "Changes" in load_workbook(out, keep_vba=True).sheetnames


def test_an_xlsx_export_of_a_macro_workbook_drops_the_macros(macro_case: Case,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    export_plan(macro_case.source, macro_case.imported, macro_case.plan, out)
    with zipfile.ZipFile(out) as exported:
        assert "xl/vbaProject.bin" not in exported.namelist()
        assert MACRO_MAIN not in exported.read("[Content_Types].xml")


def test_an_xlsm_export_of_a_plain_workbook_is_refused(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    with pytest.raises(PlannerError, match="no macros"):
        export_plan(case.source, case.imported, case.plan, tmp_path / "plan.xlsm")


def test_exporting_onto_a_link_to_the_source_is_refused(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    link = tmp_path / "also-the-rota.xlsx"
    link.hardlink_to(case.source)
    with pytest.raises(PlannerError, match="new file"):
        export_plan(case.source, case.imported, case.plan, link)


def test_a_note_already_on_a_changed_cell_is_kept_in_its_comment(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    wb = load_workbook(case.source)
    wb["Rota"].cell(row=FIRST_PERSON_ROW, column=FIRST_DATE_COLUMN + 1).comment = Comment(
        "Swapped with Dr B", "Rota team")
    wb.save(case.source)
    shutil.copy(case.source, tmp_path / "copy.xlsx")
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, case.plan, out)
    cell = load_workbook(out)["Rota"].cell(row=FIRST_PERSON_ROW, column=FIRST_DATE_COLUMN + 1)
    assert cell.value == "STRIKE (was D)"
    assert "Earlier note: Swapped with Dr B" in cell.comment.text


_TEXT = st.text(min_size=1, max_size=40) | st.sampled_from(
    ["=1+1", "+44 7700 900000", "-see AB", "@risk", "#N/A", "=HYPERLINK(\"x\")", "#REF!"])


@settings(max_examples=60, deadline=None)
@given(values=st.lists(_TEXT, min_size=1, max_size=8))
def test_any_text_is_stored_as_that_text(tmp_path_factory: pytest.TempPathFactory,
                                         values: list[str]) -> None:
    path = tmp_path_factory.mktemp("cells") / "cells.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, value in enumerate(values, start=1):
        put(ws, row, 1, value)
    wb.save(path)
    reloaded = load_workbook(path).active
    assert reloaded is not None
    for row, value in enumerate(values, start=1):
        cell = reloaded.cell(row=row, column=1)
        one_line_break = value.replace("\r\n", "\n").replace("\r", "\n")
        expected = ILLEGAL_CHARACTERS_RE.sub("", one_line_break)
        assert cell.value == (expected or None)
        assert cell.value is None or cell.data_type == "s"


def test_a_grid_sheet_called_doctors_is_not_taken_for_the_staff_sheet(tmp_path: Path) -> None:
    case = make_case(tmp_path, staff_sheet=False)
    wb = load_workbook(case.source)
    wb["Rota"].title = "Doctors"
    wb.save(case.source)
    people = tuple(dataclasses.replace(p, source=CellRef("Doctors", p.source.row, 1))
                   if p.source and p.source.sheet == "Rota" else p for p in case.scenario.people)
    scenario = dataclasses.replace(case.scenario, people=people)
    layout = dataclasses.replace(case.imported.layout, sheet="Doctors")
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, ImportResult(scenario, layout), case.plan, out)
    exported = load_workbook(out)
    assert exported["Doctors"]["F5"].value == "STRIKE (was D)"
    assert exported["Doctors"].max_column == FIRST_DATE_COLUMN + 6  # no Strike column added
    assert "Staff" in exported.sheetnames
    _, planned = read_plan(out, scenario)
    assert planned.person("1002").declaration is Declaration.STRIKING
