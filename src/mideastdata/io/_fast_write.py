# SPDX-License-Identifier: MIT
"""JSON documents and lists of records as text: the standard library's text, written faster with msgspec.

The text is :func:`dumps` (``json.dumps(..., ensure_ascii=False, indent=1)``) of the plain
values the unstructurers :mod:`mideastdata._codegen` generates from the schema (keys in
schema order), which is how it is written without msgspec. ``indent=1`` makes the standard
library fall back to its pure-Python encoder, so:

* with msgspec (the ``fast`` extra): each table is copied, a slice of records at
  a time, into msgspec Structs generated from the schema (same fields, same order)
  by ``msgspec.convert(..., from_attributes=True)``, which runs in C; each slice is
  encoded and indented by msgspec (``msgspec.json.format``) in small reused
  buffers and appended to the output, so no dict per record, no compact copy of
  the whole document and no second copy of it are made. Dates go through the
  Structs as ``(year, month, day)`` and are swapped for their ISO text, made once
  per distinct date. For these documents the result is byte for byte that of :func:`dumps`.

A list of records of one table (``md.to_json`` of a table or of a query's records) is
written by the same slice writer one level less deep (:func:`records_text`).

``tests/test_fastpath.py`` compares the texts of both paths with the reference.
"""

from __future__ import annotations

import functools
import io
import json
from collections import deque
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import attrgetter
from types import GenericAlias
from typing import Any

import attrs

from .. import _schema
from .._codegen import builders, compile_source, unstructure
from ..dataset import Dataset
from ..model import PartialDate
from ._document import META_KEYS, TABLE_TYPES
from ._text import gc_paused

__all__ = [
    "compact_writers",
    "document_bytes",
    "document_text",
    "dumps",
    "json_expression",
    "records_text",
    "unstructure_document",
    "unstructurer",
]

_SLICE = 256
"""Records converted and encoded at a time: the Structs of a slice stay in the CPU cache and are freed at once."""


