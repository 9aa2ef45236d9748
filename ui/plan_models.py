"""Table models over the plan's lists: the call list (covers), the gaps, the cancelled sessions.

Each is a thin column specification over one collection of the session's plan; none holds data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from planner.plan import CancelledSession, Cover, Gap
from solver import CoverChoice
from ui.session import Session
from ui.table_model import INK, Index, RowsModel

Column = tuple[str, Callable[[Any], object]]
PRIORITY_COLOURS = {1: QColor("#f8c9c4"), 2: QColor("#fde6b8"), 3: QColor("#e9f0c9")}
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class _PlanListModel(RowsModel):
    """Rows are one list of the session's plan; columns come from ``columns``."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._columns = self.columns()
        self.headers = tuple(name for name, _ in self._columns)
        session.subscribe(self._on_session_changed)

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def rows_from_plan(self) -> Sequence[Any]:
        raise NotImplementedError

    def _on_session_changed(self, event: str) -> None:
        self.reset_rows(list(self.rows_from_plan()) if self._session.plan is not None else [])

    def row_item(self, row: int) -> Any:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        value = self._columns[index.column()][1](item)
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(value)
        if role == SORT_ROLE:
            return value if isinstance(value, (int, float)) else _text(value)
        if role == Qt.ItemDataRole.BackgroundRole and hasattr(item, "priority"):
            return QBrush(PRIORITY_COLOURS.get(item.priority, QColor(Qt.GlobalColor.white)))
        if role == Qt.ItemDataRole.ForegroundRole and hasattr(item, "priority"):
            return QBrush(INK)  # dark text on the light fills, in any theme
        return None

    def _name(self, key: str) -> str:
        scenario = self._session.planned_scenario
        person = scenario.people_by_key.get(key) if scenario else None
        return person.name if person else key


class Money(float):
    """A value shown in pounds (and sorted as a number)."""


def _text(value: object) -> str:
    if isinstance(value, Money):
        return f"£{value:,.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


class ChangesModel(_PlanListModel):
    """The call list: who must be phoned to cover what."""

    _before: set[tuple[str, object]] | None = None  # the last plan's covers, to mark new ones

    def columns(self) -> list[Column]:
        person = self._person
        return [
            ("Date", lambda c: f"{c.group.day:%a %d/%m/%Y}"),
            ("Shift", lambda c: c.group.shift_code),
            ("Times", lambda c: f"{c.start:%H:%M}–{c.end:%H:%M}"),
            ("Specialty", lambda c: c.group.specialty),
            ("Tier", lambda c: c.group.tier.label),
            ("Priority", lambda c: c.priority),
            ("Covered by", lambda c: self._name(c.person_key)),
            ("Grade", lambda c: person(c).grade),
            ("Cover type", lambda c: c.cover_type.value),
            ("Replaces", lambda c: self._name(c.replaces) if c.replaces else ""),
            ("Hours", lambda c: round(c.minutes / 60, 2)),
            ("Cost", lambda c: Money(c.cost)),
            ("Phone", lambda c: person(c).phone),
            ("Email", lambda c: person(c).email),
            ("Status", lambda c: self._session.status(CoverChoice(c.person_key, c.group)).value),
            ("Since last plan", self._change),
        ]

    def _change(self, cover: Cover) -> str:
        if self._before is None:
            return ""
        return "" if (cover.person_key, cover.group) in self._before else "New"

    def _person(self, cover: Cover) -> Any:
        scenario = self._session.planned_scenario
        return scenario.person(cover.person_key) if scenario else None

    def rows_from_plan(self) -> Sequence[Cover]:
        assert self._session.plan is not None
        previous = self._session.previous_plan
        self._before = {(c.person_key, c.group) for c in previous.covers} if previous else None
        return sorted(self._session.plan.covers, key=lambda c: (c.group.day, c.priority, c.start))


class GapsModel(_PlanListModel):
    """Slot groups not fully covered, with the reason."""

    def columns(self) -> list[Column]:
        return [
            ("Date", lambda g: f"{g.group.day:%a %d/%m/%Y}"),
            ("Shift", lambda g: g.group.shift_code),
            ("Specialty", lambda g: g.group.specialty),
            ("Tier", lambda g: g.group.tier.label),
            ("Priority", lambda g: g.priority),
            ("Needed", lambda g: g.needed),
            ("Covered", lambda g: g.covered),
            ("Missing", lambda g: g.missing),
            ("Reason", lambda g: g.reason),
        ]

    def rows_from_plan(self) -> Sequence[Gap]:
        assert self._session.plan is not None
        return sorted(self._session.plan.gaps, key=lambda g: (g.priority, g.group))


class CancelledModel(_PlanListModel):
    """Elective sessions cancelled to free their doctors."""

    def columns(self) -> list[Column]:
        return [
            ("Date", lambda s: f"{s.day:%a %d/%m/%Y}"),
            ("Doctor", lambda s: self._name(s.person_key)),
            ("Session", lambda s: s.code),
            ("Times", lambda s: f"{s.start:%H:%M}–{s.end:%H:%M}"),
            ("Reason", lambda s: s.reason),
        ]

    def rows_from_plan(self) -> Sequence[CancelledSession]:
        assert self._session.plan is not None
        return sorted(self._session.plan.cancelled, key=lambda s: (s.day, s.start))
