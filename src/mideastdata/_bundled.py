# SPDX-License-Identifier: MIT
"""The bundled dataset: read from package data once per process, behind a lock."""

from __future__ import annotations

import threading
from importlib import resources

from .dataset import Dataset

__all__ = ["DATA_FILE", "bundled"]

DATA_FILE = "mideastdata.json"
"""The bundled dataset document inside ``mideastdata/data``."""

_lock = threading.Lock()
_dataset: Dataset | None = None


def bundled() -> Dataset:
    """Return the bundled dataset, built on first use; the same object every call."""
    global _dataset  # noqa: PLW0603 - the process-wide cache is the point
    ds = _dataset
    if ds is not None:
        return ds
    with _lock:
        if _dataset is None:
            from .io.json import from_json  # noqa: PLC0415 - nothing is loaded at import time

            data = resources.files("mideastdata").joinpath("data").joinpath(DATA_FILE).read_bytes()
            _dataset = from_json(data)
        return _dataset
