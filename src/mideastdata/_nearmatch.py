# SPDX-License-Identifier: MIT
"""Words that are almost a quote: the same text up to quotation marks, dashes, spacing and case.

A quote typed by hand often differs from its source only in the form of its marks:
a straight apostrophe for a curly one, a hyphen for a dash, one space for a line break,
``The`` for ``the``.
:func:`near_match` finds such a place and says exactly what differs, so an error can
name the words to copy and their offsets.

The cost is linear in the text: the text is folded once (C-speed ``str.translate``,
``str.casefold`` and one regular expression without backtracking), then searched with
``str.find``; a :class:`Folded` text can be reused for many quotes. Offsets map back
to the original text through the folded runs of spaces, with a binary search.
"""

from __future__ import annotations

import bisect
import functools
import re

import attrs

from .errors import short_repr

__all__ = ["Folded", "NearMatch", "differences", "fold", "near_match"]

_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACE_RUN = re.compile(" {2,}")

Kind = str
"""One of :data:`KINDS`: what a near match may differ in."""
KINDS: tuple[Kind, ...] = ("quotes and apostrophes", "dashes", "spacing", "case")


@functools.cache
def _table(kinds: frozenset[Kind]) -> dict[int, str]:
    """The one-character-to-one-character folding of *kinds* (spacing folds every space character to one)."""
    table: dict[int, str] = {}
    if "quotes and apostrophes" in kinds:
        table.update({ord(c): "'" for c in _QUOTES})
        table.update({ord(c): '"' for c in _DOUBLE_QUOTES})
    if "dashes" in kinds:
        table.update({ord(c): "-" for c in _DASHES})
    if "spacing" in kinds:
        # Every Unicode space character is below U+3001.
        table.update({i: " " for i in range(0x3001) if chr(i).isspace() and i != 0x20})
    return table


_ALL = frozenset(KINDS)


@attrs.frozen
class Folded:
    """A text folded for near matching, and the way back to the original offsets."""

    text: str
    """The folded text."""
    length: int
    """The length of the original text."""
    keys: tuple[int, ...] = ()
    """The folded offset of each run of spaces that was shortened, in order."""
    shifts: tuple[int, ...] = ()
    """The characters removed up to and including each of those runs."""
    where: tuple[int, ...] | None = None
    """When case folding changed the length: the original offset of every folded character."""

    def original(self, k: int) -> int:
        """The offset in the original text of folded offset *k* (``len(self.text)`` maps to the end)."""
        if self.where is not None:
            return self.where[k] if k < len(self.where) else self.length
        j = bisect.bisect_left(self.keys, k)
        return k + (self.shifts[j - 1] if j else 0)


def _fold_text(text: str, kinds: frozenset[Kind]) -> str:
    """*text* folded in *kinds*, without the offset map (for short texts)."""
    out = text.translate(_table(kinds))
    if "case" in kinds:
        out = out.casefold()
    if "spacing" in kinds:
        out = _SPACE_RUN.sub(" ", out)
    return out


def fold(text: str) -> Folded:
    """Fold *text* in every kind, keeping the map back to its offsets."""
    folded = text.translate(_table(_ALL))
    lowered = folded.casefold()
    if len(lowered) != len(folded):  # a character whose folded case is longer (ß): map each one
        where: list[int] = []
        parts: list[str] = []
        for i, ch in enumerate(folded):
            low = ch.casefold()
            parts.append(low)
            where.extend([i] * len(low))
        return _collapse_mapped("".join(parts), where, len(text))
    keys: list[int] = []
    shifts: list[int] = []
    removed = 0
    for match in _SPACE_RUN.finditer(lowered):
        keys.append(match.start() - removed)
        removed += match.end() - match.start() - 1
        shifts.append(removed)
    if not keys:
        return Folded(lowered, len(text))
    return Folded(_SPACE_RUN.sub(" ", lowered), len(text), tuple(keys), tuple(shifts))


def _collapse_mapped(text: str, where: list[int], length: int) -> Folded:
    kept = [i for i, ch in enumerate(text) if ch != " " or i == 0 or text[i - 1] != " "]
    return Folded("".join(text[i] for i in kept), length, where=tuple(where[i] for i in kept))


def differences(found: str, quote: str) -> list[Kind]:
    """The kinds in which *found* differs from *quote*, two texts equal once folded in every kind."""
    return [kind for kind in KINDS if _fold_text(found, _ALL - {kind}) != _fold_text(quote, _ALL - {kind})]


@attrs.frozen
class NearMatch:
    """A place in a text whose words are the quote up to marks, spacing and case."""

    start: int
    end: int
    text: str
    """The exact words of the text at ``[start, end)``."""
    differs_in: tuple[Kind, ...]

    def moved(self, by: int) -> NearMatch:
        """The same match in a text that starts *by* characters earlier (a quote inside its source)."""
        return attrs.evolve(self, start=self.start + by, end=self.end + by)

    def describe(self) -> str:
        """The exact words, their offsets and what differs: ``'...' at [120, 132) (differs in case)``."""
        what = ", ".join(self.differs_in) or "nothing"
        return f"{short_repr(self.text)} at [{self.start}, {self.end}) (differs in {what})"


def near_match(text: str | Folded, original: str, quote: str, *, start: int = 0) -> NearMatch | None:
    """The first place at or after *start* in *original* whose words equal *quote* once folded, or None.

    Args:
        text: *original* folded by :func:`fold`, or *original* itself (folded here).
        original: the text searched.
        quote: the words wanted.
        start: an offset of *original*; places that begin before it are skipped.
    """
    folded = fold(text) if isinstance(text, str) else text
    wanted = _fold_text(quote, _ALL)
    if not wanted.strip():
        return None
    at = _folded_offset(folded, start)
    k = folded.text.find(wanted, at)
    if k == -1:
        return None
    begin = folded.original(k)
    end = folded.original(k + len(wanted))
    if wanted.endswith(" "):  # the match ends inside a run of spaces: stop after its first character
        end = folded.original(k + len(wanted) - 1) + 1
    found = original[begin:end]
    return NearMatch(begin, end, found, tuple(differences(found, quote)))


def _folded_offset(folded: Folded, start: int) -> int:
    """The least folded offset whose original offset is at least *start*."""
    if start <= 0:
        return 0
    lo, hi = 0, len(folded.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if folded.original(mid) < start:
            lo = mid + 1
        else:
            hi = mid
    return lo
