# SPDX-License-Identifier: MIT
"""The model introspected once: every fact the rest of the library needs about each field.

The attrs classes of :mod:`mideastdata.model` are the single source of truth: their field
types, defaults and the :class:`~mideastdata._fields.FieldMeta` each field declares. This
module turns them into one :class:`FieldSpec` per field, a closed set of *kinds*, and the
table list. The checks, the indexes, the JSON Schema, the Table Schema, the Arrow schema,
the CSV cells, the record builders and the CLI read field facts from here, never from a
validator's identity or a hand-kept list.

A field of a type no kind covers makes ``import mideastdata`` fail with a ``TypeError``
that names it, so a new field can never silently take a slower or looser path.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from ._fields import META, PATTERNS, FieldMeta
from .model import Actor, Demand, Event, PartialDate, Source, Statement, Topic

__all__ = [
    "KINDS",
    "META_KEYS",
    "RECORD_CLASSES",
    "SCHEMA_VERSION",
    "TABLES",
    "FieldSpec",
    "Kind",
    "fields",
    "pattern",
    "references",
    "table_of",
]

Kind = Literal["text", "int", "float", "bool", "enum", "date", "texts", "records"]
"""What a field holds, with ``None`` removed: a text; an integer; a number; a boolean; an enum member;
a :class:`~mideastdata.PartialDate`; a tuple of texts; a tuple of nested records."""
KINDS: tuple[Kind, ...] = typing.get_args(Kind)

JSON_TYPES: dict[Kind, str] = {
    "text": "string", "enum": "string", "date": "string", "int": "integer", "float": "number", "bool": "boolean",
    "texts": "array", "records": "array",
}
"""The JSON type of each kind's value in a document (the JSON Schema's and the Table Schema's type)."""

TABLES: dict[str, type[Any]] = {
    "sources": Source,
    "actors": Actor,
    "topics": Topic,
    "statements": Statement,
    "demands": Demand,
    "events": Event,
}
"""The tables of a dataset, in document order, and the record class of each."""

SCHEMA_VERSION = "1.1"
"""The version of the document schema this library writes (see "Schema versions" in docs/formats.md)."""

META_KEYS = ("schema_version", "name", "version", "license", "citation")
"""The dataset's metadata (attributes of :class:`~mideastdata.Dataset`), in the order a document writes them."""


@attrs.frozen
class FieldSpec:
    """One field of a record class, as every part of the library sees it."""

    name: str
    kind: Kind
    type: Any
    """The field's type without ``None``: ``str``, an enum class, ``tuple[str, ...]``, ``tuple[Role, ...]``..."""
    optional: bool
    """The field may be ``None``."""
    default: Any
    """The default value, or :data:`attrs.NOTHING` when the field is required."""
    meta: FieldMeta
    item: Any = None
    """For ``texts`` and ``records``: the item type (``str``, or the nested record class)."""
    enum: type[enum.Enum] | None = None
    """For ``enum``: the enum class."""

    @property
    def required(self) -> bool:
        """A record must give this field (it has no default)."""
        return self.default is attrs.NOTHING

    @property
    def ref(self) -> str | None:
        """The table this field's ids refer to, or None."""
        return self.meta.ref

    @property
    def slug(self) -> bool:
        """The value (or each item) is a slug: text that never needs escaping or quoting."""
        return self.meta.pattern == "slug"


def _is_optional(type_: Any) -> bool:
    return get_origin(type_) in (Union, types.UnionType) and type(None) in get_args(type_)


def _without_none(type_: Any) -> Any:
    if _is_optional(type_):
        (inner,) = [a for a in get_args(type_) if a is not type(None)]
        return inner
    return type_


def _kind(owner: type[Any], name: str, type_: Any) -> tuple[Kind, Any, Any]:
    """The kind of a field of *type_* (without None), its item type and its enum class."""
    simple: dict[Any, Kind] = {str: "text", int: "int", float: "float", bool: "bool", PartialDate: "date"}
    if type_ in simple:
        return simple[type_], None, None
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return "enum", None, type_
    args = get_args(type_)
    if get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return "texts", str, None
        if attrs.has(args[0]):
            return "records", args[0], None
    msg = f"{owner.__name__}.{name}: no kind of field holds {type_!r}; add a rule for it in mideastdata._schema"
    raise TypeError(msg)


def _specs(cls: type[Any]) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for field in attrs.fields(cls):
        declared = hints[field.name]
        type_ = _without_none(declared)
        kind, item, enum_class = _kind(cls, field.name, type_)
        meta = field.metadata.get(META, FieldMeta())
        if meta.pattern is not None and meta.pattern not in PATTERNS:  # pragma: no cover - a typo in the model
            msg = f"{cls.__name__}.{field.name}: unknown pattern {meta.pattern!r}"
            raise TypeError(msg)
        out.append(
            FieldSpec(
                name=field.name,
                kind=kind,
                type=type_,
                optional=_is_optional(declared),
                default=field.default,
                meta=meta,
                item=item,
                enum=enum_class,
            )
        )
    return tuple(out)


def _reachable(roots: Iterable[type[Any]]) -> dict[type[Any], tuple[FieldSpec, ...]]:
    """The fields of *roots* and of every class reachable from them through nested-record fields.

    A class comes after the classes its fields hold (the generated code and the msgspec
    mirrors of a class refer to those of its nested classes). A class that holds itself,
    directly or through others, is refused with a ``TypeError``: its records could not end.
    """
    found: dict[type[Any], tuple[FieldSpec, ...]] = {}

    def visit(cls: type[Any], holders: tuple[type[Any], ...]) -> None:
        if cls in holders:
            chain = " -> ".join(c.__name__ for c in (*holders[holders.index(cls) :], cls))
            msg = f"{chain}: a record class cannot hold itself"
            raise TypeError(msg)
        if cls not in found:
            specs = _specs(cls)
            for spec in specs:
                if spec.kind == "records":
                    visit(spec.item, (*holders, cls))
            found[cls] = specs

    for root in roots:
        visit(root, ())
    return found


_SPECS = _reachable(TABLES.values())

NESTED: tuple[type[Any], ...] = tuple(cls for cls in _SPECS if cls not in TABLES.values())
"""Record classes that live inside other records, never in a table of their own (derived from the tables'
fields), each before the classes that hold it."""

RECORD_CLASSES: tuple[type[Any], ...] = (*NESTED, *TABLES.values())
"""Every record class, nested ones first (a class's generated code refers to its nested classes')."""


def fields(cls: type[Any]) -> tuple[FieldSpec, ...]:
    """The fields of record class *cls*, in schema order.

    Raises:
        KeyError: *cls* is not a record class of the model.
    """
    return _SPECS[cls]


def pattern(spec: FieldSpec) -> str | None:
    """The regular expression (matched whole) of a text field, or None."""
    return None if spec.meta.pattern is None else PATTERNS[spec.meta.pattern]


def references(cls: type[Any], table: str | None = None) -> tuple[FieldSpec, ...]:
    """The top-level fields of *cls* that refer to a table (to *table* only, when given)."""
    return tuple(s for s in _SPECS[cls] if s.ref is not None and (table is None or s.ref == table))


def table_of(cls: type[Any]) -> str | None:
    """The name of the table that holds records of *cls*, or None for a nested class."""
    for name, kind in TABLES.items():
        if kind is cls:
            return name
    return None
