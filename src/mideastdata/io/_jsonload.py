# SPDX-License-Identifier: MIT
"""JSON documents to datasets: the quickest parse that can vouch for the text, then the one engine.

:func:`load_json` tries, in order: msgspec mirrors (below), a quick parse into plain values
(:func:`._text.quick`), and the strict parser, which reports what is wrong with the text.
The records are built by :mod:`._engine` on every path, so the result and the problems do
not depend on which parse was taken. (No cattrs here: ``md.load()`` of the bundled data
takes this path.)

The msgspec accelerator (the ``fast`` extra): a large document is decoded straight into mirrors of the record classes.

With the ``fast`` extra, a large document is decoded into ``msgspec.Struct`` mirrors made
from the same field specs the engine builds from (:func:`._engine.mirror_field`): the same
fields, unknown keys refused, the same strict types (an ``int`` is not a ``str``, a
``bool`` is not an ``int``, an enum only takes its values), and every field that has a
default may be left out (it reads as ``UNSET`` and gets its default). msgspec checks all of
that in C while it parses, and the mirrors are much smaller than the dicts a plain parse
builds. The engine's mirror builders then call the real record classes, so every
validator runs, and the Dataset is checked whole, as always.

msgspec keeps the last value of a key given twice: the keys are counted (present fields,
all levels down) and compared with the ``":`` in the text, as :mod:`._text` does for plain
values. Anything msgspec refuses, or a count that does not match, gives ``None``: the
caller then parses the text as plain values, and the engine reports what is wrong.
"""

from __future__ import annotations

import itertools
import operator
import threading
from collections.abc import Callable
from types import GenericAlias
from typing import Any

from .. import _schema
from .._codegen import Refused, builders, mirror_field
from ..dataset import Dataset
from ..errors import FieldTypeError, FieldValueError, Problem
from ..limits import Limits, check_records
from ._document import META_KEYS, TABLE_TYPES, build_dataset, build_document
from ._engine import build_table, plain_keys
from ._text import ACCELERATE_FROM, gc_paused, has_escape, may_repeat_keys, quick, quick_parser, strict

__all__ = ["build_mirrored", "decode_cells", "load_json", "load_lines", "load_mirrored", "load_values"]

_lock = threading.Lock()
_made: dict[str, Any] = {}


def _build() -> dict[str, Any]:
    import msgspec  # noqa: PLC0415 - optional: the caller checks it is installed

    unset = msgspec.UNSET
    mirrors: dict[type[Any], Any] = {}
    for cls in _schema.RECORD_CLASSES:  # nested classes first: the classes holding them refer to their mirrors
        mirrors[cls] = msgspec.defstruct(
            f"_{cls.__name__}Mirror", _fields(cls, mirrors, unset), kw_only=True, forbid_unknown_fields=True, gc=False
        )
    document = msgspec.defstruct(
        "_DocumentMirror",
        [(key, str | msgspec.UnsetType, unset) for key in META_KEYS]
        + [(name, list[mirrors[cls]] | msgspec.UnsetType, unset) for name, cls in TABLE_TYPES.items()],  # type: ignore[valid-type]
        kw_only=True,
        forbid_unknown_fields=True,
        gc=False,
    )
    rows = {  # every field given, in schema order (the column formats' rows)
        cls: list[msgspec.defstruct(  # type: ignore[misc]
            f"_{cls.__name__}Row", [f[:2] for f in _fields(cls, mirrors, unset)], array_like=True,
            forbid_unknown_fields=True, gc=False,
        )]
        for cls in TABLE_TYPES.values()
    }
    return {
        "decode": msgspec.json.Decoder(document).decode,
        "records": {cls: msgspec.json.Decoder(mirrors[cls]).decode for cls in TABLE_TYPES.values()},
        "document": document,
        "mirrors": mirrors,
        "rows": rows,
        "convert": msgspec.convert,
        "unset": unset,
        "errors": (msgspec.MsgspecError,),
    }


def _fields(cls: type[Any], mirrors: dict[type[Any], Any], unset: Any) -> list[tuple[Any, ...]]:
    return [mirror_field(spec, mirrors, unset) for spec in _schema.fields(cls)]


def _tools() -> dict[str, Any] | None:
    if not _made:
        with _lock:
            if not _made:
                try:
                    _made.update(_build())
                except ImportError:
                    _made["missing"] = True
    return None if "missing" in _made else _made


