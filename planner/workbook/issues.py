"""Collecting what the import found: problems, skipped rows and notes, each with its place."""

from __future__ import annotations

from planner.domain import CellRef
from planner.workbook.layout import ImportIssue, IssueKind


class IssueLog:
    """The issues found so far, in the order found."""

    def __init__(self) -> None:
        self.issues: list[ImportIssue] = []

    def problem(self, where: CellRef, message: str) -> None:
        """Something wrong the manager should look at."""
        self.issues.append(ImportIssue(IssueKind.PROBLEM, where, message))

    def skipped(self, where: CellRef, message: str) -> None:
        """A row read and deliberately not taken as a person."""
        self.issues.append(ImportIssue(IssueKind.SKIPPED, where, message))

    def info(self, where: CellRef, message: str) -> None:
        """Something the import decided that the manager should know."""
        self.issues.append(ImportIssue(IssueKind.INFO, where, message))


def cell_list(cells: list[CellRef], limit: int = 10) -> str:
    """``C5, D7, E9 and 4 more``: the first few cells of a list, as a manager reads them."""
    names = [f"{c.column_name}{c.row}" for c in cells[:limit]]
    more = f" and {len(cells) - limit} more" if len(cells) > limit else ""
    return ", ".join(names) + more
