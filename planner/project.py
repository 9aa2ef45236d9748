"""A project file: the original workbook's bytes and the manager's work, reopened exactly.

The file is a zip holding ``rota.xlsx`` (the workbook as opened), ``project.json`` (strike
windows, declarations, call statuses, decisions, hand assignments and the current plan) and a
format version. It is written to a temporary file and renamed into place, so a crash mid-write
leaves the previous file whole. Only the domain's own types are read back from the JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain import (BandRates, CellRef, CoverRule, Declaration, PlannerError, RateCard,
                            ShiftCode, ShiftType, StrikeWindow, WorkingTimeRules)
from planner.grades import Tier
from planner import plan as plan_types

FORMAT_VERSION = 1
_WORKBOOK = "rota.xlsx"
_STATE = "project.json"


@dataclass
class Project:
    """Everything needed to carry on where the manager left off."""

    workbook_name: str
    workbook_bytes: bytes
    windows: tuple[StrikeWindow, ...] = ()
    declarations: dict[str, Declaration] = field(default_factory=dict)
    statuses: list[tuple[str, plan_types.SlotGroupKey, plan_types.CallStatus]] = field(default_factory=list)
    decisions: list[plan_types.Decision] = field(default_factory=list)
    assigned: list[plan_types.Cover] = field(default_factory=list)
    cancelled_by_hand: list[plan_types.CancelledSession] = field(default_factory=list)
    accepted: list[plan_types.AcceptedBreach] = field(default_factory=list)
    plan: plan_types.Plan | None = None
    planned_windows: tuple[StrikeWindow, ...] = ()
    planned_declarations: dict[str, Declaration] = field(default_factory=dict)
    rates: RateCard | None = None
    rules: WorkingTimeRules | None = None
    cover_rules: tuple[CoverRule, ...] | None | str = "workbook"  # "workbook": as the file says
    planned_rates: RateCard | None = None
    planned_rules: WorkingTimeRules | None = None
    planned_cover_rules: tuple[CoverRule, ...] | None = None
    defined_codes: dict[str, ShiftCode] = field(default_factory=dict)


_TYPES: dict[str, type] = {t.__name__: t for t in (
    StrikeWindow, RateCard, BandRates, WorkingTimeRules, CoverRule, CellRef, ShiftCode, plan_types.SlotGroupKey, plan_types.SlotGroup, plan_types.Cover,
    plan_types.CancelledSession, plan_types.Gap, plan_types.AcceptedBreach, plan_types.StageResult,
    plan_types.Plan, plan_types.Decision,
)}
_ENUMS: dict[str, type[enum.Enum]] = {t.__name__: t for t in (
    Tier, Declaration, ShiftType, plan_types.CoverType, plan_types.CallStatus,
)}


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return {"$enum": type(value).__name__, "value": value.value}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$type": type(value).__name__,
                **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, dict):
        return {"$map": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "$enum" in value:
        return _ENUMS[value["$enum"]](value["value"])
    if "$datetime" in value:
        return dt.datetime.fromisoformat(value["$datetime"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$time" in value:
        return dt.time.fromisoformat(value["$time"])
    if "$map" in value:
        return {_decode(k): _decode(v) for k, v in value["$map"]}
    kind = _TYPES[value["$type"]]
    return kind(**{k: _decode(v) for k, v in value.items() if k != "$type"})


def save_project(path: Path, project: Project) -> None:
    """Write atomically: a temporary file beside the target, renamed into place."""
    state = {"format_version": FORMAT_VERSION, "workbook_name": project.workbook_name,
             **{f.name: _encode(getattr(project, f.name)) for f in dataclasses.fields(project)
                if f.name not in ("workbook_name", "workbook_bytes")}}
    folder = path.parent
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(_WORKBOOK, project.workbook_bytes)
            zf.writestr(_STATE, json.dumps(state, indent=1))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_project(path: Path) -> Project:
    """Read a project file; a newer, damaged or foreign file is refused with one sentence."""
    try:
        with zipfile.ZipFile(path) as zf:
            state = json.loads(zf.read(_STATE))
            workbook = zf.read(_WORKBOOK)
    except FileNotFoundError:
        raise PlannerError(f"the project file {path} does not exist") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise PlannerError(f"{path.name} is not a Rota Cover Planner project, or it is damaged") from None
    version = state.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PlannerError(f"{path.name} was saved by a newer version of Rota Cover Planner "
                           f"(format {version}); update the program to open it")
    try:
        return _project_from(state, workbook)
    except (KeyError, TypeError, ValueError):
        raise PlannerError(f"{path.name} is damaged: its project data cannot be read") from None


def _project_from(state: dict[str, Any], workbook: bytes) -> Project:
    fields = {f.name for f in dataclasses.fields(Project)} - {"workbook_name", "workbook_bytes"}
    values = {name: _decode(state[name]) for name in fields if name in state}
    for name in ("statuses", "decisions", "assigned", "cancelled_by_hand", "accepted"):
        values[name] = list(values.get(name, ()))
    return Project(workbook_name=state["workbook_name"], workbook_bytes=workbook, **values)
