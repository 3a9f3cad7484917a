# SPDX-License-Identifier: MIT
"""What the annotation-tool formats share: the mapping of records to spans, offsets, checks."""

from __future__ import annotations

from .marks import Doc, Imported, Link, Mark, Repair, from_docs, to_docs

__all__ = ["Doc", "Imported", "Link", "Mark", "Repair", "from_docs", "to_docs"]
