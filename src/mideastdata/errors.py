# SPDX-License-Identifier: MIT
"""Errors: one :class:`DatasetError` that lists every :class:`Problem` found."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DatasetError",
    "FieldTypeError",
    "FieldValueError",
    "Problem",
    "a_or_an",
    "short_repr",
    "shorten",
    "suggest",
]


_MESSAGE_MAX = 400
_PATH_MAX = 200


def shorten(text: str, limit: int) -> str:
    """*text* when it has at most *limit* characters, else its start and end around ``" ... "``.

    The end is kept because it often says what to do (a "did you mean" hint, a limit to raise).
    """
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - tail - 5]} ... {text[len(text) - tail :]}"


def _bounded_message(message: str) -> str:
    return shorten(message, _MESSAGE_MAX) if isinstance(message, str) else message


def _bounded_path(path: str) -> str:
    return shorten(path, _PATH_MAX) if isinstance(path, str) else path


@attrs.frozen
class Problem:
    """One thing wrong with a dataset, at a path such as ``statements[3].speaker``.

    A message has at most 400 characters and a path at most 200: a longer one (built from a
    hostile value) is cut in the middle, so no input can make an error flood a terminal or a log.
    """

    path: str = attrs.field(converter=_bounded_path)
    message: str = attrs.field(converter=_bounded_message)
    where: str | None = None
    """The place of the value in its file, for the formats that have lines (``demands.csv line 11, column topics``)."""

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text} ({self.where})" if self.where else text


class DatasetError(ValueError):
    """A dataset, document or file is invalid; :attr:`problems` lists every problem found.

    Attributes:
        problems: every problem, each with its path.
        file: the file the data came from, when there is one.
    """

    problems: tuple[Problem, ...]
    file: str | None

    def __init__(self, problems: Iterable[Problem], *, file: str | None = None) -> None:
        self.problems = tuple(problems)
        self.file = file
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"{shorten(self.file, _PATH_MAX)}: " if self.file else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} found"
        return "\n  ".join([head, *(str(p) for p in self.problems)])

    def __reduce__(self) -> tuple[object, ...]:  # keep pickling/copying working
        return (_rebuild, (self.problems, self.file))


def _rebuild(problems: tuple[Problem, ...], file: str | None) -> DatasetError:
    return DatasetError(problems, file=file)


_REPR_MAX = 80


def short_repr(value: object) -> str:
    """``repr(value)`` cut to at most 80 characters: a hostile value must not flood a message.

    Cheap for any value: a long string is cut before it is repr'd, a long container is
    described, not listed, and an integer too long to print (more than 4,300 digits) is
    described by its size.
    """
    if isinstance(value, (list, tuple, dict)) and len(value) > 8:
        return f"<{type(value).__name__} of {len(value)} items>"
    if isinstance(value, str) and len(value) > _REPR_MAX:
        value = value[:_REPR_MAX]
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * _REPR_MAX:
        return f"<int of about {int(value.bit_length() * 0.30103):,} digits>"
    try:
        text = repr(value)
    except RecursionError:  # a deeply nested value
        return f"<deeply nested {type(value).__name__}>"
    except ValueError:  # an integer inside a container, beyond the digits Python prints
        return f"<{type(value).__name__} holding a huge integer>"
    return text if len(text) <= _REPR_MAX else f"{text[: _REPR_MAX - 3]}..."


def a_or_an(word: str) -> str:
    """*word* with its indefinite article: ``an ActorKind``, ``a PartialDate``, ``an event``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


_HINT_MAX = 100
"""A "did you mean" hint compares values of at most this many characters (difflib is quadratic in length)."""


def suggest(wanted: str, known: Sequence[str] | Iterable[str], *, n: int = 3) -> list[str]:
    """Return up to *n* entries of *known* close to *wanted* (for "did you mean").

    Linear in the number of entries with a small constant: a value longer than 100
    characters gets no suggestion, and entries longer than that are not compared.
    """
    import difflib  # noqa: PLC0415 - only needed when something is not found

    if len(wanted) > _HINT_MAX:
        return []
    candidates = [k for k in known if len(k) <= _HINT_MAX]
    return difflib.get_close_matches(wanted, candidates, n=n, cutoff=0.6)


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """Return ``" — did you mean 'x'?"`` or ``""`` when nothing is close."""
    close = suggest(wanted, known)
    if not close:
        return ""
    return " — did you mean " + " or ".join(short_repr(c) for c in close) + "?"


class FieldValueError(ValueError):
    """A record field holds a bad value (``date="2025-13"``); :attr:`field` names it.

    Raised when a record is built; a ``ValueError``, so ``except ValueError`` catches it.

    Attributes:
        field: the name of the field.
    """

    field: str

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class FieldTypeError(TypeError):
    """A record field holds a value of the wrong type (``kind=3``, ``kind="persn"``); :attr:`field` names it.

    Raised when a record is built; a ``TypeError``, so ``except TypeError`` catches it.

    Attributes:
        field: the name of the field.
    """

    field: str

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
