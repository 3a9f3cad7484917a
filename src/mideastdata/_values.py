# SPDX-License-Identifier: MIT
"""What the generated builders call: the refusal of a value, and the checks of each kind of value.

:mod:`mideastdata._codegen` writes each kind's rule as an expression calling these; a
refused value raises :class:`Refused`, which the detailed builders report at its path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from ._dates import PartialDate
from .errors import Problem, did_you_mean, short_repr

__all__ = ["Refused", "check_list", "enum_hint", "type_name"]


class Refused(Exception):  # noqa: N818 - a refusal of a value, reported at its path by the detailed mode
    """A rule refused a value: *message* at the value, or *items* at paths inside it."""

    def __init__(self, message: str = "", items: Iterable[tuple[str, str]] = ()) -> None:
        self.message = message
        self.items = tuple(items)
        super().__init__(message)

    def report(self, out: list[Problem], path: str) -> None:
        """Add this refusal's problems at *path*."""
        if self.message:
            out.append(Problem(path, self.message))
        out.extend(Problem(path + suffix, message) for suffix, message in self.items)


def type_name(value: object) -> str:
    """How a message names the JSON type of *value*, with the value: ``int 5``, ``null None``."""
    return f"{'null' if value is None else type(value).__name__} {short_repr(value)}"


def _bad(what: str) -> Callable[[Any], Any]:
    def refuse(value: Any) -> Any:
        raise Refused(f"expected {what}, got {type_name(value)}")

    return refuse


def _bad_enum(members: dict[str, Any], value: Any) -> Any:
    allowed = ", ".join(map(repr, members))
    raise Refused(f"expected one of {allowed}, got {type_name(value)}{enum_hint(members, value)}")


def _enum_key(text: str) -> str:
    return text.casefold().replace("-", "_").replace(" ", "_")


def enum_hint(values: Iterable[str], value: Any) -> str:
    """``" — did you mean 'cooperation'?"`` for a value in another case or spelling, else ``""``.

    A value that differs only in case, spaces or hyphens names its member; another close one
    gets the nearest values. A long value gets no hint (its cost would grow with it).
    """
    if type(value) is not str or len(value) > 100:
        return ""
    known = list(values)
    same = [v for v in known if _enum_key(v) == _enum_key(value)]
    if same:
        return f" — did you mean {same[0]!r}?"
    return did_you_mean(value, known)


def check_list(value: Any) -> list[Any] | tuple[Any, ...]:
    """*value* when it is a JSON array (a list or tuple), else refused."""
    if type(value) is list or type(value) is tuple:
        return value
    raise Refused(f"expected a list, got {type_name(value)}")


_STR_ONLY = {str}


def _strs(value: Any) -> tuple[str, ...]:
    """A JSON array of strings as a tuple; every item that is not a string is refused at its index."""
    items = check_list(value)
    if not items or set(map(type, items)) == _STR_ONLY:
        return tuple(items)
    raise Refused(
        items=[(f"[{i}]", f"expected a string, got {type_name(v)}") for i, v in enumerate(items) if type(v) is not str]
    )


@functools.lru_cache(maxsize=1 << 16)
def _parse_date(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as exc:  # the date is one field: report it there, not at .month
        raise Refused(f"invalid date {short_repr(value)}: {exc}") from None


def _date(value: Any) -> PartialDate:
    """A date text as a (shared, frozen) PartialDate."""
    if type(value) is not str:
        raise Refused(f"expected a date string like '2025-08', got {type_name(value)}")
    return _parse_date(value)


def _unknown(keys: Iterable[str]) -> str:
    keys = sorted(keys)
    return f"unknown field{'s' if len(keys) > 1 else ''} " + ", ".join(map(short_repr, keys))


def _bad_object(value: Any) -> Any:
    raise Refused(f"expected a JSON object, got {type_name(value)}")


def _many(value: Any, build: Callable[[Any], Any]) -> tuple[Any, ...]:
    return tuple(map(build, check_list(value)))


def _many_d(
    value: Any, build: Callable[[Any, str, list[Problem]], Any], path: str, out: list[Problem]
) -> tuple[Any, ...]:
    items = check_list(value)
    before = len(out)
    built = tuple(build(item, f"{path}[{i}]", out) for i, item in enumerate(items))
    if len(out) > before:
        raise Refused  # its problems are in out already
    return built
