# SPDX-License-Identifier: MIT
"""Merging datasets: records with one id are combined, never overwritten.

When several datasets hold a record with the same id, the merged record takes the
*union* of every additive field (every field that holds a tuple: evidence, aliases,
roles, membership, topics, mentions, stances, identifiers...; the schema says which)
and, for every other field, the value the datasets agree on. ``None`` (and an empty
text whose default is empty) is "not known": a dataset that does not know a value does
not contradict one that does. A field whose known values differ is a *conflict*,
reported field by field. Actors are also matched by their crosswalk keys (see
:mod:`mideastdata._crosswalk`): an actor that another dataset holds under another id
is merged into it, every reference to it renamed, and its other name kept as an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from . import _schema
from ._crosswalk import different_actors, identity_keys
from .corroboration import contradicts
from .dataset import Dataset
from .errors import DatasetError, Problem, short_repr
from .model import Evidence

__all__ = ["ConflictPolicy", "MergeConflict", "Version", "merge", "merge_conflicts"]

ConflictPolicy = Literal["refuse", "keep-first", "keep-both"]
"""What :func:`~mideastdata.merge` does with a conflict: refuse (raise), keep the first dataset's value, or
keep each contradicting version (of a statement, demand or event) as a record of its own, ``same_as`` the first."""


@attrs.frozen(kw_only=True)
class Version:
    """One dataset's value of a conflicting field, with the evidence of its record."""

    dataset: int
    """The position of the dataset in the arguments of :func:`~mideastdata.merge`."""
    name: str
    """That dataset's name."""
    value: Any
    evidence: tuple[Evidence, ...]


@attrs.frozen(kw_only=True)
class MergeConflict:
    """A field on which datasets give one record different values; each version with its evidence."""

    table: str
    id: str
    field: str
    versions: tuple[Version, ...]
    """Every known value, in dataset order (the first is the one ``on_conflict="keep-first"`` keeps)."""

    @property
    def path(self) -> str:
        """``actors[israel].kind``: where the conflict is."""
        return f"{self.table}[{self.id}].{self.field}"

    @property
    def message(self) -> str:
        """``'state' in datasets[0] 'bundled', 'government' in datasets[1] 'mine'``."""
        groups: dict[str, list[str]] = {}
        for v in self.versions:
            groups.setdefault(_shown(v.value), []).append(f"datasets[{v.dataset}] {short_repr(v.name)}")
        return ", ".join(f"{value} in {' and '.join(where)}" for value, where in groups.items())

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _shown(value: Any) -> str:
    return short_repr(str(value) if hasattr(value, "value") or hasattr(value, "year") else value)


def _unknown(spec: _schema.FieldSpec, value: Any) -> bool:
    return value is None or (value == "" and spec.default == "")


