"""Shared test set-up: headless Qt, and the tests folder importable for the builders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


import gc  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """As the app does: no automatic collection (it could free Qt objects on a worker thread);
    collect here, on the main thread, after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()