def unstructurer(kind: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """The generated function giving a record of *kind* as plain JSON values (see :mod:`mideastdata._codegen`)."""
    return builders().plain[kind]


def unstructure_document(ds: Dataset) -> dict[str, Any]:
    """The dataset as a JSON-ready dict: its metadata, then each table's records as plain values."""
    made = builders().plain
    doc: dict[str, Any] = {key: getattr(ds, key) for key in META_KEYS}
    for name, cls in TABLE_TYPES.items():
        doc[name] = list(map(made[cls], getattr(ds, name).records))
    return doc


# --------------------------------------------------------------------------- msgspec


@attrs.frozen
class _Writer:
    """What the msgspec path needs, built once from the schema."""

    msgspec: Any
    encoder: Any
    tables: tuple[tuple[str, bytes, type], ...]
    """Per table: its name, its opening in the indented document, its record class."""
    structs: dict[type, tuple[Any, tuple[str, ...]]]
    """Per record class of a table: ``list[its Struct]`` and its date fields."""


def _str_value(obj: Any) -> Any:
    """The encoder hook for what msgspec does not write itself: a ``str`` subclass as its text, like json.dumps."""
    if isinstance(obj, str):
        return str.__str__(obj)
    msg = f"cannot write a {type(obj).__name__}"
    raise TypeError(msg)


def _struct_field(spec: _schema.FieldSpec, structs: dict[type, Any], date_type: type) -> Any:
    """The Struct field type for a record field (``Any``: taken as it is)."""
    if spec.kind == "date":
        return date_type | None if spec.optional else date_type
    if spec.kind == "records":
        return GenericAlias(list, (structs[spec.item],))  # list[a Struct class made at run time]
    return Any  # text, numbers, booleans, None, a tuple of texts, an enum: msgspec writes them as json.dumps does


def _build_writer() -> _Writer:
    import msgspec  # noqa: PLC0415 - optional, imported on first use

    date_type = msgspec.defstruct(
        "_DateOut", [("year", Any), ("month", Any), ("day", Any)], frozen=True, array_like=True, gc=False
    )
    structs: dict[type, Any] = {}
    dates: dict[type, tuple[str, ...]] = {}
    for cls in _schema.RECORD_CLASSES:
        specs = _schema.fields(cls)
        fields = [(s.name, _struct_field(s, structs, date_type)) for s in specs]
        structs[cls] = msgspec.defstruct(f"_{cls.__name__}Out", fields, gc=False)
        dates[cls] = tuple(s.name for s in specs if s.kind == "date")
    tables = tuple((name, b",\n " + msgspec.json.encode(name) + b": [", cls) for name, cls in TABLE_TYPES.items())
    encoder = msgspec.json.Encoder(enc_hook=_str_value)
    return _Writer(
        msgspec=msgspec,
        encoder=encoder,
        tables=tables,
        structs={cls: (GenericAlias(list, (structs[cls],)), dates[cls]) for cls in TABLE_TYPES.values()},
    )


@functools.cache
def _msgspec_writer() -> _Writer | None:
    """The msgspec writer, built on first use, or None without the ``fast`` extra (the import is tried once)."""
    try:
        return _build_writer()
    except ImportError:
        return None


class _DateTexts(dict[Any, "str | None"]):
    """The ISO text of each ``(year, month, day)`` Struct met so far (None for None)."""

    def __missing__(self, key: Any) -> str:
        text = self[key] = str(PartialDate(year=key.year, month=key.month, day=key.day))
        return text


_WRAPPER = b'{"t":'
"""A slice of records is indented as the list of this object, which puts them two levels deep."""
_WRAPPED_OPEN = len(b'{\n "t": [\n')
_WRAPPED_CLOSE = len(b"\n ]\n}")
_LIST_OPEN = len(b"[\n")
_LIST_CLOSE = len(b"\n]")


def _write_records(out: io.BytesIO, records: Sequence[Any], kind: type, writer: _Writer, *, nested: bool) -> None:
    """Append *records* (all of class *kind*, at least one) as the indented text of their list's items.

    Each slice is encoded compactly into a small reused buffer and indented by
    ``msgspec.json.format``; what lies between its brackets is appended to *out*. With
    *nested*, a slice is encoded as ``{"t":[records]}``, which puts its records two levels
    deep, as in the document; else as a bare list, one level deep, as in a list of records.
    """
    convert = writer.msgspec.convert
    indent = writer.msgspec.json.format
    encode_into = writer.encoder.encode_into
    list_type, date_fields = writer.structs[kind]
    texts = _DateTexts({None: None})
    buffer = bytearray()
    opening, closing = (_WRAPPED_OPEN, _WRAPPED_CLOSE) if nested else (_LIST_OPEN, _LIST_CLOSE)
    between = b""
    for start in range(0, len(records), _SLICE):
        part = convert(records[start : start + _SLICE], list_type, from_attributes=True)
        for field in date_fields:  # in C: each Struct's date parts replaced by their text
            texts_of = map(texts.__getitem__, map(attrgetter(field), part))
            deque(map(setattr, part, repeat(field), texts_of), maxlen=0)
        if nested:
            buffer[:] = _WRAPPER
            encode_into(part, buffer, -1)
            buffer += b"}"
        else:
            encode_into(part, buffer)
        out.write(between)
        out.write(memoryview(indent(buffer, indent=1))[opening:-closing])
        between = b",\n"


def _indented(ds: Dataset, writer: _Writer) -> bytes:
    """The document as the reference path writes it (line break included), a slice of records at a time.

    Small buffers are reused, so the only large allocation is the output itself; it grows
    in place (an :class:`io.BytesIO`, whose ``getvalue()`` hands over its buffer without
    copying it).
    """
    meta = writer.encoder.encode({key: getattr(ds, key) for key in META_KEYS})
    out = io.BytesIO()
    out.write(memoryview(writer.msgspec.json.format(meta, indent=1))[:-2])  # without the closing "\n}"
    for name, opening, kind in writer.tables:
        records = getattr(ds, name).records
        out.write(opening)
        if records:
            out.write(b"\n")
            _write_records(out, records, kind, writer, nested=True)
            out.write(b"\n ")
        out.write(b"]")
    out.write(b"\n}\n")
    return out.getvalue()


def dumps(doc: Any) -> str:
    """Serialise a JSON-ready value the one way this library does (stable, UTF-8 kept)."""
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def plain_text(value: Any) -> str:
    """:func:`dumps` of *value*; ``UnicodeEncodeError`` when UTF-8 cannot hold it, as with msgspec."""
    text = dumps(value)
    if not text.isascii():
        text.encode("utf-8")  # a lone surrogate raises here
    return text


def records_text(records: Sequence[Any]) -> str:
    """The JSON text of a list of *records*, as :func:`mideastdata.to_json` writes it.

    Byte for byte :func:`plain_text` of their plain values, which is how it is written
    without msgspec or when the records are not all of one table's record class.
    """
    kinds = set(map(type, records))
    with gc_paused():
        writer = _msgspec_writer() if len(kinds) == 1 else None
        if writer is None or kinds.isdisjoint(writer.structs):
            return plain_text(list(map(unstructure, records)))
        out = io.BytesIO()
        out.write(b"[\n")
        _write_records(out, records, kinds.pop(), writer, nested=False)
        out.write(b"\n]\n")
        return out.getvalue().decode("utf-8")


def document_bytes(ds: Dataset, *, accelerate: bool = True) -> bytes:
    """The dataset as the UTF-8 bytes of the JSON text :func:`mideastdata.to_json` writes.

    Args:
        ds: the dataset.
        accelerate: write with msgspec when it is installed (``False``: always the stdlib).
    """
    with gc_paused():
        writer = _msgspec_writer() if accelerate else None
        if writer is not None:
            return _indented(ds, writer)
        return dumps(unstructure_document(ds)).encode("utf-8")


def document_text(ds: Dataset, *, accelerate: bool = True) -> str:
    """The dataset as the JSON text :func:`mideastdata.to_json` writes (see :func:`document_bytes`)."""
    return document_bytes(ds, accelerate=accelerate).decode("utf-8")


# --------------------------------------------------------------------------- compact JSON


def json_expression(spec: _schema.FieldSpec, v: str) -> str:
    """The compact JSON of field *spec*'s value *v* (an expression), as an expression; see :func:`compact_writers`."""
    kind = spec.kind
    if kind == "text":  # a slug never needs escaping
        expr = f"'\"' + {v} + '\"'" if spec.slug else f"_enc({v})"
    elif kind == "texts":
        slugs = f"""('["' + '","'.join({v}) + '"]' if {v} else '[]')"""
        expr = slugs if spec.slug else f"'[' + ','.join(map(_enc, {v})) + ']'"
    elif kind in ("enum", "date"):  # a date's ISO text needs no escaping
        expr = f"_enc({v}._value_)" if kind == "enum" else f"'\"' + str({v}) + '\"'"
    elif kind == "records":
        expr = f"'[' + ','.join(map(_json_{spec.item.__name__}, {v})) + ']'"
    else:
        expr = {"int": "str({v})", "float": "repr({v})", "bool": "('true' if {v} else 'false')"}[kind].format(v=v)
    return f"('null' if {v} is None else {expr})" if spec.optional else expr


@functools.cache
def compact_writers() -> dict[str, Any]:
    """The generated ``_json_<Class>(record)`` of every record class, and what :func:`json_expression` needs.

    Each gives a record as ``json.dumps(plain, ensure_ascii=False, separators=(",", ":"))`` of its
    plain values would (a JSON Lines line, a CSV cell's nested record), without the plain values.
    """
    source = "".join(
        f"def _json_{cls.__name__}(r):\n    return '{{' + "
        + " + ',' + ".join(f"'\"{s.name}\":' + {json_expression(s, 'r.' + s.name)}" for s in _schema.fields(cls))
        + " + '}'\n\n"
        for cls in _schema.RECORD_CLASSES
    )
    namespace = compile_source(source, "<mideastdata compact JSON writers>", {"_enc": json.encoder.encode_basestring})
    return {k: v for k, v in namespace.items() if k != "__builtins__"}
