# SPDX-License-Identifier: MIT
"""The shape of a dataset document: its keys and the record class of each table.

Kept apart from the converter so that the fast loading path (and so ``md.load()``
of the bundled data) does not import cattrs.
"""

from __future__ import annotations

from typing import Any

from ..model import Actor, Demand, Event, Source, Statement, Topic

__all__ = ["DOCUMENT_KEYS", "META_KEYS", "TABLE_TYPES"]

TABLE_TYPES: dict[str, type[Any]] = {
    "sources": Source,
    "actors": Actor,
    "topics": Topic,
    "statements": Statement,
    "demands": Demand,
    "events": Event,
}
"""The record class of each table, in schema order."""

META_KEYS = ("schema_version", "name", "version", "license", "citation")
"""The document's metadata keys, in the order they are written."""

DOCUMENT_KEYS = (*META_KEYS, *TABLE_TYPES)
"""The keys of a dataset document, in the order they are written."""
