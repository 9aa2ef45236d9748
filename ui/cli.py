"""The command line: `rota-planner plan | check | inspect`.

It drives the same functions the window does: import, ``solve``, the plan checker, export.
Bad input ends with one clear message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
from importlib import resources
from pathlib import Path

from planner.checker import check_plan
from planner.domain import RATE_PRESETS, PlannerError, Scenario, StrikeWindow
from planner.plan import Plan
from planner.workbook.declarations import read_declarations
from planner.workbook.export import export_plan
from planner.workbook.layout import ImportResult
from planner.workbook.plan_reader import read_plan
from planner.workbook.read import read_workbook
from planner.workbook.summary import summarise
from solver import SolveConfig, SolveProgress, SolveRequest, solve

EXIT_BAD_INPUT = 2
EXIT_PLAN_REJECTED = 3
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `rota-planner` command; with no command (or --demo) it opens the window."""
    given = sys.argv[1:] if argv is None else argv
    if not given or given[0] == "--demo" or given[0].lower().endswith((".xlsx", ".xlsm")):
        from ui.app import main as open_window

        return open_window(given)
    args = _parser().parse_args(given)
    try:
        return int(args.run(args))
    except PlannerError as error:
        print(f"rota-planner: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rota-planner: stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        print(f"rota-planner: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # a defect: still one line for the manager, not a traceback
        print(f"rota-planner: unexpected error ({type(error).__name__}: {error}); nothing was "
              "written. Please report this with the workbook.", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rota-planner",
        description="Plan cover for a resident doctors' strike from a rota workbook.")
    commands = parser.add_subparsers(dest="command", required=True)
    plan = commands.add_parser("plan", help="plan cover and export a revised rota workbook")
    plan.add_argument("rota", type=Path, nargs="?", help="the rota workbook (.xlsx or .xlsm)")
    plan.add_argument("-o", "--output", type=Path, help="the plan workbook to write")
    plan.add_argument("--strike", action="append", metavar="START/END",
                      help="a strike window, e.g. 2026-03-10T07:00/2026-03-15T07:00 (may repeat; "
                           "replaces the workbook's Strike sheet)")
    plan.add_argument("--time-limit", type=float, default=60.0, metavar="S",
                      help="seconds to search at most (default 60; stops earlier when proven best)")
    plan.add_argument("--declarations", type=Path, metavar="FILE",
                      help="a workbook or CSV of 'Name or Staff ID | Strike'")
    plan.add_argument("--rates", choices=sorted(RATE_PRESETS),
                      help="use a published rate card instead of the workbook's Rates sheet")
    plan.add_argument("--undeclared", choices=("striking", "working"), default="striking",
                      help="how to plan for residents who have not declared (default: striking)")
    plan.add_argument("--sample", choices=("district", "department"),
                      help="plan a bundled sample rota instead of a file")
    plan.add_argument("--workers", type=int, default=SolveConfig.num_workers,
                      help=f"solver workers (default {SolveConfig.num_workers})")
    plan.set_defaults(run=_run_plan)
    check = commands.add_parser("check", help="check an exported plan against every rule")
    check.add_argument("rota", type=Path)
    check.add_argument("plan", type=Path)
    check.set_defaults(run=_run_check)
    inspect = commands.add_parser("inspect", help="show what the import understood")
    inspect.add_argument("rota", type=Path)
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.set_defaults(run=_run_inspect)
    return parser


# --- plan ------------------------------------------------------------------------------------
def _run_plan(args: argparse.Namespace) -> int:
    source = _source(args)
    output = args.output or source.with_name(f"{source.stem} - strike plan.xlsx")
    if not output.parent.is_dir():
        raise PlannerError(f"the folder {output.parent} does not exist: choose where to save the plan")
    windows = [parse_window(text) for text in args.strike or ()]  # refuse typos before reading
    imported = read_workbook(source)
    _print_import_problems(imported)
    scenario = _planned_scenario(imported.scenario, windows, args)
    plan = _solve_with_progress(scenario, args)
    report = check_plan(scenario, plan)
    if not report.ok:
        print("rota-planner: the plan broke a rule and was not exported:", file=sys.stderr)
        for violation in report.violations[:20]:
            print(f"  {violation.message}", file=sys.stderr)
        return EXIT_PLAN_REJECTED
    export_plan(source, imported, plan, output, scenario=scenario)
    _print_summary(plan, output)
    return 0


def _source(args: argparse.Namespace) -> Path:
    if args.sample:
        return Path(str(resources.files("assets").joinpath(f"{args.sample}.xlsx")))
    if args.rota is None:
        raise PlannerError("give a rota workbook to plan (or --sample district)")
    return Path(args.rota)


def _planned_scenario(scenario: Scenario, windows: list[StrikeWindow],
                      args: argparse.Namespace) -> Scenario:
    if windows:
        scenario = scenario.with_strike(windows)
    if args.declarations:
        declarations, problems = read_declarations(args.declarations, scenario)
        for problem in problems:
            print(f"  declarations: {problem}", file=sys.stderr)
        scenario = scenario.with_declarations(declarations)
    if args.rates:
        scenario = _replace(scenario, rates=RATE_PRESETS[args.rates])
    if args.undeclared == "working":
        scenario = _replace(scenario, undeclared_strike=False)
    if not scenario.strike_windows:
        raise PlannerError("no strike window: add a Strike sheet or give --strike START/END")
    return scenario


def _replace(scenario: Scenario, **changes: object) -> Scenario:
    import dataclasses

    return dataclasses.replace(scenario, **changes)  # type: ignore[arg-type]


def parse_window(text: str) -> StrikeWindow:
    """`2026-03-10T07:00/2026-03-15T07:00`; a date alone means 07:00 on that date."""
    try:
        start_text, end_text = text.split("/")
        start, end = _moment(start_text), _moment(end_text)
    except ValueError:
        raise PlannerError(f"--strike '{text}' is not START/END, e.g. "
                           "2026-03-10T07:00/2026-03-15T07:00") from None
    if end <= start:
        raise PlannerError(f"--strike '{text}' ends before it starts")
    return StrikeWindow(start, end)


def _moment(text: str) -> dt.datetime:
    text = text.strip()
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(7))
    return dt.datetime.fromisoformat(text)


