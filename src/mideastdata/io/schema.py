# SPDX-License-Identifier: MIT
"""The JSON Schema (2020-12) of the dataset document, generated from the attrs model.

Nothing here lists a field by hand: every record class, field, type, default and
required flag comes from :mod:`mideastdata.model` through :func:`attrs.fields` and the
type hints. The model's validators map to JSON Schema constraints (a slug is a
``pattern``, a non-empty string needs a non-space character, evidence offsets are
non-negative). The schema is self-contained: every ``$ref`` points into its ``$defs``.
Checks that need the whole document (references resolve, quotes match their source,
days exist in their month, codes are known) are beyond JSON Schema; the library makes
them when it loads a document.
"""

from __future__ import annotations

import enum
import inspect
import typing
from typing import Any, get_args, get_origin

import attrs

from .. import _schema
from .._fields import PATTERNS
from ..dataset import SCHEMA_VERSION, Dataset
from ..model import PartialDate
from ._columns import field_type, is_optional
from ._document import TABLE_TYPES

__all__ = ["DIALECT", "json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NONEMPTY = {"minLength": 1, "pattern": r"\S"}
_DATE_PATTERN = f"^{PATTERNS['date']}$"


def _constraints(spec: _schema.FieldSpec | None) -> dict[str, Any]:
    """The JSON Schema constraints of a text or integer field, from its declared meaning."""
    if spec is None:
        return {}
    if spec.meta.pattern is not None:
        return {"pattern": f"^{PATTERNS[spec.meta.pattern]}$"}
    if spec.meta.nonempty:
        return _NONEMPTY
    if spec.meta.minimum is not None:
        return {"minimum": spec.meta.minimum}
    return {}


def _min_items(spec: _schema.FieldSpec | None) -> dict[str, Any]:
    return {"minItems": spec.meta.min_items} if spec is not None and spec.meta.min_items else {}


def _summary(obj: Any) -> str:
    return (inspect.getdoc(obj) or "").split("\n\n")[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, type_: Any, spec: _schema.FieldSpec | None = None) -> dict[str, Any]:  # noqa: PLR0911 - one case per type
        if is_optional(type_):
            inner = self.type_schema(field_type(type_), spec)
            if isinstance(inner.get("type"), str):
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if type_ is PartialDate:
            self.defs.setdefault(
                "PartialDate",
                {"type": "string", "pattern": _DATE_PATTERN, "description": _summary(PartialDate)},
            )
            return self.ref("PartialDate")
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            self.defs.setdefault(
                type_.__name__,
                {"type": "string", "enum": [m.value for m in type_], "description": _summary(type_)},
            )
            return self.ref(type_.__name__)
        if attrs.has(type_):
            self.record(type_)
            return self.ref(type_.__name__)
        if get_origin(type_) is tuple:
            return {"type": "array", "items": self.type_schema(get_args(type_)[0], spec), **_min_items(spec)}
        simple = {str: "string", bool: "boolean", int: "integer", float: "number"}[type_]
        return {"type": simple, **_constraints(spec)}

    def record(self, kind: type[Any]) -> None:
        if kind.__name__ in self.defs:
            return
        self.defs[kind.__name__] = {}  # reserve the name before recursing
        hints = typing.get_type_hints(kind)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field, spec in zip(attrs.fields(kind), _schema.fields(kind), strict=True):
            prop = self.type_schema(hints[field.name], spec)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = field.default
                prop = {**prop, "default": list(default) if isinstance(default, tuple) else default}
            properties[field.name] = prop
        self.defs[kind.__name__] = {
            "type": "object",
            "title": kind.__name__,
            "description": _summary(kind),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset document, as a dict.

    Generated from the model on each call; ``json.dumps(md.json_schema())`` is the
    schema file. Validate a document with any 2020-12 validator, e.g. ``jsonschema``.
    """
    builder = _Builder()
    tables = {name: {"type": "array", "items": builder.type_schema(kind)} for name, kind in TABLE_TYPES.items()}
    meta_fields = {f.name: f for f in attrs.fields(Dataset)}
    properties: dict[str, Any] = {
        "schema_version": {
            "type": "string",
            "pattern": r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$",
            "description": f"the document schema version; this library reads and writes {SCHEMA_VERSION}",
        },
        "name": {"type": "string", **_NONEMPTY},
        "version": {
            "type": "string",
            "pattern": (  # SemVer 2.0.0 exactly, ASCII digits, as the library checks it
                r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)"
                r"(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
                r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
            ),
            "description": "the data's SemVer version",
        },
        "license": {"type": "string", "default": meta_fields["license"].default},
        "citation": {"type": "string", "default": meta_fields["citation"].default},
        **tables,
    }
    return {
        "$schema": DIALECT,
        "$id": f"urn:mideastdata:dataset:{SCHEMA_VERSION}",
        "title": "mideastdata dataset document",
        "description": _summary(Dataset),
        "type": "object",
        "properties": properties,
        "required": ["schema_version", "name", "version"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }

