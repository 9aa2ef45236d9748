"""Each resident's declaration (striking, working, undeclared), with bulk changes and import.

"All registrars in ED are working": filter the list, select what is shown, press Working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLineEdit,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from planner.domain import Declaration, Person
from planner.workbook.declarations import read_declarations
from ui.session import Session
from ui.table_model import INK, Index, RowsModel

_COLUMNS = ("Name", "Grade", "Specialty", "Declaration")
_COLOURS = {Declaration.STRIKING: "#f6d6d3", Declaration.WORKING: "#d7f0d2",
            Declaration.UNDECLARED: "#fff1c4"}


class DeclarationsModel(RowsModel):
    """The rota's residents and what each has declared (or not)."""

    headers = _COLUMNS

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        session.subscribe(self._on_session_changed)

    def _on_session_changed(self, event: str) -> None:
        if event in ("rota", "declarations", "undone", "restored", "reloaded"):
            imported = self._session.imported
            people = imported.scenario.people if imported else ()
            self.reset_rows([p for p in people if p.is_resident and not p.is_pool])

    def person(self, row: int) -> Person:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.rows[index.row()]
        declaration = self._session.declaration(person)
        if role == Qt.ItemDataRole.DisplayRole:
            return (person.name, person.grade, person.specialty, declaration.value)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 3:
            return QBrush(QColor(_COLOURS[declaration]))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return QBrush(INK)
        return None


class DeclarationsPanel(QWidget):
    """Filter, select, set; or import a declarations file."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.model = DeclarationsModel(session)
        self.proxy = QSortFilterProxyModel(filterKeyColumn=-1)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText="Filter: name, grade or specialty",
                                accessibleName="Filter residents")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(accessibleName="Declarations")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._layout()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for text, slot, tip in (
                ("Select shown", self.table.selectAll, "Select every resident the filter shows"),
                ("Striking", lambda: self.set_selected(Declaration.STRIKING), "They will strike"),
                ("Working", lambda: self.set_selected(Declaration.WORKING), "They will work"),
                ("Undeclared", lambda: self.set_selected(Declaration.UNDECLARED),
                 "Not said: planned for as striking"),
                ("Import…", self.choose_file, "Read a workbook or CSV of Name or Staff ID | Strike")):
            button = QPushButton(text, toolTip=tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_selected(self, declaration: Declaration) -> None:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        changes = {self.model.person(r).key: declaration for r in rows}
        if changes:
            self._session.set_declarations(changes)

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import declarations", str(Path.home()),
                                              "Declarations (*.xlsx *.xlsm *.csv)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        imported = self._session.imported
        if imported is None:
            return
        try:
            found, problems = read_declarations(path, imported.scenario)
        except Exception as error:  # one clear message, whatever went wrong
            QMessageBox.warning(self, "Cannot read declarations", str(error))
            return
        self._session.set_declarations(found)
        if problems:
            QMessageBox.information(self, "Declarations imported",
                                    f"{len(found)} read; {len(problems)} rows not used:\n"
                                    + "\n".join(problems[:20]))
