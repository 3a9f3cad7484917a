# SPDX-License-Identifier: MIT
"""Whole-dataset checks: unique ids, references, evidence quotes, codes, metadata.

Every check appends :class:`~mideastdata.errors.Problem` objects with the path
of the bad field, so one :class:`~mideastdata.errors.DatasetError` lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .codes import is_cameo_actor_code, is_cameo_event_code, is_plover_type
from .errors import Problem, did_you_mean, short_repr
from .model import Actor, Demand, Event, Evidence, Source, Statement, Topic

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["TABLE_TYPES", "check_dataset"]

_SEMVER_RE = re.compile(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?")
_SCHEMA_RE = re.compile(r"(\d+)\.(\d+)")


_MAX_HINTS = 20
_HINT_BUDGET = 100_000
""""Did you mean" hints cost a scan of the known ids each, so a hint for every dangling
reference would make checking a broken dataset quadratic: one check computes at most
``_MAX_HINTS`` of them and compares at most ``_HINT_BUDGET`` ids in all."""


class _Checker:
    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, Any]] = {}
        self.hints_left = _MAX_HINTS
        self.budget = _HINT_BUDGET

    def hint(self, value: str, known: Mapping[str, Any]) -> str:
        if self.hints_left <= 0 or self.budget < len(known):
            return ""
        self.hints_left -= 1
        self.budget -= len(known)
        return did_you_mean(value, known)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def ref(self, path: str, value: str | None, table: str, what: str) -> None:
        if value is None:
            return
        known = self.ids[table]
        if value not in known:
            self.add(path, f"unknown {what} {value!r}{self.hint(value, known)}")

    def refs(self, path: str, values: Iterable[str], table: str, what: str) -> None:
        for j, value in enumerate(values):
            self.ref(f"{path}[{j}]", value, table, what)

    def evidence(self, path: str, spans: tuple[Evidence, ...]) -> None:
        sources = self.ids["sources"]
        for j, ev in enumerate(spans):
            where = f"{path}.evidence[{j}]"
            src = sources.get(ev.source)
            if src is None:
                hint = self.hint(ev.source, sources)
                self.add(f"{where}.source", f"unknown source {ev.source!r}{hint}")
                continue
            text: str = src.text
            if ev.end > len(text):
                self.add(
                    f"{where}.end",
                    f"span [{ev.start}, {ev.end}) runs past the end of source {ev.source!r} "
                    f"({len(text)} characters)",
                )
            elif text[ev.start : ev.end] != ev.quote:
                actual = text[ev.start : ev.end]
                self.add(
                    f"{where}.quote",
                    f"quote {short_repr(ev.quote)} differs from the source text "
                    f"at [{ev.start}, {ev.end}): {short_repr(actual)}",
                )

    def code(self, path: str, value: str | None, known: bool, what: str) -> None:
        if value is not None and not known:
            self.add(path, f"unknown {what} {value!r}")


def _unique(checker: _Checker, name: str, records: Iterable[Any]) -> dict[str, Any]:
    records = tuple(records)
    by_id = {record.id: record for record in records}
    if len(by_id) == len(records):  # the usual case: no duplicate, nothing to report
        return by_id
    seen: dict[str, Any] = {}
    first_at: dict[str, int] = {}
    for i, record in enumerate(records):
        if record.id in seen:
            checker.add(f"{name}[{i}].id", f"duplicate id {record.id!r} (first at {name}[{first_at[record.id]}])")
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


def _check_metadata(c: _Checker, ds: Dataset) -> None:
    from .dataset import SCHEMA_VERSION  # noqa: PLC0415 - cycle

    for field in ("name", "version", "license", "citation", "schema_version"):
        if type(getattr(ds, field)) is not str:
            c.add(field, f"must be a string, got {type(getattr(ds, field)).__name__}")
    if type(ds.name) is str and not ds.name.strip():
        c.add("name", "must not be empty")
    if type(ds.version) is str and _SEMVER_RE.fullmatch(ds.version) is None:
        c.add("version", f"must be a SemVer version like '1.0.0', got {ds.version!r}")
    if type(ds.schema_version) is str:
        mine = _SCHEMA_RE.fullmatch(SCHEMA_VERSION)
        theirs = _SCHEMA_RE.fullmatch(ds.schema_version)
        if theirs is None:
            c.add("schema_version", f"must look like '1.0', got {ds.schema_version!r}")
        elif mine is not None and int(theirs.group(1)) != int(mine.group(1)):
            c.add(
                "schema_version",
                f"schema {ds.schema_version} is not readable by this library "
                f"(it reads schema {SCHEMA_VERSION}); "
                + ("upgrade mideastdata" if int(theirs.group(1)) > int(mine.group(1)) else "migrate the document"),
            )


def _check_types(c: _Checker, ds: Dataset) -> bool:
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


def _check_cycles(c: _Checker, actors: Mapping[str, Any]) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order = {aid: i for i, aid in enumerate(actors)}
    for root in actors:
        if state.get(root):
            continue
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(actors[root].member_of))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in actors:
                    continue
                if state.get(child) == 1:
                    c.add(f"actors[{order[node]}].member_of", f"membership cycle through {child!r}")
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(actors[child].member_of)))
                    break
            else:
                state[node] = 2
                stack.pop()


def check_dataset(ds: Dataset) -> list[Problem]:
    """Return every problem in *ds* (an empty list when it is valid)."""
    c = _Checker(ds)
    _check_metadata(c, ds)
    if not _check_types(c, ds):
        return c.problems
    for name, table in ds.tables().items():
        c.ids[name] = _unique(c, name, table)

    for i, a in enumerate(ds.actors):
        p = f"actors[{i}]"
        for j, role in enumerate(a.roles):
            c.ref(f"{p}.roles[{j}].of", role.of, "actors", "actor")
        c.refs(f"{p}.member_of", a.member_of, "actors", "actor")
        if a.id in a.member_of:
            c.add(f"{p}.member_of", f"actor {a.id!r} cannot be a member of itself")
        c.code(f"{p}.cameo", a.cameo, a.cameo is None or is_cameo_actor_code(a.cameo), "CAMEO actor code")
        c.evidence(p, a.evidence)
    _check_cycles(c, c.ids["actors"])

    texts = {sid: src.text for sid, src in c.ids["sources"].items()}
    _check_statements(c, ds, texts)
    _check_demands(c, ds, texts)
    _check_events(c, ds, texts)
    return c.problems


# Each loop below first asks whether a record is fine (one cheap predicate, no path built) and
# builds paths and messages only for a record that is not: the problems are the same either way.


def _check_statements(c: _Checker, ds: Dataset, texts: Mapping[str, str]) -> None:
    actors, topics = c.ids["actors"], c.ids["topics"]
    all_actors, all_topics = frozenset(actors), frozenset(topics)  # issuperset: one C call per tuple
    for i, s in enumerate(ds.statements):
        if (
            s.speaker in actors
            and all_topics.issuperset(s.topics)
            and all_actors.issuperset(s.mentions)
            and all(stance.topic in topics for stance in s.stances)
            and (s.cameo is None or is_cameo_event_code(s.cameo))
            and (s.plover is None or is_plover_type(s.plover))
            and _evidence_ok(s.evidence, texts)
        ):
            continue
        p = f"statements[{i}]"
        c.ref(f"{p}.speaker", s.speaker, "actors", "actor")
        c.refs(f"{p}.topics", s.topics, "topics", "topic")
        c.refs(f"{p}.mentions", s.mentions, "actors", "actor")
        for j, stance in enumerate(s.stances):
            c.ref(f"{p}.stances[{j}].topic", stance.topic, "topics", "topic")
        c.code(f"{p}.cameo", s.cameo, s.cameo is None or is_cameo_event_code(s.cameo), "CAMEO event code")
        c.code(f"{p}.plover", s.plover, s.plover is None or is_plover_type(s.plover), "PLOVER type")
        c.evidence(p, s.evidence)


def _check_demands(c: _Checker, ds: Dataset, texts: Mapping[str, str]) -> None:
    actors, topics, statements = c.ids["actors"], c.ids["topics"], c.ids["statements"]
    for i, d in enumerate(ds.demands):
        if (
            d.by in actors
            and (d.addressee is None or d.addressee in actors)
            and d.topic in topics
            and (d.statement is None or d.statement in statements)
            and _evidence_ok(d.evidence, texts)
        ):
            continue
        p = f"demands[{i}]"
        c.ref(f"{p}.by", d.by, "actors", "actor")
        c.ref(f"{p}.addressee", d.addressee, "actors", "actor")
        c.ref(f"{p}.topic", d.topic, "topics", "topic")
        c.ref(f"{p}.statement", d.statement, "statements", "statement")
        c.evidence(p, d.evidence)


def _check_events(c: _Checker, ds: Dataset, texts: Mapping[str, str]) -> None:
    all_actors, all_topics = frozenset(c.ids["actors"]), frozenset(c.ids["topics"])
    for i, e in enumerate(ds.events):
        if (
            all_actors.issuperset(e.actors)
            and all_actors.issuperset(e.targets)
            and all_topics.issuperset(e.topics)
            and (e.cameo is None or is_cameo_event_code(e.cameo))
            and (e.plover is None or is_plover_type(e.plover))
            and _evidence_ok(e.evidence, texts)
        ):
            continue
        p = f"events[{i}]"
        c.refs(f"{p}.actors", e.actors, "actors", "actor")
        c.refs(f"{p}.targets", e.targets, "actors", "actor")
        c.refs(f"{p}.topics", e.topics, "topics", "topic")
        c.code(f"{p}.cameo", e.cameo, e.cameo is None or is_cameo_event_code(e.cameo), "CAMEO event code")
        c.code(f"{p}.plover", e.plover, e.plover is None or is_plover_type(e.plover), "PLOVER type")
        c.evidence(p, e.evidence)


TABLE_TYPES: dict[str, type[Any]] = {
    "sources": Source,
    "actors": Actor,
    "topics": Topic,
    "statements": Statement,
    "demands": Demand,
    "events": Event,
}
