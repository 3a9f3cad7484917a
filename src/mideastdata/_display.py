# SPDX-License-Identifier: MIT
"""Rich display hooks for the core types, without the core importing the viewer.

:class:`_HtmlRepr` gives records, tables and datasets a ``_repr_html_`` method (what
Jupyter and other notebooks call) that hands the object to the HTML renderer registered
with :func:`set_html_renderer`. The package's ``__init__`` registers the viewer
(:mod:`mideastdata.view`), so imports still flow one way: the viewer builds on the
model, and the model only knows this hook.

A record does not know the dataset it belongs to, yet its view shows each evidence span
in its sentence, which needs the source text. Datasets therefore announce themselves
here when they are built (:func:`remember_dataset`, weakly held, so a dataset is freed
as usual) and the renderer finds the dataset that holds a record with
:func:`datasets_holding`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

__all__ = ["_HtmlRepr", "datasets_holding", "remember_dataset", "render_html", "set_html_renderer"]

_renderer: Callable[[Any], str] | None = None
_datasets: dict[int, weakref.ReferenceType[Any]] = {}  # by id(), in the order they were built
_lock = threading.Lock()
_purge_at = [64]  # forget the freed datasets when this many are noted


def set_html_renderer(render: Callable[[Any], str]) -> None:
    """Register the function that renders an object as an HTML fragment for a notebook."""
    global _renderer  # noqa: PLW0603 - one process-wide hook, set once by the package
    _renderer = render


def render_html(obj: object) -> str:
    """*obj* as an HTML fragment, through the registered renderer (a plain escaped repr without one)."""
    if _renderer is None:
        import html  # noqa: PLC0415 - only on this fallback path

        return f"<pre>{html.escape(repr(obj))}</pre>"
    return _renderer(obj)


def remember_dataset(dataset: object) -> None:
    """Note a newly built dataset, so a record's view can find its source texts (held weakly).

    Kept by identity, never by hash (hashing a dataset would hash every record). No callback
    runs when a dataset is freed (a collection can free one at any allocation, even while this
    module holds its lock): freed ones are skipped when read and forgotten now and then here,
    at a cost that stays proportional to the datasets built.
    """
    key = id(dataset)
    ref = weakref.ref(dataset)
    with _lock:
        _datasets.pop(key, None)  # a freed dataset's id can be reused
        _datasets[key] = ref
        if len(_datasets) >= _purge_at[0]:
            for stale in [k for k, r in _datasets.items() if r() is None]:
                del _datasets[stale]
            _purge_at[0] = 2 * len(_datasets) + 64


def datasets_holding(table: str, record: object) -> list[Any]:
    """The live datasets whose *table* holds *record* itself or an equal record, newest first.

    Datasets holding the very object come before those holding an equal one.
    """
    with _lock:
        refs = list(_datasets.values())
    identical, equal = [], []
    record_id = getattr(record, "id", None)
    for ref in reversed(refs):
        dataset = ref()
        if dataset is None or not isinstance(record_id, str):
            continue
        found = dataset.tables()[table].get(record_id)
        if found is record:
            identical.append(dataset)
        elif found is not None and found == record:
            equal.append(dataset)
    return identical + equal


class _HtmlRepr:
    """A mixin: ``_repr_html_`` through the registered renderer (see :func:`set_html_renderer`)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """This object as an HTML fragment, for notebooks: fields in words, evidence in context."""
        return render_html(self)
