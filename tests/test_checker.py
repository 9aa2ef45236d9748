"""The plan checker on small hand-built scenarios and hand-made plans.

Every rota starts on Monday 16/03/2026. Rows are written as space-separated codes, one per day
("." for a blank cell). Unless a test says otherwise, the strike covers every date, Amy is an
Emergency Medicine consultant who covers, and Sam is an Emergency Medicine registrar on strike
whose struck shifts make the slots Amy fills.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from planner.checker import (
    CANCELLATION, CONSECUTIVE_LONG, CONSECUTIVE_NIGHTS, CONSECUTIVE_SHIFTS, COST, COVER_TIMES,
    DEMAND, ELIGIBILITY, HOURS_168, LEAVE, MAX_EXTRA_HOURS, OVERLAP, REST, REST_AFTER_NIGHTS,
    SHIFT_LENGTH, CheckReport, check_plan,
)
from planner.checker.costing import rates_of, shift_cost
from planner.checker.demand import expected_demand, group_id, specialty_priority
from planner.checker.rules import check_shifts
from planner.checker.shifts import WorkedShift
from planner.domain import (
    BandRates, CoverRule, Declaration, Person, RateCard, RosterEntry, Scenario, ShiftCode,
    ShiftType, StaffKind, StrikeWindow, WorkingTimeRules,
)
from planner.grades import Tier
from planner.plan import (
    AcceptedBreach, CancelledSession, Cover, CoverType, Gap, Plan, SlotGroup, SlotGroupKey,
)

MON = dt.date(2026, 3, 16)
EM = "Emergency Medicine"
W, EL = ShiftType.WORK, ShiftType.ELECTIVE


def _code(code: str, kind: ShiftType, start: str = "", end: str = "") -> ShiftCode:
    times = [dt.time.fromisoformat(t) if t else None for t in (start, end)]
    return ShiftCode(code, kind, times[0], times[1])


CODES = {c.code: c for c in (
    _code("D", W, "08:00", "17:00"),     # 9 h day
    _code("L", W, "12:00", "21:00"),     # ends 11 h before a D next day
    _code("LX", W, "12:01", "21:01"),    # ends 10 h 59 min before a D next day
    _code("T", W, "08:00", "18:00"),     # exactly 10 h: not long
    _code("DD", W, "08:00", "20:00"),    # 12 h: long
    _code("F", W, "08:00", "12:00"),     # 4 h
    _code("LL", W, "08:00", "21:00"),    # exactly 13 h
    _code("XL", W, "08:00", "21:30"),    # 13.5 h
    _code("N", W, "22:00", "07:00"),     # 9 h night
    _code("NB", W, "20:00", "02:00"),    # exactly 3 h in 23:00-06:00: a night
    _code("NS", W, "20:00", "01:59"),    # 2 h 59 min in 23:00-06:00: not a night
    _code("EE", W, "05:00", "13:00"),    # starts 46 h after a Monday N ends
    _code("CL", EL, "09:00", "13:00"),   # clinic
    _code("AL", ShiftType.LEAVE),
    _code("OFF", ShiftType.OFF),
)}
WHOLE = StrikeWindow(dt.datetime(2026, 3, 16, 7), dt.datetime(2026, 4, 13, 7))
TUE_TO_THU = StrikeWindow(dt.datetime(2026, 3, 17, 7), dt.datetime(2026, 3, 19, 7))


def day(index: int) -> dt.date:
    return MON + dt.timedelta(days=index)


def doctor(key: str, tier: Tier = Tier.CONSULTANT, specialty: str = EM, **kw: object) -> Person:
    return Person(key=key, name=key.capitalize(), tier=tier, specialty=specialty,
                  **kw)  # type: ignore[arg-type]


AMY = doctor("amy")
SAM = doctor("sam", Tier.REGISTRAR, declaration=Declaration.STRIKING)


def build(rows: dict[str, str], people: tuple[Person, ...] = (AMY, SAM),
          window: StrikeWindow = WHOLE, **kw: object) -> Scenario:
    roster = tuple(RosterEntry(key, day(i), code)
                   for key, row in rows.items()
                   for i, code in enumerate(row.split()) if code != ".")
    return Scenario(people=people, shift_codes=CODES, roster=roster,
                    dates=tuple(day(i) for i in range(28)), strike_windows=(window,),
                    **kw)  # type: ignore[arg-type]


def cover(sc: Scenario, key: str, index: int, code: str, tier: Tier = Tier.REGISTRAR,
          specialty: str = EM, **kw: object) -> Cover:
    start, end = sc.code(code).times_on(day(index))
    person = sc.people_by_key.get(key)
    cost = shift_cost(start, end, rates_of(sc, person)) if person else 0.0
    fields: dict[str, object] = dict(
        person_key=key, group=SlotGroupKey(day(index), code, specialty, tier), start=start,
        end=end, priority=specialty_priority(specialty), cover_type=CoverType.ACTING_DOWN,
        cost=round(cost, 2))
    fields.update(kw)
    return Cover(**fields)  # type: ignore[arg-type]


def plan(sc: Scenario, *covers: Cover, cancelled: tuple[CancelledSession, ...] = (),
         accepted: tuple[AcceptedBreach, ...] = ()) -> Plan:
    """The groups the scenario calls for, the covers given, a gap for each open slot."""
    groups = tuple(
        SlotGroup(n.key, n.priority, n.need, *sc.code(n.key.shift_code).times_on(n.key.day))
        for n in expected_demand(sc).values())
    filled = {g.key: sum(group_id(c.group) == group_id(g.key) for c in covers) for g in groups}
    gaps = tuple(Gap(g.key, g.priority, g.need, filled[g.key], "nobody eligible")
                 for g in groups if filled[g.key] < g.need)
    return Plan(groups=groups, covers=covers, cancelled=cancelled, gaps=gaps,
                accepted_breaches=accepted)


def only(report: CheckReport, rule: str, person: str = "amy") -> None:
    """Exactly one violation, of ``rule``, for ``person``."""
    assert [(v.rule, v.person_key) for v in report.violations] == [(rule, person)], report
    assert not report.ok


def clean(report: CheckReport) -> None:
    assert report.ok, report
    assert not report.accepted and not report.pre_existing, report


# --- a valid plan ----------------------------------------------------------------------------

def test_valid_plan_reports_nothing() -> None:
    sc = build({"amy": "D . . . D", "sam": ". D D D"})
    report = check_plan(sc, plan(sc, *(cover(sc, "amy", i, "D") for i in (1, 2, 3))))
    clean(report)
    assert "valid" in report.summary()


def test_unfilled_slots_with_reasoned_gaps_are_valid() -> None:
    sc = build({"sam": "D N"})
    clean(check_plan(sc, plan(sc)))


# --- rest and overlap ------------------------------------------------------------------------

def test_exactly_eleven_hours_rest_is_fine() -> None:
    sc = build({"amy": "L", "sam": ". D"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"))))


def test_ten_hours_59_minutes_rest_is_a_rest_breach() -> None:
    sc = build({"amy": "LX", "sam": ". D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D")))
    only(report, REST)
    message = report.violations[0].message
    assert "Amy" in message and "10 h 59 min" in message and "minimum 11 h" in message
    assert report.violations[0].when == dt.datetime(2026, 3, 17, 8)


def test_rest_is_checked_after_the_cover_too() -> None:
    sc = build({"amy": ". . D", "sam": ". LX"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 1, "LX"))), REST)


def test_overlap_is_reported_as_overlap_not_rest() -> None:
    sc = build({"amy": ". D", "sam": ". D"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"))), OVERLAP)


def test_two_covers_at_once_overlap() -> None:
    sc = build({"sam": ". D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"), cover(sc, "amy", 1, "D")))
    assert sorted(v.rule for v in report.violations) == [DEMAND, OVERLAP]  # and overfilled


# --- length of a shift -----------------------------------------------------------------------

def test_cover_of_exactly_13_hours_is_fine() -> None:
    sc = build({"sam": ". LL"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 1, "LL"))))


def test_cover_over_13_hours_breaks_shift_length() -> None:
    sc = build({"sam": ". XL"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "XL")))
    only(report, SHIFT_LENGTH)
    assert "13.5 h" in report.violations[0].message


# --- hours in 168 hours ----------------------------------------------------------------------

def test_exactly_72_hours_in_168_is_fine() -> None:
    sc = build({"amy": "DD DD DD DD T T", "sam": ". . . . . . F"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 6, "F"))))


def test_over_72_hours_in_168_breaks_hours_168() -> None:
    sc = build({"amy": "DD DD DD DD T T", "sam": ". . . . . . T"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 6, "T")))
    only(report, HOURS_168)
    assert report.violations[0].when == dt.datetime(2026, 3, 16, 8)
    assert "78 h" in report.violations[0].message


# --- nights ------------------------------------------------------------------------------------

def test_four_consecutive_nights_are_fine() -> None:
    sc = build({"amy": "N N N", "sam": ". . . N"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 3, "N"))))


def test_five_consecutive_nights_break_consecutive_nights() -> None:
    sc = build({"amy": "N N N N", "sam": ". . . . N"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 4, "N")))
    only(report, CONSECUTIVE_NIGHTS)
    assert report.violations[0].when == dt.datetime(2026, 3, 16, 22)


def test_exactly_three_hours_in_23_to_06_is_a_night() -> None:
    sc = build({"amy": "NB NB NB NB", "sam": ". . . . NB"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 4, "NB"))), CONSECUTIVE_NIGHTS)


def test_under_three_hours_in_23_to_06_is_not_a_night() -> None:
    sc = build({"amy": "NS NS NS NS", "sam": ". . . . NS"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 4, "NS"))))


def test_rest_after_one_night_cover_before_rostered_day() -> None:
    # the consultant who covers a night cannot do Wednesday's day shift
    sc = build({"amy": ". . D", "sam": "N"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 0, "N")))
    only(report, REST_AFTER_NIGHTS)
    assert "25 h" in report.violations[0].message


def test_exactly_46_hours_after_nights_is_fine() -> None:
    sc = build({"amy": "N", "sam": ". . . EE"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 3, "EE"))))


def test_cover_too_soon_after_rostered_nights() -> None:
    sc = build({"amy": "N N", "sam": ". . . D"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 3, "D"))), REST_AFTER_NIGHTS)


# --- long shifts and runs of shifts -----------------------------------------------------------

def test_five_long_shifts_in_a_row_break_consecutive_long() -> None:
    sc = build({"amy": "DD DD DD DD", "sam": ". . . . DD"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 4, "DD"))), CONSECUTIVE_LONG)


def test_exactly_ten_hours_is_not_long() -> None:
    sc = build({"amy": "T T T T", "sam": ". . . . T"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 4, "T"))))


def test_seven_days_in_a_row_are_fine() -> None:
    sc = build({"amy": "D D D D D D", "sam": ". . . . . . D"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 6, "D"))))


def test_eight_days_in_a_row_break_consecutive_shifts() -> None:
    sc = build({"amy": "D D D D D D D", "sam": ". . . . . . . D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 7, "D")))
    only(report, CONSECUTIVE_SHIFTS)
    assert "8 days" in report.violations[0].message


def _shifts(*spans: tuple[int, str, str]) -> list[WorkedShift]:
    found = []
    for index, start, end in spans:
        begin = dt.datetime.combine(day(index), dt.time.fromisoformat(start))
        finish = dt.datetime.combine(day(index), dt.time.fromisoformat(end))
        found.append(WorkedShift(begin, finish, "X", True))
    return found


def test_two_shifts_on_one_date_count_once() -> None:
    seven_dates = _shifts(*((i, "08:00", "09:00") for i in range(7)), (6, "20:00", "21:00"))
    rules = {v.rule for _, v in check_shifts(WorkingTimeRules(), "amy", "Amy", seven_dates)}
    assert CONSECUTIVE_SHIFTS not in rules
    eight_dates = _shifts(*((i, "08:00", "09:00") for i in range(8)))
    rules = {v.rule for _, v in check_shifts(WorkingTimeRules(), "amy", "Amy", eight_dates)}
    assert rules == {CONSECUTIVE_SHIFTS}


# --- leave, eligibility, extra hours, times ---------------------------------------------------

@pytest.mark.parametrize("code", ["AL", "XYZ"])
def test_cover_on_leave_or_unknown_code_day(code: str) -> None:
    sc = build({"amy": f". {code}", "sam": ". D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D")))
    only(report, LEAVE)
    assert code in report.violations[0].message


def test_cover_on_a_day_off_is_fine() -> None:
    sc = build({"amy": ". OFF", "sam": ". D"})
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"))))


@pytest.mark.parametrize("person", [
    doctor("bob", Tier.CORE, declaration=Declaration.WORKING),  # below the registrar slot
    doctor("bob", specialty="Cardiology"),  # not competent
    doctor("bob", available_for_cover=False),
    doctor("bob", Tier.REGISTRAR),  # undeclared resident: planned as striking
])
def test_ineligible_cover(person: Person) -> None:
    sc = build({"sam": ". D"}, people=(AMY, SAM, person))
    only(check_plan(sc, plan(sc, cover(sc, "bob", 1, "D"))), ELIGIBILITY, "bob")


def test_skill_makes_a_doctor_competent() -> None:
    bob = doctor("bob", specialty="Cardiology", skills=frozenset({" emergency  MEDICINE"}))
    sc = build({"sam": ". D"}, people=(AMY, SAM, bob))
    clean(check_plan(sc, plan(sc, cover(sc, "bob", 1, "D"))))


def test_unknown_coverer_is_ineligible() -> None:
    sc = build({"sam": ". D"})
    only(check_plan(sc, plan(sc, cover(sc, "ghost", 1, "D"))), ELIGIBILITY, "ghost")


@pytest.mark.parametrize(("limit", "ok"), [(18.0, True), (17.5, False)])
def test_max_extra_hours(limit: float, ok: bool) -> None:
    amy = dataclasses.replace(AMY, max_extra_hours=limit)
    sc = build({"sam": ". D . D"}, people=(amy, SAM))
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"), cover(sc, "amy", 3, "D")))
    if ok:
        clean(report)
    else:
        only(report, MAX_EXTRA_HOURS)


def test_cover_times_must_be_the_shift_codes() -> None:
    sc = build({"sam": ". D"})
    good = cover(sc, "amy", 1, "D")
    moved = dataclasses.replace(good, start=good.start - dt.timedelta(hours=1))
    moved = dataclasses.replace(moved, cost=round(shift_cost(moved.start, moved.end,
                                                             rates_of(sc, AMY)), 2))
    only(check_plan(sc, plan(sc, moved)), COVER_TIMES)


# --- cancellations -------------------------------------------------------------------------

def _cancel(sc: Scenario, key: str, index: int, code: str) -> CancelledSession:
    start, end = sc.code(code).times_on(day(index))
    return CancelledSession(key, day(index), code, start, end, "to cover")


def test_cancelled_clinic_frees_the_doctor() -> None:
    sc = build({"amy": ". CL", "sam": ". D"}, window=TUE_TO_THU)
    clean(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"),
                              cancelled=(_cancel(sc, "amy", 1, "CL"),))))


def test_clinic_not_cancelled_overlaps_the_cover() -> None:
    sc = build({"amy": ". CL", "sam": ". D"}, window=TUE_TO_THU)
    only(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"))), OVERLAP)


@pytest.mark.parametrize(("rows", "key", "index", "code"), [
    ({"amy": ". D . . . ."}, "amy", 1, "D"),  # a Work shift
    ({"amy": ". . . . CL"}, "amy", 4, "CL"),  # an elective outside the strike
    ({"sam": ". CL"}, "sam", 1, "CL"),  # a striker's elective
    ({"amy": ". . D"}, "amy", 1, "CL"),  # not rostered
])
def test_invalid_cancellation(rows: dict[str, str], key: str, index: int, code: str) -> None:
    sc = build(rows, window=TUE_TO_THU)
    report = check_plan(sc, plan(sc, cancelled=(_cancel(sc, key, index, code),)))
    only(report, CANCELLATION, key)


def test_invalid_cancellation_does_not_free_the_doctor() -> None:
    # the strike window holds Friday's D (08:00) but not Friday's clinic (09:00)
    window = StrikeWindow(dt.datetime(2026, 3, 20, 7, 30), dt.datetime(2026, 3, 20, 8, 30))
    sc = build({"amy": ". . . . CL", "sam": ". . . . D"}, window=window)
    report = check_plan(sc, plan(sc, cover(sc, "amy", 4, "D"),
                                 cancelled=(_cancel(sc, "amy", 4, "CL"),)))
    assert sorted(v.rule for v in report.violations) == [CANCELLATION, OVERLAP]


# --- pre-existing and accepted breaches -----------------------------------------------------

def test_breach_already_in_the_rota_is_pre_existing() -> None:
    sc = build({"amy": "LX D", "sam": ". . . . D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 4, "D")))
    assert report.ok, report
    assert [(v.rule, v.person_key) for v in report.pre_existing] == [(REST, "amy")]


def test_hours_already_over_in_the_rota_are_pre_existing() -> None:
    sc = build({"amy": "DD DD DD DD T T T", "sam": ". . . . . . . . . . . . D"})
    report = check_plan(sc, plan(sc, cover(sc, "amy", 12, "D")))
    assert report.ok, report
    assert [v.rule for v in report.pre_existing] == [HOURS_168]


def test_accepted_breach_moves_to_accepted() -> None:
    sc = build({"amy": "LX", "sam": ". D"})
    breach = AcceptedBreach(REST, "amy", dt.datetime(2026, 3, 17, 8), "agreed by Amy")
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"), accepted=(breach,)))
    assert report.ok, report
    assert [v.rule for v in report.accepted] == [REST]


@pytest.mark.parametrize("breach", [
    AcceptedBreach(REST, "sam", dt.datetime(2026, 3, 17, 8), "wrong person"),
    AcceptedBreach(OVERLAP, "amy", dt.datetime(2026, 3, 17, 8), "wrong rule"),
    AcceptedBreach(REST, "amy", dt.datetime(2026, 3, 19, 8), "another time"),
])
def test_accepted_breach_must_match(breach: AcceptedBreach) -> None:
    sc = build({"amy": "LX", "sam": ". D"})
    only(check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"), accepted=(breach,))), REST)


# --- demand ---------------------------------------------------------------------------------

def _cumulative() -> Scenario:
    people = (
        doctor("con"),  # consultant: counts at every resident tier
        doctor("reg1", Tier.REGISTRAR, declaration=Declaration.STRIKING),
        doctor("reg2", Tier.REGISTRAR, declaration=Declaration.WORKING),
        doctor("core", Tier.CORE, declaration=Declaration.STRIKING),
        doctor("fy", Tier.FOUNDATION, declaration=Declaration.WORKING),
        doctor("card", specialty="Cardiology", skills=frozenset({EM})),  # not own specialty
    )
    rules = (CoverRule("emergency  medicine", "n", Tier.REGISTRAR, 3, 1),
             CoverRule(EM, "N", Tier.CORE, 4, 1),
             CoverRule(EM, "N", Tier.FOUNDATION, 5, 2))
    rows = {key: ". N" for key in ("con", "reg1", "reg2", "core", "fy", "card")}
    tuesday = StrikeWindow(dt.datetime(2026, 3, 17, 7), dt.datetime(2026, 3, 18, 7))
    return build(rows, people=people, window=tuesday, cover_rules=rules)


def test_cumulative_minimums_count_higher_tiers_toward_lower() -> None:
    sc = _cumulative()
    # present: registrar 2 (con, reg2) -> 1; core 2 -> 4-2-1 = 1; foundation 3 -> 5-3-2 = 0
    found = {(n.key.tier, n.need, n.priority) for n in expected_demand(sc).values()}
    assert found == {(Tier.REGISTRAR, 1, 1), (Tier.CORE, 1, 1)}
    assert all(n.key.day == day(1) for n in expected_demand(sc).values())


def test_nobody_present_needs_every_minimum_at_its_tier() -> None:
    sc = dataclasses.replace(_cumulative(), strike_windows=(TUE_TO_THU,))
    wednesday = {(n.key.tier, n.need, n.priority) for n in expected_demand(sc).values()
                 if n.key.day == day(2)}
    assert wednesday == {(Tier.REGISTRAR, 3, 1), (Tier.CORE, 1, 1), (Tier.FOUNDATION, 1, 2)}


def test_hand_made_plan_for_cumulative_minimums() -> None:
    sc = _cumulative()
    start, end = sc.code("N").times_on(day(1))
    groups = (SlotGroup(SlotGroupKey(day(1), "N", EM, Tier.REGISTRAR), 1, 1, start, end),
              SlotGroup(SlotGroupKey(day(1), "N", EM, Tier.CORE), 1, 1, start, end))
    gaps = tuple(Gap(g.key, 1, 1, 0, "everyone eligible is working") for g in groups)
    clean(check_plan(sc, Plan(groups, (), (), gaps)))
    wrong = (dataclasses.replace(groups[0], need=2),) + groups[1:]
    report = check_plan(sc, Plan(wrong, (), (), gaps))
    assert report.rules() == {DEMAND} and all(v.person_key == "" for v in report.violations)


def test_missing_group_is_a_demand_problem() -> None:
    sc = build({"sam": ". D N"})
    full = plan(sc)
    report = check_plan(sc, dataclasses.replace(full, groups=full.groups[:1], gaps=full.gaps[:1]))
    assert report.rules() == {DEMAND} and len(report.violations) == 1


def test_overfilled_group() -> None:
    sc = build({"sam": ". D"}, people=(AMY, SAM, doctor("bob")))
    report = check_plan(sc, plan(sc, cover(sc, "amy", 1, "D"), cover(sc, "bob", 1, "D")))
    only(report, DEMAND, "")
    assert "2 covers for a need of 1" in report.violations[0].message


def test_missing_gap() -> None:
    sc = build({"sam": ". D"})
    only(check_plan(sc, dataclasses.replace(plan(sc), gaps=())), DEMAND, "")


def test_gap_without_reason() -> None:
    sc = build({"sam": ". D"})
    full = plan(sc)
    gaps = (dataclasses.replace(full.gaps[0], reason="  "),)
    only(check_plan(sc, dataclasses.replace(full, gaps=gaps)), DEMAND, "")


def test_gap_with_wrong_counts() -> None:
    sc = build({"sam": ". D"})
    full = plan(sc)
    gaps = (dataclasses.replace(full.gaps[0], covered=1),)
    only(check_plan(sc, dataclasses.replace(full, gaps=gaps)), DEMAND, "")


def test_cover_in_no_group() -> None:
    sc = build({"sam": ". D"})
    stray = cover(sc, "amy", 3, "D")
    only(check_plan(sc, plan(sc, stray)), DEMAND, "")


def test_struck_shifts_group_by_striker_specialty_and_tier() -> None:
    people = (doctor("a", Tier.CORE, "Dermatology"), doctor("b", Tier.CORE, "dermatology"),
              doctor("c", Tier.FOUNDATION, "Dermatology"), doctor("w", Tier.CORE, "Dermatology",
                                                                  declaration=Declaration.WORKING))
    sc = build({"a": ". D", "b": ". D", "c": ". D", "w": ". D"}, people=people)
    found = sorted((n.key.tier, n.need, n.priority) for n in expected_demand(sc).values())
    assert found == [(Tier.FOUNDATION, 1, 3), (Tier.CORE, 2, 3)]


@pytest.mark.parametrize(("name", "priority"), [
    ("Emergency Medicine", 1), ("ED", 1), ("Obstetrics & Gynaecology", 1), ("AMU", 1),
    ("ENT", 3), ("Paediatric ENT surgery", 3), ("Dermatology", 3), ("Oral surgery", 3),
    ("General Medicine", 2), ("Gentle medicine", 2), ("Cardiology", 2),
])
def test_specialty_priority(name: str, priority: int) -> None:
    assert specialty_priority(name) == priority


# --- cost -------------------------------------------------------------------------------------

RATES = BandRates(weekday_day=100, weekday_evening=200, weekend_day=300, night=400)


def _t(month: int, date: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, date, hour, minute)


@pytest.mark.parametrize(("start", "end", "expected"), [
    (_t(3, 16, 19), _t(3, 17, 1), 4 * 200 + 2 * 400),  # weekday evening into night
    (_t(3, 21, 5), _t(3, 21, 13), 2 * 400 + 6 * 300),  # Saturday night into day
    (_t(3, 20, 20), _t(3, 21, 9), 3 * 200 + 8 * 400 + 2 * 300),  # Friday into Saturday
    (_t(4, 3, 8), _t(4, 3, 20), 12 * 300),  # Good Friday is a bank holiday of England
    (_t(4, 2, 8), _t(4, 2, 20), 11 * 100 + 200),  # the Thursday before is not
    (_t(3, 16, 18, 30), _t(3, 16, 19, 15), 0.5 * 100 + 0.25 * 200),
])
def test_band_costing(start: dt.datetime, end: dt.datetime, expected: float) -> None:
    assert shift_cost(start, end, RATES) == pytest.approx(expected)


def test_locum_is_costed_at_own_rate() -> None:
    locum = doctor("lou", Tier.REGISTRAR, kind=StaffKind.LOCUM, hourly_rate=95.0)
    sc = build({"sam": ". . . . . DD"}, people=(AMY, SAM, locum))
    good = cover(sc, "lou", 5, "DD", cost=12 * 95.0)  # Saturday: same rate in every band
    clean(check_plan(sc, plan(sc, good)))
    only(check_plan(sc, plan(sc, dataclasses.replace(good, cost=12 * 210.0))), COST, "lou")


@pytest.mark.parametrize(("delta", "ok"), [(0.005, True), (0.02, False)])
def test_cover_cost_tolerance(delta: float, ok: bool) -> None:
    sc = build({"sam": ". D"}, rates=RateCard(default=RATES))
    good = cover(sc, "amy", 1, "D", cost=9 * 100 + delta)
    report = check_plan(sc, plan(sc, good))
    if ok:
        clean(report)
    else:
        only(report, COST)
