"""The export opens cleanly in LibreOffice: converted headless to CSV, every sheet is there."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.workbook.export import export_plan
from test_export import make_case

SOFFICE = shutil.which("soffice")
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH: apt-get install "
    "libreoffice-calc-nogui to run the LibreOffice export check")


def _convert(workbook: Path, target: str, folder: Path) -> subprocess.CompletedProcess[str]:
    assert SOFFICE is not None
    profile = (folder / "lo-profile").as_uri()  # its own profile: works as root, and in parallel
    return subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(folder / "out"), str(workbook)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(folder)},
    )


def test_libreoffice_reads_the_export_and_the_covering_doctors(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, case.plan, out)
    done = _convert(out, CSV_ALL_SHEETS, tmp_path)
    assert done.returncode == 0, done.stderr
    sheets = {p.stem.removeprefix("plan-"): p.read_text("utf-8")
              for p in (tmp_path / "out").glob("*.csv")}
    assert {"Rota", "Changes", "Gaps", "Cancelled", "Summary", "Sitrep", "Struck"} <= set(sheets)
    assert "Dr Lou Locum" in sheets["Rota"]  # a locum's cover row below the grid
    assert "STRIKE (was D)" in sheets["Rota"]
    assert "Dr Carol Cons" in sheets["Changes"] and "Dr Alice Reg" in sheets["Changes"]
    assert '"=HYPERLINK(""http://example.com"",""Dr Evil"")"' in sheets["Changes"]


def test_the_first_sheet_converts_on_its_own(tmp_path: Path) -> None:
    """The plain conversion a manager's script would use: the revised rota sheet."""
    case = make_case(tmp_path)
    out = tmp_path / "plan.xlsx"
    export_plan(case.source, case.imported, case.plan, out)
    done = _convert(out, "csv", tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "plan.csv").read_text("utf-8")
    assert "Dr Lou Locum" in text and "CANCELLED (was CL)" in text
