# SPDX-License-Identifier: MIT
"""What each field of an annotated record becomes in a tool: read from the model's own fields.

Four record kinds are annotated (``Actor``, ``Statement``, ``Demand``, ``Event``: the label
of the span). Every field of their class, as :mod:`mideastdata._schema` describes it, is
one of:

``evidence``
    the spans themselves.
``link`` / ``links``
    a reference to one (or several) actor or statement records: a relation (Label Studio,
    brat, INCEpTION) from the record's span to the referred record's span.
``enum`` / ``bool``
    a closed choice: an attribute (brat), per-region choices (Label Studio), a feature with
    a tag set (INCEpTION).
``text`` / ``date`` / ``json``
    free text: a note (brat), a per-region text area (Label Studio), a string feature
    (INCEpTION); lists and nested values as compact JSON.
"""

from __future__ import annotations

import enum
import functools
import json
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..._schema import fields as schema_fields
from ..._schema import references
from ...model import Actor, Demand, Event, PartialDate, Statement

__all__ = [
    "KINDS", "LABELS", "LINKS", "TABLES", "FieldSpec",
    "decode", "encode", "json_decoder", "loads", "plain_default", "specs", "to_plain",
]

LABELS: Mapping[str, type[Any]] = {"Actor": Actor, "Statement": Statement, "Demand": Demand, "Event": Event}
"""The span labels, each the record class it makes."""

TABLES: Mapping[str, str] = {"Actor": "actors", "Statement": "statements", "Demand": "demands", "Event": "events"}

_LABEL_OF = {table: label for label, table in TABLES.items()}

LINKS: Mapping[str, Mapping[str, str]] = {
    label: {s.name: _LABEL_OF[str(s.ref)] for s in references(cls) if s.ref in _LABEL_OF}
    for label, cls in LABELS.items()
}
"""The reference fields that are relations between spans, and the label each refers to
(read from the model: ``speaker`` -> ``Actor``, ``statement`` -> ``Statement``...).

References to topics (``topics``, ``topic``) are values: a topic has no span.
"""


@attrs.frozen
class FieldSpec:
    """One field of an annotated record class: its name, carrier kind and default."""

    name: str
    kind: str  # evidence | link | links | enum | bool | text | date | json
    hint: Any
    required: bool
    default: Any = None

    @property
    def enum(self) -> type[enum.Enum]:
        """The enum class of an ``enum`` field."""
        return typing.cast("type[enum.Enum]", self.hint)


_CARRIER = {
    "text": "text",
    "enum": "enum",
    "bool": "bool",
    "date": "date",
    "int": "json",
    "float": "json",
    "texts": "json",
    "records": "json",
}


def _specs(label: str) -> tuple[FieldSpec, ...]:
    found = []
    for spec in schema_fields(LABELS[label]):
        if spec.name == "evidence":
            kind = "evidence"
        elif spec.name in LINKS[label]:
            kind = "links" if spec.kind == "texts" else "link"
        else:
            kind = _CARRIER[spec.kind]
        found.append(FieldSpec(spec.name, kind, spec.type, spec.required, spec.default))
    return tuple(found)


_SPECS: dict[str, tuple[FieldSpec, ...]] = {label: _specs(label) for label in LABELS}


def specs(label: str) -> tuple[FieldSpec, ...]:
    """The fields of the record class *label* names, in schema order."""
    return _SPECS[label]


