# SPDX-License-Identifier: MIT
r"""JSON text to plain values, strictly: the guards every format's JSON goes through, written once.

Strict beyond :func:`json.loads`: UTF-8 only, no byte order mark, no ``NaN`` or
``Infinity``, no key given twice in one object (``json.loads`` and msgspec keep the last
one), no lone surrogate (a ``\ud800`` escape alone, which no format can write back).

Two parsers, one meaning:

* :func:`quick` parses with msgspec (the ``fast`` extra, for large texts) or
  :func:`json.loads`, and returns ``None`` whenever the text *might* hold what only the
  strict parser reports: a ``\ud`` escape, a key given twice. Keys given twice are found
  by counting: every key in a JSON text ends with ``"`` and ``:``, so when no ``:`` follows
  whitespace the text holds at least as many ``":`` as keys, exactly as many when no key
  is given twice (the caller compares with the keys the parsed objects hold, :func:`keys_in`);
* :func:`strict` parses with a reporting hook and raises one
  :class:`~mideastdata.DatasetError` naming the first syntax error, or every key given twice.

The garbage collector is paused while a large input is turned into records
(:func:`gc_paused`): millions of new containers would otherwise trigger collection passes
that each walk everything already built.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from .._gc import gc_paused
from ..errors import DatasetError, Problem, short_repr

__all__ = [
    "gc_paused",
    "keys_in",
    "may_repeat_keys",
    "parse_value",
    "quick",
    "quick_parser",
    "quick_values",
    "strict",
    "utf8",
]

ACCELERATE_FROM = 1 << 20
"""Texts smaller than this (1 MiB) are parsed by the stdlib: importing msgspec would cost more."""
_SPACED_KEY_END = re.compile(rb'"[ \t\n\r]+:')


def utf8(data: str | bytes, file: str | None) -> str:
    """The text of *data*: UTF-8 without a byte order mark, or a DatasetError naming *file*."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem("", f"not valid UTF-8: {exc.reason} at byte {exc.start}")
            raise DatasetError([problem], file=file) from None
    if data.startswith("\ufeff"):
        raise DatasetError([Problem("", "starts with a byte order mark (BOM); save as UTF-8 without BOM")], file=file)
    return data


# --------------------------------------------------------------------------- strict


def _constant(name: str) -> Any:
    raise ValueError(name)


def _children(path: str, value: object) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        return ((f"{path}.{k}" if path else str(k), v) for k, v in value.items())
    if isinstance(value, list):
        return ((f"{path}[{i}]", v) for i, v in enumerate(value))
    return iter(())


def _path_of(doc: Any, target: object) -> str | None:
    """The path of the object *target* (by identity) inside *doc*, or None."""
    if doc is target:
        return ""
    stack = [_children("", doc)]  # iterative: never deeper than the parser
    while stack:
        for path, value in stack[-1]:
            if value is target:
                return path
            if isinstance(value, (dict, list)):
                stack.append(_children(path, value))
                break
        else:
            stack.pop()
    return None


def _loads(text: str) -> tuple[Any, list[Problem]]:
    """``json.loads`` that reports keys given twice in one object (it would keep the last)."""
    duplicates: list[tuple[dict[str, Any], str]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append((obj, key))
                seen.add(key)
        return obj

    doc = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_constant)
    problems = [
        Problem(_path_of(doc, obj) or "", f"key {short_repr(key)} appears more than once") for obj, key in duplicates
    ]
    return doc, problems


def _syntax_problem(exc: ValueError | RecursionError) -> Problem:
    if isinstance(exc, json.JSONDecodeError):
        return Problem("", f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    if isinstance(exc, RecursionError):
        return Problem("", "invalid JSON: nested too deeply")
    what = str(exc)  # NaN/Infinity from _constant, or an integer beyond Python's digit limit
    if what in ("NaN", "Infinity", "-Infinity"):
        return Problem("", f"invalid JSON: {what} is not a JSON number")
    if what.startswith("Exceeds the limit"):
        return Problem("", f"invalid JSON: an integer has more than {sys.get_int_max_str_digits()} digits")
    return Problem("", f"invalid JSON: {what}")  # pragma: no cover - json raises no other ValueError


def _at(where: str, path: str) -> str:
    if not path:
        return where
    if not where or path.startswith("["):
        return where + path
    return f"{where}.{path}"


def parse_value(text: str, where: str = "") -> Any:
    """Parse one JSON value (a JSON Lines line, a CSV cell, a metadata file) strictly.

    Args:
        text: the JSON text.
        where: the path of the value, prefixed to the path of each problem.

    Raises:
        DatasetError: invalid JSON, ``NaN``, an integer beyond the digit limit, a key
            given twice, or nesting too deep (the caller names the file).
    """
    try:
        doc, problems = _loads(text)
    except (ValueError, RecursionError) as exc:
        problems = [_syntax_problem(exc)]
    else:
        if not problems:
            return doc
    raise DatasetError([Problem(_at(where, p.path), p.message) for p in problems])


def strict(data: str | bytes, file: str | None) -> Any:
    """Decode and parse a JSON document strictly; every failure is one DatasetError naming *file*."""
    text = utf8(data, file)
    try:
        return parse_value(text)
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=file) from None


