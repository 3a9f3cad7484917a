# SPDX-License-Identifier: MIT
"""The one cattrs converter: strict, path-reporting, shared by every format.

* Strings, integers and booleans are never coerced: ``1`` where a string is
  expected is an error, and so is ``"1"`` where an integer is expected.
* Enums are their string values; :class:`~mideastdata.PartialDate` is its ISO
  8601 reduced-precision string (``2025``, ``2025-08``, ``2025-08-02``).
* Collections are JSON arrays and become tuples; a string is not a collection.
* Unknown keys are rejected.
* Every failure becomes a :class:`~mideastdata.errors.Problem` whose path
  names the record and field (``statements[3].date``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from ..dataset import Dataset
from ..errors import DatasetError, FieldTypeError, FieldValueError, Problem, short_repr
from ..limits import DEFAULT_LIMITS, Limits, check_records
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
from ._encodable import lone_surrogate
from ._engine import Refused, build_table, check_list

__all__ = [
    "DOCUMENT_KEYS",
    "META_KEYS",
    "TABLE_TYPES",
    "converter",
    "problems_from",
    "structure_dataset",
    "structure_records",
    "unstructure_dataset",
]

T = TypeVar("T")

ENUMS: tuple[type[enum.Enum], ...] = (
    ActorKind,
    Attribution,
    DemandKind,
    EventKind,
    EventStatus,
    Position,
    StatementKind,
)

def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _strict_str(value: Any, _type: Any) -> str:
    if type(value) is not str:
        msg = f"expected a string, got {_type_name(value)} {short_repr(value)}"
        raise FieldTypeError("", msg)
    if not value.isascii():
        _check_encodable(value)
    return value


def _check_encodable(value: str) -> None:
    """Reject lone surrogates (a JSON escape such as ``ud800`` alone): not characters, cannot be written."""
    msg = lone_surrogate(value)
    if msg is not None:
        raise FieldValueError("", msg)


def _strict_int(value: Any, _type: Any) -> int:
    if type(value) is not int:
        msg = f"expected an integer, got {_type_name(value)} {short_repr(value)}"
        raise FieldTypeError("", msg)
    return value


def _strict_bool(value: Any, _type: Any) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {_type_name(value)} {short_repr(value)}"
        raise FieldTypeError("", msg)
    return value


def _structure_date(value: Any, _type: Any) -> PartialDate:
    if type(value) is not str:
        msg = f"expected a date string like '2025-08', got {_type_name(value)} {short_repr(value)}"
        raise FieldTypeError("", msg)
    try:
        return PartialDate.parse(value)
    except ValueError as exc:  # the date is one field: report it there, not at .month
        raise FieldValueError("", f"invalid date {short_repr(value)}: {exc}") from None


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _enum_hook(type_: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    members = {m.value: m for m in type_}
    allowed = ", ".join(repr(v) for v in members)

    def hook(value: Any, _type: Any) -> Any:
        if type(value) is str and value in members:
            return members[value]
        msg = f"expected one of {allowed}, got {_type_name(value)} {short_repr(value)}"
        raise FieldValueError("", msg)

    return hook


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], tuple[Any, ...]]:
    elem_type = get_args(type_)[0]
    elem_hook = conv.get_structure_hook(elem_type)

    def hook(value: Any, _type: Any) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            msg = f"expected a list, got {_type_name(value)} {short_repr(value)}"
            raise FieldTypeError("", msg)
        out = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(elem_hook(item, elem_type))
            except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                note = IterableValidationNote(f"@ index {i}", i, elem_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(out)

    return hook


def _record_hook(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """The generated attrs hook, behind a check that the value is a JSON object."""
    inner = make_dict_structure_fn(type_, conv)

    def hook(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a JSON object, got {_type_name(value)} {short_repr(value)}"
            raise FieldTypeError("", msg)
        return inner(value, _type)

    return hook


def make_converter() -> cattrs.Converter:
    """Build the strict converter (see the module docstring for its rules)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    # Our enums subclass str: register each by class, or the str hook above would take them.
    for enum_type in ENUMS:
        conv.register_structure_hook(enum_type, _enum_hook(enum_type))
    conv.register_structure_hook(PartialDate, _structure_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_unstructure_hook_func(_is_enum, lambda member: member.value)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_hook(t, conv))
    conv.register_structure_hook_factory(attrs.has, lambda t: _record_hook(t, conv))
    return conv


