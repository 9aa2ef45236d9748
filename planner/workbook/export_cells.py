"""Cell-level helpers for the plan export: safe text, real dates, tables, sheet lookup.

Every value goes through :func:`put`, so a name typed as ``=HYPERLINK(...)`` or a note
``-see AB`` is stored as text and never becomes a formula, whatever the spreadsheet makes of
a leading ``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = "£#,##0.00"
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"

HEADER_FONT = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill(fill_type="solid", fgColor="DDEBF7")
TITLE_FONT = Font(name="Calibri", bold=True, size=13)
CENTRED_HEADERS = frozenset({
    "Date", "Shift", "Start", "End", "Tier", "Priority", "Session", "Status", "Needed",
    "Covered", "Missing", "Declaration", "Doctors due to work", "Taking part in action",
    "Elective sessions cancelled", "Staff ID",
})
RIGHT_HEADERS = frozenset({"Hours", "Rate", "Cost", "Hourly rate", "Max extra hours"})
WRAPPED_HEADERS = frozenset({"Reason"})
WRAPPED_WIDTH = 45

Value = str | int | float | bool | dt.date | dt.datetime | dt.time | None

_WIDTH_BY_FORMAT = {DATE_FORMAT: 11, TIME_FORMAT: 6, DATETIME_FORMAT: 16}


def put(ws: Worksheet, row: int, column: int, value: Value,
        number_format: str | None = None) -> Cell:
    """Write one value; text is always stored as text, never as a formula or error code."""
    cell = ws.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        raise ValueError(f"{ws.title}!{cell.coordinate} is inside a merged range")
    if isinstance(value, str) and value:
        cell.value = clean_text(value)
        cell.data_type = "s"
    elif value == "":
        cell.value = None
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def clean_text(value: str) -> str:
    """Text as a cell can hold it: no control characters, line breaks as Excel's ``\\n``."""
    one_kind_of_line_break = value.replace("\r\n", "\n").replace("\r", "\n")
    return str(ILLEGAL_CHARACTERS_RE.sub("", one_kind_of_line_break))


def sheet_key(title: str) -> str:
    """Sheet and header names compare case-insensitively, ignoring spaces and punctuation."""
    return re.sub(r"[^a-z0-9]", "", title.lower())


def find_sheet(wb: Workbook, names: Iterable[str], exclude: str = "") -> Worksheet | None:
    """The first sheet (other than ``exclude``) named one of ``names``, by :func:`sheet_key`."""
    wanted = {sheet_key(n) for n in names}
    for ws in wb.worksheets:
        if sheet_key(ws.title) in wanted and ws.title != exclude:
            return ws
    return None


def free_title(wb: Workbook, names: Sequence[str]) -> str:
    """The first of ``names`` no sheet uses (the rota grid itself may be called ``Staff``)."""
    taken = {sheet_key(t) for t in wb.sheetnames}
    return next((n for n in names if sheet_key(n) not in taken), f"{names[0]} (plan)")


def replace_sheet(wb: Workbook, title: str) -> Worksheet:
    """A fresh, empty sheet called ``title``, in the place of any sheet of that name."""
    old = find_sheet(wb, [title])
    index = wb.index(old) if old is not None else len(wb.worksheets)
    if old is not None:
        wb.remove(old)
    return wb.create_sheet(title=title, index=index)


def write_table(ws: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Value]],
                formats: dict[str, str] | None = None, first_row: int = 1) -> int:
    """A list sheet: bold frozen header, typed cells, autofilter. Returns the last row written."""
    formats = formats or {}
    write_header(ws, first_row, headers)
    row = first_row
    # One alignment and format per column, not per cell: long lists (thousands of struck
    # shifts) write several times faster.
    columns = [(column, formats.get(header), _alignment(header))
               for column, header in enumerate(headers, start=1)]
    for row, values in enumerate(rows, start=first_row + 1):
        for (column, number_format, alignment), value in zip(columns, values):
            put(ws, row, column, value, number_format).alignment = alignment
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1).coordinate
    last_column = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{first_row}:{last_column}{max(row, first_row + 1)}"
    fit_columns(ws, formats_by_column={
        i: formats[h] for i, h in enumerate(headers, start=1) if h in formats})
    for column, header in enumerate(headers, start=1):
        if header in WRAPPED_HEADERS:
            ws.column_dimensions[get_column_letter(column)].width = WRAPPED_WIDTH
    set_print_layout(ws, first_row)
    return row


def _alignment(header: str) -> Alignment:
    if header in CENTRED_HEADERS:
        return Alignment(horizontal="center", vertical="top")
    if header in RIGHT_HEADERS:
        return Alignment(horizontal="right", vertical="top")
    return Alignment(vertical="top", wrap_text=header in WRAPPED_HEADERS, indent=1)


def write_header(ws: Worksheet, row: int, headers: Sequence[str], first_column: int = 1) -> None:
    for column, header in enumerate(headers, start=first_column):
        cell = put(ws, row, column, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        horizontal = ("center" if header in CENTRED_HEADERS
                      else "right" if header in RIGHT_HEADERS else "left")
        cell.alignment = Alignment(horizontal=horizontal, vertical="center",
                                   indent=1 if horizontal == "left" else 0)


def fit_columns(ws: Worksheet, formats_by_column: dict[int, str] | None = None,
                widest: int = 32) -> None:
    """Column widths that fit the text shown (dates and times by their format)."""
    formats_by_column = formats_by_column or {}
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                width = _shown_width(cell.value, formats_by_column.get(cell.column))
                widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(widest, width + 3)


def widen_column(ws: Worksheet, column: int, width: float) -> None:
    """Make a column at least ``width`` wide, leaving wider ones alone.

    A workbook may give one width to a range of columns (``<col min=5 max=40>``); that range is
    widened as a whole, since a second entry for one of its columns would overlap it.
    """
    for dimension in ws.column_dimensions.values():
        if dimension.min and dimension.max and dimension.min <= column <= dimension.max:
            if dimension.width and dimension.width >= width:
                return
            dimension.width = width
            return
    ws.column_dimensions[get_column_letter(column)].width = width


def _shown_width(value: object, number_format: str | None) -> int:
    if number_format in _WIDTH_BY_FORMAT:
        return _WIDTH_BY_FORMAT[number_format]
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 3
    return len(str(value))


def set_print_layout(ws: Worksheet, header_row: int | None) -> None:
    """Landscape, one page wide, header repeated: how a manager prints a list to phone round."""
    fit_to_width(ws)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"


def fit_to_width(ws: Worksheet) -> None:
    """Landscape A4, one page wide, as many pages long as it takes."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def text(value: object) -> str:
    """A cell's value as trimmed text ('' for blank)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def name_key(name: str) -> str:
    """Names and staff ids match case-insensitively, with runs of spaces collapsed."""
    return " ".join(name.lower().split())
