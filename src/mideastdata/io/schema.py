# SPDX-License-Identifier: MIT
"""The JSON Schema (2020-12) of the dataset document, generated from the attrs model.

Nothing here lists a field by hand: every record class, field, kind, default and
required flag comes from :mod:`mideastdata._schema`, which reads the attrs model. The
model's validators map to JSON Schema constraints (a slug is a
``pattern``, a non-empty string needs a non-space character, evidence offsets are
non-negative). The schema is self-contained: every ``$ref`` points into its ``$defs``.
Checks that need the whole document (references resolve, quotes match their source,
days exist in their month, codes are known) are beyond JSON Schema; the library makes
them when it loads a document.
"""

from __future__ import annotations

import inspect
from typing import Any

import attrs

from .. import _schema
from .._fields import PATTERNS
from ..dataset import SCHEMA_VERSION, Dataset
from ..model import PartialDate
from ._document import TABLE_TYPES

__all__ = ["DIALECT", "json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NONEMPTY = {"minLength": 1, "pattern": r"\S"}
_DATE_PATTERN = f"^{PATTERNS['date']}$"


def _constraints(spec: _schema.FieldSpec) -> dict[str, Any]:
    """The JSON Schema constraints of a text or integer field, from its declared meaning."""
    if spec.meta.pattern is not None:
        return {"pattern": f"^{PATTERNS[spec.meta.pattern]}$"}
    if spec.meta.nonempty:
        return _NONEMPTY
    if spec.meta.minimum is not None:
        return {"minimum": spec.meta.minimum}
    return {}


def _min_items(spec: _schema.FieldSpec) -> dict[str, Any]:
    return {"minItems": spec.meta.min_items} if spec.meta.min_items else {}


def _summary(obj: Any) -> str:
    return (inspect.getdoc(obj) or "").split("\n\n")[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def field_schema(self, spec: _schema.FieldSpec) -> dict[str, Any]:
        """The schema of a field's value, ``null`` allowed when the field is optional."""
        inner = self._value_schema(spec)
        if not spec.optional:
            return inner
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}

    def _value_schema(self, spec: _schema.FieldSpec) -> dict[str, Any]:
        if spec.kind == "date":
            self.defs.setdefault(
                "PartialDate",
                {"type": "string", "pattern": _DATE_PATTERN, "description": _summary(PartialDate)},
            )
            return self.ref("PartialDate")
        if spec.enum is not None:
            self.defs.setdefault(
                spec.enum.__name__,
                {"type": "string", "enum": [m.value for m in spec.enum], "description": _summary(spec.enum)},
            )
            return self.ref(spec.enum.__name__)
        if spec.kind == "records":
            return {"type": "array", "items": self.record(spec.item), **_min_items(spec)}
        if spec.kind == "texts":
            return {"type": "array", "items": {"type": "string", **_constraints(spec)}, **_min_items(spec)}
        return {"type": _schema.JSON_TYPES[spec.kind], **_constraints(spec)}

    def record(self, kind: type[Any]) -> dict[str, Any]:
        """A reference to the schema of record class *kind*, made (in ``$defs``) on first use."""
        name = kind.__name__
        if name in self.defs:
            return self.ref(name)
        self.defs[name] = {}  # reserve the name before recursing
        properties: dict[str, Any] = {}
        for spec in _schema.fields(kind):
            prop = self.field_schema(spec)
            if not spec.required:
                default = spec.default
                prop = {**prop, "default": list(default) if isinstance(default, tuple) else default}
            properties[spec.name] = prop
        self.defs[name] = {
            "type": "object",
            "title": name,
            "description": _summary(kind),
            "properties": properties,
            "required": [s.name for s in _schema.fields(kind) if s.required],
            "additionalProperties": False,
        }
        return self.ref(name)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset document, as a dict.

    Generated from the model on each call; ``json.dumps(md.json_schema())`` is the
    schema file. Validate a document with any 2020-12 validator, e.g. ``jsonschema``.
    """
    builder = _Builder()
    tables = {name: {"type": "array", "items": builder.record(kind)} for name, kind in TABLE_TYPES.items()}
    meta_fields = {f.name: f for f in attrs.fields(Dataset)}
    properties: dict[str, Any] = {
        "schema_version": {
            "type": "string",
            "pattern": f"^{PATTERNS['schema_version']}$",
            "description": f"the document schema version; this library reads and writes {SCHEMA_VERSION}",
        },
        "name": {"type": "string", **_NONEMPTY},
        "version": {
            "type": "string",
            "pattern": f"^{PATTERNS['semver']}$",
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

