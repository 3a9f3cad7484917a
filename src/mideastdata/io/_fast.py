# SPDX-License-Identifier: MIT
r"""The fast path for whole JSON documents: the reference path's result, or nothing.

Loading a document the reference way (:func:`~mideastdata.io.json._parse`, then
:func:`~mideastdata.io.converter.structure_dataset`) checks every value through
cattrs hooks that collect errors with their paths. That is what a broken document
needs, and far more than a valid one does. This module loads a *valid* document
faster and gives up on anything else:

* parse with ``msgspec`` when the ``fast`` extra is installed, else with
  :func:`json.loads` (no Python callback per object);
* structure each record with a function generated for its class that checks
  types the way the converter's hooks do, then calls the class, so the attrs
  validators run exactly as on the reference path;
* build the :class:`~mideastdata.Dataset`, which checks it whole, as always.

Anything the fast path is not sure of (a failed check, a missing optional key
it does not fill in itself, a possible duplicate key, a ``\ud...`` escape, a
record limit) makes :func:`load_document` return ``None``, and the caller runs
the reference path from the start. So errors and their messages always come
from the reference path, and a document the fast path accepts is one the
reference path accepts with an equal result (``tests/test_fastpath.py`` checks
both claims on the hostile and round-trip cases).

Duplicate keys: ``json.loads`` and msgspec keep the last value of a key given
twice. Every key in the text ends with ``"`` and ``:``; when no ``:`` follows
whitespace anywhere in the text, the count of ``":`` is at least the number of
keys, and equals the number of distinct keys the parsed objects hold only when
no key was given twice.

The garbage collector is paused while a document is loaded (:func:`gc_paused`):
millions of new containers would otherwise trigger collection passes that each
walk everything already built.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, get_args, get_origin

import attrs

from .. import _schema
from ..dataset import Dataset
from ..errors import DatasetError
from ..limits import Limits
from ..model import (
    ActorKind,
    Attribution,
    DemandKind,
    EventKind,
    EventStatus,
    PartialDate,
    Position,
    StatementKind,
)
from ._document import DOCUMENT_KEYS, META_KEYS, TABLE_TYPES

__all__ = ["build_each", "gc_paused", "load_document", "nested_record_class", "parser", "stdlib_parse"]

_BOM = b"\xef\xbb\xbf"
_ACCELERATE_FROM = 1 << 20
"""Documents smaller than this (1 MiB) are parsed by the stdlib: importing msgspec would cost more."""
_SPACED_KEY_END = re.compile(rb'"[ \t\n\r]+:')


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the garbage collector for the block (restored even when it raises).

    On leaving, the objects built meanwhile count as old ones, as one collection pass would
    have found them: unreachable cycles among them are freed by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Moving every tracked object to the oldest generation (freeze, then unfreeze) also
            # zeroes the count of new ones: otherwise the first allocation after enable() starts a
            # collection that walks the millions of objects just built and finds them all alive.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def build_each(items: list[Any], build: Callable[[Any], Any]) -> tuple[Any, ...]:
    """``tuple(map(build, items))``, dropping each item once its record is built.

    Its memory is then reused for the records that follow, so a parsed table and its
    records are not both held whole.
    """
    out: list[Any] = []
    append = out.append
    for i, item in enumerate(items):
        append(build(item))
        items[i] = None
    return tuple(out)


class _Fallback(Exception):  # noqa: N818 - not an error: a signal to take the reference path
    """The fast path cannot vouch for this document."""


def _reject_constant(name: str) -> Any:
    raise _Fallback(name)


def stdlib_parse(data: bytes) -> Any:
    """Parse with :func:`json.loads`; give up on what it would let through and the reference path rejects."""
    if b"\\ud" in data or b"\\uD" in data:
        raise _Fallback  # json.loads lets lone surrogates through; the reference path rejects them
    return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)


def parser() -> tuple[str, Callable[[bytes], Any]]:
    """The parser the fast path uses: msgspec's when installed (the ``fast`` extra), else the stdlib's."""
    try:
        import msgspec  # noqa: PLC0415 - optional, imported on first use
    except ImportError:
        return "json", stdlib_parse
    return "msgspec", msgspec.json.decode


# --------------------------------------------------------------------------- generated structurers


_EXACT_TYPES = {str: "str", int: "int", bool: "bool"}


def nested_record_class(type_: Any) -> type | None:
    """The record class of a ``tuple[Record, ...]`` field type (``Actor.roles``...), else ``None``."""
    args = get_args(type_)
    if get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
        return args[0]
    return None


def _field_code(name: str, type_: Any) -> str:
    """The expression that structures field *name* of a record dict ``d`` like the converter does."""
    get = f"d[{name!r}]"
    args = get_args(type_)
    if type_ in _EXACT_TYPES:  # strict: no coercion, bool is not an int
        code = f"(x if type(x := {get}) is {_EXACT_TYPES[type_]} else _bad())"
    elif isinstance(type_, type) and issubclass(type_, str):  # one of the enums: its values only
        code = f"_enum_{type_.__name__}[{get}]"
    elif args == (str, type(None)):
        code = f"(x if (x := {get}) is None or type(x) is str else _bad())"
    elif args == (PartialDate, type(None)):
        code = f"(None if (x := {get}) is None else _date(x))"
    elif get_origin(type_) is tuple and args == (str, Ellipsis):
        # Every tuple[str, ...] field's validator checks its items (slugs, or str instances).
        code = f"(tuple(x) if type(x := {get}) is list else _bad())"
    elif (nested := nested_record_class(type_)) is not None:
        code = f"_records({get}, _s_{nested.__name__}, {len(attrs.fields(nested))})"
    else:  # pragma: no cover - the schema has no other types
        msg = f"no fast structuring for {type_!r}"
        raise TypeError(msg)
    return code


_RECORD_CLASSES = _schema.RECORD_CLASSES
"""Nested records first: code generated for a class refers to that of its nested records."""
_code: Any = None


def _structurers_code() -> Any:
    """One structuring function per record class (``_s_Statement`` ...), generated from the schema once."""
    global _code  # noqa: PLW0603 - a cache of compiled code, built once per process
    if _code is None:
        lines: list[str] = []
        for cls in _RECORD_CLASSES:
            fields = attrs.fields(attrs.resolve_types(cls))
            args = ", ".join(f"{f.name}={_field_code(f.name, f.type)}" for f in fields)
            lines += [
                f"def _s_{cls.__name__}(d):",
                f"    if type(d) is not dict or len(d) != {len(fields)}:",
                f"        return _partial(d, {cls.__name__}, {len(fields)})",
                f"    return {cls.__name__}({args})",
                "",
            ]
        _code = compile("\n".join(lines), "<mideastdata fast structurers>", "exec")
    return _code


def _keys_in(value: Any) -> int:
    """How many keys the objects inside *value* hold, all levels down."""
    if type(value) is dict:
        return len(value) + sum(_keys_in(v) for v in value.values())
    if type(value) is list:
        return sum(_keys_in(v) for v in value)
    return 0


class _Run:
    """One fast load: the generated functions bound to this load's key count and date cache."""

    def __init__(self) -> None:
        self.keys = 0
        self.dates: dict[str, PartialDate] = {}
        namespace: dict[str, Any] = {cls.__name__: cls for cls in _RECORD_CLASSES}
        namespace.update(
            _bad=self.bad,
            _date=self.date,
            _records=self.records,
            _partial=self.partial,
            **{f"_enum_{t.__name__}": {m.value: m for m in t} for t in _ENUM_TYPES},
        )
        exec(_structurers_code(), namespace)  # noqa: S102 - code generated from the schema, no input in it
        self.structure = {cls.__name__: namespace[f"_s_{cls.__name__}"] for cls in _RECORD_CLASSES}

    @staticmethod
    def bad() -> Any:
        raise _Fallback

    def date(self, value: Any) -> PartialDate:
        found = self.dates.get(value) if type(value) is str else None
        if found is None:
            if type(value) is not str:
                raise _Fallback
            found = self.dates[value] = PartialDate.parse(value)  # frozen: one object may serve many records
        return found

    def records(self, value: Any, structure: Callable[[Any], Any], n_fields: int) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Fallback
        self.keys += n_fields * len(value)
        return tuple(map(structure, value))

    def table(self, value: Any, structure: Callable[[Any], Any], n_fields: int) -> tuple[Any, ...]:
        """Like :meth:`records`, for a whole table: each record's dict is dropped once it is built.

        Its memory is then reused for the records that follow, so the parsed document
        and the dataset are not both held whole (the reference path re-parses the text).
        """
        if type(value) is not list:
            raise _Fallback
        self.keys += n_fields * len(value)
        return build_each(value, structure)

    def partial(self, value: Any, cls: type, n_fields: int) -> Any:
        """A record without every key: the converter structures it (its keys counted here)."""
        if type(value) is not dict:
            raise _Fallback
        self.keys += _keys_in(value) - n_fields
        from .converter import converter  # noqa: PLC0415 - cattrs only when a record needs it

        try:
            return converter.structure(value, cls)
        except Exception as exc:  # the reference path will report it
            raise _Fallback from exc


