"""The plan's review panes: sortable, filterable, copyable lists; the summary; the import report."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLineEdit, QPlainTextEdit,
                               QTableView, QVBoxLayout, QWidget)

from ui.plan_models import SORT_ROLE
from ui.session import Session


class ListView(QWidget):
    """A list with a filter box; Ctrl+C copies the selected rows as tab-separated text."""

    def __init__(self, model: QAbstractTableModel, what: str) -> None:
        super().__init__()
        self.model = model
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(placeholderText=f"Filter the {what}", accessibleName=f"Filter {what}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(accessibleName=what.capitalize())
        self.table.setModel(self.proxy)
        # Rows arrive in a sensible order; sort only when the manager clicks a header.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, activated=self.copy_selection)
        self._sized = False
        model.modelReset.connect(self._on_model_reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    @Slot()
    def _on_model_reset(self) -> None:
        """Set the column widths once, from the headers and a few rows: measuring every row of
        a long call list would hold up the window; re-plans keep the manager's widths."""
        if self._sized or self.model.rowCount() == 0:
            return
        metrics = self.table.fontMetrics()
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(self.model.index(r, column).data() or "")
                      for r in range(min(20, self.model.rowCount()))]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            self.table.setColumnWidth(column, min(max(widest + 24, 60), 420))
        self._sized = True

    @Slot()
    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        columns = range(self.proxy.columnCount())
        header = "\t".join(str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns)
        lines = ["\t".join(str(self.proxy.index(r, c).data() or "") for c in columns) for r in rows]
        QGuiApplication.clipboard().setText("\n".join([header, *lines]))


class SummaryView(QPlainTextEdit):
    """Totals, cost, how sure the plan is, and the per-day sitrep numbers."""

    def __init__(self, session: Session) -> None:
        super().__init__(readOnly=True, accessibleName="Plan summary")
        self._session = session
        session.subscribe(self._on_session_changed)

    def _on_session_changed(self, event: str) -> None:
        self.setPlainText(self.summary_text())

    def summary_text(self) -> str:
        plan, scenario = self._session.plan, self._session.planned_scenario
        if plan is None or scenario is None:
            return "No plan yet: set the strike windows and press Plan cover (Ctrl+R)."
        needed, covered = plan.needed_by_priority(), plan.covered_by_priority()
        lines = [f"Status: {plan.status} ({plan.solve_seconds:.1f} s)", ""]
        added, dropped = self._session.changes_since_last_plan()
        if self._session.previous_plan is not None:
            lines += [f"Since the last plan: {len(added)} cover(s) added (marked New in Changes), "
                      f"{len(dropped)} dropped:"]
            lines += [f"  no longer: {self._name(c.person_key)} on {c.group}" for c in dropped[:30]]
            lines.append("")
        for priority in (1, 2, 3):
            lines.append(f"Priority {priority}: {covered.get(priority, 0)} of "
                         f"{needed.get(priority, 0)} slots covered")
        lines += [f"Elective sessions cancelled: {len(plan.cancelled)}",
                  f"Cost of cover: £{plan.total_cost:,.2f}", "", "How sure is this plan:"]
        lines += [f"  {s.name}: {s.value:,.2f}" + (" (proven best)" if s.proven_optimal
                                                   else f" (bound {s.bound:,.2f})") for s in plan.stages]
        lines += ["", "Situation report (due to work / taking part / electives cancelled):"]
        lines += [f"  {d.day:%a %d/%m/%Y}: {d.due_to_work} / {d.taking_part} / {d.electives_cancelled}"
                  for d in self._session.sitrep_days]
        lines += [f"Note: {note}" for note in plan.notes]
        return "\n".join(lines)


    def _name(self, key: str) -> str:
        scenario = self._session.planned_scenario
        person = scenario.people_by_key.get(key) if scenario else None
        return person.name if person else key


class ImportReport(QPlainTextEdit):
    """Where the import found the grid, and every problem and skipped row with its place."""

    def __init__(self, session: Session) -> None:
        super().__init__(readOnly=True, accessibleName="Import report")
        self._session = session
        session.subscribe(self._on_session_changed)

    def _on_session_changed(self, event: str) -> None:
        if event in ("rota", "reloaded", "restored", "codes") and self._session.imported is not None:
            imported = self._session.imported
            lines = [f"Grid: {imported.layout.describe()}", ""]
            for title, issues in (("Problems", imported.problems), ("Notes", imported.notes),
                                  ("Skipped rows", imported.skipped)):
                lines.append(f"{title} ({len(issues)}):")
                lines += [f"  {issue}" for issue in issues]
                lines.append("")
            unknown = self._session.unknown_codes()
            if unknown:
                lines.insert(1, f"Undefined shift codes: {', '.join(unknown)} — File > Define shift "
                                "codes (Ctrl+D) to give them times instead of editing the file.")
            self.setPlainText("\n".join(lines))
