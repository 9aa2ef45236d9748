"""Start the window: `rota-planner` with no arguments, `rota-planner --demo`, or the
`rota-cover-planner` GUI entry point."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

DEMO_SAMPLE = "district"


def main(argv: list[str] | None = None) -> int:
    """Create the application (never at import time), show the window, run the event loop."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.tasks import MainThreadGarbageCollector

    args = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    app.setOrganizationName("Rota Cover Planner")
    app.setApplicationName("Rota Cover Planner")
    MainThreadGarbageCollector(app)
    window = MainWindow()
    window.show()
    window.project_files.offer_recovery()
    if "--demo" in args:
        window.open_file(demo_workbook())
    else:
        files = [a for a in args if a.lower().endswith((".xlsx", ".xlsm"))]
        if files:
            window.open_file(Path(files[0]))
    return int(app.exec())


def demo_workbook() -> Path:
    """The bundled district general hospital sample (its Strike sheet sets a 5-day strike)."""
    return Path(str(resources.files("assets").joinpath(f"{DEMO_SAMPLE}.xlsx")))


if __name__ == "__main__":
    sys.exit(main())
