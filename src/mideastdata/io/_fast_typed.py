# SPDX-License-Identifier: MIT
"""The typed fast path: msgspec decodes a document straight into mirrors of the record classes.

When the ``fast`` extra (msgspec) is installed, a large document is first decoded into
``msgspec.Struct`` mirrors generated from the schema: one per record class, with the same
fields, every key required, unknown keys refused and the same strict types (an ``int`` is
not a ``str``, a ``bool`` is not an ``int``, an enum only takes its values). msgspec checks
all of that in C while it parses, and the mirrors are much smaller than the dicts a plain
parse builds. Generated functions then call the real record classes with the mirrors'
values, so every attrs validator runs as on the reference path, and the
:class:`~mideastdata.Dataset` is checked whole, as always.

Like :mod:`._fast`, this path returns the reference path's result or nothing: any
document it cannot vouch for (a missing optional key, a key given twice, a wrong type,
anything msgspec refuses) gives ``None``, and the caller goes on to the next path. Keys
given twice are caught by counting: every mirror field is required, so a document without
duplicate keys holds exactly as many ``":`` as its records have fields.
"""

from __future__ import annotations

import functools
import operator
import threading
from collections.abc import Callable
from types import GenericAlias
from typing import Any, get_args

import attrs

from ..dataset import Dataset
from ..errors import DatasetError
from ..limits import Limits
from ..model import PartialDate
from ._document import DOCUMENT_KEYS, META_KEYS, TABLE_TYPES
from ._fast import _RECORD_CLASSES, _Fallback, _may_hold_duplicate_keys, build_each, nested_record_class

__all__ = ["load_typed"]

_lock = threading.Lock()
_made: dict[str, Any] = {}


def _mirror_type(type_: Any, mirrors: dict[type, Any]) -> Any:
    if get_args(type_) == (PartialDate, type(None)):
        return str | None  # parsed by PartialDate.parse, as the converter does
    nested = nested_record_class(type_)
    return type_ if nested is None else GenericAlias(tuple, (mirrors[nested], ...))


def _value_code(name: str, type_: Any) -> str:
    if get_args(type_) == (PartialDate, type(None)):
        return f"(None if (x := m.{name}) is None else _date(x))"
    nested = nested_record_class(type_)
    return f"m.{name}" if nested is None else f"tuple(map(_t_{nested.__name__}, m.{name}))"


def _build_tools() -> dict[str, Any]:
    """The document decoder and one converting function per record class, generated from the schema."""
    import msgspec  # noqa: PLC0415 - optional: the caller checked it is installed

    mirrors: dict[type, Any] = {}
    lines: list[str] = []
    namespace: dict[str, Any] = {cls.__name__: cls for cls in _RECORD_CLASSES}
    # Frozen dates: one object may serve every record of that date. Bounded, thread-safe, and a
    # text that is no date raises ValueError (never cached), which ends the typed path.
    namespace["_date"] = functools.lru_cache(maxsize=1 << 16)(PartialDate.parse)
    for cls in _RECORD_CLASSES:  # nested classes come before the classes holding them
        fields = attrs.fields(attrs.resolve_types(cls))
        mirrors[cls] = msgspec.defstruct(
            f"_{cls.__name__}Mirror",
            [(f.name, _mirror_type(f.type, mirrors)) for f in fields],
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,  # they hold no containers that could form a cycle, and live for one load
        )
        args = ", ".join(f"{f.name}={_value_code(f.name, f.type)}" for f in fields)
        lines += [f"def _t_{cls.__name__}(m):", f"    return {cls.__name__}({args})", ""]
    document = msgspec.defstruct(
        "_DocumentMirror",
        [(key, str) for key in META_KEYS]
        + [(name, GenericAlias(list, (mirrors[cls],))) for name, cls in TABLE_TYPES.items()],
        kw_only=True,
        forbid_unknown_fields=True,
        gc=False,
    )
    exec(compile("\n".join(lines), "<mideastdata typed converters>", "exec"), namespace)  # noqa: S102 - from the schema
    return {
        "decode": msgspec.json.Decoder(document).decode,
        "convert": {cls: namespace[f"_t_{cls.__name__}"] for cls in _RECORD_CLASSES},
    }


def _tools() -> dict[str, Any]:
    if not _made:
        with _lock:
            if not _made:
                _made.update(_build_tools())
    return _made


def _key_count(cls: type, records: tuple[Any, ...]) -> int:
    """How many keys *records* (of class *cls*) were written with: every field, all levels down."""
    count = len(records) * len(attrs.fields(cls))
    for field in attrs.fields(cls):
        nested = nested_record_class(field.type)
        if nested is not None:
            count += sum(map(len, map(operator.attrgetter(field.name), records))) * len(attrs.fields(nested))
            # no nested record class holds records itself
    return count


def load_typed(data: bytes, limits: Limits) -> Dataset | None:
    """The Dataset in *data* when the typed path can vouch for it, else ``None``.

    Raises:
        ImportError: msgspec is not installed.
    """
    tools = _tools()
    try:
        doc = tools["decode"](data)
    except Exception:  # noqa: BLE001 - msgspec refused it (a DecodeError, ValidationError, UnicodeDecodeError...)
        return None
    tables = {name: getattr(doc, name) for name in TABLE_TYPES}
    if limits.max_records is not None and sum(map(len, tables.values())) > limits.max_records:
        return None
    convert: dict[type, Callable[[Any], Any]] = tools["convert"]
    try:
        built = {name: build_each(tables[name], convert[cls]) for name, cls in TABLE_TYPES.items()}
        keys = len(DOCUMENT_KEYS) + sum(_key_count(TABLE_TYPES[name], built[name]) for name in built)
        if _may_hold_duplicate_keys(data, keys):
            return None
        return Dataset(**{key: getattr(doc, key) for key in META_KEYS}, **built)  # type: ignore[arg-type]
    except (_Fallback, DatasetError):
        return None
    except Exception:  # noqa: BLE001 - a validator refused a value: the reference path reports it
        return None

