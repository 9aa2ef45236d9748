"""The strike set-up: the walkout windows, and how many residents are planned as striking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, Slot
from PySide6.QtWidgets import (QDateTimeEdit, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from planner.domain import StrikeWindow
from ui.session import Session

_FORMAT = "ddd dd/MM/yyyy HH:mm"


def _qt(moment: dt.datetime) -> QDateTime:
    return QDateTime(moment)


def _py(moment: QDateTime) -> dt.datetime:
    return moment.toPython()  # type: ignore[return-value]


class _WindowRow(QWidget):
    """One walkout: start and end pickers and a remove button."""

    def __init__(self, window: StrikeWindow, panel: StrikePanel) -> None:
        super().__init__()
        self.start = QDateTimeEdit(_qt(window.start))
        self.end = QDateTimeEdit(_qt(window.end))
        for edit, name in ((self.start, "Strike starts"), (self.end, "Strike ends")):
            edit.setDisplayFormat(_FORMAT)
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.editingFinished.connect(panel.windows_edited)
        remove = QPushButton("Remove")
        remove.setToolTip("Remove this strike window")
        remove.clicked.connect(lambda: panel.remove_row(self))
        form = QFormLayout(self)
        form.addRow("Starts", self.start)
        form.addRow("Ends", self.end)
        form.addRow("", remove)

    def window(self) -> StrikeWindow | None:
        start, end = _py(self.start.dateTime()), _py(self.end.dateTime())
        return StrikeWindow(start, end) if end > start else None


class StrikePanel(QWidget):
    """Edits the session's strike windows (07:00 to 07:00 by default)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._rows: list[_WindowRow] = []
        self._rows_box = QVBoxLayout()
        add = QPushButton("Add strike window")
        add.setToolTip("Another walkout, from 07:00 to 07:00")
        add.clicked.connect(self.add_window)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._rows_box)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addStretch()
        session.subscribe(self._on_session_changed)

    @Slot()
    def add_window(self) -> None:
        last = self._session.windows[-1] if self._session.windows else None
        start = (last.end + dt.timedelta(days=7)) if last else dt.datetime.now().replace(
            hour=7, minute=0, second=0, microsecond=0)
        self._session.set_windows((*self._session.windows, StrikeWindow(start, start + dt.timedelta(days=1))))

    def remove_row(self, row: _WindowRow) -> None:
        windows = [r.window() for r in self._rows if r is not row]
        self._session.set_windows(tuple(w for w in windows if w))

    @Slot()
    def windows_edited(self) -> None:
        windows = tuple(w for w in (r.window() for r in self._rows) if w)
        if windows != self._session.windows:
            self._session.set_windows(windows)

    def _on_session_changed(self, event: str) -> None:
        if event in ("rota", "strike", "undone", "restored", "reloaded"):
            self._show_windows()
        self._show_summary()

    def _show_windows(self) -> None:
        for row in self._rows:
            self._rows_box.removeWidget(row)
            row.deleteLater()
        self._rows = [_WindowRow(w, self) for w in self._session.windows]
        for row in self._rows:
            self._rows_box.addWidget(row)

    def _show_summary(self) -> None:
        scenario = self._session.scenario
        if scenario is None:
            self.summary.setText("Open a rota workbook to begin.")
            return
        residents = [p for p in scenario.people if p.is_resident and not p.is_pool]
        striking = sum(1 for p in residents if scenario.is_striking(p))
        days = len(scenario.strike_dates)
        self.summary.setText(
            f"{days} strike day(s) in the rota. {striking} of {len(residents)} residents planned "
            "as striking (undeclared residents count as striking: the worst case).")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
