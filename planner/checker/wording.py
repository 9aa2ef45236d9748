"""How the checker writes people, times and hours in its messages."""

from __future__ import annotations

import datetime as dt

from planner.domain import Scenario

_TITLES = ("dr ", "dr.", "mr ", "mrs ", "ms ", "miss ", "prof ", "prof.")


def who(scenario: Scenario, person_key: str) -> str:
    """``Dr Amy Holt`` for a known person; the key, quoted, for an unknown one."""
    person = scenario.people_by_key.get(person_key)
    if person is None:
        return f"Unknown doctor '{person_key}'"
    name = person.name.strip() or person.key
    return name if name.lower().startswith(_TITLES) else f"Dr {name}"


def at(moment: dt.datetime) -> str:
    """``Tue 17/03 08:30``."""
    return f"{moment:%a %d/%m %H:%M}"


def on(day: dt.date) -> str:
    """``Tue 17/03/2026``."""
    return f"{day:%a %d/%m/%Y}"


def hours(minutes: float) -> str:
    """``11 h``, ``9.5 h``, ``10 h 59 min``."""
    whole = int(round(minutes))
    if whole % 60 == 0:
        return f"{whole // 60} h"
    if whole % 30 == 0:
        return f"{whole / 60:g} h"
    return f"{whole // 60} h {whole % 60} min"


def limit(value: float) -> str:
    """A limit from the settings, in hours: ``11 h``, ``12.5 h``."""
    return f"{value:g} h"
