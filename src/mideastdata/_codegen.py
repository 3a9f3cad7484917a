# SPDX-License-Identifier: MIT
"""The one generator: record builders (plain values to records) and unstructurers (back), from one rule table.

Every format turns its files into plain values (dicts, lists, text, numbers, booleans,
``None``) and hands them to :mod:`mideastdata.io._engine`, which builds records with the
functions generated here. For each record class this module generates, from the
class's :class:`~mideastdata._schema.FieldSpec` list and the rule table :data:`RULES`:

* a **fast** builder, ``fast(d)``: each field's value goes through its kind's rule
  expression and the record class is called; the first value a rule refuses raises
  :class:`Refused`;
* a **detailed** builder, ``detailed(d, path, out)``: the *same* rule expressions, each
  inside its own ``try``, so that every refused value becomes a
  :class:`~mideastdata.errors.Problem` at its path (``statements[3].kind``), then the
  record class is called only when nothing was refused;
* a **positional** builder, ``args(v0, v1, ...)``, the fast builder for formats that hold
  columns (CSV, Parquet): every field given, in schema order;
* a **mirror** builder for ``msgspec`` Structs generated from the same specs (the ``fast``
  extra): msgspec has checked every rule that is a type test while parsing, so only the
  conversions run (dates, nested records, defaults).

Because both modes run the same expressions, a value the fast builder accepts is one the
detailed builder accepts, with the same result. The detailed mode runs only after the
fast one refused, to say why: a refusal it cannot explain is a bug and raises
``RuntimeError``, never a silent slowdown. Generated code is registered with
:mod:`linecache`, so tracebacks show it.

A record may omit any field that has a default; the fast builders fill it in themselves.

The way back, :func:`unstructure`, is generated from the same specs: a record as the plain
values a JSON document holds (keys in schema order, enums as their values, dates as their
ISO text, tuples as lists).
"""

from __future__ import annotations

import linecache
import threading
from collections.abc import Callable
from types import GenericAlias
from typing import Any

import attrs

from . import _schema
from ._values import (
    Refused,
    _bad,
    _bad_enum,
    _bad_object,
    _date,
    _many,
    _many_d,
    _parse_date,
    _strs,
    _unknown,
    check_list,
    type_name,
)
from .errors import FieldTypeError, FieldValueError, Problem

__all__ = [
    "RULES",
    "Builders",
    "Refused",
    "builders",
    "check_list",
    "compile_source",
    "mirror_field",
    "type_name",
    "unstructure",
]


# --------------------------------------------------------------------------- the rule table


@attrs.frozen
class Rule:
    """How one kind of field is read: the check of a raw value, and what is left of it after msgspec."""

    check: str
    """Expression of the raw value ``{x}``: the field's value, or :class:`Refused`."""
    trusted: str = "{b}"
    """The same for a value msgspec decoded into the mirror's type (already type-checked)."""


RULES: dict[_schema.Kind, Rule] = {
    "text": Rule("({x} if type({b}) is str else _bad_str({x}))"),
    "int": Rule("({x} if type({b}) is int else _bad_int({x}))"),
    "float": Rule("(float({x}) if type({b}) is float or type({x}) is int else _bad_float({x}))"),
    "bool": Rule("({x} if type({b}) is bool else _bad_bool({x}))"),
    "enum": Rule("({E}[{x}] if type({b}) is str and {x} in {E} else _bad_enum({E}, {x}))"),
    "date": Rule("_date({b})", "_parse_date({b})"),
    "texts": Rule("_strs({b})"),
    "records": Rule("_many({b}, {F})", "tuple(map({M}, {b}))"),
}
"""One rule per kind of field (:data:`mideastdata._schema.KINDS`); :mod:`mideastdata._schema` refuses any other.

``{b}`` is where the raw value is first evaluated (and bound to ``x`` when it is an
expression such as ``d['kind']``), ``{x}`` every later use of it."""

_MISSING = object()