def _keys(structs: list[Any], cls: type[Any], unset: Any) -> int:
    """How many keys *structs* (mirrors of *cls*) were written with: their present fields, all levels down.

    A required field is in every struct; a field with a default is left out where it reads as
    ``UNSET``; nested records are counted in turn. Each count is a pass in C, without a list.
    """
    total = 0
    for spec in _schema.fields(cls):
        if spec.kind == "records":
            values = [v for v in map(operator.attrgetter(spec.name), structs) if v is not unset]
            total += len(values) + _keys(list(itertools.chain.from_iterable(values)), spec.item, unset)
        elif spec.required:
            total += len(structs)
        else:
            total += len(structs) - operator.countOf(map(operator.attrgetter(spec.name), structs), unset)
    return total


def load_mirrored(data: bytes, limits: Limits, file: str | None) -> Dataset | None:
    """The Dataset in *data* when msgspec can vouch for every value, else ``None`` (or without msgspec).

    Raises:
        DatasetError: the records are fine and the dataset is not (a reference, a quote...),
            or there are more records than ``limits.max_records``.
    """
    tools = _tools()
    if tools is None or data.startswith(b"\xef\xbb\xbf") or has_escape(data):
        return None
    unset = tools["unset"]
    try:
        doc = tools["decode"](data)
    except tools["errors"]:
        return None
    return _from_mirror(doc, limits, file, lambda meta, tables: may_repeat_keys(data, _all_keys(meta, tables, unset)))


def load_values(doc: Any, limits: Limits, file: str | None) -> Dataset | None:
    """The Dataset of *doc*, a JSON document's plain values, through the msgspec mirrors; else ``None``.

    *doc* holds what a JSON parser gives (dicts, lists, exact ``str``, ``int``, ``float``,
    ``bool``, ``None``) and no lone surrogate: the caller checks both, since ``msgspec.convert``
    takes more than the engine does (an enum member for its value, a ``dict`` subclass for a
    record, a lone surrogate). ``msgspec.convert`` checks it against the
    document's mirrors in C, as the decoder checks a text (strict types, unknown keys
    refused, keys with a default may be left out), and the mirror builders make the records.
    ``None`` (the caller then builds with the engine, which names each problem) without
    msgspec, or when msgspec or a record refuses a value. A dict cannot give a key twice, so
    no keys are counted.

    Raises:
        DatasetError: the records are fine and the dataset is not, or there are more records
            than ``limits.max_records``.
    """
    tools = _tools()
    if tools is None:
        return None
    try:
        mirrored = tools["convert"](doc, tools["document"])
    except tools["errors"]:
        return None
    return _from_mirror(mirrored, limits, file, lambda _meta, _tables: False)


def _all_keys(meta: dict[str, Any], tables: dict[str, list[Any]], unset: Any) -> int:
    return len(meta) + len(tables) + sum(_keys(rows, TABLE_TYPES[name], unset) for name, rows in tables.items())


def _from_mirror(
    doc: Any, limits: Limits, file: str | None, doubt: Callable[[dict[str, Any], dict[str, list[Any]]], bool]
) -> Dataset | None:
    """The Dataset of a document mirror; ``None`` when *doubt* (of the metadata and tables) or a record refuses."""
    unset = _made["unset"]
    meta = {key: value for key in META_KEYS if (value := getattr(doc, key)) is not unset}
    tables = {name: rows for name in TABLE_TYPES if (rows := getattr(doc, name)) is not unset}
    check_records(sum(map(len, tables.values())), limits, file)
    if doubt(meta, tables) or any(k not in meta for k in ("schema_version", "name", "version")):
        return None
    try:
        built = {name: _build_mirrors(rows, TABLE_TYPES[name]) for name, rows in tables.items()}
    except _REFUSED:
        return None  # a validator refused a value (or a date): the engine reports it at its path
    return build_dataset(meta, built, [], file=file)


def build_mirrored(rows: list[Any], cls: type[Any], *, positional: bool = False) -> tuple[Any, ...] | None:
    """The records of class *cls* made from *rows* through its msgspec mirrors; else ``None``.

    Each row is a record's plain values as a JSON parser gives them (see :func:`load_values`):
    a dict (keys with a default may be left out), or with *positional* a sequence of every
    field's value in schema order (a column format's row); a nested record may also be its
    mirror already (as :func:`decode_cells` gives them). ``None`` without msgspec, or when
    msgspec or a record refuses a value: the caller then builds with the engine
    (:func:`._engine.build_table`, :func:`._engine.build_rows`), which reports each problem.
    """
    tools = _tools()
    if tools is None:
        return None
    kind = tools["rows"][cls] if positional else GenericAlias(list, (tools["mirrors"][cls],))
    try:
        return tuple(map(builders().mirror[cls], tools["convert"](rows, kind)))
    except tools["errors"] + _REFUSED:
        return None


