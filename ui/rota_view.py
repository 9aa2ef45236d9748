"""The rota grid view: frozen name, grade and specialty columns beside scrolling dates,
a filter bar (specialty, tier, name search) and hover details from the model's tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QTableView, QVBoxLayout, QWidget)

from planner.grades import Tier
from ui.rota_model import FIXED_COLUMNS, RotaFilter, RotaTableModel
from ui.session import Session


def _table() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(False)
    return view


class RotaView(QWidget):
    """Doctors by dates; the first three columns stay put while the dates scroll."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.model = RotaTableModel(session)
        self.proxy = RotaFilter(self.model)
        self.frozen = _table()
        self.dates = _table()
        for view in (self.frozen, self.dates):
            view.setModel(self.proxy)
        self.dates.setSelectionModel(self.frozen.selectionModel())
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.verticalScrollBar().valueChanged.connect(self.dates.verticalScrollBar().setValue)
        self.dates.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.setAccessibleName("Doctors")
        self.dates.setAccessibleName("Rota by date")
        self.specialty = QComboBox(accessibleName="Filter by specialty")
        self.tier = QComboBox(accessibleName="Filter by tier")
        self.grade = QComboBox(accessibleName="Filter by grade")
        self.search = QLineEdit(placeholderText="Search by name", accessibleName="Search by name")
        self.search.setClearButtonEnabled(True)
        self._layout()
        self.specialty.currentIndexChanged.connect(self._apply_filters)
        self.tier.currentIndexChanged.connect(self._apply_filters)
        self.grade.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.model.modelReset.connect(self._on_model_reset)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for label, widget in (("Specialty", self.specialty), ("Tier", self.tier), ("Grade", self.grade)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        grid = QHBoxLayout()
        grid.setSpacing(0)
        grid.addWidget(self.frozen)
        grid.addWidget(self.dates, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)

    @Slot()
    def _on_model_reset(self) -> None:
        columns = self.model.columnCount()
        for column in range(columns):
            fixed = column < len(FIXED_COLUMNS)
            self.frozen.setColumnHidden(column, not fixed)
            self.dates.setColumnHidden(column, fixed)
            if not fixed:
                self.dates.setColumnWidth(column, 52)
        self.frozen.horizontalHeader().setResizeContentsPrecision(300)
        self.frozen.resizeColumnsToContents()
        width = sum(self.frozen.columnWidth(c) for c in range(len(FIXED_COLUMNS)))
        self.frozen.setFixedWidth(min(width + 4, 460))
        self.dates.horizontalHeader().setMinimumHeight(38)
        self.frozen.horizontalHeader().setMinimumHeight(38)
        self._fill_filter_choices()

    def _fill_filter_choices(self) -> None:
        people = [self.model.person_at(r) for r in range(self.model.rowCount())]
        for combo, values in ((self.specialty, sorted({p.specialty for p in people if p.specialty})),
                              (self.tier, [t.label for t in Tier]),
                              (self.grade, sorted({p.grade for p in people if p.grade}))):
            chosen = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("All")
            combo.addItems(values)
            combo.setCurrentIndex(max(combo.findText(chosen), 0))  # a re-plan keeps the filter
            combo.blockSignals(False)
        self._apply_filters()

    @Slot()
    def _apply_filters(self) -> None:
        specialty = self.specialty.currentText()
        tier_text = self.tier.currentText()
        tier = next((t for t in Tier if t.label == tier_text), None)
        grade = self.grade.currentText()
        self.proxy.set_filters("" if specialty in ("", "All") else specialty, tier, self.search.text(),
                               "" if grade in ("", "All") else grade)

    def show_slot(self, specialty: str, day: object) -> None:
        """Filter to a specialty and bring a date into view: where a gap's struck shifts are."""
        index = self.specialty.findText(specialty)
        self.specialty.setCurrentIndex(max(index, 0))
        for column in range(self.model.columnCount()):
            if self.model.date_at(column) == day:
                self.dates.scrollTo(self.proxy.index(0, column))
                self.dates.selectColumn(column)
                return

    def scroll_to_strike(self) -> None:
        """Bring the first strike day into view, with a couple of days before it."""
        for column in range(self.model.columnCount()):
            day = self.model.date_at(column)
            if day is not None and self.model.is_strike_day(day):
                bar = self.dates.horizontalScrollBar()
                bar.setValue(bar.value() + self.dates.columnViewportPosition(max(column - 2, 0)))
                return
