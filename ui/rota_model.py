"""The rota grid as a table model: doctors by dates, over the session's scenario and plan.

The model owns no data: on each session event it rebuilds small look-up tables (so ``data`` is a
few dictionary reads even at 2,500 doctors × 42 days) inside a model reset.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.domain import Person, RosterEntry, ShiftType
from planner.grades import Tier
from solver import CoverChoice
from ui.session import Session
from ui.table_model import INK

FIXED_COLUMNS = ("Name", "Grade", "Specialty")
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1

TYPE_COLOURS = {
    ShiftType.WORK: QColor("#dbe8f7"),
    ShiftType.ELECTIVE: QColor("#e6def2"),
    ShiftType.LEAVE: QColor("#e3efd9"),
    ShiftType.OFF: QColor("#f5f5f5"),
    ShiftType.UNKNOWN: QColor("#f7d4d4"),
}
NIGHT_COLOUR = QColor("#b9c9e8")
COVER_COLOUR = QColor("#fff176")
STRUCK_COLOUR = QColor("#c8c8c8")
CANCELLED_COLOUR = QColor("#ffcc80")
STRIKE_DAY_COLOUR = QColor("#fde3cf")

Index = QModelIndex | QPersistentModelIndex


class RotaTableModel(QAbstractTableModel):
    """Rows are doctors (rota first, then locum and bank), columns name, grade, specialty, dates."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._people: list[Person] = []
        self._dates: list[dt.date] = []
        self._entries: dict[tuple[str, dt.date], RosterEntry] = {}
        self._covers: dict[tuple[str, dt.date], Any] = {}
        self._struck: set[tuple[str, dt.date]] = set()
        self._cancelled: dict[tuple[str, dt.date], str] = {}
        self._strike_days: set[dt.date] = set()
        session.subscribe(self._on_session_changed)

    def _on_session_changed(self, event: str) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        scenario = self._session.scenario
        if scenario is None:
            self._people, self._dates, self._entries = [], [], {}
            return
        self._people = sorted(scenario.people, key=lambda p: p.is_pool)
        self._dates = list(scenario.dates)
        self._entries = {(e.person_key, e.day): e for e in scenario.roster}
        self._covers = self._session.covers_by_cell()
        self._struck = self._session.struck_cells()
        self._cancelled = self._session.cancelled_cells()
        self._strike_days = set(scenario.strike_dates)

    # --- shape ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._dates)

    def is_strike_day(self, day: dt.date) -> bool:
        return day in self._strike_days

    def person_at(self, row: int) -> Person:
        return self._people[row]

    def date_at(self, column: int) -> dt.date | None:
        offset = column - len(FIXED_COLUMNS)
        return self._dates[offset] if 0 <= offset < len(self._dates) else None

    # --- content --------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        day = self.date_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED_COLUMNS[section] if day is None else f"{day:%a}\n{day:%d/%m}"
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            return f"{day:%A %d %B %Y}" + (" — strike day" if day in self._strike_days else "")
        if role == Qt.ItemDataRole.BackgroundRole and day in self._strike_days:
            return QBrush(STRIKE_DAY_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and day in self._strike_days:
            return QBrush(INK)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        if role == PERSON_ROLE:
            return person.key
        day = self.date_at(index.column())
        if day is None:
            return self._person_data(person, index.column(), role)
        return self._cell_data(person, day, role)

    def _person_data(self, person: Person, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (person.name, person.grade, person.specialty)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "" if not person.is_pool else f" ({person.kind.value})"
            return f"{person.name}{kind}\n{person.grade} · {person.tier.label} · {person.specialty}"
        return None

    def _cell_data(self, person: Person, day: dt.date, role: int) -> Any:
        key = (person.key, day)
        cover = self._covers.get(key)
        entry = self._entries.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return cover.group.shift_code if cover else (entry.code if entry else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self._colour(key, day, entry, cover is not None))
        if role == Qt.ItemDataRole.ForegroundRole:  # dark text on the light fills, in any theme
            return QBrush(INK)
        if role == Qt.ItemDataRole.FontRole and (cover or key in self._struck or key in self._cancelled):
            font = QFont()
            font.setBold(cover is not None)
            font.setStrikeOut(cover is None)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, entry, cover)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _colour(self, key: tuple[str, dt.date], day: dt.date, entry: RosterEntry | None,
                covered: bool) -> QColor:
        if covered:
            return COVER_COLOUR
        if key in self._struck:
            return STRUCK_COLOUR
        if key in self._cancelled:
            return CANCELLED_COLOUR
        scenario = self._session.scenario
        if entry is None or scenario is None:
            return STRIKE_DAY_COLOUR if day in self._strike_days else QColor(Qt.GlobalColor.white)
        code = scenario.code(entry.code)
        shift = scenario.shift_of(entry)
        if shift is not None and code.type is ShiftType.WORK and shift.start.hour >= 19:
            return NIGHT_COLOUR
        return TYPE_COLOURS[code.type]

    def _tooltip(self, key: tuple[str, dt.date], entry: RosterEntry | None, cover: Any) -> str:
        scenario = self._session.scenario
        lines = []
        if entry is not None and scenario is not None:
            code = scenario.code(entry.code)
            times = f" {code.start:%H:%M}–{code.end:%H:%M}" if code.is_timed else ""  # type: ignore[union-attr]
            lines.append(f"{entry.code}{times} ({code.type.value})")
            if entry.note:
                lines.append(f"Note: {entry.note}")
            if key in self._struck:
                lines.append("Struck: this doctor is expected to strike")
            if key in self._cancelled and cover is None:
                lines.append(f"Cancelled: {self._cancelled[key]}")
        if cover is not None and scenario is not None:
            replaces = scenario.people_by_key.get(cover.replaces)
            status = self._session.status(CoverChoice(cover.person_key, cover.group)).value
            lines.append(f"Covers {cover.group} — {cover.cover_type.value}, £{cover.cost:,.2f}")
            lines.append(f"Call: {status}")
            if replaces:
                lines.append(f"Replaces {replaces.name}")
        return "\n".join(lines)


class RotaFilter(QSortFilterProxyModel):
    """Filter the grid by specialty, tier and a name search, without copying anything."""

    def __init__(self, source: RotaTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self._rota = source
        self._specialty = ""
        self._tier: Tier | None = None
        self._grade = ""
        self._text = ""

    def set_filters(self, specialty: str = "", tier: Tier | None = None, text: str = "",
                    grade: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._remember(specialty, tier, text, grade)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._remember(specialty, tier, text, grade)
            self.invalidateRowsFilter()

    def _remember(self, specialty: str, tier: Tier | None, text: str, grade: str) -> None:
        self._specialty, self._tier, self._text, self._grade = specialty, tier, text.strip().lower(), grade

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        person = self._rota.person_at(source_row)
        return ((not self._specialty or person.specialty == self._specialty)
                and (self._tier is None or person.tier == self._tier)
                and (not self._grade or person.grade == self._grade)
                and (not self._text or self._text in person.name.lower()))