def _solve_with_progress(scenario: Scenario, args: argparse.Namespace) -> Plan:
    """Solve on a worker thread so Ctrl+C can stop it cooperatively with the best plan so far."""
    stop = threading.Event()
    result: list[Plan] = []
    config = SolveConfig(time_limit_seconds=args.time_limit, num_workers=args.workers)
    worker = threading.Thread(
        target=lambda: result.append(solve(SolveRequest(scenario), config, _ProgressLine(), stop.is_set)),
        daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        print("\nstopping — keeping the best plan so far", file=sys.stderr)
        stop.set()
        worker.join()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return result[0]


class _ProgressLine:
    """One live line on a terminal; on a log file, a line per stage and every few seconds."""

    def __init__(self) -> None:
        self._live = sys.stderr.isatty()
        self._last_stage = ""
        self._last_time = -10.0

    def __call__(self, progress: SolveProgress) -> None:
        value = "" if progress.objective is None else f" best {progress.objective:g}"
        bound = "" if progress.bound is None else f" bound {progress.bound:g}"
        part = f" ({progress.message})" if progress.message else ""
        text = (f"[{progress.elapsed_seconds:5.1f}s] stage {progress.stage_number}/"
                f"{progress.stage_count}{part} {progress.stage}:{value}{bound}")
        if self._live:
            print("\r" + text.ljust(100)[:100], end="", file=sys.stderr, flush=True)
        elif progress.stage != self._last_stage or progress.elapsed_seconds - self._last_time > 5:
            print(text, file=sys.stderr, flush=True)
            self._last_stage, self._last_time = progress.stage, progress.elapsed_seconds


def _print_summary(plan: Plan, output: Path) -> None:
    needed, covered = plan.needed_by_priority(), plan.covered_by_priority()
    for priority in (1, 2, 3):
        print(f"Priority {priority}: {covered.get(priority, 0)} of {needed.get(priority, 0)} "
              f"slots covered, {needed.get(priority, 0) - covered.get(priority, 0)} missing")
    print(f"Elective sessions cancelled: {len(plan.cancelled)}")
    print(f"Cost of cover: £{plan.total_cost:,.2f}")
    print(f"Status: {plan.status} ({plan.solve_seconds:.1f} s)")
    for note in plan.notes:
        print(f"Note: {note}")
    print(f"Written: {output}")


def _print_import_problems(imported: ImportResult) -> None:
    problems = imported.problems
    if problems:
        print(f"The import found {len(problems)} problem(s) (run 'rota-planner inspect' "
              "for all of them):", file=sys.stderr)
        for issue in problems[:5]:
            print(f"  {issue}", file=sys.stderr)


# --- check -----------------------------------------------------------------------------------
def _run_check(args: argparse.Namespace) -> int:
    imported = read_workbook(args.rota)
    plan, scenario = read_plan(args.plan, imported.scenario)
    report = check_plan(scenario, plan)
    for violation in report.violations:
        print(f"BREACH  {violation.message}")
    for violation in report.accepted:
        print(f"ACCEPTED  {violation.message}")
    for violation in report.pre_existing:
        print(f"IN ROTA  {violation.message}")
    print(f"{len(report.violations)} breach(es) caused by the plan, {len(report.accepted)} "
          f"accepted by the manager, {len(report.pre_existing)} already in the rota")
    return 0 if report.ok else 1


# --- inspect ---------------------------------------------------------------------------------
def _run_inspect(args: argparse.Namespace) -> int:
    imported = read_workbook(args.rota)
    summary = summarise(imported)
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
        return 0
    print(f"Layout: {imported.layout.describe()}")
    print(f"People: {summary['people']} in the rota, {summary.get('pool', 0)} locum/bank")
    print(f"By tier: {_counts(summary.get('by_tier', {}))}")
    print(f"By specialty: {_counts(summary.get('by_specialty', {}))}")
    print(f"Dates: {summary['first_date']} to {summary['last_date']}")
    print(f"Shift codes read: {summary['assignments']}")
    for kind in ("notes", "problems", "skipped"):
        items = summary.get(kind, [])
        print(f"{kind.capitalize()} ({len(items)}):")
        for item in items:
            print(f"  {_place(item)}: {item['message']}")
    return 0


def _counts(counts: object) -> str:
    return ", ".join(f"{k} {v}" for k, v in dict(counts).items())  # type: ignore[call-overload]


def _place(item: dict[str, object]) -> str:
    place = f"sheet '{item.get('sheet')}'"
    if item.get("row"):
        place += f", row {item['row']}"
    if item.get("column"):
        place += f", column {item['column']}"
    return place


if __name__ == "__main__":
    sys.exit(main())