# --------------------------------------------------------------------------- quick


class _Doubt(Exception):  # noqa: N818 - not an error: the strict parser must decide
    pass


def _doubt(_name: str) -> Any:
    raise _Doubt


_STDLIB = json.JSONDecoder(parse_constant=_doubt).decode
"""One decoder for every quick parse (``json.loads(..., parse_constant=)`` would build one per call)."""


def _stdlib(data: str | bytes) -> Any:
    return _STDLIB(data if isinstance(data, str) else data.decode("utf-8"))


def quick_parser(size: int) -> Callable[[str | bytes], Any]:
    """The parser :func:`quick` uses for a text of *size* bytes: msgspec's for large ones, when installed.

    It takes UTF-8 bytes or text, refuses ``NaN`` and ``Infinity``, and keeps the last value of
    a key given twice (see :func:`may_repeat_keys`).
    """
    if size >= ACCELERATE_FROM:
        try:
            import msgspec  # noqa: PLC0415 - optional, imported on first use
        except ImportError:
            pass
        else:
            decode: Callable[[str | bytes], Any] = msgspec.json.decode
            return decode
    return _stdlib


def quick_values(texts: list[str], joined: str, size: int) -> list[Any] | None:
    """Each of *texts* (*joined*: them joined by line breaks) parsed as JSON, or None when one is not quick JSON.

    Parsed by :func:`quick_parser` for a source of *size* bytes; by msgspec as the lines of
    *joined*, in one call, when no text holds a line break (each is then one line).
    """
    parse = quick_parser(size)
    try:
        if parse is not _stdlib and joined.count("\n") == len(texts) - 1:
            values: list[Any] = _lines()(joined)
            return values if len(values) == len(texts) else None  # a blank text is no line: parsed one by one
        return [parse(t) for t in texts]
    except Exception:  # noqa: BLE001 - not JSON, NaN, bad UTF-8...: the strict parser says which
        return None


@functools.cache
def _lines() -> Callable[[str], list[Any]]:
    import msgspec  # noqa: PLC0415 - optional: only after quick_parser found it

    lines: Callable[[str], list[Any]] = msgspec.json.Decoder().decode_lines
    return lines


def has_escape(data: bytes | str) -> bool:
    r"""Whether *data* holds a ``\ud`` escape (a surrogate, perhaps lone): only the strict path checks them."""
    if isinstance(data, str):
        return "\\u" in data and ("\\ud" in data or "\\uD" in data)
    return b"\\u" in data and (b"\\ud" in data or b"\\uD" in data)  # one pass when no escape of that form


_SPACED_KEY_TEXT = re.compile(r'"[ \t\n\r]+:')


def may_repeat_keys(data: bytes | str, keys: int) -> bool:
    """Whether *data*, whose parsed objects hold *keys* keys in all, may give a key twice in one object."""
    if isinstance(data, str):
        return data.count('":') != keys or _SPACED_KEY_TEXT.search(data) is not None
    return data.count(b'":') != keys or _SPACED_KEY_END.search(data) is not None


def keys_in(value: Any) -> int:
    """How many keys the objects inside *value* hold, all levels down."""
    if type(value) is dict:
        return len(value) + sum(map(keys_in, value.values()))
    if type(value) is list:
        return sum(map(keys_in, value))
    return 0


def quick(data: bytes) -> Any | None:
    """The parsed JSON *data* (UTF-8 bytes), or ``None`` when only :func:`strict` can vouch for it."""
    if data.startswith(b"\xef\xbb\xbf") or has_escape(data):
        return None
    try:
        doc = quick_parser(len(data))(data)
    except Exception:  # noqa: BLE001 - invalid JSON, NaN, bad UTF-8...: the strict parser says which
        return None
    if may_repeat_keys(data, keys_in(doc)):
        return None
    return doc