def decode_cells(texts: list[str], spec: _schema.FieldSpec) -> list[Any] | None:
    """JSON *texts* (no line break in any) parsed as values of field *spec* (kind ``texts`` or ``records``), by msgspec.

    Each text is one value, checked as msgspec checks that field of a document (``None``
    refused); records come as their mirrors (for :func:`build_mirrored`). ``None`` without
    msgspec, or when a text is refused or may give a key twice (the keys are counted as for
    a document): the caller then parses each text strictly, which says why.
    """
    tools = _tools()
    if tools is None:
        return None
    decoders: dict[Any, Callable[[str], list[Any]]] = tools.setdefault("lines", {})
    key = (spec.kind, spec.item)
    if key not in decoders:
        import msgspec  # noqa: PLC0415 - optional: _tools() found it

        type_ = tuple[str, ...] if spec.kind == "texts" else GenericAlias(tuple, (tools["mirrors"][spec.item], ...))
        decoders[key] = msgspec.json.Decoder(type_).decode_lines
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return None if texts else []
    try:
        values = decoders[key](joined)
    except tools["errors"]:
        return None
    if len(values) != len(texts):  # a blank text is no line
        return None
    if spec.kind == "records":
        keys = _keys(list(itertools.chain.from_iterable(values)), spec.item, tools["unset"])
        return None if may_repeat_keys(joined, keys) else values
    return values


_REFUSED = (FieldValueError, FieldTypeError, Refused)


def _build_mirrors(rows: list[Any], cls: type[Any]) -> tuple[Any, ...]:
    make = builders().mirror[cls]
    out = []
    for i, row in enumerate(rows):
        out.append(make(row))
        rows[i] = None  # its memory is reused for the records that follow
    return tuple(out)


def _mirrored_lines(data: bytes, lines: list[bytes], cls: type[Any]) -> tuple[Any, ...] | None:
    tools = _tools()
    if tools is None or has_escape(data):
        return None
    decode = tools["records"][cls]
    try:
        rows = [decode(line) for line in lines]
    except tools["errors"]:
        return None
    if may_repeat_keys(data, _keys(rows, cls, tools["unset"])):
        return None
    try:
        return _build_mirrors(rows, cls)
    except _REFUSED:
        return None


def load_lines(data: bytes, cls: type[Any], name: str, problems: list[Problem]) -> tuple[Any, ...] | None:
    """The records of a JSON Lines table (*data*, UTF-8 without BOM): one record per line.

    Returns ``None`` when a line is not JSON, or not strict JSON (a key given twice, NaN...):
    the caller then parses each line strictly and says which. Refused values are added to
    *problems* at their paths (``statements[3].kind``).
    """
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    if len(data) >= ACCELERATE_FROM:
        found = _mirrored_lines(data, lines, cls)
        if found is not None:
            return found
    if has_escape(data):
        return None
    parse = quick_parser(len(data))
    try:
        rows = [parse(line) for line in lines]
    except Exception:  # noqa: BLE001 - not JSON, or NaN: the strict parser says which
        return None
    if may_repeat_keys(data, plain_keys(rows, cls)):
        return None
    return build_table(rows, cls, name, problems)


def load_json(data: str | bytes, file: str | None, limits: Limits) -> Dataset:
    """The Dataset of a JSON document (see the module docstring for the paths it takes).

    Raises:
        DatasetError: with every problem found, naming *file*.
    """
    with gc_paused():
        lone = False
        if isinstance(data, str):
            try:
                raw = data.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate character: the engine names its text
                raw, lone = data.encode("utf-8", "surrogatepass"), True
        else:
            raw = bytes(data)
        if not lone and len(raw) >= ACCELERATE_FROM:
            found = load_mirrored(raw, limits, file)
            if found is not None:
                return found
        doc = None if lone else quick(raw)
        if doc is not None:
            return build_document(doc, file=file, limits=limits)
        return build_document(strict(data, file), file=file, limits=limits, surrogates=lone or has_escape(raw))
