"""Planning settings: rates (with the published presets), working-time rules (with the NHS
defaults and a reset), and how demand is counted (refill every struck shift, or the trust's
minimum staffing rules, edited in place)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QRadioButton, QTableView, QTabWidget, QVBoxLayout, QWidget)

from planner.domain import RATE_PRESETS, BandRates, CoverRule, RateCard, WorkingTimeRules
from planner.grades import Tier, tier_of_grade
from ui.table_model import Index, RowsModel

RULE_LABELS = {
    "min_rest_hours": "Rest between two shifts, at least (h)",
    "max_shift_hours": "Length of one shift, at most (h)",
    "max_hours_per_168": "Hours in any 168 hours, at most",
    "max_consecutive_nights": "Consecutive night shifts, at most",
    "min_rest_after_nights_hours": "Rest after the last night of a run, at least (h)",
    "max_consecutive_long_shifts": "Consecutive long shifts (over 10 h), at most",
    "max_consecutive_shifts": "Consecutive shifts of any kind, at most",
}
BANDS = (("weekday_day", "Weekday day 07:00–19:00"), ("weekday_evening", "Weekday evening 19:00–23:00"),
         ("weekend_day", "Weekend and bank holiday day 07:00–23:00"), ("night", "Night 23:00–07:00"))
_RULE_COLUMNS = ("Specialty", "Shift", "Tier", "Minimum", "Priority")


class CoverRulesModel(RowsModel):
    """The minimum staffing rules, editable cell by cell."""

    headers = _RULE_COLUMNS

    def __init__(self, rules: tuple[CoverRule, ...]) -> None:
        super().__init__()
        self.rows = list(rules)

    @property
    def rules(self) -> list[CoverRule]:
        return self.rows

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        rule = self.rules[index.row()]
        return (rule.specialty, rule.shift_code, rule.tier.label, rule.minimum, rule.priority)[index.column()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        rule = self.rules[index.row()]
        try:
            changed = _edited(rule, index.column(), str(value).strip())
        except ValueError:
            return False
        self.rules[index.row()] = changed
        self.dataChanged.emit(index, index)
        return True

    def add_rule(self) -> None:
        row = len(self.rules)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rules.append(CoverRule("Specialty", "D", Tier.REGISTRAR, 1, 1))
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rules[row]
            self.endRemoveRows()


def _edited(rule: CoverRule, column: int, text: str) -> CoverRule:
    """The rule with one cell changed; ValueError if the text cannot be that cell."""
    if column == 0 and text:
        return dataclasses.replace(rule, specialty=text)
    if column == 1 and text:
        return dataclasses.replace(rule, shift_code=text.upper())
    if column == 2:
        tier = tier_of_grade(text)
        if tier is None:
            raise ValueError(text)
        return dataclasses.replace(rule, tier=tier)
    if column == 3 and int(text) >= 0:
        return dataclasses.replace(rule, minimum=int(text))
    if column == 4 and int(text) in (1, 2, 3):
        return dataclasses.replace(rule, priority=int(text))
    raise ValueError(text)


class SettingsDialog(QDialog):
    """Edits a copy of the settings; the caller reads them back after Accept."""

    def __init__(self, rates: RateCard, rules: WorkingTimeRules,
                 cover_rules: tuple[CoverRule, ...] | None, time_limit: float,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planning settings")
        self._card = rates
        tabs = QTabWidget()
        tabs.addTab(self._rates_tab(rates), "Rates")
        tabs.addTab(self._rules_tab(rules), "Working-time rules")
        tabs.addTab(self._cover_tab(cover_rules), "Cover needed")
        tabs.addTab(self._solver_tab(time_limit), "Planning")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # --- rates ----------------------------------------------------------------------------
    def _rates_tab(self, rates: RateCard) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.preset = QComboBox(accessibleName="Rate card")
        self.preset.addItems(["As set", "BMA consultant rate card 2023", "2025 figures (press reports)"])
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        form.addRow("Rate card", self.preset)
        self.band_boxes: dict[str, QDoubleSpinBox] = {}
        for name, label in BANDS:
            box = QDoubleSpinBox(maximum=2000, decimals=2, prefix="£", accessibleName=label)
            box.setValue(getattr(rates.default, name))
            self.band_boxes[name] = box
            form.addRow(label, box)
        note = QLabel("These are the BMA's published figures, not rates agreed by employers: set "
                      "your trust's own. SAS doctors and residents doing extra shifts use the same "
                      "card until you do; a locum's own hourly rate (Staff sheet) is always used.")
        note.setWordWrap(True)
        form.addRow(note)
        return tab

    @Slot(int)
    def _on_preset_changed(self, index: int) -> None:
        card = {1: RATE_PRESETS["2023"], 2: RATE_PRESETS["2025"]}.get(index)
        if card is not None:
            self._card = card
            for name, box in self.band_boxes.items():
                box.setValue(getattr(card.default, name))

    def rates(self) -> RateCard:
        default = BandRates(**{name: box.value() for name, box in self.band_boxes.items()})
        if default == self._card.default:
            return self._card
        return RateCard(name="Rates set in the window", default=default,
                        by_tier=self._card.by_tier, by_grade=self._card.by_grade)

    # --- rules ----------------------------------------------------------------------------
    def _rules_tab(self, rules: WorkingTimeRules) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.rule_boxes: dict[str, QDoubleSpinBox] = {}
        for name, label in RULE_LABELS.items():
            whole = isinstance(getattr(WorkingTimeRules(), name), int)
            box = QDoubleSpinBox(maximum=200, decimals=0 if whole else 1, accessibleName=label)
            box.setValue(getattr(rules, name))
            self.rule_boxes[name] = box
            form.addRow(label, box)
        reset = QPushButton("Reset to the NHS defaults")
        reset.clicked.connect(self.reset_rules)
        form.addRow(reset)
        return tab

    @Slot()
    def reset_rules(self) -> None:
        for name, box in self.rule_boxes.items():
            box.setValue(getattr(WorkingTimeRules(), name))

    def rules(self) -> WorkingTimeRules:
        values: dict[str, Any] = {}
        for name, box in self.rule_boxes.items():
            whole = isinstance(getattr(WorkingTimeRules(), name), int)
            values[name] = int(box.value()) if whole else box.value()
        return WorkingTimeRules(**values)

    # --- cover ----------------------------------------------------------------------------
    def _cover_tab(self, cover_rules: tuple[CoverRule, ...] | None) -> QWidget:
        tab = QWidget()
        self.refill = QRadioButton("Refill every struck shift (priority from the specialty)")
        self.minimums = QRadioButton("Minimum staffing: only what these rules need")
        group = QButtonGroup(tab)
        group.addButton(self.refill)
        group.addButton(self.minimums)
        (self.refill if cover_rules is None else self.minimums).setChecked(True)
        self.rules_model = CoverRulesModel(cover_rules or ())
        self.rules_table = QTableView(accessibleName="Cover rules")
        self.rules_table.setModel(self.rules_model)
        add, remove = QPushButton("Add rule"), QPushButton("Remove selected")
        add.clicked.connect(self.rules_model.add_rule)
        remove.clicked.connect(lambda: self.rules_model.remove_rows(
            [i.row() for i in self.rules_table.selectionModel().selectedRows()]))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout = QVBoxLayout(tab)
        for widget in (self.refill, self.minimums, self.rules_table):
            layout.addWidget(widget)
        layout.addLayout(row)
        return tab

    def cover_rules(self) -> tuple[CoverRule, ...] | None:
        return None if self.refill.isChecked() else tuple(self.rules_model.rules)

    # --- solver ---------------------------------------------------------------------------
    def _solver_tab(self, time_limit: float) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.time_limit = QDoubleSpinBox(minimum=1, maximum=3600, decimals=0, suffix=" s",
                                         accessibleName="Time limit")
        self.time_limit.setValue(time_limit)
        form.addRow("Search for at most", self.time_limit)
        form.addRow(QLabel("The search stops sooner when every level is proven best."))
        return tab
