"""Reading a grid cell as a shift code and a note.

The cell's text is trimmed and compared upper-case. An exact match wins at once (a dict lookup,
so most cells cost one hash). Otherwise the longest defined code that begins the text *and ends at
a word boundary* (the text ends there, or the next character is not a letter) is the code, and the
rest is a note: ``N (swap)`` is ``N`` with the note ``(swap)``. A code that runs into more
letters (``N`` in ``NWD``) is not taken: guessing would roster a night on a non-working day, so
such a cell is an unknown code instead, reported and treated as unavailable. An unknown cell's
code is its text up to the first bracket, the rest being its note.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class CodeReading(NamedTuple):
    """What a cell says: ``code`` (upper case), ``note`` and whether the code is defined."""

    code: str
    note: str
    known: bool


class CodeMatcher:
    """Matches cell text against the defined codes; remembers every distinct text it has read."""

    def __init__(self, codes: Iterable[str]) -> None:
        self._codes = {" ".join(c.upper().split()) for c in codes if c.strip()}
        self._longest_first = sorted(self._codes, key=len, reverse=True)
        self._seen: dict[str, CodeReading] = {}

    def read(self, text: str) -> CodeReading:
        """The code and note in a non-blank, trimmed cell text."""
        reading = self._seen.get(text)
        if reading is None:
            reading = self._seen[text] = self._match(text)
        return reading

    def _match(self, text: str) -> CodeReading:
        spaced = " ".join(text.split())
        upper = spaced.upper()
        if upper in self._codes:
            return CodeReading(upper, "", True)
        for code in self._longest_first:
            if upper.startswith(code) and not upper[len(code):len(code) + 1].isalpha():
                return CodeReading(code, spaced[len(code):].strip(), True)
        return _unknown(spaced)


def _unknown(text: str) -> CodeReading:
    bracket = text.find("(")
    if bracket > 0:
        return CodeReading(text[:bracket].strip().upper(), text[bracket:].strip(), False)
    return CodeReading(text.upper(), "", False)
