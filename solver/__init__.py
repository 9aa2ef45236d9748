"""The CP-SAT model of strike cover and the ``solve`` function the interfaces call."""

from solver.instance import CoverChoice, SolveConfig, SolveProgress, SolveRequest
from solver.solve import STOPPED, solve

__all__ = ["CoverChoice", "SolveConfig", "SolveProgress", "SolveRequest", "STOPPED", "solve"]
