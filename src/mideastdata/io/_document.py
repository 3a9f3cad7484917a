# SPDX-License-Identifier: MIT
"""The shape of a dataset document: its keys and the record class of each table (``TABLE_TYPES``).

Kept apart from the converter so that the fast loading path (and so ``md.load()``
of the bundled data) does not import cattrs.
"""

from __future__ import annotations

from .._checks import TABLE_TYPES

__all__ = ["DOCUMENT_KEYS", "META_KEYS", "TABLE_TYPES"]

META_KEYS = ("schema_version", "name", "version", "license", "citation")
"""The document's metadata keys, in the order they are written."""

DOCUMENT_KEYS = (*META_KEYS, *TABLE_TYPES)
"""The keys of a dataset document, in the order they are written."""
