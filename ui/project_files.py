"""Saving and reopening the manager's work; autosave and recovery after a crash.

Autosaves hold staff data, so they live in the user's own app-data folder (never beside shared
files) and are removed once the project is saved or the window closes cleanly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.project import Project, load_project, save_project
from planner.workbook.layout import ImportResult
from planner.workbook.read import read_workbook
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PROJECT_SUFFIX = ".rcp"
PROJECT_FILTER = f"Rota Cover Planner projects (*{PROJECT_SUFFIX})"


def autosave_folder(settings_value: object) -> Path:
    if settings_value:
        return Path(str(settings_value))
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


def _opened(project: Project) -> tuple[Project, ImportResult, Path]:
    """Off the GUI thread: the project's workbook written to a private folder and imported."""
    folder = Path(tempfile.mkdtemp(prefix="rota-cover-planner-"))
    workbook = folder / Path(project.workbook_name).name
    workbook.write_bytes(project.workbook_bytes)
    return project, read_workbook(workbook), workbook


class ProjectFiles(QObject):
    """File > Save, Save as, opening .rcp files, the autosave timer and crash recovery."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.folder = autosave_folder(window.settings.value("files/autosave_dir", ""))
        self._timer = QTimer(self, interval=60000)
        self._timer.timeout.connect(self.autosave)
        self._timer.start()

    # --- save -----------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        path = self._window.session.project_path
        return self.save_to(path) if path else self.save_as()

    @Slot()
    def save_as(self) -> bool:
        session = self._window.session
        if session.imported is None:
            return False
        suggested = (session.source or Path.home() / "rota").with_suffix(PROJECT_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self._window, "Save project", str(suggested),
                                              PROJECT_FILTER)
        return self.save_to(Path(path)) if path else False

    def save_to(self, path: Path) -> bool:
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_suffix(PROJECT_SUFFIX)
        try:
            save_project(path, self._window.session.to_project())
        except OSError as error:
            QMessageBox.warning(self._window, "Not saved",
                                f"The project could not be saved to {path}: {error.strerror or error}. "
                                "Choose another name or folder.")
            return False
        self._window.session.mark_saved(path)
        self.discard_autosave()
        return True

    # --- open -----------------------------------------------------------------------------
    def open(self, path: Path, recovered: bool = False) -> None:
        self._window.show_busy(f"Opening {path.name}…")
        run_in_background(lambda: _opened(load_project(path)),
                          lambda opened: self._on_opened(opened, None if recovered else path),
                          self._window.show_failure)

    def _on_opened(self, opened: tuple[Project, ImportResult, Path], path: Path | None) -> None:
        project, imported, workbook = opened
        self._window.session.restore(project, imported, workbook, path)
        self._window.show_idle(f"Opened {path.name if path else 'recovered work'}: "
                               f"{len(imported.scenario.people)} doctors.")

    # --- autosave -------------------------------------------------------------------------
    def autosave_path(self) -> Path:
        session = self._window.session
        stem = (session.project_path or session.source or Path("rota")).stem
        return self.folder / f"{stem}{PROJECT_SUFFIX}"

    @Slot()
    def autosave(self) -> None:
        session = self._window.session
        if session.imported is None or not session.unsaved:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            save_project(self.autosave_path(), session.to_project())
        except OSError:
            pass  # an autosave that fails must never interrupt the manager

    def discard_autosave(self) -> None:
        self.autosave_path().unlink(missing_ok=True)

    def offer_recovery(self) -> None:
        """After a crash: offer to reopen the newest autosave."""
        found = sorted(self.folder.glob(f"*{PROJECT_SUFFIX}"), key=lambda p: p.stat().st_mtime)
        if not found:
            return
        newest = found[-1]
        answer = QMessageBox.question(
            self._window, "Recover unsaved work?",
            f"Rota Cover Planner closed without saving your work on {newest.stem}.\n\n"
            "Open the automatically saved copy?")
        if answer == QMessageBox.StandardButton.Yes:
            self.open(newest, recovered=True)
        else:
            newest.unlink(missing_ok=True)
