"""The benchmark's tools: the greedy peer is a legal, never-better baseline, and the benchmark
runs end to end (on the department size with a short time limit; timings are not asserted)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from builders import STRIKING, doctor, locum, scenario, strike
from planner.checker import check_plan
from planner.domain import Declaration, Person, Scenario
from solver import SolveConfig, SolveRequest, solve

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

from greedy import GAP_REASON, greedy_plan, lexicographic_score

CONFIG = SolveConfig(time_limit_seconds=10, num_workers=1, random_seed=3)


def _two_shifts_one_night_doctor() -> Scenario:
    """Greedy gives the day to the first doctor in rota order, who then cannot rest before the
    night; the only other doctor cannot do the night (own day shift next morning)."""
    return scenario({
        doctor("RegDay", "ST4", **STRIKING): ". . . . . . . D",
        doctor("RegNight", "ST4", **STRIKING): ". . . . . . . N",
        doctor("ConFree", "Consultant"): ". . . . . . . . .",
        doctor("ConBusy", "Consultant"): ". . . . . . . . D",
    }, (strike(7, 2),))


def _small_scenarios() -> list[Scenario]:
    found = [
        scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . N D",
                  doctor("Con", "Consultant"): ". . . . . . . CL"}, (strike(7, 2),)),
        scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . N N N",
                  doctor("Fy", "FY1", **STRIKING): ". . . . . . . D D D",
                  doctor("Sas", "Specialty doctor"): ". . . . . . . . D .",
                  doctor("Con", "Consultant", max_extra_hours=20.0): ". . . . . . D . . .",
                  locum("Loc", "ST5", "Emergency Medicine", 120.0): ""}, (strike(7, 3),)),
        scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . D",
                  doctor("Cardio", "Consultant", specialty="Cardiology"): "",
                  doctor("Res", "CT2", declaration=Declaration.WORKING): ". . . . . . . ."},
                 (strike(7, 1),)),
        _two_shifts_one_night_doctor(),
    ]
    rng = random.Random(11)
    codes = ["D", "LD", "N", "E", "CL", "AL", "OFF", ".", "."]
    for _ in range(3):
        people: dict[Person, str] = {
            doctor("S1", "ST3", **STRIKING): ". . . . . . . " + " ".join(rng.choice(codes[:4]) for _ in range(3)),
            doctor("S2", "CT1", **STRIKING): ". . . . . . . " + " ".join(rng.choice(codes[:4]) for _ in range(3)),
            doctor("C1", "Consultant"): " ".join(rng.choice(codes) for _ in range(11)),
            doctor("C2", "Consultant"): " ".join(rng.choice(codes) for _ in range(11)),
            doctor("Sas", "Specialty doctor"): " ".join(rng.choice(codes) for _ in range(11)),
        }
        found.append(scenario(people, (strike(7, 3),)))
    return found


@pytest.mark.parametrize("index", range(len(_small_scenarios())))
def test_greedy_is_legal_and_never_beats_the_solver(index: int) -> None:
    sc = _small_scenarios()[index]
    greedy = greedy_plan(sc)
    assert check_plan(sc, greedy).ok, check_plan(sc, greedy).summary()
    assert greedy.cancelled == ()
    assert all(g.reason == GAP_REASON for g in greedy.gaps)
    covered = greedy.covered_by_priority()
    for gap in greedy.gaps:
        assert gap.covered < gap.needed
    assert sum(covered.values()) + sum(g.missing for g in greedy.gaps) == sum(
        greedy.needed_by_priority().values())
    ours = solve(SolveRequest(sc), CONFIG)
    assert check_plan(sc, ours).ok
    assert lexicographic_score(ours) >= lexicographic_score(greedy)


def test_greedy_takes_the_first_doctor_in_rota_order_and_can_lose_to_the_solver() -> None:
    sc = _two_shifts_one_night_doctor()
    greedy = greedy_plan(sc)
    assert [(c.person_key, c.group.shift_code) for c in greedy.covers] == [("ConFree", "D")]
    assert len(greedy.gaps) == 1 and greedy.gaps[0].group.shift_code == "N"
    ours = solve(SolveRequest(sc), CONFIG)
    assert lexicographic_score(ours) > lexicographic_score(greedy)


def test_the_benchmark_runs_end_to_end_on_the_department_size(tmp_path: Path) -> None:
    """Fast by design: a 5 s time limit on the 60-doctor department; no timing is asserted."""
    import benchmark

    out, md = tmp_path / "bench.json", tmp_path / "bench.md"
    status = benchmark.main(["--sizes", "department", "--time-limit", "5", "--instances",
                             str(tmp_path), "--out", str(out), "--markdown", str(md)])
    assert status == 0
    data = json.loads(out.read_text())
    assert data["machine"]["cpu_count"] and data["not_measured"]
    (result,) = data["results"]
    assert result["size"] == "department" and result["checker_ok"] is True
    assert result["greedy"]["checker_ok"] is True
    assert result["vs_greedy"] in ("better", "equal")
    assert [s["name"] for s in result["stages"]][:3] == [
        "Priority 1 slots covered", "Priority 2 slots covered", "Priority 3 slots covered"]
    for key in ("import_s", "solve_s", "export_s", "peak_mb", "build_and_other_s"):
        assert result[key] >= 0
    text = md.read_text()
    assert "## Run of" in text and "| department |" in text and "not measured yet" in text
