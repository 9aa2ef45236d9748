"""Each working-time rule, forced and refused by the solver; priority, cost and fairness order."""

from __future__ import annotations

import dataclasses

import pytest

from builders import STRIKING, WORKING, CoverRule, Tier, day, doctor, locum, scenario, strike
from planner.domain import Scenario
from planner.plan import Plan
from solver import STOPPED, CoverChoice, SolveConfig, SolveRequest, solve

CONFIG = SolveConfig(time_limit_seconds=20, num_workers=1, random_seed=3)
WEEK2 = (strike(7, 5),)  # Mon 9 March 07:00 to Sat 14 March 07:00


def plan_for(s: Scenario, **request: object) -> Plan:
    return solve(SolveRequest(s, **request), CONFIG)  # type: ignore[arg-type]


def striker(rota: str, grade: str = "ST4", name: str = "Resident") -> dict:
    return {doctor(name, grade, **STRIKING): rota}


def covered_days(plan: Plan, person: str) -> list[int]:
    return sorted((c.group.day - day(0)).days for c in plan.covers if c.person_key == person)


def test_a_consultant_acts_down_for_a_struck_night() -> None:
    s = scenario({**striker(". . . . . . . N"), doctor("Con", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert covered_days(plan, "Con") == [7]
    assert plan.covers[0].cover_type.value == "Acting down"
    assert plan.covers[0].replaces == "Resident"
    assert plan.gaps == ()


def test_overlap_with_own_work_shift_is_refused() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . LD"}, WEEK2)
    plan = plan_for(s)
    assert plan.covers == ()
    assert "already working" in plan.gaps[0].reason


def test_less_than_eleven_hours_rest_after_a_fixed_shift_is_refused() -> None:
    s = scenario({**striker(". . . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . TW"}, WEEK2)
    plan = plan_for(s)  # TW ends 00:00, D starts 08:00: 8 h rest
    assert plan.covers == ()
    assert "resting" in plan.gaps[0].reason


def test_two_covers_too_close_together_are_never_both_given() -> None:
    s = scenario({**striker(". . . . . . . TW D"), doctor("Con", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert len(plan.covers) == 1
    assert len(plan.gaps) == 1


def test_exactly_eleven_hours_rest_is_allowed() -> None:
    s = scenario({**striker(". . . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . E"}, WEEK2)
    # E ends 15:00; the next D starts 08:00: 17 h. And TW->E: 00:00 to 07:00 is 7 h (refused).
    assert covered_days(plan_for(s), "Con") == [8]


def test_a_shift_longer_than_thirteen_hours_is_never_covered() -> None:
    s = scenario({**striker(". . . . . . . X14"), doctor("Con", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert plan.covers == ()
    assert "longer than 13 h" in plan.gaps[0].reason


def _week_of_long_days(limit: float) -> Scenario:
    """Four long days and a day (59 h) then a struck Saturday day shift (9 h): 68 h in 168 h."""
    s = scenario({**striker(". . . . . . . . . . . . D"),
                  doctor("Con", "Consultant"): ". . . . . . . LD LD LD LD D"}, (strike(7, 6),))
    return dataclasses.replace(s, rules=dataclasses.replace(s.rules, max_hours_per_168=limit))


def test_more_than_the_weekly_limit_in_168_hours_is_refused() -> None:
    assert plan_for(_week_of_long_days(67.5)).covers == ()


def test_the_weekly_limit_exactly_is_allowed() -> None:
    assert covered_days(plan_for(_week_of_long_days(68)), "Con") == [12]


def test_72_hours_across_covers_alone_is_enforced() -> None:
    s = scenario({**striker(". . . . . . . LD LD LD LD LD LD"), doctor("Con", "Consultant"): ""},
                 (strike(7, 6),))
    s = dataclasses.replace(s, rules=dataclasses.replace(s.rules, max_hours_per_168=50))
    assert len(plan_for(s).covers) == 4  # 4 x 12.5 h


def test_a_fifth_consecutive_night_is_refused() -> None:
    s = scenario({**striker(". . . . . . . N"), doctor("Con", "Consultant"): ". . . N N N N"}, WEEK2)
    assert plan_for(s).covers == ()


def test_a_fourth_consecutive_night_is_allowed() -> None:
    s = scenario({**striker(". . . . . . . N"), doctor("Con", "Consultant"): ". . . . N N N"}, WEEK2)
    assert covered_days(plan_for(s), "Con") == [7]


def test_46_hours_rest_after_the_last_night_of_a_run() -> None:
    s = scenario({**striker(". . . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . N"}, WEEK2)
    assert plan_for(s).covers == ()  # night ends Mon 08:30, D is Tue 08:00: 23.5 h


def test_46_hours_after_a_covered_night_blocks_the_next_fixed_shift() -> None:
    s = scenario({**striker(". . . . . . . N"), doctor("Con", "Consultant"): ". . . . . . . . . D"}, WEEK2)
    assert plan_for(s).covers == ()  # cover ends Tue 08:30; own D is Wed 08:00: 23.5 h


def test_a_run_of_covered_nights_is_allowed() -> None:
    s = scenario({**striker(". . . . . . . N N N"), doctor("Con", "Consultant"): ""}, WEEK2)
    assert covered_days(plan_for(s), "Con") == [7, 8, 9]


def test_a_fifth_consecutive_long_shift_is_refused() -> None:
    s = scenario({**striker(". . . . . . . LD"), doctor("Con", "Consultant"): ". . . LD LD LD LD"}, WEEK2)
    assert plan_for(s).covers == ()


def test_an_eighth_consecutive_shift_is_refused() -> None:
    s = scenario({**striker(". . . . . . . . D"),
                  doctor("Con", "Consultant"): ". E E E E E E E"}, WEEK2)
    assert plan_for(s).covers == ()


def test_leave_blocks_cover_that_day() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . AL"}, WEEK2)
    plan = plan_for(s)
    assert plan.covers == () and "on leave" in plan.gaps[0].reason


def test_an_undefined_code_blocks_cover_that_day() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . TRN"}, WEEK2)
    assert plan_for(s).covers == ()


def test_off_and_zero_days_do_not_block_cover() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . OFF"}, WEEK2)
    assert covered_days(plan_for(s), "Con") == [7]


def test_max_extra_hours_is_respected() -> None:
    con = doctor("Con", "Consultant", max_extra_hours=16.0)
    s = scenario({**striker(". . . . . . . D D"), con: ""}, WEEK2)
    assert len(plan_for(s).covers) == 1  # two 9 h days would be 18 h


def test_a_junior_never_covers_a_senior_slot() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("F1", "FY1", **WORKING): ""}, WEEK2)
    plan = plan_for(s)
    assert plan.covers == ()
    assert plan.gaps[0].reason.startswith("Nobody in the rota is eligible")


def test_competence_comes_from_specialty_or_skills() -> None:
    cardio = doctor("Cardio", "Consultant", specialty="Cardiology")
    skilled = doctor("Skilled", "Consultant", specialty="Cardiology",
                     skills=frozenset({"emergency medicine"}))
    s = scenario({**striker(". . . . . . . D"), cardio: "", skilled: ""}, WEEK2)
    assert [c.person_key for c in plan_for(s).covers] == ["Skilled"]


def test_striking_and_unavailable_people_are_not_used() -> None:
    s = scenario({**striker(". . . . . . . D"), **striker("", "ST6", "Other"),
                  doctor("Busy", "Consultant", available_for_cover=False): ""}, WEEK2)
    plan = plan_for(s)
    assert plan.covers == ()
    assert "2 striking" in plan.gaps[0].reason and "1 not available" in plan.gaps[0].reason


def test_an_elective_session_inside_the_strike_is_cancelled_to_free_a_consultant() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . CL"}, WEEK2)
    plan = plan_for(s)
    assert covered_days(plan, "Con") == [7]
    assert [(c.person_key, c.code) for c in plan.cancelled] == [("Con", "CL")]


def test_an_elective_session_outside_the_strike_is_never_cancelled() -> None:
    s = scenario({**striker(". . . . . . . . . . . N"),
                  doctor("Con", "Consultant"): ". . . . . . . . . . . . CL"}, WEEK2)
    plan = plan_for(s)  # the night ends Sat 08:30; the clinic is Sat 09:00, after the strike
    assert plan.covers == () and plan.cancelled == ()


def test_no_session_is_cancelled_without_need() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): ". . . . . . . CL",
                  doctor("Free", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert [c.person_key for c in plan.covers] == ["Free"] and plan.cancelled == ()


def test_priority_one_is_never_left_open_while_its_only_candidate_covers_priority_two() -> None:
    rules = (CoverRule("Emergency Medicine", "N", Tier.REGISTRAR, 1, 1),
             CoverRule("General Medicine", "N", Tier.REGISTRAR, 1, 2),
             CoverRule("General Medicine", "N", Tier.CORE, 2, 2))
    con = doctor("Con", "Consultant", specialty="General Medicine",
                 skills=frozenset({"Emergency Medicine"}))
    s = scenario({con: ""}, (strike(7, 1),), cover_rules=rules)
    plan = plan_for(s)
    assert {c.priority for c in plan.covers} == {1}
    assert sum(g.missing for g in plan.gaps if g.priority == 1) == 0


def test_cumulative_minimums_count_higher_tiers_toward_lower_ones() -> None:
    rules = (CoverRule("Emergency Medicine", "N", Tier.REGISTRAR, 1, 1),
             CoverRule("Emergency Medicine", "N", Tier.CORE, 3, 1))
    people = {doctor("Reg", "ST5", **WORKING): ". . . . . . . N",
              doctor("Core1", "CT1", **WORKING): ". . . . . . . N",
              doctor("Core2", "CT2", **STRIKING): ". . . . . . . N"}
    s = scenario(people, (strike(7, 1),), cover_rules=rules)
    plan = plan_for(s)
    # Registrar: 1 - 1 present = 0. Core: 3 - 2 present - 0 = 1 slot at Core.
    assert [(g.key.tier, g.need) for g in plan.groups] == [(Tier.CORE, 1)]


def test_cheaper_cover_is_chosen_when_coverage_ties() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("Con", "Consultant"): "",
                  locum("Loc", "ST5", "Emergency Medicine", 90.0): ""}, WEEK2)
    plan = plan_for(s)
    assert [c.person_key for c in plan.covers] == ["Loc"]
    assert plan.covers[0].cost == 9 * 90.0


def test_fairness_spreads_extra_hours_when_cost_ties() -> None:
    s = scenario({**striker(". . . . . . . D D"), doctor("A", "Consultant"): "",
                  doctor("B", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert sorted(c.person_key for c in plan.covers) == ["A", "B"]


def test_rejected_pairs_are_not_proposed_and_locked_covers_are_kept() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("A", "Consultant"): "",
                  doctor("B", "Consultant"): ""}, WEEK2)
    first = plan_for(s)
    chosen = first.covers[0]
    other = "B" if chosen.person_key == "A" else "A"
    rejected = plan_for(s, rejected=frozenset({CoverChoice(chosen.person_key, chosen.group)}))
    assert [c.person_key for c in rejected.covers] == [other]
    locked = plan_for(s, locked=frozenset({CoverChoice(other, chosen.group)}))
    assert [(c.person_key, c.locked) for c in locked.covers] == [(other, True)]


def test_replanning_keeps_the_previous_covers_where_nothing_else_differs() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("A", "Consultant"): "",
                  doctor("B", "Consultant"): ""}, WEEK2)
    first = plan_for(s)
    again = plan_for(s, previous=first)
    assert [c.person_key for c in again.covers] == [c.person_key for c in first.covers]
    assert again.stages[-1].name.startswith("Changes") and again.stages[-1].value == 0


def test_a_stop_before_solving_returns_a_plan_marked_stopped() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("A", "Consultant"): ""}, WEEK2)
    plan = solve(SolveRequest(s), CONFIG, should_stop=lambda: True)
    assert plan.status == STOPPED
    assert plan.gaps and sum(g.missing for g in plan.gaps) == 1


@pytest.mark.parametrize("rota", [". . . . . . . D", ". . . . . . . N N"])
def test_every_stage_is_proven_optimal_on_small_cases(rota: str) -> None:
    s = scenario({**striker(rota), doctor("A", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)
    assert plan.status == "optimal"
    assert all(stage.proven_optimal for stage in plan.stages)


def test_a_night_run_only_goes_on_when_a_night_is_really_worked_the_next_day() -> None:
    from planner.checker import check_plan

    s = scenario({**striker(". . . . . . . N N E", "ST4", "Reg"), **striker(". . . . . . . . N", "CT2", "Core"),
                  doctor("Con", "Consultant"): ""}, WEEK2)
    plan = plan_for(s)  # two night candidates on Tuesday must not excuse Monday night -> Wednesday E
    assert check_plan(s, plan).ok
    assert len(plan.covers) == 2


def test_a_locked_cover_that_became_illegal_is_dropped_with_a_note() -> None:
    s = scenario({**striker(". . . . . . . D"), doctor("A", "Consultant"): ". . . . . . . AL"}, WEEK2)
    group = plan_for(s).gaps[0].group
    plan = plan_for(s, locked=frozenset({CoverChoice("A", group)}))
    assert plan.covers == ()
    assert any("Locked cover not kept: A" in note and "on leave" in note for note in plan.notes)


def test_a_hand_assignment_is_kept_and_its_accepted_breach_is_carried() -> None:
    from planner.checker import check_plan
    from planner.demand import slot_groups
    from planner.plan import AcceptedBreach
    from planner.who_else import breaches_of, new_cover

    s = scenario({**striker(". . . . . . . D D"), doctor("A", "Consultant"): ". . . . . . . . TW",
                  doctor("B", "Consultant"): ""}, WEEK2)
    monday, tuesday = slot_groups(s)
    # A is rostered TW on Tuesday 16:00: covering Tuesday's D (08:00-17:00) overlaps it.
    forced = new_cover(s, tuesday, s.person("A"))
    breaches = breaches_of(s, Plan((), (), (), ()), forced)
    assert {b.rule for b in breaches} == {"overlap"}
    accepted = tuple(AcceptedBreach(b.rule, b.person_key, b.when, "agreed to stay late") for b in breaches)
    plan = plan_for(s, assigned=(forced,), accepted=accepted)
    assert forced in plan.covers
    assert [c.person_key for c in plan.covers if c.group == monday.key] in (["A"], ["B"])
    assert sum(1 for c in plan.covers if c.group == tuesday.key) == 1
    report = check_plan(s, plan)
    assert report.ok and {v.rule for v in report.accepted} == {"overlap"}
