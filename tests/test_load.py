"""md.load(): the bundled dataset, built once per process, thread-safe, exact."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import mideastdata as md
from mideastdata import _bundled


def test_load_returns_one_shared_object() -> None:
    """Every call returns the same immutable dataset."""
    assert md.load() is md.load()


def test_load_threads_build_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """32 threads calling load() at once build the dataset once and see one object."""
    monkeypatch.setattr(_bundled, "_dataset", None)
    builds = 0
    original = _bundled._load

    def counting(data: bytes) -> md.Dataset:
        nonlocal builds
        builds += 1
        return original(data)

    monkeypatch.setattr(_bundled, "_load", counting)
    barrier = threading.Barrier(32)

    def call() -> md.Dataset:
        barrier.wait()
        return md.load()

    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(lambda _: call(), range(32)))
    assert builds == 1
    assert all(r is results[0] for r in results)


def test_import_loads_nothing() -> None:
    """Importing the package neither reads the data nor imports heavy modules."""
    code = (
        "import sys, mideastdata, mideastdata._bundled as b;"
        "assert b._dataset is None;"
        "heavy = {'pandas', 'pyarrow', 'numpy', 'duckdb', 'cattrs', 'mideastdata.query', 'mideastdata.codes',"
        " 'mideastdata.io.json', 'mideastdata._index', 'pathlib', 'difflib', 'calendar'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_loading_the_bundled_data_needs_no_converter() -> None:
    """``md.load()`` of the bundled data takes the fast path: cattrs and the JSON module are not imported."""
    code = (
        "import sys, mideastdata as md; ds = md.load();"
        "print(len(ds.statements), sorted({'cattrs', 'mideastdata.io.json', 'mideastdata.io.converter'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split(" ", 1) == [str(len(md.load().statements)), "[]\n"]


def test_bundled_source_is_the_shipped_text() -> None:
    """The bundled Source is the shipped source text, byte for byte."""
    from importlib import resources

    shipped = resources.files("mideastdata").joinpath("data").joinpath("source.txt").read_bytes().decode("utf-8")
    (source,) = md.load().sources
    assert source.text == shipped
    assert source.publisher is None
    assert source.url is None
    assert source.published is None


def test_every_bundled_span_is_exact() -> None:
    """Every evidence quote in the bundled data equals the source text at its offsets."""
    ds = md.load()
    texts = {s.id: s.text for s in ds.sources}
    spans = [
        (record.id, ev)
        for table in (ds.actors, ds.statements, ds.demands, ds.events)
        for record in table
        for ev in record.evidence
    ]
    assert spans
    for record_id, ev in spans:
        assert texts[ev.source][ev.start : ev.end] == ev.quote, record_id


def test_every_bundled_record_has_evidence() -> None:
    """No actor, statement, demand or event is without evidence."""
    ds = md.load()
    for table in (ds.actors, ds.statements, ds.demands, ds.events):
        for record in table:
            assert record.evidence, record.id


def test_bundled_has_no_dates() -> None:
    """The source is undated, so no record carries a date."""
    ds = md.load()
    assert all(s.date is None for s in ds.statements)
    assert all(e.date is None for e in ds.events)


def test_load_format_without_path_is_an_error() -> None:
    """format= without a path is a usage error."""
    with pytest.raises(TypeError):
        md.load(format="json")  # type: ignore[call-overload]
