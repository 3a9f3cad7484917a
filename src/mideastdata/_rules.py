# SPDX-License-Identifier: MIT
"""The rules inside one record that its fields declare: how many items, what is quoted where, what is set when.

Each rule comes from a field's :class:`~mideastdata._fields.FieldMeta` (read through
:mod:`mideastdata._schema`), never from a list of fields kept here:

* ``min_items``: a tuple holds at least that many items (every record's evidence);
* ``quoted_in``: the text (or each text) occurs verbatim in a quote of the record's evidence;
* ``set_when`` / ``only_when`` / ``unset_when``: the field is set, may be set, or must be
  None according to another field of the same record (a quote if and only if direct);
* ``key`` / ``key_among``: nested records differ in their key, and every key is among
  the record's values of another field (one stance per topic, on the statement's topics).

:func:`column_test` tests a whole column at once (cheap, no messages); :func:`check` gives
the problems of one record's value, with paths and the fix. The whole-dataset checks of
:mod:`mideastdata._checks` call both.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

import attrs

from . import _schema
from ._fields import Condition
from ._nearmatch import near_match
from .errors import a_or_an, did_you_mean, short_repr
from .model import Evidence

__all__ = ["At", "Sink", "check", "check_cycles", "column_test", "has_rules", "nested_has_rules"]

Flags = Literal[True] | list[bool]
"""True when every value passes, else one flag per value."""


class Sink(Protocol):
    """Where problems go, and how to find where words occur (the whole-dataset checker)."""

    def add(self, path: str, message: str) -> None: ...
    def where_in_sources(self, quote: str) -> str: ...


def _conditions(spec: _schema.FieldSpec) -> list[tuple[str, Condition]]:
    meta = spec.meta
    rules = (("set_when", meta.set_when), ("only_when", meta.only_when), ("unset_when", meta.unset_when))
    return [(rule, cond) for rule, cond in rules if cond is not None]


def has_rules(spec: _schema.FieldSpec) -> bool:
    """Whether the field declares a rule of this module (on itself, or on its nested records)."""
    meta = spec.meta
    own = bool(meta.min_items or meta.quoted_in or meta.key or _conditions(spec))
    return own or (spec.kind == "records" and nested_has_rules(spec.item))


def nested_has_rules(cls: Any) -> bool:
    """Whether fields of the nested record class *cls* declare presence rules."""
    return any(_conditions(s) for s in _schema.fields(cls))


def _condition_ok(rule: str, value: Any, other: Any, wanted: str) -> bool:
    if rule == "set_when":
        return value is not None or other != wanted
    if rule == "only_when":
        return value is None or other == wanted
    return value is None or other != wanted  # unset_when


def _quoted(text: str, spans: Sequence[Evidence]) -> bool:
    return any(text in ev.quote for ev in spans)


def _keys_ok(items: tuple[Any, ...], key: str, among: Any) -> bool:
    keys = set(map(operator.attrgetter(key), items))
    return len(keys) == len(items) and (among is None or keys.issubset(among))


def _nested_ok(items: tuple[Any, ...]) -> bool:
    for item in items:
        for s in _schema.fields(type(item)):
            value = getattr(item, s.name)
            for rule, (field, wanted) in _conditions(s):
                if not _condition_ok(rule, value, getattr(item, field), wanted):
                    return False
    return True


def _column_ok(rule: str, values: list[Any], others: list[Any], wanted: str) -> bool:
    """Whether :func:`_condition_ok` holds for every pair, testing only the values the rule looks at."""
    if rule == "set_when":
        return wanted not in [o for v, o in zip(values, others, strict=True) if v is None]
    picked = [o for v, o in zip(values, others, strict=True) if v is not None]
    if rule == "only_when":
        return picked.count(wanted) == len(picked)
    return wanted not in picked  # unset_when


def _all_nested_ok(cls: Any, items: list[Any]) -> bool:
    """Whether every nested record in *items* (all of *cls*) passes its presence rules, a rule at a time."""
    for s in _schema.fields(cls):
        conditions = _conditions(s)
        if conditions:
            values = list(map(operator.attrgetter(s.name), items))
            for rule, (field, wanted) in conditions:
                if not _column_ok(rule, values, list(map(operator.attrgetter(field), items)), wanted):
                    return False
    return True


def _and(a: Flags, b: Flags) -> Flags:
    if a is True:
        return b
    if b is True:
        return a
    return [x and y for x, y in zip(a, b, strict=True)]


def column_test(spec: _schema.FieldSpec, values: list[Any], records: Sequence[Any]) -> Flags:
    """Test this module's rules of field *spec* on a whole column: *values* of the field in *records*."""
    meta = spec.meta
    result: Flags = True
    if meta.min_items and min(map(len, values), default=meta.min_items) < meta.min_items:
        result = [len(v) >= meta.min_items for v in values]
    if meta.quoted_in is not None:
        spans = list(map(operator.attrgetter(meta.quoted_in), records))
        if spec.kind == "texts":
            flags = [all(_quoted(t, e) for t in v) for v, e in zip(values, spans, strict=True)]
        else:
            flags = [v is None or _quoted(v, e) for v, e in zip(values, spans, strict=True)]
        result = _and(result, True if all(flags) else flags)
    for rule, (field, wanted) in _conditions(spec):
        others = list(map(operator.attrgetter(field), records))
        if not _column_ok(rule, values, others, wanted):
            result = _and(result, [_condition_ok(rule, v, o, wanted) for v, o in zip(values, others, strict=True)])
    if meta.key is not None:
        key, among = meta.key, meta.key_among
        pools = [None] * len(values) if among is None else list(map(operator.attrgetter(among), records))
        flags = [not v or _keys_ok(v, key, p) for v, p in zip(values, pools, strict=True)]
        result = _and(result, True if all(flags) else flags)
    nested = spec.kind == "records" and nested_has_rules(spec.item)
    if nested and not _all_nested_ok(spec.item, list(itertools.chain.from_iterable(values))):
        result = _and(result, [not v or _nested_ok(v) for v in values])
    return result


