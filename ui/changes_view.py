"""The call list: who must be phoned, and how each call went.

Accepted locks the cover (re-planning keeps it); declined rejects that doctor for that shift
(re-planning finds the next candidate). Every change is recorded as a decision.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QMenu

from planner.plan import CallStatus, Cover
from solver import CoverChoice
from ui.plan_models import ChangesModel
from ui.results import ListView
from ui.session import Session


class ChangesView(ListView):
    """The covers, with a menu (and keys) to record each call's outcome."""

    declined = Signal(object)  # the slot group whose doctor said no: show the next candidates

    def __init__(self, session: Session) -> None:
        self.changes = ChangesModel(session)
        super().__init__(self.changes, "call list")
        self._session = session
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu_requested)

    def selected_covers(self) -> list[Cover]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.changes.row_item(r) for r in sorted(rows)]

    @Slot(QPoint)
    def _on_table_menu_requested(self, where: QPoint) -> None:
        menu = self.status_menu()
        menu.exec(self.table.viewport().mapToGlobal(where))

    def status_menu(self) -> QMenu:
        menu = QMenu(self)
        for status, text in ((CallStatus.ASKED, "Mark as asked"),
                             (CallStatus.ACCEPTED, "Accepted — lock this cover"),
                             (CallStatus.DECLINED, "Declined — don't ask them for this shift"),
                             (CallStatus.PROPOSED, "Back to proposed")):
            action = menu.addAction(text)
            action.triggered.connect(lambda checked=False, s=status: self.set_selected_status(s))
        return menu

    def set_selected_status(self, status: CallStatus, reason: str | None = None) -> None:
        covers = self.selected_covers()
        if not covers:
            return
        if reason is None and status is CallStatus.DECLINED:
            reason, ok = QInputDialog.getText(self, "Declined", "Reason (optional):")
            if not ok:
                return
        for cover in covers:
            self._session.set_status(CoverChoice(cover.person_key, cover.group), status, reason or "")
        if status is CallStatus.DECLINED:
            self.declined.emit(covers[0].group)
