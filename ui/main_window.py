"""The main window: open a rota, set the strike, plan, review, export.

A shell over the same functions the command line calls; it adds no rule of its own. Import,
solve and export run off the GUI thread; solver progress is a plain value a timer polls.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent,
                           QKeySequence)
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QSplitter, QTabWidget, QToolBar)

from planner.checker import CheckReport, check_plan
from planner.sitrep import SitrepDay, sitrep
from planner.domain import PlannerError, Scenario
from planner.plan import Plan
from planner.workbook.export import export_plan
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook
from solver import STOPPED, SolveConfig, SolveProgress, solve
from planner.plan import AcceptedBreach, SlotGroup
from planner.who_else import CoverOption, cancellations_for, cover_options, new_cover
from ui.changes_view import ChangesView
from ui.codes_dialog import CodesDialog
from ui.coverage_chart import CoverageChart
from ui.declarations_panel import DeclarationsPanel
from ui.settings_dialog import SettingsDialog
from ui.undo import SessionHistory
from ui.who_else_dialog import WhoElseDialog
from ui.plan_models import CancelledModel, GapsModel
from ui.project_files import PROJECT_FILTER, PROJECT_SUFFIX, ProjectFiles
from ui.results import ImportReport, ListView, SummaryView
from ui.rota_view import RotaView
from ui.session import Session
from ui.strike_panel import StrikePanel
from ui.tasks import run_in_background

WORKBOOK_FILTER = "Excel workbooks (*.xlsx *.xlsm)"
OPEN_FILTER = f"Rotas and projects (*.xlsx *.xlsm *{PROJECT_SUFFIX});;{WORKBOOK_FILTER};;{PROJECT_FILTER}"


class PlanRun:
    """One solve: its latest progress (written by solver threads, read by a GUI timer) and stop."""

    def __init__(self) -> None:
        self.latest: SolveProgress | None = None
        self.best: dict[tuple[str, str], float] = {}  # (part, level) -> best value so far
        self.stop = threading.Event()

    def report(self, progress: SolveProgress) -> None:
        # Reference and item assignments only: safe to read from the GUI thread meanwhile.
        if progress.objective is not None:
            self.best[(progress.message, progress.stage)] = progress.objective
        self.latest = progress

    def covered_so_far(self) -> str:
        """Slots covered per priority in the best plan so far, over all parts."""
        totals: dict[int, float] = {}
        cost = None
        for (_, stage), value in list(self.best.items()):
            for priority in (1, 2, 3):
                if stage == f"Priority {priority} slots covered":
                    totals[priority] = totals.get(priority, 0) + value
            if stage.startswith("Cost"):
                cost = (cost or 0.0) + value
        parts = [f"P{p} {totals[p]:,.0f}" for p in sorted(totals)]
        return " · ".join(parts + ([f"£{cost:,.0f}"] if cost is not None else []))


class MainWindow(QMainWindow):
    """Rota Cover Planner's window."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.session = Session()
        self.run: PlanRun | None = None
        self.who_else_dialog: WhoElseDialog | None = None
        self.setWindowTitle("Rota Cover Planner")
        self.setAcceptDrops(True)
        self._build_views()
        self.project_files = ProjectFiles(self)
        self.history = SessionHistory(self.session, self)
        self._build_actions()
        self._timer = QTimer(self, interval=100, timeout=self._show_progress)
        self.session.subscribe(self._on_session_changed)
        self._on_session_changed("")
        self.resize(1400, 850)
        self.restoreGeometry(self.settings.value("window/geometry", b""))  # type: ignore[arg-type]
        self.restoreState(self.settings.value("window/state", b""))  # type: ignore[arg-type]

    # --- layout ---------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.rota_view = RotaView(self.session)
        self.setCentralWidget(self.rota_view)
        self.strike_panel = StrikePanel(self.session)
        self._dock("Strike", self.strike_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.declarations_panel = DeclarationsPanel(self.session)
        self._dock("Declarations", self.declarations_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabs = QTabWidget()
        self.changes_view = ChangesView(self.session)
        self.changes_view.declined.connect(self._on_changes_view_declined)
        self.gaps_view = ListView(GapsModel(self.session), "gaps")
        self.gaps_view.table.doubleClicked.connect(self._on_gaps_double_clicked)
        self.cancelled_view = ListView(CancelledModel(self.session), "cancelled sessions")
        self.summary_view = SummaryView(self.session)
        self.coverage_chart = CoverageChart(self.session)
        summary = QSplitter()
        summary.addWidget(self.summary_view)
        summary.addWidget(self.coverage_chart)
        self.import_report = ImportReport(self.session)
        for view, title in ((summary, "Summary"), (self.changes_view, "Changes"),
                            (self.gaps_view, "Gaps"), (self.cancelled_view, "Cancelled"),
                            (self.import_report, "Import report")):
            self.tabs.addTab(view, title)
        self._dock("Plan", self.tabs, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar(maximumWidth=160, visible=False)
        self.progress_bar.setRange(0, 0)
        self.statusBar().addWidget(self.progress_label, 1)
        self.statusBar().addPermanentWidget(self.progress_bar)

    def _dock(self, title: str, widget: object, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        dock.setWidget(widget)  # type: ignore[arg-type]
        self.addDockWidget(area, dock)

    def _build_actions(self) -> None:
        self.open_action = self._action("&Open rota…", QKeySequence.StandardKey.Open, self.choose_file,
                                        "Open a rota workbook (.xlsx, .xlsm)")
        self.plan_action = self._action("&Plan cover", QKeySequence("Ctrl+R"), self.start_plan,
                                        "Plan cover for the strike")
        self.stop_action = self._action("&Stop", QKeySequence("Esc"), self.stop_plan,
                                        "Stop and keep the best plan so far")
        self.export_action = self._action("&Export plan…", QKeySequence("Ctrl+E"), self.choose_export,
                                          "Write the revised rota and call list to a new workbook")
        self.codes_action = self._action("&Define shift codes…", QKeySequence("Ctrl+D"),
                                         self.define_codes,
                                         "Give times and a type to codes the workbook does not define")
        self.settings_action = self._action("Planning &settings…", QKeySequence("Ctrl+,"),
                                            self.edit_settings,
                                            "Rates, working-time rules and the cover needed")
        self.who_else_action = self._action("&Who else could cover this?", QKeySequence("Ctrl+K"),
                                            self.who_else_for_selection,
                                            "Every candidate for the selected cover or gap, and why")
        toolbar = QToolBar("Main", objectName="main-toolbar")
        file_menu = self.menuBar().addMenu("&File")
        plan_menu = self.menuBar().addMenu("&Plan")
        for action, menu in ((self.open_action, file_menu), (self.export_action, file_menu),
                             (self.plan_action, plan_menu), (self.stop_action, plan_menu),
                             (self.who_else_action, plan_menu), (self.settings_action, plan_menu)):
            toolbar.addAction(action)
            menu.addAction(action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.history.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.history.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.reload_action = self._action("Re&load rota", QKeySequence.StandardKey.Refresh,
                                          self.reload_file,
                                          "Read the rota again after fixing it, keeping the strike set-up")
        file_menu.addAction(self.reload_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.save_action = self._action("&Save project", QKeySequence.StandardKey.Save,
                                        self.project_files.save,
                                        "Save the rota, strike set-up, calls and plan in one file")
        self.save_as_action = self._action("Save project &as…", QKeySequence.StandardKey.SaveAs,
                                           self.project_files.save_as, "Save the project under a new name")
        file_menu.addAction(self.codes_action)
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close, "Quit"))
        self.addToolBar(toolbar)

    def _action(self, text: str, shortcut: object, slot: object, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    # --- open -----------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        folder = str(self.settings.value("files/last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open rota workbook or project", folder, OPEN_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Import in the background; the window stays usable. Project files reopen the work."""
        if path.suffix.lower() == PROJECT_SUFFIX:
            self._remember(path)
            self.project_files.open(path)
            return
        self.show_busy(f"Reading {path.name}…")
        run_in_background(lambda: read_workbook(path),
                          lambda imported: self._on_imported(path, imported), self.show_failure)

    def _on_imported(self, path: Path, imported: ImportResult) -> None:
        self.show_idle(f"Read {path.name}: {len(imported.scenario.people)} doctors, "
                   f"{len(imported.problems)} problem(s) — see the Import report.")
        self.session.load(imported, path)
        self.rota_view.scroll_to_strike()
        self._remember(path)
        if imported.problems:
            self.tabs.setCurrentWidget(self.import_report)

    @Slot()
    def reload_file(self) -> None:
        source = self.session.source
        if source is None or not source.exists():
            return
        self.show_busy(f"Reading {source.name} again…")
        run_in_background(lambda: read_workbook(source), self._on_reloaded, self.show_failure)

    def _on_reloaded(self, imported: ImportResult) -> None:
        self.session.reload(imported)
        self.show_idle(f"Read again: {len(imported.scenario.people)} doctors, "
                       f"{len(imported.problems)} problem(s).")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().lower().endswith((".xlsx", ".xlsm", PROJECT_SUFFIX))
               for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls()]
        if files:
            self.open_file(Path(files[0]))

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self._recent() if p != str(path)]
        self.settings.setValue("files/recent", recent[:8])
        self.settings.setValue("files/last_folder", str(path.parent))
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [value] if isinstance(value, str) else list(value or [])  # type: ignore[arg-type]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_file(Path(p)))
        self.recent_menu.setEnabled(bool(self._recent()))

    # --- plan -----------------------------------------------------------------------------
    @Slot()
    def start_plan(self) -> None:
        scenario = self.session.scenario
        if scenario is None or self.run is not None:
            return
        request = self.session.solve_request()
        assert request is not None
        run = self.run = PlanRun()
        config = SolveConfig(time_limit_seconds=float(self.settings.value("solver/time_limit", 60)))
        self.show_busy("Planning…")
        self._timer.start()
        self._update_actions()
        def plan_and_check() -> tuple[Plan, CheckReport, list[SitrepDay]]:
            plan = solve(request, config, run.report, run.stop.is_set)
            # The referee and the sitrep run off the GUI thread too.
            return plan, check_plan(scenario, plan), sitrep(scenario, plan)

        run_in_background(plan_and_check, lambda done: self._on_planned(scenario, *done),
                          self.show_failure)

    @Slot()
    def stop_plan(self) -> None:
        if self.run is not None:
            self.run.stop.set()
            self.progress_label.setText("Stopping — keeping the best plan so far…")

    @Slot()
    def _show_progress(self) -> None:
        progress = self.run.latest if self.run else None
        if progress is None:
            return
        best = "" if progress.objective is None else f": best {progress.objective:,.0f}"
        bound = "" if progress.bound is None else f", bound {progress.bound:,.0f}"
        part = f" ({progress.message})" if progress.message else ""
        covered = self.run.covered_so_far() if self.run else ""
        covered = f" — covered so far: {covered}" if covered else ""
        self.progress_label.setText(
            f"Planning {progress.elapsed_seconds:.0f} s — step {progress.stage_number} of "
            f"{progress.stage_count}{part}: {progress.stage}{best}{bound}{covered}")

    def _on_planned(self, scenario: Scenario, plan: Plan, report: CheckReport,
                    sitrep_days: list[SitrepDay] | None = None) -> None:
        self.run = None
        self._timer.stop()
        if not report.ok:
            self.show_idle("The plan broke a rule and was not used.")
            QMessageBox.critical(self, "Plan rejected", report.summary())
            return
        self.session.set_plan(plan, scenario, sitrep_days)
        stopped = " (stopped early)" if plan.status == STOPPED else ""
        self.show_idle(f"Planned{stopped}: {len(plan.covers)} covers, {sum(g.missing for g in plan.gaps)} "
                   f"slots open, £{plan.total_cost:,.2f}.")
        self.tabs.setCurrentIndex(0)

    # --- export ---------------------------------------------------------------------------
    @Slot()
    def choose_export(self) -> None:
        source = self.session.source
        if self.session.plan is None or source is None:
            return
        suggested = source.with_name(f"{source.stem} - strike plan.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Export plan", str(suggested), WORKBOOK_FILTER)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        session = self.session
        assert session.imported and session.plan and session.source and session.planned_scenario
        imported, plan, source, scenario = (session.imported, session.plan, session.source,
                                            session.planned_scenario)
        self.show_busy(f"Writing {path.name}…")
        decisions, statuses = tuple(session.decisions), session.export_statuses()
        run_in_background(lambda: export_plan(source, imported, plan, path, scenario=scenario,
                                              decisions=decisions, statuses=statuses),
                          lambda _: self._on_exported(path), self.show_failure)

    def _on_exported(self, path: Path) -> None:
        self.show_idle(f"Exported {path}")
        answer = QMessageBox.question(self, "Plan exported", f"The plan was written to\n{path}\n\nOpen it now?")
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- settings -------------------------------------------------------------------------
    @Slot()
    def edit_settings(self) -> None:
        scenario = self.session.scenario
        if scenario is None:
            return
        time_limit = float(self.settings.value("solver/time_limit", 60))
        dialog = self.settings_dialog = SettingsDialog(scenario.rates, scenario.rules,
                                                       scenario.cover_rules, time_limit, self)
        dialog.accepted.connect(self._on_settings_dialog_accepted)
        dialog.open()

    @Slot()
    def _on_settings_dialog_accepted(self) -> None:
        dialog = self.settings_dialog
        self.settings.setValue("solver/time_limit", dialog.time_limit.value())
        self.session.set_settings(dialog.rates(), dialog.rules(), dialog.cover_rules())

    @Slot()
    def define_codes(self) -> None:
        unknown = self.session.unknown_codes()
        if not unknown:
            return
        dialog = self.codes_dialog = CodesDialog(unknown, self)
        dialog.accepted.connect(lambda: self.session.define_codes(dialog.codes()))
        dialog.open()

    # --- adjust ---------------------------------------------------------------------------
    @Slot()
    def who_else_for_selection(self) -> None:
        """Candidates for the cover or gap selected in the Changes or Gaps list."""
        plan, scenario = self.session.plan, self.session.planned_scenario
        if plan is None or scenario is None:
            return
        self.open_who_else(self._selected_group_key())

    def open_who_else(self, key: object) -> None:
        plan, scenario = self.session.plan, self.session.planned_scenario
        if plan is None or scenario is None:
            return
        group = next((g for g in plan.groups if g.key == key), None)
        if group is None:
            self.progress_label.setText("Select a cover in Changes or a gap in Gaps first.")
            return
        dialog = self.who_else_dialog = WhoElseDialog(group, self)
        dialog.assign_requested.connect(self._on_who_else_assign_requested)
        dialog.show()
        run_in_background(lambda: cover_options(scenario, plan, group), dialog.show_options,
                          self.show_failure)

    @Slot()
    def _on_gaps_double_clicked(self) -> None:
        """Show the gap's struck shifts in the grid, and who else could cover it."""
        key = self._selected_group_key()
        if key is not None:
            self.rota_view.show_slot(key.specialty, key.day)  # type: ignore[attr-defined]
        self.who_else_for_selection()

    @Slot(object)
    def _on_changes_view_declined(self, key: object) -> None:
        """Someone said no: show who else could cover that shift."""
        self.open_who_else(key)

    def _selected_group_key(self) -> object:
        if self.tabs.currentWidget() is self.gaps_view:
            rows = self.gaps_view.table.selectionModel().selectedRows()
            if rows:
                return self.gaps_view.model.row_item(self.gaps_view.proxy.mapToSource(rows[0]).row()).group  # type: ignore[attr-defined]
        covers = self.changes_view.selected_covers()
        return covers[0].group if covers else None

    @Slot(object, object)
    def _on_who_else_assign_requested(self, group: SlotGroup, option: CoverOption) -> None:
        scenario, plan = self.session.planned_scenario, self.session.plan
        if scenario is None or plan is None or option.covering_now:
            return
        cover = new_cover(scenario, group, option.person)
        if option.possible:
            cancelled = cancellations_for(scenario, option.would_cancel, option.person)
            self.session.assign(cover, cancelled)
        else:
            reason = self._override_reason(option)
            if not reason:
                return
            accepted = tuple(AcceptedBreach(b.rule, b.person_key, b.when, reason)
                             for b in option.breaches)
            self.session.assign(cover, (), accepted, reason)
        if self.who_else_dialog is not None:
            self.who_else_dialog.accept()
        self.start_plan()

    def _override_reason(self, option: CoverOption) -> str:
        broken = "\n".join(f"• {r}" for r in option.reasons)
        reason, ok = QInputDialog.getText(
            self, "This breaks a working-time rule",
            f"{option.person.name} would break:\n{broken}\n\nTo assign them anyway, give the "
            "reason (it is kept with the plan and exported):")
        return reason.strip() if ok else ""

    # --- state ----------------------------------------------------------------------------
    def show_failure(self, error: BaseException) -> None:
        self.run = None
        self._timer.stop()
        self.show_idle("")
        if isinstance(error, PlannerError):
            QMessageBox.warning(self, "Cannot use this file", str(error))
        else:
            QMessageBox.critical(self, "Something went wrong",
                                 f"{type(error).__name__}: {error}\n\nNothing was written.")

    def show_busy(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_bar.setVisible(True)

    def show_idle(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_bar.setVisible(False)
        self._update_actions()

    def _on_session_changed(self, event: str) -> None:
        self._update_actions()
        named = self.session.project_path or self.session.source
        if named:
            mark = "*" if self.session.unsaved else ""
            self.setWindowTitle(f"{named.name}{mark} — Rota Cover Planner")

    def _update_actions(self) -> None:
        planning = self.run is not None
        self.plan_action.setEnabled(self.session.scenario is not None and not planning)
        self.stop_action.setEnabled(planning)
        self.export_action.setEnabled(self.session.plan is not None and not planning)
        self.who_else_action.setEnabled(self.session.plan is not None and not planning)
        self.settings_action.setEnabled(self.session.scenario is not None and not planning)
        self.codes_action.setEnabled(bool(self.session.unknown_codes()) and not planning)
        self.open_action.setEnabled(not planning)
        if hasattr(self, "reload_action"):
            self.reload_action.setEnabled(self.session.imported is not None and not planning)
        if hasattr(self, "save_action"):
            self.save_action.setEnabled(self.session.imported is not None)
            self.save_as_action.setEnabled(self.session.imported is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.unsaved and self.session.imported is not None and not self._may_close():
            event.ignore()
            return
        if self.run is not None:
            self.run.stop.set()
        self.project_files.discard_autosave()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)

    def _may_close(self) -> bool:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(self, "Unsaved changes",
                                      "Save your work on this strike before closing?", buttons)
        if answer == QMessageBox.StandardButton.Save:
            return self.project_files.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.session.unsaved = False  # the manager chose: don't ask again
            return True
        return False
