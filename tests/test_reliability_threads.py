"""Concurrency: queries and their lazily built indexes are safe across threads, and each index is built once.

(``md.load()`` from 32 threads building once is tested in test_load.py.)
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import Any

import pytest

import mideastdata as md
from mideastdata import _index

THREADS = 32


def _fresh() -> md.Dataset:
    """A new dataset object equal to the bundled one, with no index built yet."""
    data = resources.files("mideastdata").joinpath("data").joinpath("mideastdata.json").read_bytes()
    return md.from_json(data)


def _workload(ds: md.Dataset) -> tuple[Any, ...]:
    """A mix of every lazily indexed query; the result is compared across threads."""
    topic = ds.topics[0].id
    return (
        ds.actor("Vitikoff").id,
        ds.actor("hamas").id,
        ds.statements.by("hamas").ids(),
        ds.statements.about(topic).ids(),
        ds.demands.by("israel").ids(),
        ds.demands.of("hamas").ids(),
        ds.events.involving("israel").ids(),
        ds.statements.where(kind=md.StatementKind.POSITION).ids(),
        ds.statements.by("hamas").about(topic).ids(),
        [h.record.id for h in ds.search("ceasefire")],
        ds.positions(topic),
        ds.disagreements(),
        ds.actors["hamas"].name,
        ds.actors.get("israel") is not None,
    )


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as the interpreter allows, to provoke races."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


@pytest.mark.usefixtures("fast_switching")
@pytest.mark.parametrize("round_", range(3))
def test_queries_from_many_threads_agree(round_: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """32 threads querying a fresh dataset at once get the single-threaded answers, and each index is built once."""
    expected = _workload(_fresh())
    ds = _fresh()
    builds: Counter[tuple[int, Any]] = Counter()
    real_cached = _index.cached

    def counting(cache: dict[Any, Any], name: Any, build: Callable[[], Any]) -> Any:
        def counted() -> Any:
            builds[id(cache), name] += 1
            return build()

        return real_cached(cache, name, counted)

    monkeypatch.setattr(_index, "cached", counting)
    barrier = threading.Barrier(THREADS)

    def run(_: int) -> tuple[Any, ...]:
        barrier.wait()
        return _workload(ds)

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(run, range(THREADS)))
    assert all(r == expected for r in results), round_
    assert builds
    assert max(builds.values()) == 1, builds


@pytest.mark.usefixtures("fast_switching")
def test_actor_names_index_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The name index behind Dataset.actor() is built once however many threads ask first."""
    from mideastdata import dataset as dataset_module

    ds = _fresh()
    calls = 0
    real = dataset_module.normalize_name

    def counting(text: str) -> str:
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(dataset_module, "normalize_name", counting)
    barrier = threading.Barrier(THREADS)

    def run(_: int) -> str:
        barrier.wait()
        return ds.actor("Vitikoff").id

    with ThreadPoolExecutor(THREADS) as pool:
        assert set(pool.map(run, range(THREADS))) == {"steve-witkoff"}
    names = sum(1 + len(a.aliases) + 1 for a in ds.actors)  # id, name and aliases of each actor
    assert calls <= names + THREADS  # one build, plus one normalisation of the query per thread


@pytest.mark.usefixtures("fast_switching")
def test_loading_files_from_many_threads(tmp_path: Any, small: md.Dataset) -> None:
    """Loading the same files from many threads gives equal datasets in every format, and no error."""
    paths = [md.dump(small, tmp_path / f"d-{fmt}" if fmt != "json" else tmp_path / "d.json", format=fmt)
             for fmt in ("json", "jsonl", "csv", "datapackage")]
    barrier = threading.Barrier(16)

    def run(i: int) -> md.Dataset:
        barrier.wait()
        return md.load(paths[i % len(paths)])

    with ThreadPoolExecutor(16) as pool:
        assert all(ds == small for ds in pool.map(run, range(16)))
