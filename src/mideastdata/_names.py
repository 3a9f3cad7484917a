# SPDX-License-Identifier: MIT
"""How names are folded for matching: one rule for actor resolution and search."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_name"]

_FOLD_RE = re.compile("[\\s\u2019\u2018'`\u00b4]+")


def normalize_name(text: str) -> str:
    """Fold a name for matching: accents removed, case folded, apostrophes and spaces unified."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _FOLD_RE.sub(" ", stripped.casefold()).strip()
