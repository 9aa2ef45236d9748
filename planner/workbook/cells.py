"""Cell values as the import reads them: trimmed text, squashed header names, numbers.

Excel hands back str, int, float, bool, datetimes and None; every reading step goes through
these few functions so that ``7``, ``7.0`` and ``" 7 "`` read alike.
"""

from __future__ import annotations

import datetime as dt
import re

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NUMBER = re.compile(
    r"^£?\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*"
    r"(?:(?:/|per\b|an?\b)?\s*(?:hours?|hrs?|h)|p/?h)?$"
)


def cell_text(value: object) -> str:
    """The text a cell shows, trimmed; numbers read as text (``7.0`` -> ``"7"``), blank -> ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}" if value.time() != dt.time() else f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value).strip()


def squash(text: str) -> str:
    """Lower case without spaces or punctuation: how header and sheet names are compared."""
    return _NOT_ALNUM.sub("", text.lower())


def heading_key(text: str) -> str:
    """A heading or sheet name squashed, ignoring bracketed parts: ``Strike (Y/N)`` is ``strike``.

    A heading that is all brackets keeps them (``(ID)`` is ``id``).
    """
    return squash(_BRACKETED.sub("", text)) or squash(text)


def one_line(text: str) -> str:
    """Runs of whitespace (line breaks included) as single spaces."""
    return " ".join(text.split())


def parse_number(value: object) -> float | None:
    """A number from a cell: a real number, or text such as ``£95.50``, ``1,200`` or ``8 hours``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    found = _NUMBER.match(value.strip().lower().replace(",", ""))
    return float(found.group(1)) if found else None


def is_blank(values: tuple[object, ...]) -> bool:
    """True when every value is None or whitespace."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