converter = make_converter()
"""The library's converter. Use it, never cattrs' global one."""


# --------------------------------------------------------------------------- error paths


def _note_step(exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
    return ""


def problems_from(exc: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs/validator exception into problems with paths."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out: list[Problem] = []
        for sub in exc.exceptions:
            out.extend(problems_from(sub, path + _note_step(sub)))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return [Problem(path, f"unknown field{'s' if len(exc.extra_fields) > 1 else ''} {keys}")]
    if isinstance(exc, (FieldTypeError, FieldValueError)):
        step = f".{exc.field}" if exc.field and not path.endswith(f".{exc.field}") else ""
        return [Problem(path + step, str(exc))]
    if isinstance(exc, KeyError) and _note_step(exc):
        return [Problem(path, "required field is missing")]
    if isinstance(exc, (ValueError, TypeError)):
        return [Problem(path, str(exc))]
    return [Problem(path, f"{type(exc).__name__}: {exc}")]


# --------------------------------------------------------------------------- documents


def structure_records(data: Any, type_: type[T], path: str) -> tuple[T, ...]:
    """Structure a list of records of *type_* with the engine; raise DatasetError with paths on failure."""
    problems: list[Problem] = []
    try:
        rows = list(check_list(data))
    except Refused as exc:
        exc.report(problems, path)
        raise DatasetError(problems) from None
    records = build_table(rows, type_, path, problems, surrogates=True)
    if problems:
        raise DatasetError(problems)
    return records


def _structure_meta(doc: Mapping[str, Any], problems: list[Problem]) -> dict[str, str]:
    unknown = [k for k in doc if k not in DOCUMENT_KEYS]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        problems.append(Problem("", f"unknown field{plural} " + ", ".join(repr(k) for k in unknown)))
    meta: dict[str, str] = {}
    for key in META_KEYS:
        if key not in doc:
            if key in ("schema_version", "name", "version"):
                problems.append(Problem(key, "required field is missing"))
            continue
        value = doc[key]
        if type(value) is not str:
            problems.append(Problem(key, f"expected a string, got {_type_name(value)} {short_repr(value)}"))
        elif (surrogate := lone_surrogate(value)) is not None:
            problems.append(Problem(key, surrogate))
        else:
            meta[key] = value
    return meta


def structure_dataset(doc: Any, *, file: str | None = None, limits: Limits | None = None) -> Dataset:
    """Build a Dataset from a parsed JSON document (a dict), strictly.

    Raises:
        DatasetError: with every problem found and its path, or the document holds
            more records than ``limits.max_records`` (checked before any is built).
    """
    if not isinstance(doc, Mapping):
        raise DatasetError([Problem("", f"expected a JSON object, got {_type_name(doc)}")], file=file)
    count = sum(len(doc[name]) for name in TABLE_TYPES if isinstance(doc.get(name), list))
    check_records(count, DEFAULT_LIMITS if limits is None else limits, file)
    problems: list[Problem] = []
    meta = _structure_meta(doc, problems)
    tables: dict[str, tuple[Any, ...]] = {}
    for name, kind in TABLE_TYPES.items():
        if name not in doc:
            tables[name] = ()
            continue
        try:
            tables[name] = structure_records(doc[name], kind, name)
        except DatasetError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DatasetError(problems, file=file)
    try:
        return Dataset(**meta, **tables)  # type: ignore[arg-type]
    except DatasetError as exc:
        raise DatasetError(exc.problems, file=file) from None


def unstructure_dataset(ds: Dataset) -> dict[str, Any]:
    """The dataset as a JSON-ready dict, keys in :data:`DOCUMENT_KEYS` order."""
    doc: dict[str, Any] = {key: getattr(ds, key) for key in META_KEYS}
    for name, kind in TABLE_TYPES.items():
        doc[name] = converter.unstructure(getattr(ds, name).records, tuple[kind, ...])  # type: ignore[valid-type]
    return doc

