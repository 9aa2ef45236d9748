""""Who else could cover this?": every candidate for one slot group, with why each is or is
not possible now and what they would cost; the manager may assign one by hand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableView, QVBoxLayout)

from planner.plan import SlotGroup
from planner.who_else import CoverOption
from ui.table_model import INK, Index, RowsModel

_COLUMNS = ("Doctor", "Grade", "Specialty", "Cost", "Can cover?")


class OptionsModel(RowsModel):
    """The candidates, possible ones first (a list computed off the GUI thread)."""

    headers = _COLUMNS

    def set_options(self, options: list[CoverOption]) -> None:
        self.reset_rows(options)

    def option(self, row: int) -> CoverOption:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        option = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            person = option.person
            return (person.name, person.grade, person.specialty, f"£{option.cost:,.2f}",
                    option.summary)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = "#d7f0d2" if option.possible and not option.would_cancel else (
                "#fff1c4" if option.possible else "#f6d6d3")
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INK)  # dark text on the light fills, in any theme
        return None


class WhoElseDialog(QDialog):
    """Lists the candidates for one slot group; 'Assign' hands the chosen one back."""

    assign_requested = Signal(object, object)  # (SlotGroup, CoverOption)

    def __init__(self, group: SlotGroup, parent: Any = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setWindowTitle(f"Who else could cover {group.key}?")
        self.model = OptionsModel()
        self.table = QTableView(accessibleName="Candidates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.status = QLabel("Checking every candidate against the rules…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.assign_button = buttons.addButton("Assign selected doctor",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.assign_button.setEnabled(False)
        self.assign_button.clicked.connect(self.assign_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        needed = f"{group.need} needed · {group.start:%a %d/%m %H:%M}–{group.end:%H:%M} · priority {group.priority}"
        layout.addWidget(QLabel(needed))
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(900, 480)

    def show_options(self, options: list[CoverOption]) -> None:
        self.model.set_options(options)
        free = sum(1 for o in options if o.possible and not o.covering_now)
        self.status.setText(f"{len(options)} doctors of the right grade and specialty; "
                            f"{free} could cover now.")
        self.assign_button.setEnabled(bool(options))

    @Slot()
    def assign_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.assign_requested.emit(self.group, self.model.option(rows[0].row()))

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.assign_selected()
