"""The window driven as a manager would: open, set the strike, plan, stop, review, export."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.domain import StrikeWindow
from solver import STOPPED
from ui.main_window import MainWindow
from ui.plan_models import CancelledModel, ChangesModel, GapsModel

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """As the app does: no automatic collection (it could free Qt objects on a worker thread);
    collect here, on the main thread, after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def no_threads_left_behind():
    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(60000), "a background task was still running"
    assert pool.activeThreadCount() == 0


@pytest.fixture()
def window(qtbot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("solver/time_limit", 30)
    settings.setValue("files/autosave_dir", str(tmp_path / "autosave"))
    win = MainWindow(settings)
    # Closing with unsaved work asks first (tested on its own): at the end of a test, discard.
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w.session, "unsaved", False))
    win.show()
    return win


@pytest.fixture()
def rota(tmp_path: Path) -> Path:
    path = tmp_path / "department.xlsx"
    shutil.copy(ASSETS / "department.xlsx", path)
    return path


def _open(qtbot, window: MainWindow, rota: Path) -> None:
    window.open_file(rota)
    qtbot.waitUntil(lambda: window.session.imported is not None, timeout=20000)


def _plan(qtbot, window: MainWindow) -> None:
    window.start_plan()
    qtbot.waitUntil(lambda: window.run is None and window.session.plan is not None, timeout=60000)


def test_opening_a_rota_fills_the_grid(qtbot, window: MainWindow, rota: Path, qtmodeltester) -> None:
    _open(qtbot, window, rota)
    model = window.rota_view.model
    assert model.rowCount() == len(window.session.scenario.people)
    assert model.columnCount() == 3 + 42
    qtmodeltester.check(model)
    assert window.plan_action.isEnabled() and not window.export_action.isEnabled()
    assert "department.xlsx" in window.windowTitle()


