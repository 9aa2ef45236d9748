"""The interfaces: the command line (and the window), both driving the same solver and planner."""
