"""Coverage by strike day and priority: the share of each priority's slots covered."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter

from ui.session import Session

COLOURS = {1: QColor("#c62828"), 2: QColor("#ef8f00"), 3: QColor("#7cb342")}


def coverage_by_day(session: Session) -> dict[object, dict[int, tuple[int, int]]]:
    """For each day: priority -> (covered, needed)."""
    plan = session.plan
    table: dict[object, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    if plan is None:
        return {}
    for group in plan.groups:
        table[group.key.day][group.priority][1] += group.need
    for cover in plan.covers:
        table[cover.group.day][cover.priority][0] += 1
    return {day: {p: (c, n) for p, (c, n) in by_priority.items()} for day, by_priority in sorted(table.items())}


class CoverageChart(QChartView):
    """Grouped bars: per day, the percentage of each priority's slots covered."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumWidth(420)
        self.setAccessibleName("Coverage by day and priority")
        session.subscribe(self._on_session_changed)
        self._on_session_changed("")

    def _on_session_changed(self, event: str) -> None:
        chart = QChart()
        chart.setTitle("Slots covered by day and priority (%)")
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        table = coverage_by_day(self._session)
        days = list(table)
        series = QBarSeries()
        for priority in (1, 2, 3):
            bars = QBarSet(f"Priority {priority}")
            bars.setColor(COLOURS[priority])
            for day in days:
                covered, needed = table[day].get(priority, (0, 0))
                bars.append(100.0 * covered / needed if needed else 0.0)
            series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f"{d:%a %d/%m}" for d in days])  # type: ignore[attr-defined]
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.setChart(chart)