def _expr(spec: _schema.FieldSpec, access: str, *, trusted: bool = False, detailed: bool = False) -> str:
    """The rule expression of *spec* applied to the raw value *access* (a name, or an expression evaluated once)."""
    rule = RULES[spec.kind]
    template = rule.trusted if trusted else rule.check
    item = spec.item.__name__ if spec.kind == "records" else ""
    if detailed and spec.kind == "records":
        template = f"_many_d({{b}}, _d_{item}, path + '.{spec.name}', out)"
    once = "{x}" not in template and not spec.optional  # the value is used once: no name needed
    bind, x = (access, access) if access.isidentifier() or once else (f"(x := {access})", "x")
    optional = spec.optional and (spec.kind != "text" or not trusted)
    fill = {
        "E": f"_enum_{spec.enum.__name__}" if spec.enum is not None else "",
        "F": f"_f_{item}",
        "M": f"_m_{item}",
    }
    if optional:
        return f"(None if {bind} is None else {template.format(b=x, x=x, **fill)})"
    return template.format(b=bind, x=x, **fill)


def _class_code(cls: type[Any]) -> list[str]:
    """The generated builders of one record class (see the module docstring)."""
    specs = _schema.fields(cls)
    name, n = cls.__name__, len(specs)
    full = ", ".join(f"{s.name}={_expr(s, f'd[{s.name!r}]')}" for s in specs)
    some = ", ".join(
        f"{s.name}="
        + (
            _expr(s, f"d[{s.name!r}]")
            if s.required
            else f"(_default_{name}_{s.name} if (x := d.get({s.name!r}, _MISSING)) is _MISSING else {_expr(s, 'x')})"
        )
        for s in specs
    )
    positional = ", ".join(f"{s.name}={_expr(s, 'v' + str(i))}" for i, s in enumerate(specs))
    mirrored = ", ".join(f"{s.name}={_mirror_expr(name, s)}" for s in specs)
    lines = [
        f"def _f_{name}(d):",
        "    if type(d) is not dict:",
        "        _bad_object(d)",
        f"    if len(d) == {n}:",
        f"        return {name}({full})",
        f"    if len(d) > {n} or not d.keys() <= _keys_{name}:",
        "        raise _Refused('unknown field')",
        f"    return {name}({some})",
        "",
        f"def _a_{name}({', '.join(f'v{i}' for i in range(n))}):",
        f"    return {name}({positional})",
        "",
        f"def _m_{name}(m):",
        f"    return {name}({mirrored})",
        "",
        f"def _u_{name}(r):",
        "    return {" + ", ".join(f"{s.name!r}: {_plain_expr(s)}" for s in specs) + "}",
        "",
        f"def _d_{name}(d, path, out):",
        "    if type(d) is not dict:",
        "        out.append(_Problem(path, 'expected a JSON object, got ' + _type_name(d)))",
        "        return None",
        "    before = len(out)",
    ]
    for i, s in enumerate(specs):
        value = f"d[{s.name!r}]"
        lines += [
            f"    if {s.name!r} in d:",
            "        try:",
            f"            v{i} = {_expr(s, value, detailed=True)}",
            "        except _Refused as exc:",
            f"            exc.report(out, path + '.{s.name}')",
        ]
        if s.required:
            lines += ["    else:", f"        out.append(_Problem(path + '.{s.name}', 'required field is missing'))"]
        else:
            lines += ["    else:", f"        v{i} = _default_{name}_{s.name}"]
    lines += [
        f"    extra = d.keys() - _keys_{name}",
        "    if extra:",
        "        out.append(_Problem(path, _unknown(extra)))",
        "    if len(out) > before:",
        "        return None",
        "    try:",
        f"        return {name}({', '.join(f'{s.name}=v{i}' for i, s in enumerate(specs))})",
        "    except (_FieldValueError, _FieldTypeError) as exc:",
        "        out.append(_Problem(path + ('.' + exc.field if exc.field else ''), str(exc)))",
        "        return None",
        "",
    ]
    return lines


def _mirror_expr(name: str, spec: _schema.FieldSpec) -> str:
    if spec.required:
        return _expr(spec, f"m.{spec.name}", trusted=True)
    return f"(_default_{name}_{spec.name} if (x := m.{spec.name}) is _UNSET else {_expr(spec, 'x', trusted=True)})"


def mirror_field(spec: _schema.FieldSpec, mirrors: dict[type[Any], Any], unset: Any) -> tuple[Any, ...]:
    """*spec*'s field in a msgspec mirror, as ``msgspec.defstruct`` takes it (``mirrors``: the nested classes')."""
    simple = {"text": str, "int": int, "float": float, "bool": bool, "date": str}
    if spec.kind == "enum":
        type_: Any = spec.enum
    elif spec.kind == "texts":
        type_ = tuple[str, ...]
    elif spec.kind == "records":
        type_ = GenericAlias(tuple, (mirrors[spec.item], ...))
    else:
        type_ = simple[spec.kind]
    if spec.optional:
        type_ = type_ | None
    if spec.required:
        return (spec.name, type_)
    return (spec.name, type_ | type(unset), unset)  # a key left out is UNSET: counted, then the default


