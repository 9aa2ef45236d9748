"""Rota Cover Planner's domain: the rota, the strike, the demand, the plan and its checker."""
