# SPDX-License-Identifier: MIT
"""The fast path for writing whole JSON documents: the reference path's exact text, sooner.

The reference path unstructures a dataset with the cattrs converter and writes it
with :func:`json.dumps` (``indent=1``, which makes the standard library fall back
to its pure-Python encoder). This module builds the same plain document with
functions generated from the schema (one dict per record, keys in schema order)
and, when msgspec is installed (the ``fast`` extra), writes it with msgspec's
encoder and re-indents it with ``msgspec.json.format``, whose output for these
documents is byte for byte that of ``json.dumps(..., ensure_ascii=False,
indent=1)``. ``tests/test_fastpath.py`` compares the texts of both paths.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from ..dataset import Dataset
from ..model import Actor, Demand, Event, Evidence, PartialDate, Role, Source, Stance, Statement, Topic
from ._fast import gc_paused
from .converter import META_KEYS, TABLE_TYPES

__all__ = ["document_bytes", "document_text", "unstructure_document"]

_RECORD_CLASSES = (Evidence, Role, Stance, Source, Actor, Topic, Statement, Demand, Event)
_unstructurers: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _value_code(name: str, type_: Any) -> str:
    """The expression that unstructures attribute *name* of record ``r`` as the converter does."""
    get = f"r.{name}"
    args = get_args(type_)
    if args == (PartialDate, type(None)):
        return f"(None if (x := {get}) is None else str(x))"
    if get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
        return f"[_u_{args[0].__name__}(x) for x in {get}]"
    return get  # str, int, bool, None, a tuple of str, an enum (a str, written as its value): as they are


def _generated() -> dict[type, Callable[[Any], dict[str, Any]]]:
    if not _unstructurers:
        lines: list[str] = []
        for cls in _RECORD_CLASSES:
            fields = attrs.fields(attrs.resolve_types(cls))
            items = ", ".join(f"{f.name!r}: {_value_code(f.name, f.type)}" for f in fields)
            lines += [f"def _u_{cls.__name__}(r):", f"    return {{{items}}}", ""]
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines), "<mideastdata fast unstructurers>", "exec"), namespace)  # noqa: S102 - from the schema
        _unstructurers.update({cls: namespace[f"_u_{cls.__name__}"] for cls in _RECORD_CLASSES})
    return _unstructurers


def unstructure_document(ds: Dataset) -> dict[str, Any]:
    """The dataset as a JSON-ready dict, equal to :func:`~mideastdata.io.converter.unstructure_dataset`'s."""
    made = _generated()
    doc: dict[str, Any] = {key: getattr(ds, key) for key in META_KEYS}
    for name, cls in TABLE_TYPES.items():
        doc[name] = list(map(made[cls], getattr(ds, name).records))
    return doc


def document_bytes(ds: Dataset, *, accelerate: bool = True) -> bytes:
    """The dataset as the UTF-8 bytes of the JSON text :func:`mideastdata.to_json` writes.

    Args:
        ds: the dataset.
        accelerate: write with msgspec when it is installed (``False``: always the stdlib).
    """
    with gc_paused():
        doc = unstructure_document(ds)
        if accelerate:
            try:
                import msgspec  # noqa: PLC0415 - optional, imported on first use
            except ImportError:
                pass
            else:
                return msgspec.json.format(msgspec.json.encode(doc), indent=1) + b"\n"
        return (json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def document_text(ds: Dataset, *, accelerate: bool = True) -> str:
    """The dataset as the JSON text :func:`mideastdata.to_json` writes (see :func:`document_bytes`)."""
    if not accelerate:
        with gc_paused():
            return json.dumps(unstructure_document(ds), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    return document_bytes(ds).decode("utf-8")