_PLAIN: dict[_schema.Kind, str] = {
    "enum": "{v}._value_",
    "date": "str({v})",
    "texts": "list({v})",
    "records": "[_u_{item}(i) for i in {v}]",
}
"""The plain value of each kind of field whose value is not already plain (``{v}``: the value, used once)."""


def _plain_expr(spec: _schema.FieldSpec) -> str:
    """The plain value of field *spec* of a record ``r``."""
    get = f"r.{spec.name}"
    template = _PLAIN.get(spec.kind)
    if template is None:
        return get  # text, numbers, booleans (and None): plain already
    item = spec.item.__name__ if spec.kind == "records" else ""
    if spec.optional:
        return f"(None if (x := {get}) is None else {template.format(v='x', item=item)})"
    return template.format(v=get, item=item)


# --------------------------------------------------------------------------- generated once


@attrs.frozen
class Builders:
    """The generated builders of every record class."""

    fast: dict[type[Any], Callable[[Any], Any]]
    detailed: dict[type[Any], Callable[[Any, str, list[Problem]], Any]]
    args: dict[type[Any], Callable[..., Any]]
    mirror: dict[type[Any], Callable[[Any], Any]]
    plain: dict[type[Any], Callable[[Any], dict[str, Any]]]


_lock = threading.Lock()
_made: list[Builders] = []


def _namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {
        "_Refused": Refused,
        "_Problem": Problem,
        "_FieldValueError": FieldValueError,
        "_FieldTypeError": FieldTypeError,
        "_MISSING": _MISSING,
        "_UNSET": _unset(),
        "_type_name": type_name,
        "_unknown": _unknown,
        "_bad_object": _bad_object,
        "_bad_str": _bad("a string"),
        "_bad_int": _bad("an integer"),
        "_bad_float": _bad("a number"),
        "_bad_bool": _bad("true or false"),
        "_bad_enum": _bad_enum,
        "_date": _date,
        "_parse_date": _parse_date,
        "_strs": _strs,
        "_many": _many,
        "_many_d": _many_d,
    }
    for cls in _schema.RECORD_CLASSES:
        namespace[cls.__name__] = cls
        specs = _schema.fields(cls)
        namespace[f"_keys_{cls.__name__}"] = frozenset(s.name for s in specs)
        for s in specs:
            if not s.required:
                namespace[f"_default_{cls.__name__}_{s.name}"] = s.default
            if s.enum is not None:
                namespace[f"_enum_{s.enum.__name__}"] = {m.value: m for m in s.enum}
    return namespace


def _unset() -> Any:
    """Msgspec's UNSET (a field the document left out), or a private marker without msgspec."""
    try:
        import msgspec  # noqa: PLC0415 - optional: the fast extra
    except ImportError:
        return object()
    return msgspec.UNSET


def compile_source(source: str, filename: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Run generated *source* in *namespace* and return it; the library's only place that compiles code.

    Every caller generates its source from the model's field specs alone (never from input),
    and the source is registered with :mod:`linecache` under *filename*, so a traceback
    through generated code shows its lines.
    """
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - generated from the model, no input in it
    return namespace


def _generate() -> Builders:
    source = "\n".join(line for cls in _schema.RECORD_CLASSES for line in _class_code(cls))
    namespace = compile_source(source, "<mideastdata generated builders>", _namespace())
    classes = _schema.RECORD_CLASSES
    return Builders(
        fast={c: namespace[f"_f_{c.__name__}"] for c in classes},
        detailed={c: namespace[f"_d_{c.__name__}"] for c in classes},
        args={c: namespace[f"_a_{c.__name__}"] for c in classes},
        mirror={c: namespace[f"_m_{c.__name__}"] for c in classes},
        plain={c: namespace[f"_u_{c.__name__}"] for c in classes},
    )


def unstructure(record: Any) -> dict[str, Any]:
    """*record* as the plain values a JSON document holds for it (keys in schema order).

    Raises:
        KeyError: *record* is not a record of the model.
    """
    return builders().plain[type(record)](record)


def builders() -> Builders:
    """The builders of every record class, generated on first use (thread-safe)."""
    if not _made:
        with _lock:
            if not _made:
                _made.append(_generate())
    return _made[0]
