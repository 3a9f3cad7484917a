# SPDX-License-Identifier: MIT
"""The bundled dataset: read from package data once per process, behind a lock."""

from __future__ import annotations

import os
import threading

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
            _dataset = _load(_read_data())
        return _dataset


def _load(data: bytes) -> Dataset:
    """The dataset in the bundled document, through the engine (no cattrs import)."""
    from .io._jsonload import load_json  # noqa: PLC0415 - nothing is loaded at import time
    from .limits import DEFAULT_LIMITS  # noqa: PLC0415

    return load_json(data, None, DEFAULT_LIMITS)


def _read_data() -> bytes:
    """The bundled document's bytes, straight from the package folder when it is one.

    That is the usual install, and importing ``importlib.resources`` costs more than the
    whole load; a zipped package is read through ``importlib.resources``.
    """
    path = os.path.join(os.path.dirname(__file__), "data", DATA_FILE)  # noqa: PTH118, PTH120 - pathlib costs import time
    try:
        with open(path, "rb") as fh:  # noqa: PTH123
            return fh.read()
    except OSError:
        from importlib import resources  # noqa: PLC0415

        return resources.files("mideastdata").joinpath("data").joinpath(DATA_FILE).read_bytes()
