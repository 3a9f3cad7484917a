# SPDX-License-Identifier: MIT
"""The flat, column view of a record class, shared by the table formats.

Each field of a record class is one :class:`Column`. Its ``kind`` says how the table
formats store it: ``str``, ``enum``, ``bool``, ``int``, ``date`` (a PartialDate as its
ISO string) or ``json`` (a list or nested record, as compact JSON in a CSV cell and as
an Arrow list or struct in Parquet). Everything here is derived from the attrs model.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from .. import _schema
from .._codegen import builders, compile_source
from ..model import PartialDate

__all__ = ["Column", "ColumnKind", "columns", "field_type", "is_optional"]

ColumnKind = Literal["str", "enum", "bool", "int", "float", "date", "json"]

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


@attrs.frozen
class Column:
    """One field of a record class as a table column."""

    name: str
    type: Any
    """The field's type with ``None`` removed (``tuple[str, ...]``, ``PartialDate``, ...)."""
    kind: ColumnKind
    optional: bool
    """The field may be ``None``."""
    required: bool
    """The field has no default (a record must give it)."""
    spec: _schema.FieldSpec
    """The field as :mod:`mideastdata._schema` describes it."""
    encode: Callable[[Any], str | None] = attrs.field(eq=False, repr=False)
    """Value → CSV cell text (``None`` for None)."""


def is_optional(type_: Any) -> bool:
    """Whether *type_* is ``X | None``."""
    return get_origin(type_) in (Union, types.UnionType) and type(None) in get_args(type_)


def field_type(type_: Any) -> Any:
    """*type_* without its ``None`` (``str | None`` → ``str``)."""
    if is_optional(type_):
        (inner,) = [a for a in get_args(type_) if a is not type(None)]
        return inner
    return type_


_KINDS: dict[_schema.Kind, ColumnKind] = {
    "text": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "enum": "enum",
    "date": "date",
    "texts": "json",
    "records": "json",
}
"""How a table stores each kind of field (lists and nested records as JSON)."""


# --------------------------------------------------------------------------- encoders


def _slug_list(value: tuple[str, ...]) -> str:
    # Slugs hold only [a-z0-9-]: nothing to escape.
    return '["' + '","'.join(value) + '"]' if value else "[]"


def _struct_json(kind: type[Any]) -> str | None:
    """A JSON object expression for a record ``e`` of *kind*, or None if a field is not simple."""
    hints = typing.get_type_hints(kind)
    parts = []
    for field, spec in zip(attrs.fields(kind), _schema.fields(kind), strict=True):
        declared = hints[field.name]
        inner = field_type(declared)
        v = f"e.{field.name}"
        if spec.kind == "text" and spec.slug:  # nothing to escape
            expr = f"'\"' + {v} + '\"'"
        elif inner is str:
            expr = f"_enc({v})"
        elif isinstance(inner, type) and issubclass(inner, enum.Enum):
            expr = f"'\"' + {v}._value_ + '\"'"
        elif inner is int:
            expr = f"str({v})"
        elif inner is bool:
            expr = f"('true' if {v} else 'false')"
        else:
            return None
        if is_optional(declared):
            expr = f"('null' if {v} is None else {expr})"
        parts.append(f"'\"{field.name}\":' + {expr}")
    return "'{' + " + " + ',' + ".join(parts) + " + '}'"


def _struct_list_encoder(kind: type[Any]) -> Callable[[Any], str] | None:
    """A generated encoder of ``tuple[kind, ...]`` as compact JSON, the same text as the generic path."""
    obj = _struct_json(kind)
    if obj is None:
        return None
    source = f"def encode(value):\n    return '[' + ','.join([{obj} for e in value]) + ']'\n"
    env: dict[str, Any] = {"_enc": _encode_string}
    compile_source(source, f"<json encoder for tuple[{kind.__name__}, ...]>", env)
    encode: Callable[[Any], str] = env["encode"]
    return encode


def _json_encoder(type_: Any, spec: _schema.FieldSpec) -> Callable[[Any], str]:
    if spec.kind == "texts" and spec.slug:
        return _slug_list
    args = get_args(type_)
    if get_origin(type_) is tuple and args and attrs.has(args[0]) and args[0] is not PartialDate:
        fast = _struct_list_encoder(args[0])
        if fast is not None:
            return fast
    encode = _JSON.encode
    if spec.kind == "records":
        plain = builders().plain[spec.item]
        return lambda value: encode([plain(item) for item in value])
    return lambda value: encode(list(value))


def _encoder(kind: ColumnKind, type_: Any, spec: _schema.FieldSpec) -> Callable[[Any], str | None]:
    plain: Callable[[Any], str]
    if kind == "str":
        return lambda value: value
    if kind == "enum":
        plain = _enum_value
    elif kind == "bool":
        plain = _bool_text
    elif kind in ("int", "date"):
        plain = str
    elif kind == "float":
        plain = repr
    else:
        plain = _json_encoder(type_, spec)
    return lambda value: None if value is None else plain(value)


def _enum_value(value: enum.Enum) -> str:
    return str(value.value)


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


_COLUMNS: dict[type[Any], tuple[Column, ...]] = {}


def columns(kind: type[Any]) -> tuple[Column, ...]:
    """The columns of record class *kind*, in schema order."""
    found = _COLUMNS.get(kind)
    if found is None:
        found = _COLUMNS[kind] = _columns(kind)
    return found


def _columns(kind: type[Any]) -> tuple[Column, ...]:
    hints = typing.get_type_hints(kind)
    out = []
    for field, spec in zip(attrs.fields(kind), _schema.fields(kind), strict=True):
        declared = hints[field.name]
        inner = field_type(declared)
        col_kind = _KINDS[spec.kind]
        optional = is_optional(declared)
        out.append(
            Column(
                name=field.name,
                type=inner,
                kind=col_kind,
                optional=optional,
                required=field.default is attrs.NOTHING,
                spec=spec,
                encode=_encoder(col_kind, inner, spec),
            )
        )
    return tuple(out)
