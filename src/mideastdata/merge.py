# SPDX-License-Identifier: MIT
"""Merging datasets: the union of their records, where an id clash is an error, never an overwrite."""

from __future__ import annotations

from typing import Any

from .dataset import Dataset
from .errors import DatasetError, Problem

__all__ = ["merge"]


def _label(ds: Dataset, i: int) -> str:
    return f"datasets[{i}] {ds.name!r}"


def _joined(values: list[str], sep: str) -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def merge(
    *datasets: Dataset,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,  # noqa: A002 - the schema's name
    citation: str | None = None,
) -> Dataset:
    """The union of *datasets*, checked whole like any Dataset.

    Each table keeps the first dataset's records in order, then each later
    dataset's new records in order. A record whose id is already present is kept
    once when it is equal to the present one; when it differs, that is a problem.
    Metadata not given defaults to: the distinct names joined by ``" + "``, the
    first dataset's version, the distinct licenses joined by ``" AND "`` (an SPDX
    expression), and the distinct citations one per line.

    Raises:
        DatasetError: records with the same id differ; each problem names both
            datasets, the table and the id.
        TypeError: no dataset, or something that is not a Dataset, is given.
    """
    if not datasets:
        msg = "merge() needs at least one dataset"
        raise TypeError(msg)
    for ds in datasets:
        if not isinstance(ds, Dataset):
            msg = f"merge() takes Datasets, not {type(ds).__name__}"
            raise TypeError(msg)
    problems: list[Problem] = []
    tables: dict[str, Any] = {}
    for table in datasets[0].tables():
        kept: dict[str, tuple[Any, int]] = {}  # id -> (record, dataset it came from)
        for i, ds in enumerate(datasets):
            for j, record in enumerate(getattr(ds, table)):
                present = kept.get(record.id)
                if present is None:
                    kept[record.id] = (record, i)
                elif present[0] != record:
                    first = _label(datasets[present[1]], present[1])
                    message = f"id {record.id!r} differs between {first} and {_label(ds, i)}"
                    problems.append(Problem(f"{table}[{j}]", message))
        tables[table] = tuple(record for record, _ in kept.values())
    if problems:
        raise DatasetError(problems)
    return Dataset(
        name=name if name is not None else _joined([ds.name for ds in datasets], " + "),
        version=version if version is not None else datasets[0].version,
        license=license if license is not None else _joined([ds.license for ds in datasets], " AND "),
        citation=citation if citation is not None else _joined([ds.citation for ds in datasets], "\n"),
        **tables,
    )