def _union(values: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    out: dict[Any, None] = {}
    for items in values:
        out.update(dict.fromkeys(items))
    return tuple(out)


def _combine(
    table: str, versions: list[tuple[int, Any]], labels: list[str]
) -> tuple[Any, list[MergeConflict]]:
    """One record from the *versions* (dataset index, record) of one id, and its conflicts."""
    cls = type(versions[0][1])
    has_aliases = any(s.name == "aliases" for s in _schema.fields(cls))
    changes: dict[str, Any] = {}
    conflicts: list[MergeConflict] = []
    extra_names: list[str] = []
    for spec in _schema.fields(cls):
        if spec.name == "sha256" and cls is _schema.TABLES["sources"]:
            continue  # follows the text kept
        values = [(i, getattr(r, spec.name), r) for i, r in versions]
        if spec.kind in ("texts", "records"):
            changes[spec.name] = _union(v for _, v, _ in values)
            continue
        known = [(i, v, r) for i, v, r in values if not _unknown(spec, v)]
        if not known:
            continue
        changes[spec.name] = known[0][1]
        if len({v for _, v, _ in known}) == 1:
            continue
        if spec.name == "name" and has_aliases:  # an actor's other names are its aliases
            extra_names.extend(v for _, v, _ in known[1:] if v != known[0][1])
            continue
        conflicts.append(
            MergeConflict(
                table=table,
                id=versions[0][1].id,
                field=spec.name,
                versions=tuple(
                    Version(dataset=i, name=labels[i], value=v, evidence=getattr(r, "evidence", ()))
                    for i, v, r in known
                ),
            )
        )
    if extra_names:
        changes["aliases"] = _union([changes["aliases"], tuple(extra_names)])
    return cls(**changes), conflicts


def _renamer(renames: dict[str, str]) -> Any:
    """A function that renames the actors in *renames* wherever a record refers to one."""

    def rename(record: Any) -> Any:
        changes: dict[str, Any] = {}
        for spec in _schema.fields(type(record)):
            value = getattr(record, spec.name)
            if spec.ref == "actors" and spec.kind == "texts":
                new: Any = tuple(renames.get(v, v) for v in value)
            elif spec.ref == "actors":
                new = renames.get(value, value)
            elif spec.kind == "records" and any(s.ref == "actors" for s in _schema.fields(spec.item)):
                new = tuple(rename(item) for item in value)
            elif spec.name == "id" and type(record) is _schema.TABLES["actors"]:
                new = renames.get(value, value)
            else:
                continue
            if new != value:
                changes[spec.name] = new
        return attrs.evolve(record, **changes) if changes else record

    return rename


def _crosswalk(datasets: tuple[Dataset, ...], problems: list[Problem]) -> list[dict[str, str]]:
    """Per dataset, the actor ids to rename to the id an earlier dataset holds the same actor under."""
    owner: dict[str, str] = {}  # identity key -> merged actor id
    by_id: dict[str, Any] = {}
    renames: list[dict[str, str]] = []
    for i, ds in enumerate(datasets):
        mine: dict[str, str] = {}
        for actor in ds.actors:
            keys = identity_keys(actor)
            targets = list(dict.fromkeys(owner[k] for k in keys if k in owner))
            if len(targets) > 1:
                problems.append(
                    Problem(f"actors[{actor.id}]", f"datasets[{i}] {short_repr(ds.name)}: its identifiers name "
                            f"{len(targets)} actors of earlier datasets: {', '.join(targets)}")
                )
                continue
            target = targets[0] if targets else actor.id
            present = by_id.get(target)
            why = None if present is None else different_actors(present, actor)
            if why is not None:
                where = f"datasets[{i}] {short_repr(ds.name)}"
                problems.append(Problem(f"actors[{target}]", f"id {short_repr(target)} in {where}: {why}"))
                continue
            if target != actor.id:
                mine[actor.id] = target
            by_id.setdefault(target, actor)
            for key in keys:
                owner.setdefault(key, target)
        renames.append(mine)
    return renames


def _merged_tables(
    datasets: tuple[Dataset, ...], *, keep_both: bool = False
) -> tuple[dict[str, tuple[Any, ...]], list[MergeConflict], list[Problem]]:
    problems: list[Problem] = []
    renames = _crosswalk(datasets, problems)
    labels = [ds.name for ds in datasets]
    tables: dict[str, tuple[Any, ...]] = {}
    conflicts: list[MergeConflict] = []
    for table in _schema.TABLES:
        kept: dict[str, tuple[Any, int]] = {}  # id -> (record, dataset it came from)
        differing: dict[str, list[tuple[int, Any]]] = {}
        for i, ds in enumerate(datasets):
            records: Iterable[Any] = getattr(ds, table).records
            if renames[i]:
                records = map(_renamer(renames[i]), records)
            for record in records:
                present = kept.get(record.id)
                if present is None:
                    kept[record.id] = (record, i)
                elif record.id in differing:
                    differing[record.id].append((i, record))
                elif present[0] is not record and present[0] != record:
                    differing.setdefault(record.id, [(present[1], present[0])]).append((i, record))
        link = _link_field(_schema.TABLES[table], table) if keep_both else None
        extra: list[Any] = []
        taken = set(kept)
        for rid, versions in differing.items():
            record, found = _combine(table, versions, labels)
            if link is not None and any(contradicts(versions[0][1], r) for _, r in versions[1:]):
                record, others = _split(table, versions, labels)
                extra.extend(attrs.evolve(r, id=_new_id(rid, labels[i], i, taken), **{link: rid}) for i, r in others)
            kept[rid] = (record, kept[rid][1])
            conflicts.extend(found)
        tables[table] = (*(record for record, _ in kept.values()), *extra)
    return tables, conflicts, problems


def _link_field(cls: type[Any], table: str) -> str | None:
    """The field by which a record names the record of its own table that it is another report of."""
    own = [s for s in _schema.references(cls, table) if s.kind == "text"]
    return own[0].name if own else None


def _split(table: str, versions: list[tuple[int, Any]], labels: list[str]) -> tuple[Any, list[tuple[int, Any]]]:
    """The record combined from the versions that the first does not contradict, and the others."""
    first = versions[0][1]
    agreeing = [(i, r) for i, r in versions if not contradicts(first, r)]
    record, _ = _combine(table, agreeing, labels)
    return record, [(i, r) for i, r in versions if contradicts(first, r)]


def _new_id(rid: str, label: str, i: int, taken: set[str]) -> str:
    """The id of dataset *i*'s own version of record *rid*: ``<rid>-<its name as a slug>``, added to *taken*."""
    slug = "-".join(re.findall("[a-z0-9]+", label.lower()))
    new_id = f"{rid}-{slug}" if slug and f"{rid}-{slug}" not in taken else f"{rid}-{i}"
    taken.add(new_id)
    return new_id


def _check_arguments(datasets: tuple[Dataset, ...]) -> None:
    if not datasets:
        msg = "merge() needs at least one dataset"
        raise TypeError(msg)
    for ds in datasets:
        if not isinstance(ds, Dataset):
            msg = f"merge() takes Datasets, not {type(ds).__name__}"
            raise TypeError(msg)


def merge_conflicts(*datasets: Dataset) -> tuple[MergeConflict, ...]:
    """Every field on which *datasets* give a record with one id different values, each version with its evidence.

    The conflicts report of :func:`~mideastdata.merge`: empty when the datasets merge without one.

    Raises:
        DatasetError: the actor crosswalk finds two different actors under one id.
        TypeError: no dataset, or something that is not a Dataset, is given.
    """
    _check_arguments(datasets)
    _, conflicts, problems = _merged_tables(datasets)
    if problems:
        raise DatasetError(problems)
    return tuple(conflicts)


def _joined(values: list[str], sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def merge(
    *datasets: Dataset,
    on_conflict: ConflictPolicy = "refuse",
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,  # noqa: A002 - the schema's name
    citation: str | None = None,
) -> Dataset:
    """The union of *datasets*, checked whole like any Dataset.

    Each table keeps the first dataset's records in order, then each later dataset's new
    records in order. Records with one id are combined (see the module docstring): the
    union of their tuples (evidence from every source, aliases, topics...), the known
    value of every other field. Metadata not given defaults to: the distinct names joined
    by ``" + "``, the first dataset's version, the distinct licenses joined by ``" AND "``
    (an SPDX expression), and the distinct citations one per line.

    Args:
        datasets: the datasets, in order of precedence.
        on_conflict: ``"refuse"`` (the default) raises on any conflict;
            ``"keep-first"`` keeps the value of the first dataset that knows one, and
            :func:`~mideastdata.merge_conflicts` reports what was not kept;
            ``"keep-both"`` keeps, for a statement, demand or event, each version that
            contradicts the first (on a field :meth:`~mideastdata.Dataset.contradictions`
            compares: status, date, participants, stances...) as a record of its own (id ``<id>-<dataset name>``,
            ``same_as`` the first), and otherwise acts as ``"keep-first"``.
        name: the merged dataset's name.
        version: its version.
        license: its license.
        citation: its citation.

    Raises:
        DatasetError: a conflict (under ``"refuse"``), each named by table, id and field with
            every dataset's value (``actors[israel].kind: 'state' in datasets[0] 'bundled',
            'government' in datasets[1] 'mine'``); two different actors under one id; or
            the merged dataset is not valid.
        TypeError: no dataset, or something that is not a Dataset, is given.
        ValueError: *on_conflict* is not a policy.
    """
    _check_arguments(datasets)
    if on_conflict not in ("refuse", "keep-first", "keep-both"):
        msg = f"on_conflict must be 'refuse', 'keep-first' or 'keep-both', got {on_conflict!r}"
        raise ValueError(msg)
    tables, conflicts, problems = _merged_tables(datasets, keep_both=on_conflict == "keep-both")
    if on_conflict == "refuse":
        problems.extend(Problem(c.path, c.message) for c in conflicts)
    if problems:
        raise DatasetError(problems)
    return Dataset(
        name=name if name is not None else _joined([ds.name for ds in datasets], " + "),
        version=version if version is not None else datasets[0].version,
        license=license if license is not None else _joined([ds.license for ds in datasets], " AND "),
        citation=citation if citation is not None else _joined([ds.citation for ds in datasets], "\n"),
        **tables,
    )
