"""Opening the workbook file, turning every way it can fail into one clear sentence.

openpyxl and zipfile raise many kinds of exception for a file they cannot use; the manager
needs to know what to do instead, so each is translated into a :class:`PlannerError`.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from planner.domain import PlannerError

READABLE_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_OTHER_FORMATS = {
    ".xls": "an old-style Excel .xls workbook",
    ".xlsb": "an Excel binary .xlsb workbook",
    ".ods": "an OpenDocument .ods spreadsheet",
    ".csv": "a CSV text file",
    ".numbers": "an Apple Numbers spreadsheet",
}
_SAVE_AS = "save it as .xlsx in Excel or LibreOffice (File > Save As) and open that"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted (password-protected) .xlsx is an OLE compound file with this stream in it.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def open_workbook(path: Path) -> Any:
    """The openpyxl workbook at ``path`` (cached values, not formulas), or a PlannerError."""
    _check_file(path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not read (data validation, slicers): not ours.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=True, read_only=False)
    except PlannerError:
        raise
    except zipfile.BadZipFile as error:
        raise PlannerError(f"'{path.name}' is damaged and cannot be opened ({error}).") from error
    except OSError as error:
        raise PlannerError(_os_message(path, error)) from error
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise PlannerError(
            f"'{path.name}' could not be read as a workbook; it may be damaged "
            f"({type(error).__name__}: {error}). Try opening it in Excel and saving it again."
        ) from error


def _check_file(path: Path) -> None:
    if not path.exists():
        raise PlannerError(f"File not found: {path}.")
    if path.is_dir():
        raise PlannerError(f"'{path}' is a folder, not a workbook.")
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise PlannerError(f"'{path.name}' is {_OTHER_FORMATS[suffix]}; {_SAVE_AS}.")
    if suffix not in READABLE_SUFFIXES:
        raise PlannerError(
            f"'{path.name}' is not an Excel workbook (.xlsx or .xlsm); if it is a spreadsheet, "
            f"{_SAVE_AS}."
        )
    _check_content(path)


def _check_content(path: Path) -> None:
    try:
        head = _first_bytes(path)
    except OSError as error:
        raise PlannerError(_os_message(path, error)) from error
    if not head:
        raise PlannerError(f"'{path.name}' is empty (0 bytes): it is not a workbook.")
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTION_STREAM in path.read_bytes():
            raise PlannerError(
                f"'{path.name}' is password-protected; open it in Excel, remove the password "
                "(File > Info > Protect Workbook > Encrypt with Password) and save it."
            )
        raise PlannerError(f"'{path.name}' is an old-style .xls workbook renamed; {_SAVE_AS}.")
    if not head.startswith(_ZIP_MAGIC):
        raise PlannerError(f"'{path.name}' is not a spreadsheet, or it is damaged; {_SAVE_AS}.")


def _first_bytes(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8)


def _os_message(path: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return (
            f"'{path.name}' could not be read: permission denied (is it open in another "
            "program, or in a folder you cannot read?)."
        )
    return f"'{path.name}' could not be read: {error.strerror or error}."