_ENUM_TYPES = (ActorKind, Attribution, DemandKind, EventKind, EventStatus, Position, StatementKind)


def _may_hold_duplicate_keys(data: bytes, parsed_keys: int) -> bool:
    if data.count(b'":') != parsed_keys:
        return True
    return _SPACED_KEY_END.search(data) is not None  # a key written as "key" : value, which the count misses


def _build(doc: Any, data: bytes, limits: Limits) -> Dataset:
    if type(doc) is not dict or doc.keys() != set(DOCUMENT_KEYS):
        raise _Fallback
    tables = [doc[name] for name in TABLE_TYPES]
    if any(type(t) is not list for t in tables):
        raise _Fallback
    if limits.max_records is not None and sum(map(len, tables)) > limits.max_records:
        raise _Fallback
    meta = {key: doc[key] for key in META_KEYS}
    if any(type(v) is not str for v in meta.values()):
        raise _Fallback
    run = _Run()
    run.keys = len(doc)
    built = {
        name: run.table(doc[name], run.structure[cls.__name__], len(attrs.fields(cls)))
        for name, cls in TABLE_TYPES.items()
    }
    if _may_hold_duplicate_keys(data, run.keys):
        raise _Fallback
    return Dataset(**meta, **built)  # type: ignore[arg-type]


def load_document(
    data: str | bytes, limits: Limits, *, parse: Callable[[bytes], Any] | None = None
) -> Dataset | None:
    """The Dataset in *data* when the fast path can vouch for it, else ``None`` (use the reference path).

    Args:
        data: the document, as ``str`` or UTF-8 ``bytes``.
        limits: the load's limits (a document past ``max_records`` is left to the reference path).
        parse: the JSON parser (default: :func:`parser`'s for large documents, the stdlib's for small).
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            return None  # lone surrogates: the reference path reports them
    if data.startswith(_BOM):
        return None
    if parse is None:
        if len(data) < _ACCELERATE_FROM:
            parse = stdlib_parse
        else:
            name, parse = parser()
            if name == "msgspec":
                from ._fast_typed import load_typed  # noqa: PLC0415 - needs msgspec

                found = load_typed(data, limits)
                if found is not None:
                    return found
    try:
        return _build(parse(data), data, limits)
    except (_Fallback, DatasetError):
        return None
    except Exception:  # noqa: BLE001 - a parser or validator error: the reference path reports it
        return None
