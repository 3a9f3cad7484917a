# SPDX-License-Identifier: MIT
"""Whole-dataset checks: unique ids, references, evidence quotes, codes, metadata.

Every check appends :class:`~mideastdata.errors.Problem` objects with the path
of the bad field, so one :class:`~mideastdata.errors.DatasetError` lists them all.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

from . import _rules, _schema
from ._fields import PATTERNS
from ._nearmatch import Folded, fold, near_match
from ._plover import check_events as _check_plover
from ._plover import is_plover_category, is_plover_version
from ._schema import SCHEMA_VERSION
from .codes import is_cameo_actor_code, is_cameo_event_code, is_plover_type
from .errors import Problem, did_you_mean, short_repr, shorten
from .model import Evidence

if TYPE_CHECKING:
    from .dataset import Table


class Checked(Protocol):
    """What the checks read of a dataset: its metadata and its tables (a Dataset, or the records of a document)."""

    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def license(self) -> str: ...
    @property
    def citation(self) -> str: ...
    @property
    def schema_version(self) -> str: ...
    def tables(self) -> dict[str, Table[Any]]: ...

__all__ = ["TABLE_TYPES", "check_dataset"]

_SEMVER_RE = re.compile(PATTERNS["semver"])
_SCHEMA_RE = re.compile(PATTERNS["schema_version"])


def _number_order(digits: str) -> tuple[int, str]:
    """Order numbers written without leading zeros, of any length (``int()`` refuses more than 4,300 digits)."""
    return len(digits), digits


_MAX_HINTS = 20
_HINT_BUDGET = 100_000
""""Did you mean" hints cost a scan of the known ids each, so a hint for every dangling
reference would make checking a broken dataset quadratic: one check computes at most
``_MAX_HINTS`` of them and compares at most ``_HINT_BUDGET`` ids in all."""


class _Checker:
    def __init__(self, ds: Checked, incomplete: frozenset[str] = frozenset()) -> None:
        self.ds = ds
        self.incomplete = incomplete
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, Any]] = {}
        self.hints_left = _MAX_HINTS
        self.budget = _HINT_BUDGET
        self.locates_left = _MAX_HINTS
        self.folded: dict[str, Folded] = {}

    def hint(self, value: str, known: Mapping[str, Any]) -> str:
        if self.hints_left <= 0 or self.budget < len(known):
            return ""
        self.hints_left -= 1
        self.budget -= len(known)
        return did_you_mean(value, known)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def where_in_sources(self, quote: str) -> str:
        """Where *quote* occurs in a source, as a hint (at most ``_MAX_HINTS`` searches, each linear)."""
        if self.locates_left <= 0:
            return ""
        self.locates_left -= 1
        for sid, src in self.ids["sources"].items():
            at = src.text.find(quote)
            if at != -1:
                return (
                    f"; it occurs in source {short_repr(sid)} at [{at}, {at + len(quote)}): "
                    "add that span to the evidence (Source.evidence(words) computes it)"
                )
        return "; add the span of the source that holds it to the evidence"

    def ref(self, path: str, value: str | None, table: str, what: str) -> None:
        if value is None or table in self.incomplete:
            return  # a record left out of an incomplete table may be the one it names
        known = self.ids[table]
        if value not in known:
            self.add(path, f"unknown {what} {short_repr(value)}{self.hint(value, known)}")

    def refs(self, path: str, values: Iterable[str], table: str, what: str) -> None:
        for j, value in enumerate(values):
            self.ref(f"{path}[{j}]", value, table, what)

    def evidence(self, path: str, spans: tuple[Evidence, ...]) -> None:
        sources = self.ids["sources"]
        for j, ev in enumerate(spans):
            where = f"{path}[{j}]"
            src = sources.get(ev.source)
            if src is None and "sources" in self.incomplete:
                continue
            if src is None:
                hint = self.hint(ev.source, sources)
                self.add(f"{where}.source", f"unknown source {short_repr(ev.source)}{hint}")
                continue
            text: str = src.text
            if ev.end > len(text):
                self.add(
                    f"{where}.end",
                    f"span [{short_repr(ev.start)}, {short_repr(ev.end)}) runs past the end of source "
                    f"{short_repr(ev.source)} "
                    f"({len(text)} characters){self.locate(ev.source, text, ev.quote, ev.start)}",
                )
            elif text[ev.start : ev.end] != ev.quote:
                actual = text[ev.start : ev.end]
                hint = self.locate(ev.source, text, ev.quote, ev.start)
                self.add(
                    f"{where}.quote",
                    f"quote {short_repr(ev.quote)} differs from the source text "
                    f"at [{ev.start}, {ev.end}): {short_repr(actual)}{hint}",
                )

    def locate(self, source: str, text: str, quote: str, near: int) -> str:
        """Where *quote* occurs in *text* (the occurrence nearest offset *near*), or its near match, as a hint.

        Each search is linear in the text; at most ``_MAX_HINTS`` are made in one check, and a source's
        folded text is computed once.
        """
        if self.locates_left <= 0 or not quote:
            return ""
        self.locates_left -= 1
        after = text.find(quote, near)
        before = text.rfind(quote, 0, min(len(text), near + len(quote) - 1))
        found = [at for at in (before, after) if at != -1]
        if found:
            at = min(found, key=lambda a: abs(a - near))
            return f"; the quote occurs at [{at}, {at + len(quote)}): set start={at}, end={at + len(quote)}"
        if source not in self.folded:
            self.folded[source] = fold(text)
        match = near_match(self.folded[source], text, quote)
        if match is None:
            return ""
        return f"; the source has {match.describe()}: copy those exact words and offsets"



def _unique(checker: _Checker, name: str, records: Iterable[Any]) -> dict[str, Any]:
    records = tuple(records)
    by_id = {record.id: record for record in records}
    if len(by_id) == len(records):  # the usual case: no duplicate, nothing to report
        return by_id
    seen: dict[str, Any] = {}
    first_at: dict[str, int] = {}
    for i, record in enumerate(records):
        if record.id in seen:
            first = f"{name}[{first_at[record.id]}]"
            checker.add(f"{name}[{i}].id", f"duplicate id {short_repr(record.id)} (first at {first})")
        else:
            seen[record.id] = record
            first_at[record.id] = i
    return seen


def _evidence_ok(spans: tuple[Evidence, ...], texts: Mapping[str, str]) -> bool:
    """Whether every span's quote is its source's text at its offsets (what ``_Checker.evidence`` checks)."""
    for ev in spans:
        text = texts.get(ev.source)
        # startswith at start compares the same characters as text[start:end] (end - start == len(quote)
        # for every Evidence) without copying them; it is False when the span runs past the end.
        if text is None or ev.end - ev.start != len(ev.quote) or not text.startswith(ev.quote, ev.start):
            return False
    return True


_SOURCE, _START, _END, _QUOTE = (operator.attrgetter(name) for name in ("source", "start", "end", "quote"))


def _all_spans_ok(spans: list[Evidence], texts: Mapping[str, str]) -> bool:
    """Whether every span passes :func:`_evidence_ok`, tested a whole column at a time, in C passes."""
    quotes, starts = list(map(_QUOTE, spans)), list(map(_START, spans))
    if not all(map(operator.eq, map(operator.sub, map(_END, spans), starts), map(len, quotes))):
        return False
    found = list(map(texts.get, map(_SOURCE, spans)))
    if None in found:
        return False
    return all(map(str.startswith, found, quotes, starts))  # type: ignore[arg-type] # no None, tested above


def _check_metadata(c: _Checker, ds: Checked) -> None:
    for field in ("name", "version", "license", "citation", "schema_version"):
        if type(getattr(ds, field)) is not str:
            c.add(field, f"must be a string, got {type(getattr(ds, field)).__name__}")
    if type(ds.name) is str and not ds.name.strip():
        c.add("name", "must not be empty")
    if type(ds.version) is str and _SEMVER_RE.fullmatch(ds.version) is None:
        c.add("version", f"must be a SemVer version like '1.0.0', got {short_repr(ds.version)}")
    if type(ds.schema_version) is str:
        mine = _SCHEMA_RE.fullmatch(SCHEMA_VERSION)
        theirs = _SCHEMA_RE.fullmatch(ds.schema_version)
        if theirs is None:
            c.add("schema_version", f"must look like '1.0', got {short_repr(ds.schema_version)}")
        elif mine is not None and theirs.groups() != mine.groups():
            newer = tuple(map(_number_order, theirs.groups())) > tuple(map(_number_order, mine.groups()))
            c.add(
                "schema_version",
                f"schema {shorten(ds.schema_version, 80)} is not readable by this library "
                f"(it reads schema {SCHEMA_VERSION} and migrates 1.0); "
                + ("upgrade mideastdata" if newer else "migrate the document"),
            )


def _check_types(c: _Checker, ds: Checked) -> bool:
    ok = True
    for name, table in ds.tables().items():
        kind = TABLE_TYPES[name]
        if not table or set(map(type, table.records)) == {kind}:
            continue  # the usual case, checked in one pass without a Python loop
        for i, record in enumerate(table):
            if type(record) is not kind:
                c.add(f"{name}[{i}]", f"expected a {kind.__name__}, got {type(record).__name__}")
                ok = False
    return ok


TABLE_TYPES: dict[str, type[Any]] = _schema.TABLES
"""The record class of each table (from :mod:`mideastdata._schema`)."""

_VOCABULARIES: dict[str, tuple[Callable[[str], bool], str]] = {
    "cameo-actor": (is_cameo_actor_code, "CAMEO actor code"),
    "cameo-event": (is_cameo_event_code, "CAMEO event code"),
    "plover": (is_plover_type, "PLOVER type"),
    "plover-event": (is_plover_category, "PLOVER type"),
    "plover-version": (is_plover_version, "PLOVER version"),
}
"""Each code vocabulary a field may declare: its test and its name in messages."""


def _singular(table: str) -> str:
    return table[:-1]


class _Rule:
    """The whole-dataset rule of one field: a fast test of a whole column, and the detailed check of one value."""

    def __init__(self, spec: _schema.FieldSpec, ids: Mapping[str, Mapping[str, Any]], texts: Mapping[str, str]) -> None:
        self.spec = spec
        self.ids = ids
        self.texts = texts

    def column_ok(self, values: list[Any]) -> Literal[True] | list[bool]:  # noqa: PLR0911 - one case per kind of rule
        """True when every value passes; else one flag per value."""
        spec = self.spec
        if spec.kind == "records":
            return self._records_ok(values)
        if spec.meta.vocabulary is not None:
            test = _VOCABULARIES[spec.meta.vocabulary][0]
            if all(map(test, filter(None, values))):
                return True
            return [v is None or test(v) for v in values]
        known = self.ids[spec.ref] if spec.ref is not None else None
        if known is None:
            return True
        if spec.kind == "texts":
            if known.keys() >= set(itertools.chain.from_iterable(values)):
                return True
            return [known.keys() >= set(v) for v in values]
        if known.keys() >= {v for v in values if v is not None}:
            return True
        return [v is None or v in known for v in values]

    def _records_ok(self, values: list[Any]) -> Literal[True] | list[bool]:
        """:meth:`column_ok` of a field of nested records: every item of the column tested at once first.

        The rules of the nested records' own fields are the same rules, a level down (and further
        down, for records nested in them).
        """
        items = list(itertools.chain.from_iterable(values))
        if self.spec.item is Evidence:
            if _all_spans_ok(items, self.texts):
                return True
            return [_evidence_ok(v, self.texts) for v in values]
        rules = self._nested_rules()
        if all(rule.column_ok(list(map(operator.attrgetter(rule.spec.name), items))) is True for rule in rules):
            return True
        return [
            all(rule.column_ok([getattr(item, rule.spec.name) for item in v]) is True for rule in rules)
            for v in values
        ]

    def _nested_rules(self) -> list[_Rule]:
        assert self.spec.item is not None  # noqa: S101 - only fields of nested records have items
        return [_Rule(s, self.ids, self.texts) for s in _schema.fields(self.spec.item) if _checked(s)]

    def check(self, c: _Checker, path: str, value: Any) -> None:
        """Add the problems of *value* (this field of one record at *path*)."""
        spec = self.spec
        if spec.kind == "records" and spec.item is Evidence:
            c.evidence(path, value)
        elif spec.kind == "records":
            rules = self._nested_rules()
            for j, item in enumerate(value):
                for rule in rules:
                    rule.check(c, f"{path}[{j}].{rule.spec.name}", getattr(item, rule.spec.name))
        elif spec.meta.vocabulary is not None:
            test, what = _VOCABULARIES[spec.meta.vocabulary]
            if value is not None and not test(value):
                c.add(path, f"unknown {what} {short_repr(value)}")
        elif spec.ref is not None and spec.kind == "texts":
            c.refs(path, value, spec.ref, _singular(spec.ref))
        elif spec.ref is not None:
            c.ref(path, value, spec.ref, _singular(spec.ref))


def _checked(spec: _schema.FieldSpec) -> bool:
    """Whether a field has a whole-dataset rule: a reference, a code, or nested records that hold either."""
    if spec.ref is not None or spec.meta.vocabulary is not None:
        return True
    return spec.kind == "records" and (spec.item is Evidence or any(map(_checked, _schema.fields(spec.item))))


def _check_table(c: _Checker, name: str, records: tuple[Any, ...], texts: Mapping[str, str]) -> None:
    """Every reference, code, evidence span and declared rule (:mod:`mideastdata._rules`) of one table.

    Each field's rule first tests the whole column at once; only the records a test
    refuses are checked one by one, in record order and field order, with paths and hints.
    """
    kind = TABLE_TYPES[name]
    specs = [s for s in _schema.fields(kind) if _checked(s) or _rules.has_rules(s)]
    rules = {s.name: _Rule(s, c.ids, texts) for s in specs if _checked(s)}
    bad: set[int] = set()
    for spec in specs:
        values = list(map(operator.attrgetter(spec.name), records))
        for ok in (
            rules[spec.name].column_ok(values) if spec.name in rules else True,
            _rules.column_test(spec, values, records) if _rules.has_rules(spec) else True,
        ):
            if ok is not True:
                bad.update(i for i, flag in enumerate(ok) if not flag)
    own = [s for s in _schema.references(kind, name) if s.kind == "texts"]
    what = _singular(name)
    for i in sorted(bad.union(*(_self_referring(records, s.name) for s in own))):
        record = records[i]
        p = f"{name}[{i}]"
        for spec in specs:
            path, value = f"{p}.{spec.name}", getattr(record, spec.name)
            if spec.name in rules:
                rules[spec.name].check(c, path, value)
            if _rules.has_rules(spec):
                _rules.check(c, spec, _rules.At(path, record, what), value)
            if spec in own and record.id in value:
                c.add(path, f"{what} {short_repr(record.id)} cannot be a member of itself")
    for spec in own:
        _rules.check_cycles(c, name, spec.name, c.ids[name])


def _self_referring(records: tuple[Any, ...], field: str) -> set[int]:
    return {i for i, r in enumerate(records) if r.id in getattr(r, field)}


def check_dataset(ds: Checked, *, incomplete: frozenset[str] = frozenset()) -> list[Problem]:
    """Return every problem in *ds* (an empty list when it is valid).

    Args:
        ds: the dataset (or, with *incomplete*, an object with the same attributes and tables).
        incomplete: tables some records of which could not be built: references into them
            are not reported, since the record they name may be one of those.
    """
    c = _Checker(ds, incomplete)
    _check_metadata(c, ds)
    if not _check_types(c, ds):
        return c.problems
    tables = ds.tables()
    for name, table in tables.items():
        c.ids[name] = _unique(c, name, table)
    texts = {sid: src.text for sid, src in c.ids["sources"].items()}
    for name, table in tables.items():
        _check_table(c, name, table.records, texts)
    _check_plover(c.add, tables["events"].records)
    return c.problems
