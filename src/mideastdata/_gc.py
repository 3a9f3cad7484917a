# SPDX-License-Identifier: MIT
"""The garbage collector paused while millions of containers are built and none is freed.

A load, or an evidence page of tens of thousands of rows, allocates containers that all stay
alive: with the collector running, each collection pass walks everything built so far and the
work grows superlinearly. The formats (:mod:`mideastdata.io`) and the viewer
(:mod:`mideastdata.view`) pause it the same way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector for the block (restored even when it raises).

    On leaving, the objects built meanwhile count as old ones, as one collection pass would
    have found them: unreachable cycles among them are freed by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Moving every tracked object to the oldest generation (freeze, then unfreeze) also
            # zeroes the count of new ones: otherwise the first allocation after enable() starts a
            # collection that walks the millions of objects just built and finds them all alive.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
