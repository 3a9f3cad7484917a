# SPDX-License-Identifier: MIT
"""The checks of an event's PLOVER description: its category, mode and context against its version's vocabulary.

An event's ``plover`` category, ``plover_mode`` and ``plover_context`` are as coded in
``plover_version`` (None: the current version); :mod:`mideastdata.codes` holds each
version's vocabulary and how older categories map to current ones. These rules span
several fields, so they are checked with the whole dataset (:func:`check_events`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ._enums import EventKind
from .codes import PLOVER_CONTEXTS, PLOVER_CURRENT, PLOVER_MODES, PLOVER_VERSIONS, plover_current_type
from .errors import short_repr

if TYPE_CHECKING:
    from .model import Event

__all__ = ["PLOVER_KINDS", "check_events", "event_kind", "is_plover_category", "is_plover_version"]

_CATEGORIES = frozenset(c for modes in PLOVER_MODES.values() for c in modes)

PLOVER_KINDS: frozenset[EventKind] = frozenset(
    kind
    for kind in EventKind
    if kind.value.upper() in PLOVER_MODES[PLOVER_CURRENT] and kind is not EventKind.SANCTION
)
"""The kinds that are PLOVER categories (``sanction`` is ours too, so it is not among them)."""


def is_plover_category(code: object) -> bool:
    """Whether *code* is a category of some known PLOVER version (the version itself is checked with the record)."""
    return isinstance(code, str) and code in _CATEGORIES


def is_plover_version(version: object) -> bool:
    """Whether *version* is a PLOVER version whose vocabulary is known (:data:`codes.PLOVER_VERSIONS`)."""
    return isinstance(version, str) and version in PLOVER_VERSIONS


def event_kind(category: str, version: str | None = None) -> EventKind | None:
    """The kind of an event read from PLOVER data: its current category's kind, or None when it has none."""
    current = plover_current_type(category, version)
    return None if current is None else EventKind(current.lower())


def _check_unset(add: Callable[[str, str], None], path: str, ev: Event) -> None:
    for field in ("plover_mode", "plover_context", "magnitudes"):
        if getattr(ev, field):
            add(f"{path}.{field}", f"{field} needs a PLOVER category (plover is None)")
    if ev.plover_version is not None:
        add(f"{path}.plover_version", "plover_version needs a PLOVER category (plover is None)")


def _check_codes(add: Callable[[str, str], None], path: str, ev: Event, version: str, category: str) -> None:
    named = f"PLOVER {version}"
    modes = PLOVER_MODES[version][category]
    known = ", ".join(modes) if modes else "none"
    for i, mode in enumerate(ev.plover_mode):
        if mode not in modes:
            msg = f"{short_repr(mode)} is not a mode of {category} in {named} (its modes: {known})"
            add(f"{path}.plover_mode[{i}]", msg)
    contexts = PLOVER_CONTEXTS[version][category]
    for i, context in enumerate(ev.plover_context):
        if context not in contexts:
            add(f"{path}.plover_context[{i}]", f"{short_repr(context)} is not a context of {category} in {named}")


def _check_kind(add: Callable[[str, str], None], path: str, ev: Event) -> None:
    category = ev.plover
    current = None if category is None else plover_current_type(category, ev.plover_version)
    wanted = ev.kind.value.upper()
    if current != wanted:
        msg = f"kind {ev.kind.value!r} is a PLOVER category: plover must be (or have become) {wanted}"
        add(f"{path}.kind", f"{msg}, not {short_repr(category)}")


def _check_one(add: Callable[[str, str], None], path: str, ev: Event) -> None:
    version = ev.plover_version or PLOVER_CURRENT
    if version not in PLOVER_MODES:
        return  # an unknown version is reported by the field's own vocabulary check
    category = ev.plover
    if category is None:
        _check_unset(add, path, ev)
    elif category not in PLOVER_MODES[version]:
        if category in _CATEGORIES:  # a category of another version: the field check passed it
            add(f"{path}.plover", f"{short_repr(category)} is not a category of PLOVER {version}")
        return
    else:
        _check_codes(add, path, ev, version, category)
    _check_repeats(add, path, ev)
    if ev.kind in PLOVER_KINDS:
        _check_kind(add, path, ev)


def _check_repeats(add: Callable[[str, str], None], path: str, ev: Event) -> None:
    for field in ("plover_mode", "plover_context"):
        values: tuple[str, ...] = getattr(ev, field)
        if len(set(values)) != len(values):
            add(f"{path}.{field}", f"{field} names a value twice")
    for i, magnitude in enumerate(ev.magnitudes):
        if magnitude.count is None and not (magnitude.text or "").strip():
            add(f"{path}.magnitudes[{i}]", f"the {magnitude.kind.value} magnitude needs a count or a text")


def check_events(add: Callable[[str, str], None], events: Sequence[Event]) -> None:
    """Add the problem of every event whose PLOVER description does not fit its version's vocabulary."""
    for i, ev in enumerate(events):
        described = ev.plover is not None or ev.plover_version is not None or ev.plover_mode or ev.plover_context
        if described or ev.magnitudes or ev.kind in PLOVER_KINDS:
            _check_one(add, f"events[{i}]", ev)
