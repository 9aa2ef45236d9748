"""The sample workbooks shipped in assets/ import cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.workbook.read import read_workbook
from planner.workbook.summary import summarise

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.mark.parametrize("name", ["department.xlsx", "district.xlsx"])
def test_sample_workbook_imports(name: str) -> None:
    path = ASSETS / name
    if not path.exists():
        pytest.skip(f"{name} has not been generated yet")
    result = read_workbook(path)
    summary = summarise(result)
    assert summary["people"] > 0 and summary["assignments"] > 0  # type: ignore[operator]
    assert len(result.scenario.dates) >= 7
    assert len({p.key for p in result.scenario.people}) == len(result.scenario.people)
    # The samples plant a few problems for the report to show; nothing else may be wrong.
    expected = ("is not defined on the 'Shifts' sheet", "is not in the rota grid")
    unexpected = [p for p in result.problems if not any(e in p.message for e in expected)]
    assert not unexpected, "\n".join(map(str, unexpected))
    assert result.scenario.strike_windows and summary["pool"]
