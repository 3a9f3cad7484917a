# SPDX-License-Identifier: MIT
r"""Folding text for matching: one rule, for actor names and for search.

:func:`~mideastdata._names.normalize_name` is the rule: accents removed (NFKD, then combining marks
dropped), case folded, apostrophes and runs of space made one space. Search cuts
folded text into words (``\w+``). :func:`fold_words` does the same for many texts
at once with a few passes of C code over one joined string (what the search index
is built from); :func:`word_spans` finds the words of one text with their offsets
in the original, for highlighting. Both give exactly the words of
``re.findall(r"\w+", normalize_name(text))`` (the tests check every code point).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ._names import normalize_name

__all__ = ["WORD_RE", "fold_for_index", "fold_words", "normalize_name", "tokens", "word_spans"]

WORD_RE = re.compile(r"\w+")
"""A word of folded text."""

SEPARATOR = "\ue000"
"""Joins the texts folded in one pass (a private-use starter: NFKD and casefold keep it, it is no word)."""
_NON_ASCII_NON_WORD = re.compile("[^\x00-\x7f\\w\ue000]+")
_CHUNK = 20_000


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of *text*."""
    return tuple(WORD_RE.findall(normalize_name(text)))


def _marks_out(match: re.Match[str]) -> str:
    # A run of non-ASCII non-word characters: combining marks vanish (so "Erdog\u0306an" stays one
    # word), anything else separates words.
    return " " if any(not unicodedata.combining(c) for c in match.group()) else ""


def _fold_joined(joined: str) -> str:
    decomposed = unicodedata.normalize("NFKD", joined)
    if not decomposed.isascii():
        decomposed = _NON_ASCII_NON_WORD.sub(_marks_out, decomposed)
    return decomposed.casefold()


def fold_words(texts: Sequence[str]) -> list[str]:
    r"""Each text folded so that its words, split at ASCII non-alphanumerics other than ``_``, are its words.

    The result is what SQLite's FTS5 ``ascii`` tokenizer (with ``_`` a token character)
    cuts into exactly the words of ``re.findall(r"\w+", normalize_name(text))``: non-ASCII
    characters that are not word characters become spaces, combining marks vanish.
    """
    out = [text.lower() if text.isascii() else "" for text in texts]  # ASCII: NFKD and casefold change nothing
    rest = [i for i, text in enumerate(texts) if not text.isascii()]
    for at in range(0, len(rest), _CHUNK):
        chunk = [texts[i] for i in rest[at : at + _CHUNK]]
        joined = SEPARATOR.join(chunk)
        if joined.count(SEPARATOR) != len(chunk) - 1:  # a text holds the separator itself: it is no word
            joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in chunk)
        for i, folded in zip(rest[at : at + _CHUNK], _fold_joined(joined).split(SEPARATOR), strict=True):
            out[i] = folded
    return out


_RUNS: dict[str, bytes] = {}  # a run of non-ASCII characters, folded and UTF-8 encoded
_MOST_RUNS = 1 << 16
_LONGEST_KEPT = 32


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    # The error handler of fold_for_index: called by the ASCII encoder with each maximal run of
    # non-ASCII characters; answers with the run folded, as UTF-8 (bytes are copied as they are).
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    folded = _RUNS.get(run)
    if folded is None:
        folded = _fold_joined(run.replace(SEPARATOR, " ")).encode("utf-8", "surrogatepass")
        if len(run) <= _LONGEST_KEPT:  # a word or two (a name, an accent): long runs are seldom met again
            if len(_RUNS) >= _MOST_RUNS:
                _RUNS.clear()
            _RUNS[run] = folded
    return folded, error.end


_FOLD_ERRORS = "mideastdata.fold"
codecs.register_error(_FOLD_ERRORS, _fold_run)


def fold_for_index(texts: Sequence[str]) -> list[str]:
    r"""Each text as FTS5's ``ascii`` tokenizer must read it to cut the words :func:`fold_words` gives.

    That tokenizer lower-cases ASCII letters and splits at ASCII non-alphanumerics other
    than ``_`` itself, so ASCII characters need no folding: an ASCII text is given as it
    is, and in another text only each run of non-ASCII characters is folded (by the ASCII
    encoder's error handler, one call per run, each distinct run folded once). Folding a
    run alone folds it as in its text: ASCII characters are NFKD starters that nothing
    decomposes or reorders across, and case folding is character by character. A text
    mostly of other characters (Arabic, Hebrew, CJK) is folded whole by :func:`fold_words`,
    which gives the same words, faster when the runs are many or long.
    """
    out = list(texts)
    whole = []
    for i, text in enumerate(texts):
        if text.isascii():
            continue
        if len(text.encode("utf-8", "surrogatepass")) - len(text) > len(text) // 2:
            whole.append(i)
        else:
            out[i] = text.encode("ascii", _FOLD_ERRORS).decode("utf-8", "surrogatepass")
    if whole:
        for i, folded in zip(whole, fold_words([texts[i] for i in whole]), strict=True):
            out[i] = folded
    return out


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """The folded words of *text*, each with its ``[start, end)`` offsets in *text*.

    Folding character by character gives the same words as folding the whole text:
    the only characters NFKD reorders are combining marks, and those are dropped.
    """
    if text.isascii():  # folding is lower-casing, which keeps every offset
        return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text.lower())]
    pieces = list(map(_fold_char, text))
    joined = "".join(pieces)
    if len(joined) == len(text) and "" not in pieces:  # one character each: offsets line up
        return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(joined)]
    origin = [i for i, piece in enumerate(pieces) for _ in piece]
    return [(m.group(), origin[m.start()], origin[m.end() - 1] + 1) for m in WORD_RE.finditer(joined)]
