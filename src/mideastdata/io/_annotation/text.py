# SPDX-License-Identifier: MIT
"""Offsets: UTF-16 code units to code points and back, and spans anchored (or repaired) by their text.

Python counts code points; JavaScript (Label Studio) and Java (UIMA, INCEpTION) count
UTF-16 code units, in which a character outside the Basic Multilingual Plane (most emoji,
some rare CJK and historic scripts) takes two. :class:`Utf16` converts both ways in
O(log n) per offset after one pass over the text, and in O(1) for a text without such
characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

import attrs

from ..._normalize import normalize_text

__all__ = ["Anchor", "Utf16", "anchor", "flatten"]

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """Offset conversion for one text."""

    __slots__ = ("_cp", "_u16")

    def __init__(self, text: str) -> None:
        cp = [m.start() for m in _ASTRAL_RE.finditer(text)]
        self._cp = cp  # code point index of each astral character
        self._u16 = [c + k for k, c in enumerate(cp)]  # its UTF-16 index

    def units(self, index: int) -> int:
        """The UTF-16 offset of code point offset *index*."""
        return index + bisect.bisect_left(self._cp, index) if self._cp else index

    def points(self, units: int) -> int | None:
        """The code point offset of UTF-16 offset *units*; None inside a surrogate pair."""
        if not self._u16:
            return units
        k = bisect.bisect_left(self._u16, units)  # astral characters that start before *units*
        if k and self._u16[k - 1] + 1 == units:
            return None
        return units - k


_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def flatten(text: str) -> str:
    """*text* with tabs and every line break as a space: same length, so offsets hold."""
    return _BREAKS.sub(" ", text)


@attrs.frozen
class Anchor:
    """Where a span landed: its code point offsets, and whether they were repaired."""

    start: int
    end: int
    repaired: bool = False
    problem: str | None = None


def anchor(  # noqa: PLR0913 - the span, its text and its context, as the tools give them
    text: str,
    start: int,
    end: int,
    quote: str | None,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    view: Callable[[str], str] | None = None,
) -> Anchor:
    """Check the span ``[start, end)`` of *text* against *quote*; repair it from the quote and context.

    The text at the offsets and the quote are compared after :func:`normalize_text` (and
    *view*, a length-keeping transform such as :func:`flatten`, for a tool that writes its
    quotes so). When they differ, the quote is looked for in the text: if exactly one place
    matches (with *prefix* before it and *suffix* after it, when given), the span moves
    there and is reported as repaired; otherwise the result carries a problem.
    """
    seen = view(text) if view is not None else text
    in_range = 0 <= start < end <= len(text)
    if quote is None:
        if in_range:
            return Anchor(start, end)
        return Anchor(start, end, problem=f"[{start}, {end}) is outside the text ({len(text)} characters)")
    if in_range and (seen[start:end] == quote or normalize_text(seen[start:end]) == normalize_text(quote)):
        return Anchor(start, end)
    places = []
    at = seen.find(quote) if quote else -1
    while at != -1:
        before_ok = prefix is None or seen[:at].endswith(prefix)
        if before_ok and (suffix is None or seen[at + len(quote) :].startswith(suffix)):
            places.append(at)
        at = seen.find(quote, at + 1)
    if len(places) == 1:
        return Anchor(places[0], places[0] + len(quote), repaired=True)
    found = repr(text[start:end]) if in_range else f"outside the text ({len(text)} characters)"
    where = "nowhere" if not places else f"in {len(places)} places"
    msg = f"[{start}, {end}) holds {found}, not {quote!r}, which occurs {where} in the text"
    return Anchor(start, end, problem=msg)
