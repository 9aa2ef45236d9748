"""The command line end to end: plan, check and inspect, and one clear message for bad input."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from ui.cli import main, parse_window

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """The department sample planned once for the module (the input is a private copy)."""
    folder = tmp_path_factory.mktemp("department")
    rota = folder / "department.xlsx"
    shutil.copy(ASSETS / "department.xlsx", rota)
    out = folder / "plan.xlsx"
    code = main(["plan", str(rota), "-o", str(out), "--time-limit", "30", "--workers", "2"])
    return rota, out, code


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_plan_writes_a_plan_and_leaves_the_input_alone(planned: tuple[Path, Path, int]) -> None:
    rota, out, code = planned
    assert code == 0
    assert out.exists()
    assert _digest(rota) == _digest(ASSETS / "department.xlsx")
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    for name in ("Changes", "Gaps", "Cancelled", "Summary", "Sitrep", "Struck"):
        assert name in sheets


def test_the_summary_is_printed(planned: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    rota, _, _ = planned
    out = rota.with_name("again.xlsx")
    assert main(["plan", str(rota), "-o", str(out), "--time-limit", "20", "--workers", "2"]) == 0
    printed = capsys.readouterr()
    assert "Priority 1:" in printed.out and "Cost of cover: £" in printed.out
    assert "stage" in printed.err  # the live progress line


def test_check_accepts_the_exported_plan(planned: tuple[Path, Path, int],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rota, out, _ = planned
    assert main(["check", str(rota), str(out)]) == 0
    assert "0 breach(es) caused by the plan" in capsys.readouterr().out


def test_check_finds_a_cover_typed_in_by_hand_that_breaks_a_rule(
        planned: tuple[Path, Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rota, out, _ = planned
    broken = tmp_path / "broken.xlsx"
    book = openpyxl.load_workbook(out)
    changes = book["Changes"]
    header = [c.value for c in changes[1]]
    first = [c.value for c in changes[2]]
    changes.append(first)  # the same doctor twice on the same shift: an overlap
    del header
    book.save(broken)
    assert main(["check", str(rota), str(broken)]) == 1
    assert "BREACH" in capsys.readouterr().out


def test_inspect_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(ASSETS / "district.xlsx"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    for key in ("layout", "people", "first_date", "last_date", "assignments", "problems", "skipped"):
        assert key in summary
    assert summary["people"] > 300
    assert all({"sheet", "row", "column", "message"} <= set(p) for p in summary["problems"])


def test_strike_windows_and_declarations_from_the_command_line(tmp_path: Path) -> None:
    rota = tmp_path / "rota.xlsx"
    shutil.copy(ASSETS / "department.xlsx", rota)
    declarations = tmp_path / "declared.csv"
    book = openpyxl.load_workbook(rota, read_only=True)
    staff = book["Staff"]
    rows = list(staff.iter_rows(min_row=2, max_row=6, values_only=True))
    with declarations.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Staff ID", "Strike"])
        for row in rows:
            writer.writerow([row[1], "No"])
    out = tmp_path / "plan.xlsx"
    code = main(["plan", str(rota), "-o", str(out), "--strike", "2026-03-17T07:00/2026-03-18T07:00",
                 "--declarations", str(declarations), "--time-limit", "20", "--workers", "2"])
    assert code == 0
    strike = openpyxl.load_workbook(out)["Strike"]
    assert [c.value.isoformat() for c in strike[2][:2]] == ["2026-03-17T07:00:00", "2026-03-18T07:00:00"]


@pytest.mark.parametrize("argv, words", [
    (["inspect", "no-such-file.xlsx"], "not found"),
    (["plan", "--sample", "department", "--strike", "tomorrow"], "--strike"),
    (["plan", "--sample", "department", "--strike", "2026-03-18T07:00/2026-03-17T07:00"], "ends before"),
])
def test_bad_input_gives_one_clear_message(argv: list[str], words: str,
                                           capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([*argv, *(["-o", str(tmp_path / "x.xlsx")] if argv[0] == "plan" else [])]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "rota.xlsx"
    bogus.write_text("name,grade\n")
    assert main(["inspect", str(bogus)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_strike_window_given_as_dates_runs_from_seven_to_seven() -> None:
    window = parse_window("2026-03-16/2026-03-21")
    assert (window.start.hour, window.end.hour) == (7, 7)


def test_an_output_folder_that_does_not_exist_is_one_clear_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "plan.xlsx"
    code = main(["plan", "--sample", "department", "-o", str(out), "--time-limit", "10", "--workers", "2"])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("rota-planner:")
    assert not out.exists()