def test_filters_narrow_the_grid(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    view = window.rota_view
    everyone = view.proxy.rowCount()
    view.tier.setCurrentText("Consultant")
    consultants = view.proxy.rowCount()
    assert 0 < consultants < everyone
    view.search.setText(view.model.person_at(0).name)
    assert view.proxy.rowCount() >= 1
    view.search.setText("")
    view.tier.setCurrentText("All")
    view.grade.setCurrentText("ST5")
    assert 0 < view.proxy.rowCount() < everyone
    assert all(view.model.person_at(view.proxy.mapToSource(view.proxy.index(r, 0)).row()).grade == "ST5"
               for r in range(view.proxy.rowCount()))
    shown = view.proxy.rowCount()
    window.session.set_windows(window.session.windows)  # any change redraws the grid...
    assert view.grade.currentText() == "ST5" and view.proxy.rowCount() == shown  # ...keeping filters


def test_plan_fills_the_review_lists_and_every_model_is_sound(
        qtbot, window: MainWindow, rota: Path, qtmodeltester) -> None:
    _open(qtbot, window, rota)
    _plan(qtbot, window)
    plan = window.session.plan
    assert plan is not None and plan.covers
    assert window.changes_view.model.rowCount() == len(plan.covers)
    assert window.gaps_view.model.rowCount() == len(plan.gaps)
    for model in (window.changes_view.model, window.gaps_view.model, window.cancelled_view.model,
                  window.rota_view.model):
        qtmodeltester.check(model)
    assert isinstance(window.changes_view.model, ChangesModel)
    assert isinstance(window.gaps_view.model, GapsModel)
    assert isinstance(window.cancelled_view.model, CancelledModel)
    assert "Priority 1:" in window.summary_view.toPlainText()
    assert window.export_action.isEnabled()


def test_a_cover_shows_in_the_grid(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    _plan(qtbot, window)
    cover = window.session.plan.covers[0]
    model = window.rota_view.model
    row = next(r for r in range(model.rowCount()) if model.person_at(r).key == cover.person_key)
    column = next(c for c in range(model.columnCount()) if model.date_at(c) == cover.group.day)
    assert model.index(row, column).data() == cover.group.shift_code
    assert "Covers" in model.index(row, column).data(3)  # the tooltip says what it covers


def test_changing_the_strike_changes_what_is_struck(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    before = len(window.session.struck_cells())
    start = dt.datetime(2026, 3, 16, 7)
    window.session.set_windows((StrikeWindow(start, start + dt.timedelta(days=1)),))
    assert 0 < len(window.session.struck_cells()) < before
    assert "1 strike day" in window.strike_panel.summary.text()


def test_stop_returns_the_best_plan_so_far(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    window.start_plan()
    window.stop_plan()
    qtbot.waitUntil(lambda: window.run is None, timeout=20000)
    plan = window.session.plan
    assert plan is not None and plan.status in (STOPPED, "optimal")


def test_export_writes_a_new_workbook(qtbot, window: MainWindow, rota: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _open(qtbot, window, rota)
    _plan(qtbot, window)
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.choose_export()
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert target.exists() and str(target) in asked[0]


def test_a_file_that_cannot_be_read_gives_one_message(qtbot, window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = tmp_path / "rota.xlsx"
    bogus.write_text("not a workbook")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.open_file(bogus)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    assert "rota.xlsx" in warnings[0] or "workbook" in warnings[0].lower()
    assert window.session.imported is None


def test_recent_files_are_remembered(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    assert window.settings.value("files/recent")[0] == str(rota)
    assert [a.text() for a in window.recent_menu.actions()] == [str(rota)]


def test_calls_lock_and_reject_covers_and_replanning_respects_them(qtbot, window: MainWindow, rota: Path) -> None:
    from planner.plan import CallStatus

    _open(qtbot, window, rota)
    _plan(qtbot, window)
    first, second = window.session.plan.covers[:2]
    view = window.changes_view
    rows = {view.changes.row_item(r): r for r in range(view.changes.rowCount())}
    view.table.selectRow(view.proxy.mapFromSource(view.changes.index(rows[first], 0)).row())
    view.set_selected_status(CallStatus.ACCEPTED)
    view.table.selectRow(view.proxy.mapFromSource(view.changes.index(rows[second], 0)).row())
    view.set_selected_status(CallStatus.DECLINED, reason="on holiday")
    assert [d.action for d in window.session.decisions] == ["Accepted", "Declined"]
    assert window.who_else_dialog is not None and window.who_else_dialog.group.key == second.group
    qtbot.waitUntil(lambda: window.who_else_dialog.model.rowCount() > 0, timeout=30000)
    window.start_plan()
    qtbot.waitUntil(lambda: window.run is None and window.session.previous_plan is not None, timeout=60000)
    again = {(c.person_key, c.group): c for c in window.session.plan.covers}
    assert again[(first.person_key, first.group)].locked
    assert (second.person_key, second.group) not in again
    assert "Since the last plan" in window.summary_view.toPlainText()
    from PySide6.QtCore import Qt
    status_column = [view.changes.headerData(c, Qt.Orientation.Horizontal) for c in range(view.changes.columnCount())].index("Status")
    statuses = {view.changes.index(r, status_column).data() for r in range(view.changes.rowCount())}
    assert "Accepted" in statuses
    new = {view.changes.row_item(r) for r in range(view.changes.rowCount())
           if view.changes.index(r, status_column + 1).data() == "New"}
    assert new == {c for c in window.session.plan.covers
                   if (c.person_key, c.group) not in {(p.person_key, p.group) for p in window.session.previous_plan.covers}}


def test_who_else_lists_candidates_and_an_override_is_kept_with_its_reason(
        qtbot, window: MainWindow, rota: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtmodeltester) -> None:
    import openpyxl

    from planner.checker import check_plan
    from PySide6.QtWidgets import QInputDialog

    _open(qtbot, window, rota)
    _plan(qtbot, window)
    window.tabs.setCurrentWidget(window.gaps_view)
    window.gaps_view.table.selectRow(0)
    window.who_else_for_selection()
    dialog = window.who_else_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=30000)
    qtmodeltester.check(dialog.model)
    options = [dialog.model.option(r) for r in range(dialog.model.rowCount())]
    blocked = next(o for o in options if not o.possible and not o.covering_now
                   and {b.rule for b in o.breaches} <= {"rest", "hours_168", "rest_after_nights",
                                                       "consecutive_shifts", "overlap"})
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("agreed on the phone", True))
    first_plan = window.session.plan
    dialog.assign_requested.emit(dialog.group, blocked)
    qtbot.waitUntil(lambda: window.run is None and window.session.plan is not first_plan, timeout=60000)
    plan = window.session.plan
    assert any(c.person_key == blocked.person.key and c.group == dialog.group.key for c in plan.covers)
    report = check_plan(window.session.planned_scenario, plan)
    assert report.ok and report.accepted
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    done: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: done.append("x") or QMessageBox.StandardButton.No)
    window.choose_export()
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    decisions = list(openpyxl.load_workbook(target)["Decisions"].iter_rows(values_only=True))
    assert decisions[0][:2] == ("Time", "Action")
    assert any(row[1] == "Rule overridden" and row[8] == "agreed on the phone" for row in decisions[1:])


def test_bulk_declarations_change_who_strikes(qtbot, window: MainWindow, rota: Path, tmp_path: Path,
                                               qtmodeltester) -> None:
    _open(qtbot, window, rota)
    panel = window.declarations_panel
    qtmodeltester.check(panel.model)
    scenario = window.session.scenario
    striking_before = sum(1 for p in scenario.people if scenario.is_striking(p))
    panel.filter.setText("ST")  # registrars and the like
    shown = panel.proxy.rowCount()
    assert 0 < shown < panel.model.rowCount()
    panel.table.selectAll()
    from planner.domain import Declaration

    panel.set_selected(Declaration.WORKING)
    scenario = window.session.scenario
    assert sum(1 for p in scenario.people if scenario.is_striking(p)) < striking_before
    first = panel.model.person(0)
    csv = tmp_path / "declared.csv"
    csv.write_text(f"Name,Strike\n{first.name},Yes\nNobody Atall,No\n")
    from PySide6.QtWidgets import QMessageBox as Box

    shown_messages: list[str] = []
    import pytest as _pytest

    with _pytest.MonkeyPatch.context() as patch:
        patch.setattr(Box, "information", lambda *a, **k: shown_messages.append(a[2]))
        panel.import_file(csv)
    assert window.session.declaration(first) is Declaration.STRIKING
    assert shown_messages and "1 rows not used" in shown_messages[0]


def test_save_and_reopen_a_project_exactly(qtbot, window: MainWindow, rota: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.plan import CallStatus

    _open(qtbot, window, rota)
    start = dt.datetime(2026, 3, 17, 7)
    window.session.set_windows((StrikeWindow(start, start + dt.timedelta(days=2)),))
    _plan(qtbot, window)
    cover = window.session.plan.covers[0]
    window.changes_view.table.selectRow(0)
    chosen = window.changes_view.selected_covers()[0]
    window.changes_view.set_selected_status(CallStatus.ACCEPTED)
    assert window.session.unsaved and "*" in window.windowTitle()
    project = tmp_path / "strike.rcp"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(project), ""))
    assert window.project_files.save()
    assert project.exists() and not window.session.unsaved
    window.session.set_windows(())  # change something, then reopen the saved work
    window.open_file(project)
    qtbot.waitUntil(lambda: window.session.windows != (), timeout=20000)
    assert window.session.project_path == project
    session = window.session
    assert session.windows == (StrikeWindow(start, start + dt.timedelta(days=2)),)
    assert session.plan is not None and cover in session.plan.covers
    assert [d.action for d in session.decisions] == ["Accepted"]
    assert session.status(__import__("solver").CoverChoice(chosen.person_key, chosen.group)) is CallStatus.ACCEPTED
    assert window.changes_view.model.rowCount() == len(session.plan.covers)


def test_autosave_keeps_unsaved_work_and_a_clean_close_removes_it(
        qtbot, window: MainWindow, rota: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _open(qtbot, window, rota)
    start = dt.datetime(2026, 3, 17, 7)
    window.session.set_windows((StrikeWindow(start, start + dt.timedelta(days=1)),))
    window.project_files.autosave()
    autosaved = window.project_files.autosave_path()
    assert autosaved.exists() and window.project_files.folder in autosaved.parents
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked == ["Unsaved changes"] and window.isVisible()  # cancelled: still open
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible() and not autosaved.exists()


def test_settings_change_rates_rules_and_the_cover_needed(qtbot, window: MainWindow, rota: Path,
                                                          tmp_path: Path, qtmodeltester) -> None:
    from planner.domain import RATE_PRESETS, WorkingTimeRules

    _open(qtbot, window, rota)
    assert window.session.scenario.cover_rules is None  # the department sample refills
    window.edit_settings()
    dialog = window.settings_dialog
    dialog.preset.setCurrentIndex(2)
    dialog.rule_boxes["min_rest_hours"].setValue(12)
    dialog.minimums.setChecked(True)
    dialog.rules_model.add_rule()
    model = dialog.rules_model
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 0), "Emergency Medicine")
    assert model.setData(model.index(0, 1), "n")
    assert model.setData(model.index(0, 2), "Core")
    assert model.setData(model.index(0, 3), "3")
    assert not model.setData(model.index(0, 4), "7")  # priorities are 1 to 3
    dialog.accept()
    scenario = window.session.scenario
    assert scenario.rates == RATE_PRESETS["2025"]
    assert scenario.rules == WorkingTimeRules(min_rest_hours=12)
    assert [(r.specialty, r.shift_code, r.tier.label, r.minimum, r.priority)
            for r in scenario.cover_rules] == [("Emergency Medicine", "N", "Core", 3, 1)]
    _plan(qtbot, window)
    assert {g.key.shift_code for g in window.session.plan.groups} <= {"N"}
    project = tmp_path / "settings.rcp"
    assert window.project_files.save_to(project)
    window.open_file(project)
    qtbot.waitUntil(lambda: window.session.project_path == project and window.session.rules is not None,
                    timeout=20000)
    assert window.session.scenario.rules.min_rest_hours == 12
    assert window.session.planned_scenario.rates == RATE_PRESETS["2025"]


def test_every_edit_can_be_undone_and_redone(qtbot, window: MainWindow, rota: Path) -> None:
    from planner.domain import Declaration

    _open(qtbot, window, rota)
    original = window.session.windows
    start = dt.datetime(2026, 3, 17, 7)
    window.session.set_windows((StrikeWindow(start, start + dt.timedelta(days=1)),))
    person = window.declarations_panel.model.person(0)
    window.session.set_declarations({person.key: Declaration.WORKING})
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.session.declaration(person) is not Declaration.WORKING or person.declaration is Declaration.WORKING
    assert person.key not in window.session.declarations
    window.undo_action.trigger()
    assert window.session.windows == original
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.session.windows == (StrikeWindow(start, start + dt.timedelta(days=1)),)
    assert window.session.declarations[person.key] is Declaration.WORKING
    shown = [r.window() for r in window.strike_panel._rows]
    assert shown == [StrikeWindow(start, start + dt.timedelta(days=1))]  # the panel follows


def test_the_coverage_chart_shows_each_strike_day_and_priority(qtbot, window: MainWindow, rota: Path) -> None:
    from ui.coverage_chart import coverage_by_day

    _open(qtbot, window, rota)
    _plan(qtbot, window)
    table = coverage_by_day(window.session)
    plan = window.session.plan
    assert sum(c for day in table.values() for c, _ in day.values()) == len(plan.covers)
    assert sum(n for day in table.values() for _, n in day.values()) == sum(g.need for g in plan.groups)
    series = window.coverage_chart.chart().series()[0]
    assert [s.label() for s in series.barSets()] == ["Priority 1", "Priority 2", "Priority 3"]
    assert series.barSets()[0].count() == len(table)


def test_unknown_codes_can_be_defined_in_the_window(qtbot, window: MainWindow, rota: Path) -> None:
    from planner.domain import ShiftType

    _open(qtbot, window, rota)
    unknown = window.session.unknown_codes()
    assert unknown and window.codes_action.isEnabled()  # the sample has TRN and TBC cells
    assert "Define shift codes" in window.import_report.toPlainText()
    window.define_codes()
    dialog = window.codes_dialog
    dialog.rows[0].type.setCurrentIndex(3)  # Off
    dialog.accept()
    scenario = window.session.scenario
    assert scenario.code(unknown[0]).type is ShiftType.OFF
    assert unknown[0] not in window.session.unknown_codes()


def test_double_clicking_a_gap_shows_its_day_and_specialty_in_the_grid(qtbot, window: MainWindow, rota: Path) -> None:
    _open(qtbot, window, rota)
    _plan(qtbot, window)
    window.tabs.setCurrentWidget(window.gaps_view)
    window.gaps_view.table.selectRow(0)
    gap = window.gaps_view.model.row_item(window.gaps_view.proxy.mapToSource(
        window.gaps_view.table.selectionModel().selectedRows()[0]).row())
    window._on_gaps_double_clicked()
    view = window.rota_view
    assert view.specialty.currentText() == gap.group.specialty
    selected = {view.model.date_at(view.proxy.mapToSource(i).column())
                for i in view.dates.selectionModel().selectedIndexes()}
    assert selected == {gap.group.day}
    qtbot.waitUntil(lambda: window.who_else_dialog.model.rowCount() > 0, timeout=30000)


def test_reload_reads_the_fixed_file_and_keeps_the_strike_set_up(qtbot, window: MainWindow, rota: Path) -> None:
    import openpyxl

    _open(qtbot, window, rota)
    start = dt.datetime(2026, 3, 17, 7)
    windows = (StrikeWindow(start, start + dt.timedelta(days=1)),)
    window.session.set_windows(windows)
    book = openpyxl.load_workbook(rota)
    book["Shifts"].append(["TRN", "09:00", "17:00", "Work"])  # the manager defines a code
    book.save(rota)
    before = window.session.imported
    window.reload_file()
    qtbot.waitUntil(lambda: window.session.imported is not before, timeout=20000)
    assert window.session.windows == windows
    assert "TRN" not in window.session.unknown_codes()


def test_progress_shows_slots_covered_so_far_per_priority() -> None:
    from solver import SolveProgress
    from ui.main_window import PlanRun

    run = PlanRun()
    run.report(SolveProgress("Priority 1 slots covered", 1, 6, 0.5, objective=10, message="part 1 of 2"))
    run.report(SolveProgress("Priority 1 slots covered", 1, 6, 0.6, objective=7, message="part 2 of 2"))
    run.report(SolveProgress("Priority 2 slots covered", 2, 6, 0.9, objective=4, message="part 1 of 2"))
    run.report(SolveProgress("Priority 1 slots covered", 1, 6, 0.7, objective=8, message="part 2 of 2"))
    assert run.covered_so_far() == "P1 18 · P2 4"
    run.report(SolveProgress("Cost of cover (£)", 5, 6, 1.0, objective=1234.5, message="part 1 of 2"))
    assert run.covered_so_far() == "P1 18 · P2 4 · £1,234"
