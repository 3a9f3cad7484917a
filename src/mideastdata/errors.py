# SPDX-License-Identifier: MIT
"""Errors: one :class:`DatasetError` that lists every :class:`Problem` found."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = ["DatasetError", "Problem", "short_repr", "suggest"]


@attrs.frozen
class Problem:
    """One thing wrong with a dataset, at a path such as ``statements[3].speaker``."""

    path: str
    message: str
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
        where = f"{self.file}: " if self.file else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} found"
        return "\n  ".join([head, *(str(p) for p in self.problems)])

    def __reduce__(self) -> tuple[object, ...]:  # keep pickling/copying working
        return (_rebuild, (self.problems, self.file))


def _rebuild(problems: tuple[Problem, ...], file: str | None) -> DatasetError:
    return DatasetError(problems, file=file)


_REPR_MAX = 80


def short_repr(value: object) -> str:
    """``repr(value)`` cut to a readable length: a hostile value must not flood a message."""
    if isinstance(value, (list, tuple, dict)) and len(value) > 8:
        return f"<{type(value).__name__} of {len(value)} items>"
    if isinstance(value, str) and len(value) > _REPR_MAX:
        value = value[:_REPR_MAX]
    try:
        text = repr(value)
    except RecursionError:  # a deeply nested value
        return f"<deeply nested {type(value).__name__}>"
    return text if len(text) <= _REPR_MAX else f"{text[: _REPR_MAX - 3]}..."


def suggest(wanted: str, known: Sequence[str] | Iterable[str], *, n: int = 3) -> list[str]:
    """Return up to *n* entries of *known* close to *wanted* (for "did you mean")."""
    import difflib  # noqa: PLC0415 - only needed when something is not found

    return difflib.get_close_matches(wanted, list(known), n=n, cutoff=0.6)


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """Return ``" — did you mean 'x'?"`` or ``""`` when nothing is close."""
    close = suggest(wanted, known)
    if not close:
        return ""
    return " — did you mean " + " or ".join(repr(c) for c in close) + "?"


class FieldValueError(ValueError):
    """A record field holds a bad value; :attr:`field` names it (raised by model validators)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class FieldTypeError(TypeError):
    """A record field holds a value of the wrong type; :attr:`field` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
