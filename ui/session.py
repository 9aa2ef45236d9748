"""The manager's work in progress: the rota, the strike set-up and the plan. No Qt here.

The window's models and panels listen to a session and redraw on its events; they never hold
data of their own. Events are plain strings: "rota", "strike", "declarations", "plan".
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from planner.demand import struck_shifts
from planner.domain import (CoverRule, Declaration, Person, RateCard, Scenario, ShiftCode,
                            ShiftType, StrikeWindow, WorkingTimeRules)
from planner.plan import AcceptedBreach, CallStatus, CancelledSession, Cover, Decision, Plan
from planner.project import Project
from planner.sitrep import SitrepDay, sitrep
from planner.workbook.layout import ImportResult
from solver import CoverChoice, SolveRequest

Listener = Callable[[str], None]
_KEEPS_SCENARIO = ("plan", "statuses", "assigned", "saved")  # events that change no input


def default_window(scenario: Scenario) -> StrikeWindow:
    """A first guess the manager edits: 07:00 on the rota's middle Monday for five days."""
    middle = scenario.dates[len(scenario.dates) // 2]
    monday = middle - dt.timedelta(days=middle.weekday())
    start = dt.datetime.combine(monday, dt.time(7))
    return StrikeWindow(start, start + dt.timedelta(days=5))


class Session:
    """One workbook being planned."""

    def __init__(self) -> None:
        self.source: Path | None = None
        self.imported: ImportResult | None = None
        self.windows: tuple[StrikeWindow, ...] = ()
        self.declarations: dict[str, Declaration] = {}
        self.plan: Plan | None = None
        self.planned_scenario: Scenario | None = None
        self.previous_plan: Plan | None = None
        self.sitrep_days: list[SitrepDay] = []
        self.statuses: dict[CoverChoice, CallStatus] = {}
        self.decisions: list[Decision] = []
        self.assigned: list[Cover] = []
        self.cancelled_by_hand: list[CancelledSession] = []
        self.accepted: list[AcceptedBreach] = []
        self.rates: RateCard | None = None  # None: as the workbook says
        self.rules: WorkingTimeRules | None = None
        self.cover_rules: tuple[CoverRule, ...] | None | str = "workbook"
        self.defined_codes: dict[str, ShiftCode] = {}
        self.workbook_bytes = b""
        self.project_path: Path | None = None
        self.unsaved = False
        self._scenario_cache: Scenario | None = None
        self._struck_cache: set[tuple[str, dt.date]] | None = None
        self._unknown_cache: list[str] | None = None
        self._listeners: list[Listener] = []

    # --- events ---------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: str) -> None:
        if event not in _KEEPS_SCENARIO:
            self._scenario_cache, self._struck_cache, self._unknown_cache = None, None, None
        self.unsaved = event not in ("rota", "saved", "restored")
        for listener in list(self._listeners):
            listener(event)

    # --- changes --------------------------------------------------------------------------
    def load(self, imported: ImportResult, source: Path) -> None:
        """A newly opened rota: its own strike windows, or a first guess to edit."""
        self.source, self.imported = source, imported
        self.workbook_bytes = source.read_bytes() if source.exists() else b""
        self.project_path = None
        self.windows = imported.scenario.strike_windows or (default_window(imported.scenario),)
        self.declarations = {}
        self.rates, self.rules, self.cover_rules = None, None, "workbook"
        self.defined_codes = {}
        self.plan, self.planned_scenario, self.previous_plan = None, None, None
        self.statuses, self.decisions = {}, []
        self.assigned, self.cancelled_by_hand, self.accepted = [], [], []
        self._emit("rota")

    def reload(self, imported: ImportResult) -> None:
        """The same workbook read again after the manager fixed it: the strike set-up, calls and
        settings stay; the plan, made from the old file, goes."""
        self.imported = imported
        if self.source is not None and self.source.exists():
            self.workbook_bytes = self.source.read_bytes()
        self.plan, self.planned_scenario = None, None
        self._emit("reloaded")

    def set_windows(self, windows: tuple[StrikeWindow, ...]) -> None:
        self.windows = tuple(sorted(windows, key=lambda w: w.start))
        self._emit("strike")

    def set_declarations(self, changes: dict[str, Declaration]) -> None:
        self.declarations.update(changes)
        self._emit("declarations")

    def set_plan(self, plan: Plan, scenario: Scenario, sitrep_days: list[SitrepDay] | None = None) -> None:
        """A new plan; its sitrep may come computed already (off the GUI thread)."""
        self.previous_plan = self.plan
        self.plan, self.planned_scenario = plan, scenario
        self.sitrep_days = sitrep_days if sitrep_days is not None else sitrep(scenario, plan)
        self._emit("plan")

    def changes_since_last_plan(self) -> tuple[list[Cover], list[Cover]]:
        """Covers the new plan adds, and covers of the last plan it drops."""
        if self.plan is None or self.previous_plan is None:
            return [], []
        def key(c: Cover) -> tuple[str, object]:
            return (c.person_key, c.group)
        old = {key(c): c for c in self.previous_plan.covers}
        new = {key(c): c for c in self.plan.covers}
        return ([c for k, c in new.items() if k not in old], [c for k, c in old.items() if k not in new])

    def set_status(self, choice: CoverChoice, status: CallStatus, reason: str = "") -> None:
        """Record how a call went: accepted locks the cover, declined rejects the doctor there."""
        if status is CallStatus.PROPOSED:
            self.statuses.pop(choice, None)
        else:
            self.statuses[choice] = status
        self.decisions.append(Decision(dt.datetime.now().replace(microsecond=0), status.value,
                                       choice.group, choice.person_key, reason=reason))
        self._emit("statuses")

    def status(self, choice: CoverChoice) -> CallStatus:
        return self.statuses.get(choice, CallStatus.PROPOSED)

    def solve_request(self) -> SolveRequest | None:
        """What Plan asks for: this strike, the calls so far, and the last plan to stay close to."""
        scenario = self.scenario
        if scenario is None:
            return None
        locked = frozenset(c for c, s in self.statuses.items() if s is CallStatus.ACCEPTED)
        rejected = frozenset(c for c, s in self.statuses.items() if s is CallStatus.DECLINED)
        return SolveRequest(scenario, locked=locked, rejected=rejected, previous=self.plan,
                            assigned=tuple(self.assigned),
                            cancelled_by_hand=tuple(self.cancelled_by_hand),
                            accepted=tuple(self.accepted))

    def assign(self, cover: Cover, cancelled: tuple[CancelledSession, ...] = (),
               accepted: tuple[AcceptedBreach, ...] = (), reason: str = "") -> None:
        """A cover made by hand, kept exactly by every later plan; an overridden rule is
        recorded with the manager's reason."""
        self.assigned.append(cover)
        self.cancelled_by_hand.extend(cancelled)
        self.accepted.extend(accepted)
        now = dt.datetime.now().replace(microsecond=0)
        rules = ", ".join(sorted({b.rule for b in accepted}))
        action = "Rule overridden" if accepted else "Assigned by hand"
        self.decisions.append(Decision(now, action, cover.group, cover.person_key, rules, reason))
        self.statuses[CoverChoice(cover.person_key, cover.group)] = CallStatus.ACCEPTED
        self._emit("assigned")

    def export_statuses(self) -> dict[tuple[str, object], str]:
        return {(c.person_key, c.group): s.value for c, s in self.statuses.items()}

    # --- views ----------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        """The rota as it will be planned: the strike windows and declarations set here.

        Built once per change (views read it for every cell they draw)."""
        if self._scenario_cache is None:
            self._scenario_cache = self._build_scenario()
        return self._scenario_cache

    def _build_scenario(self) -> Scenario | None:
        if self.imported is None:
            return None
        base = self.imported.scenario.with_strike(self.windows)
        if self.defined_codes:
            base = dataclasses.replace(base, shift_codes={**base.shift_codes, **self.defined_codes})
        if self.rates is not None:
            base = dataclasses.replace(base, rates=self.rates)
        if self.rules is not None:
            base = dataclasses.replace(base, rules=self.rules)
        if self.cover_rules != "workbook":
            base = dataclasses.replace(base, cover_rules=self.cover_rules)
        return base.with_declarations(self.declarations) if self.declarations else base

    def unknown_codes(self) -> list[str]:
        """Codes used in the grid and defined nowhere (nor here)."""
        scenario = self.scenario
        if scenario is None:
            return []
        if self._unknown_cache is None:
            used = {e.code.upper() for e in scenario.roster}
            self._unknown_cache = sorted(c for c in used if scenario.code(c).type is ShiftType.UNKNOWN)
        return self._unknown_cache

    def define_codes(self, codes: dict[str, ShiftCode]) -> None:
        """Codes the manager defined in the window instead of editing the file."""
        self.defined_codes.update({k.upper(): v for k, v in codes.items()})
        self._emit("codes")

    def set_settings(self, rates: RateCard, rules: WorkingTimeRules,
                     cover_rules: tuple[CoverRule, ...] | None) -> None:
        """Rates, working-time rules and cover rules for this strike (None: refill every
        struck shift)."""
        self.rates, self.rules, self.cover_rules = rates, rules, cover_rules
        self._emit("settings")

    def declaration(self, person: Person) -> Declaration:
        return self.declarations.get(person.key, person.declaration)

    def cancelled_cells(self) -> dict[tuple[str, dt.date], str]:
        if self.plan is None:
            return {}
        return {(s.person_key, s.day): s.reason for s in self.plan.cancelled}

    def covers_by_cell(self) -> dict[tuple[str, dt.date], Cover]:
        if self.plan is None:
            return {}
        return {(c.person_key, c.group.day): c for c in self.plan.covers}

    def struck_cells(self) -> set[tuple[str, dt.date]]:
        scenario = self.scenario
        if scenario is None:
            return set()
        if self._struck_cache is None:
            self._struck_cache = {(s.person.key, s.entry.day) for s in struck_shifts(scenario)}
        return self._struck_cache

    # --- project files --------------------------------------------------------------------
    def to_project(self) -> Project:
        """The work so far, for a project file."""
        planned = self.planned_scenario
        return Project(
            workbook_name=self.source.name if self.source else "rota.xlsx",
            workbook_bytes=self.workbook_bytes, windows=self.windows,
            declarations=dict(self.declarations),
            statuses=[(c.person_key, c.group, s) for c, s in self.statuses.items()],
            decisions=list(self.decisions), assigned=list(self.assigned),
            cancelled_by_hand=list(self.cancelled_by_hand), accepted=list(self.accepted),
            plan=self.plan, planned_windows=planned.strike_windows if planned else (),
            planned_declarations={p.key: p.declaration for p in planned.people} if planned else {},
            rates=self.rates, rules=self.rules, cover_rules=self.cover_rules,
            defined_codes=dict(self.defined_codes),
            planned_rates=planned.rates if planned else None,
            planned_rules=planned.rules if planned else None,
            planned_cover_rules=planned.cover_rules if planned else None)

    def restore(self, project: Project, imported: ImportResult, workbook: Path,
                project_path: Path | None) -> None:
        """Carry on exactly where a saved project left off."""
        self.load(imported, workbook)
        self.workbook_bytes = project.workbook_bytes
        self.windows, self.declarations = project.windows, dict(project.declarations)
        self.statuses = {CoverChoice(k, g): s for k, g, s in project.statuses}
        self.decisions, self.assigned = list(project.decisions), list(project.assigned)
        self.cancelled_by_hand, self.accepted = list(project.cancelled_by_hand), list(project.accepted)
        self.rates, self.rules, self.cover_rules = project.rates, project.rules, project.cover_rules
        self.defined_codes = dict(project.defined_codes)
        if project.plan is not None:
            base = imported.scenario.with_strike(project.planned_windows)
            base = dataclasses.replace(
                base, shift_codes={**base.shift_codes, **project.defined_codes},
                rates=project.planned_rates or base.rates,
                rules=project.planned_rules or base.rules, cover_rules=project.planned_cover_rules)
            self.plan = project.plan
            self.planned_scenario = base.with_declarations(project.planned_declarations)
            self.sitrep_days = sitrep(self.planned_scenario, project.plan)
        self.project_path = project_path
        self._emit("restored")

    def mark_saved(self, path: Path | None) -> None:
        if path is not None:
            self.project_path = path
        self._emit("saved")

    # --- undo -----------------------------------------------------------------------------
    _EDITABLE = ("windows", "declarations", "statuses", "decisions", "assigned",
                 "cancelled_by_hand", "accepted", "rates", "rules", "cover_rules", "defined_codes")

    def snapshot(self) -> dict[str, object]:
        """The manager's edits (not the plan, which is their result), for undo."""
        return {name: copy.copy(getattr(self, name)) for name in self._EDITABLE}

    def apply_snapshot(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, copy.copy(value))
        self._emit("undone")  # also forgets the scenario built before
