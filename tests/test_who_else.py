"""'Who else could cover this?': each candidate with why they can or cannot, judged by the checker."""

from __future__ import annotations

from builders import STRIKING, doctor, locum, scenario, strike
from planner.demand import slot_groups
from planner.domain import Scenario
from planner.plan import Plan
from planner.who_else import breaches_of, cover_options, new_cover

WEEK2 = (strike(7, 5),)


def _empty_plan(s: Scenario) -> Plan:
    return Plan(tuple(slot_groups(s)), (), (), ())


def test_options_say_who_is_free_who_needs_a_clinic_cancelled_and_who_cannot() -> None:
    s = scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . D",
                  doctor("Free", "Consultant"): "",
                  doctor("Clinic", "Consultant"): ". . . . . . . CL",
                  doctor("Working", "Consultant"): ". . . . . . . LD",
                  doctor("Away", "Consultant"): ". . . . . . . AL",
                  locum("Loc", "ST5", "Emergency Medicine", 100.0): ""}, WEEK2)
    group = slot_groups(s)[0]
    options = {o.person.name: o for o in cover_options(s, _empty_plan(s), group)}
    assert options["Free"].possible and not options["Free"].would_cancel
    assert options["Clinic"].possible and [e.code for e in options["Clinic"].would_cancel] == ["CL"]
    assert not options["Working"].possible and "overlap" in {b.rule for b in options["Working"].breaches}
    assert not options["Away"].possible and {b.rule for b in options["Away"].breaches} == {"leave"}
    assert not options["Reg"].possible  # striking
    assert options["Loc"].cost == 900.0
    ordered = [o.person.name for o in cover_options(s, _empty_plan(s), group)]
    assert ordered.index("Loc") < ordered.index("Free") < ordered.index("Clinic") < ordered.index("Working")


def test_a_doctor_already_covering_nearby_is_resting() -> None:
    s = scenario({doctor("Reg", "ST4", **STRIKING): ". . . . . . . TW D",
                  doctor("Con", "Consultant"): ""}, WEEK2)
    first, second = slot_groups(s)
    plan = Plan((first, second), (new_cover(s, first, s.person("Con")),), (), ())
    assert {b.rule for b in breaches_of(s, plan, new_cover(s, second, s.person("Con")))} == {"rest"}
    option = next(o for o in cover_options(s, plan, second) if o.person.name == "Con")
    assert not option.possible and "rest" in option.summary
