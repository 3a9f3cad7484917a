"""The search index: built once behind the index lock, kept in a file only when asked, never used stale."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import attrs
import pytest

import mideastdata as md
from mideastdata import _search_index
from test_reliability_threads import _fresh


def _ids(ds: md.Dataset, query: str) -> list[tuple[str, str]]:
    return [(h.table, h.record.id) for h in ds.search(query, limit=None)]


def test_index_is_built_once_on_first_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first search builds the index; later searches, and build_search_index(), reuse it."""
    ds = _fresh()
    builds: list[md.Dataset] = []
    real = _search_index.build

    def counting(dataset: md.Dataset) -> _search_index.SearchIndex:
        builds.append(dataset)
        return real(dataset)

    monkeypatch.setattr(_search_index, "build", counting)
    ds.search("hostages")
    ds.search("ceasefire", table="events")
    assert ds.build_search_index() is False
    assert len(builds) == 1
    assert _fresh().build_search_index() is True


def test_index_file_is_reused_when_built_from_the_same_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file index is written once, then reused by an equal dataset without building, with the same hits."""
    path = tmp_path / "search.sqlite3"
    first = _fresh()
    assert first.build_search_index(path) is True
    assert path.is_file()
    expected = _ids(first, "hostages")
    second = _fresh()
    monkeypatch.setattr(_search_index, "_fill", lambda *_: pytest.fail("rebuilt an index it could reuse"))
    assert second.build_search_index(path) is False
    assert _ids(second, "hostages") == expected
    assert [h.snippet for h in second.search("hamas", actor="hamas")] == [h.snippet for h in first.search("hamas", actor="hamas")]


def test_index_file_of_other_content_is_rebuilt(tmp_path: Path) -> None:
    """Changing one searched text changes the content hash: the stale file is replaced and the change is found."""
    path = tmp_path / "search.sqlite3"
    ds = _fresh()
    ds.build_search_index(path)
    old_hash = _search_index.content_hash(ds)
    statement = attrs.evolve(ds.statements[0], summary=ds.statements[0].summary + " zanzibar")
    changed = ds.evolve(statements=(statement, *ds.statements[1:]))
    assert _search_index.content_hash(changed) != old_hash
    assert changed.build_search_index(path) is True
    assert _ids(changed, "zanzibar") == [("statements", statement.id)]
    assert ds.search("zanzibar") == ()


def test_a_change_outside_the_searched_text_keeps_the_hash() -> None:
    """The hash covers what is searched: a changed topic description leaves the index valid."""
    ds = _fresh()
    changed = ds.evolve(topics=tuple(attrs.evolve(t, description="another description") for t in ds.topics))
    assert _search_index.content_hash(changed) == _search_index.content_hash(ds)


@pytest.mark.parametrize("garbage", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_broken_or_foreign_file_is_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    """A file that is no index of ours (empty, foreign, corrupt) is replaced by a fresh index."""
    path = tmp_path / "search.sqlite3"
    path.write_bytes(garbage)
    ds = _fresh()
    assert ds.build_search_index(path) is True
    assert _ids(ds, "hostages") == _ids(_fresh(), "hostages")
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'content'").fetchone() == (_search_index.content_hash(ds),)


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    """Writing an index leaves only the index file in its folder."""
    _fresh().build_search_index(tmp_path / "search.sqlite3")
    assert [p.name for p in tmp_path.iterdir()] == ["search.sqlite3"]


def test_searches_from_many_threads_agree_with_one() -> None:
    """Threads searching one fresh dataset at once, with pages and filters, get the single-threaded answers."""
    queries = [("hostages", {}), ("ceasefire", {"table": "events"}), ("plan", {"actor": "hamas"}),
               ("release", {"topic": "hostages", "limit": 2}), ("israel", {"offset": 3})]
    reference = _fresh()
    expected = [(_page(reference, q, kw), reference.search(q, **kw).total) for q, kw in queries]  # type: ignore[arg-type]
    ds = _fresh()
    barrier = threading.Barrier(8)
    results: list[object] = []

    def work() -> None:
        barrier.wait()
        results.append([(_page(ds, q, kw), ds.search(q, **kw).total) for q, kw in queries])  # type: ignore[arg-type]

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


def _page(ds: md.Dataset, query: str, kwargs: dict[str, object]) -> list[tuple[str, str, str]]:
    return [(h.table, h.record.id, h.snippet) for h in ds.search(query, **kwargs)]  # type: ignore[arg-type]
