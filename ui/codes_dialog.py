"""Define shift codes the workbook uses but does not define, right in the window.

Until defined, a doctor with such a code is unavailable for cover that day (never free)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QTimeEdit, QVBoxLayout, QWidget)

from planner.domain import ShiftCode, ShiftType

_TYPES = [ShiftType.WORK, ShiftType.ELECTIVE, ShiftType.LEAVE, ShiftType.OFF]


class _CodeRow(QWidget):
    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.type = QComboBox(accessibleName=f"Type of {code}")
        self.type.addItems([t.value for t in _TYPES])
        self.start = QTimeEdit(QTime(8, 0), displayFormat="HH:mm", accessibleName=f"{code} starts")
        self.end = QTimeEdit(QTime(17, 0), displayFormat="HH:mm", accessibleName=f"{code} ends")
        self.type.currentIndexChanged.connect(self._on_type_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.type, QLabel("from"), self.start, QLabel("to"), self.end):
            row.addWidget(widget)

    def _on_type_changed(self, index: int) -> None:
        timed = _TYPES[index].is_worked
        self.start.setEnabled(timed)
        self.end.setEnabled(timed)

    def shift_code(self) -> ShiftCode:
        kind = _TYPES[self.type.currentIndex()]
        if not kind.is_worked:
            return ShiftCode(self.code, kind)
        start, end = self.start.time().toPython(), self.end.time().toPython()
        return ShiftCode(self.code, kind, start, end)  # type: ignore[arg-type]


class CodesDialog(QDialog):
    """One row per undefined code: its type and, for worked codes, its times."""

    def __init__(self, codes: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Define shift codes")
        self.rows = [_CodeRow(code) for code in codes]
        form = QFormLayout()
        for row in self.rows:
            form.addRow(row.code, row)
        note = QLabel("An end at or before the start ends the next day. Leave blocks cover that "
                      "day; Off does not.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def codes(self) -> dict[str, ShiftCode]:
        return {row.code: row.shift_code() for row in self.rows}