KINDS: Mapping[str, Mapping[str, str]] = {label: {s.name: s.kind for s in found} for label, found in _SPECS.items()}
"""Per label, each field's carrier kind (``Statement`` -> ``{"speaker": "link", ...}``)."""


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def encode(spec: FieldSpec, value: Any) -> str | bool:
    """*value* of the field as a tool holds it: a string (JSON for lists and nested values) or a bool."""
    if spec.kind == "enum":
        return str(value.value)
    if spec.kind == "bool":
        return bool(value)
    if spec.kind in {"text", "date"}:
        return str(value)
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def decode(spec: FieldSpec, raw: Any) -> Any:
    """The field's value from what a tool held; raises ``ValueError`` with a reader's message."""
    if spec.kind == "enum":
        try:
            return spec.enum(raw)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in spec.enum)
            msg = f"{raw!r} is not one of {allowed}"
            raise ValueError(msg) from None
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        if raw in {"true", "false"}:
            return raw == "true"
        msg = f"expected true or false, got {raw!r}"
        raise ValueError(msg)
    if not isinstance(raw, str):
        msg = f"expected a string, got {type(raw).__name__}"
        raise ValueError(msg)  # noqa: TRY004 - one error type for every bad value a tool holds
    if spec.kind == "text":
        return raw
    if spec.kind == "date":
        return PartialDate.parse(raw)
    return _decode_json(spec, raw)


@functools.cache
def _item(hint: Any) -> Any:
    return typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else None


def _decode_json(spec: FieldSpec, raw: str) -> Any:
    from ..json import from_json  # noqa: PLC0415 - the JSON module loads on demand

    item = _item(spec.hint)
    if item is str:
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            msg = f"expected a JSON list of strings, got {raw!r} ({exc.msg})"
            raise ValueError(msg) from None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            msg = f"expected a JSON list of strings, got {raw!r}"
            raise ValueError(msg)
        return tuple(value)
    try:
        return from_json(raw, spec.hint)
    except ValueError as exc:  # a DatasetError names the path inside the value
        msg = f"not a valid {getattr(item, '__name__', 'value')} list: {str(exc).splitlines()[-1].strip()}"
        raise ValueError(msg) from None


@functools.cache
def _values_of(kind: type[enum.Enum]) -> frozenset[str]:
    return frozenset(str(m.value) for m in kind)


def to_plain(spec: FieldSpec, raw: Any) -> Any:
    """The field's value as the JSON document holds it, from what a tool held.

    Closed choices and booleans are checked here (a reader's message); texts, dates,
    lists and nested values are checked, with every other rule, when the document is read.
    Raises ``ValueError`` with the message.
    """
    if spec.kind == "enum":
        if raw not in _values_of(spec.enum):
            msg = f"{raw!r} is not one of {', '.join(str(m.value) for m in spec.enum)}"
            raise ValueError(msg)
        return raw
    if spec.kind == "bool":
        return decode(spec, raw)
    if not isinstance(raw, str):
        msg = f"expected a string, got {type(raw).__name__}"
        raise ValueError(msg)  # noqa: TRY004 - one error type for every bad value a tool holds
    if spec.kind in {"text", "date"}:
        return raw
    try:
        return loads(raw)
    except json.JSONDecodeError as exc:
        msg = f"expected JSON, got {raw!r} ({exc.msg})"
        raise ValueError(msg) from None


@functools.cache
def json_decoder() -> Callable[[str], Any] | None:
    """The JSON decoder of plain values msgspec makes, or None without msgspec (the ``fast`` extra)."""
    try:
        import msgspec  # noqa: PLC0415 - optional (the ``fast`` extra)
    except ImportError:  # pragma: no cover - the test extra installs it
        return None
    return msgspec.json.Decoder().decode


def loads(raw: str) -> Any:
    """The value of the JSON text *raw*, parsed by msgspec when it is installed (ten times quicker on short texts).

    Without msgspec, or when it refuses the text, the standard library parses it, and raises
    ``json.JSONDecodeError`` saying why.
    """
    decode = json_decoder()
    if decode is not None:
        try:
            return decode(raw)
        except ValueError:  # msgspec.DecodeError: the standard library says why, or reads what it allows
            pass
    return json.loads(raw)


def plain_default(spec: FieldSpec) -> Any:
    """The default of an optional field as the JSON document holds it (``null``, ``[]``, ``false``...)."""
    return _plain(spec.default)