def _item_noun(field: str) -> str:
    """``stances`` -> ``stance``, ``aliases`` -> ``alias``."""
    if field.endswith("ses"):
        return field[:-2]
    return field.removesuffix("s")


@attrs.frozen
class At:
    """The value being checked: its path, the record that holds it, and what that record is (``statement``)."""

    path: str
    record: Any
    what: str


def check(sink: Sink, spec: _schema.FieldSpec, at: At, value: Any) -> None:
    """Add the problems of *value*, field *spec* of the record *at* names."""
    meta = spec.meta
    if meta.min_items and len(value) < meta.min_items:
        _check_count(sink, spec, at)
    if meta.quoted_in is not None:
        _check_quoted(sink, spec, at, value)
    _check_conditions(sink, spec, at.path, value, at.record)
    if meta.key is not None and value:
        _check_keys(sink, spec, at.path, value, at.record)
    if spec.kind == "records" and nested_has_rules(spec.item):
        for j, item in enumerate(value):
            for s in _schema.fields(spec.item):
                _check_conditions(sink, s, f"{at.path}[{j}].{s.name}", getattr(item, s.name), item)


def _check_count(sink: Sink, spec: _schema.FieldSpec, at: At) -> None:
    least = spec.meta.min_items
    if spec.item is Evidence:
        fix = "add the source words behind it with Source.evidence(words)"
        sink.add(at.path, f"{a_or_an(at.what)} needs at least one evidence span: {fix}")
    else:
        sink.add(at.path, f"needs at least {least} item{'s' if least > 1 else ''}")


def _check_quoted(sink: Sink, spec: _schema.FieldSpec, at: At, value: Any) -> None:
    field = spec.meta.quoted_in
    assert field is not None  # noqa: S101 - only fields that declare it are passed
    spans = getattr(at.record, field)
    texts = list(enumerate(value)) if spec.kind == "texts" else [(None, value)]
    for j, text in texts:
        if text is None or _quoted(text, spans):
            continue
        message = f"{_item_noun(spec.name)} {short_repr(text)} occurs in none of the {at.what}'s {field} quotes"
        sink.add(at.path if j is None else f"{at.path}[{j}]", message + _where_quoted(sink, text, field, spans))


def _where_quoted(sink: Sink, text: str, field: str, spans: Sequence[Evidence]) -> str:
    for j, ev in enumerate(spans):
        match = near_match(ev.quote, ev.quote, text)
        if match is not None:
            near = match.moved(ev.start).describe()
            return f"; {field}[{j}] has {near} of source {short_repr(ev.source)}: copy those exact words"
    return sink.where_in_sources(text)


def _check_conditions(sink: Sink, spec: _schema.FieldSpec, path: str, value: Any, record: Any) -> None:
    for rule, (field, wanted) in _conditions(spec):
        other = getattr(record, field)
        if not _condition_ok(rule, value, other, wanted):
            sink.add(path, _condition_message(rule, spec.name, field, wanted, other))


def _condition_message(rule: str, name: str, field: str, wanted: str, other: Any) -> str:
    wanted_text, other_text = short_repr(str(wanted)), short_repr(None if other is None else str(other))
    if rule == "set_when":
        return f"{name} must be set when {field} is {wanted_text}: give it, or change {field}"
    if rule == "only_when":
        return (
            f"{name} may be set only when {field} is {wanted_text}, not {other_text}: "
            f"set {name} to None, or {field} to {wanted_text}"
        )
    return f"{name} must be None when {field} is {wanted_text}: set it to None, or change {field}"


def _check_keys(sink: Sink, spec: _schema.FieldSpec, path: str, items: tuple[Any, ...], record: Any) -> None:
    key, among = spec.meta.key, spec.meta.key_among
    assert key is not None  # noqa: S101 - only fields with a key are passed
    pool: tuple[Any, ...] | None = None if among is None else tuple(getattr(record, among))
    noun = _item_noun(spec.name)
    first: dict[Any, int] = {}
    for j, item in enumerate(items):
        value = getattr(item, key)
        where = f"{path}[{j}].{key}"
        if value in first:
            sink.add(
                where,
                f"a second {noun} on {key} {short_repr(value)} (the first is {spec.name}[{first[value]}]): "
                f"one {noun} per {key}; merge them",
            )
        else:
            first[value] = j
        if pool is not None and value not in pool:
            listed = ", ".join(map(short_repr, pool[:8])) + (", ..." if len(pool) > 8 else "") if pool else "none"
            sink.add(
                where,
                f"{key} {short_repr(value)} is not among the {among} ({listed}){did_you_mean(value, pool)}: "
                f"add it to {among}",
            )


def check_cycles(c: Sink, table: str, field: str, records: Mapping[str, Any]) -> None:
    """A field that refers to its own table (``member_of``) must not form a cycle."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order = {rid: i for i, rid in enumerate(records)}
    for root in records:
        if state.get(root):
            continue
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(getattr(records[root], field)))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in records:
                    continue
                if state.get(child) == 1:
                    c.add(f"{table}[{order[node]}].{field}", f"membership cycle through {short_repr(child)}")
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(getattr(records[child], field))))
                    break
            else:
                state[node] = 2
                stack.pop()
