"""Long work off the GUI thread through one small helper.

``run_in_background(op, on_success, on_failure)`` runs ``op`` on a pool thread; ``op`` must not
touch widgets. Its result or error is handed back through a queued signal to a relay object that
lives in the GUI thread, so the callbacks always run on the GUI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; its slots run the callbacks there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, value: object) -> None:
        try:
            self._on_success(value)
        finally:
            _LIVE.discard(self)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        try:
            self._on_failure(error)  # type: ignore[arg-type]
        finally:
            _LIVE.discard(self)


_LIVE: set[_Relay] = set()  # keeps relays alive until their task reports


class _Task(QRunnable):
    def __init__(self, op: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._op = op
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as error:  # handed to the GUI as a message, never lost
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


def run_in_background(op: Callable[[], object], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
    """Run ``op`` on the thread pool; call back on the GUI thread when it ends."""
    relay = _Relay(on_success, on_failure)
    _LIVE.add(relay)
    QThreadPool.globalInstance().start(_Task(op, relay))


def wait_for_background_work(timeout_ms: int = 30000) -> bool:
    """Block until the pool is idle (for shutdown and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


class MainThreadGarbageCollector(QObject):
    """Python's cycle collector may run on any thread, and a Qt object it frees from a worker
    thread crashes the program. So automatic collection is off and this collects on the GUI
    thread, every few seconds, instead (as Anki does)."""

    def __init__(self, parent: QObject, interval_ms: int = 5000) -> None:
        super().__init__(parent)
        import gc

        gc.disable()
        from PySide6.QtCore import QTimer

        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> None:
        import gc

        gc.collect()
