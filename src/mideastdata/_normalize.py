# SPDX-License-Identifier: MIT
r"""The one normalisation under which two texts count as the same: NFC and ``\\n`` line ends.

Used by :attr:`mideastdata.Source.sha256` and by the annotation-tool readers when they
compare a tool's text or span with the source: a file re-saved with CRLF line ends, or by
an editor that composes accents, is still the same text; any other change is an edit.
"""

from __future__ import annotations

import hashlib
import unicodedata

__all__ = ["normalize_text", "text_sha256"]


def normalize_text(text: str) -> str:
    r"""*text* with ``\\r\\n`` and lone ``\\r`` as ``\\n``, then in Unicode normal form C."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def text_sha256(text: str) -> str:
    """The SHA-256 (lowercase hex) of the UTF-8 bytes of :func:`normalize_text` of *text*."""
    return hashlib.sha256(normalize_text(text).encode("utf-8", "surrogatepass")).hexdigest()
