"""Undo and redo for every edit the manager makes (strike, declarations, calls, hand
assignments, settings): each edit is a snapshot pair on a QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtCore import QObject

from ui.session import Session

_EDITS = {
    "strike": "change the strike windows", "declarations": "change declarations",
    "statuses": "record a call", "assigned": "assign a cover by hand",
    "settings": "change the planning settings",
}


class _Edit(QUndoCommand):
    def __init__(self, history: SessionHistory, text: str, before: dict[str, object],
                 after: dict[str, object]) -> None:
        super().__init__(text)
        self._history, self._before, self._after = history, before, after
        self._done = True  # pushed after the edit happened: the first redo has nothing to do

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._history.restore(self._after)

    def undo(self) -> None:
        self._history.restore(self._before)


class SessionHistory(QObject):
    """Watches the session; every edit becomes an undoable command."""

    def __init__(self, session: Session, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._session = session
        self._last = session.snapshot()
        self._restoring = False
        session.subscribe(self._on_session_changed)

    def restore(self, state: dict[str, object]) -> None:
        self._restoring = True
        try:
            self._session.apply_snapshot(state)
        finally:
            self._restoring = False
        self._last = self._session.snapshot()

    def _on_session_changed(self, event: str) -> None:
        if event in ("rota", "restored"):
            self.stack.clear()
            self._last = self._session.snapshot()
        elif event in _EDITS and not self._restoring:
            now = self._session.snapshot()
            self.stack.push(_Edit(self, _EDITS[event], self._last, now))
            self._last = now
