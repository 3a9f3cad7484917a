# SPDX-License-Identifier: MIT
"""What the annotation-tool formats share: the mapping of records to spans, offsets, checks."""

from __future__ import annotations

from .marks import Doc, Link, Mark, to_docs
from .reading import Imported, Repair, RepairWarning, from_docs, warn_repairs

__all__ = ["Doc", "Imported", "Link", "Mark", "Repair", "RepairWarning", "from_docs", "to_docs", "warn_repairs"]
