"""Project files: the manager's work saved and reopened exactly; bad files refused clearly."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from builders import STRIKING, doctor, scenario, strike
from planner.domain import Declaration, PlannerError
from planner.plan import CallStatus, Decision
from planner.project import FORMAT_VERSION, Project, load_project, save_project
from solver import SolveConfig, SolveRequest, solve


def _project() -> Project:
    s = scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . N D",
                  doctor("Con", "Consultant"): ". . . . . . . CL"}, (strike(7, 2),))
    plan = solve(SolveRequest(s), SolveConfig(time_limit_seconds=10, num_workers=1))
    cover = plan.covers[0]
    return Project(
        workbook_name="rota.xlsx", workbook_bytes=b"PK\x03\x04 not really",
        windows=s.strike_windows, declarations={"Reg": Declaration.STRIKING},
        statuses=[(cover.person_key, cover.group, CallStatus.ACCEPTED)],
        decisions=[Decision(dt.datetime(2026, 3, 1, 9, 30), "Accepted", cover.group, "Con", "", "said yes")],
        plan=plan, planned_windows=s.strike_windows)


def test_a_project_reopens_exactly_as_it_was_saved(tmp_path: Path) -> None:
    project = _project()
    path = tmp_path / "strike.rcp"
    save_project(path, project)
    again = load_project(path)
    assert again == project
    assert again.plan is not None and again.plan.covers == project.plan.covers


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_saving_over_a_project_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "strike.rcp"
    save_project(path, _project())
    before = path.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OSError):
        save_project(path, _project())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["strike.rcp"]


def test_a_newer_or_damaged_project_is_refused_with_one_sentence(tmp_path: Path) -> None:
    newer = tmp_path / "newer.rcp"
    with zipfile.ZipFile(newer, "w") as zf:
        zf.writestr("rota.xlsx", b"")
        zf.writestr("project.json", f'{{"format_version": {FORMAT_VERSION + 1}}}')
    with pytest.raises(PlannerError, match="newer version"):
        load_project(newer)
    damaged = tmp_path / "damaged.rcp"
    damaged.write_bytes(b"not a zip")
    with pytest.raises(PlannerError, match="damaged"):
        load_project(damaged)
    foreign = tmp_path / "foreign.rcp"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("rota.xlsx", b"")
        zf.writestr("project.json", '{"format_version": 1, "workbook_name": "x", "plan": {"$type": "os.system"}}')
    with pytest.raises(PlannerError):
        load_project(foreign)
