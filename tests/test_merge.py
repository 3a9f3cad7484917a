"""md.merge: the union of datasets; equal records with one id kept once, differing ones an error."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from test_query_strategies import SETTINGS, datasets

PARTS = ("statements", "demands", "events")


def _part(ds: md.Dataset, data: st.DataObject, name: str) -> md.Dataset:
    """*ds* with a random subset (in order) of its statements, demands and events."""
    changes = {t: tuple(r for r in getattr(ds, t) if data.draw(st.booleans())) for t in PARTS}
    return ds.evolve(name=name, **changes)


@SETTINGS
@given(datasets(), st.data())
def test_merge_of_overlapping_parts_is_their_ordered_union(ds: md.Dataset, data: st.DataObject) -> None:
    """Merging two overlapping parts gives the first's records, then the second's new ones, each once."""
    a, b = _part(ds, data, "a"), _part(ds, data, "b")
    merged = md.merge(a, b)
    for table in ds.tables():
        first = list(getattr(a, table))
        expected = first + [r for r in getattr(b, table) if r not in first]
        assert list(getattr(merged, table)) == expected
    assert merged.name == "a + b"


def test_merge_with_itself_is_the_same_data() -> None:
    """A dataset merged with itself has the same tables and metadata."""
    ds = md.load()
    merged = md.merge(ds, ds)
    assert merged == ds


def test_same_id_different_content_names_both_datasets(records: dict[str, Any]) -> None:
    """Two datasets with one id for different records fail with a DatasetError naming both and the id."""
    one = md.Dataset(**records)
    changed = attrs.evolve(records["statements"][0], summary="Another summary.")
    two = md.Dataset(**{**records, "name": "other", "statements": (changed,)})
    with pytest.raises(md.DatasetError) as info:
        md.merge(one, two)
    assert [str(p) for p in info.value.problems] == [
        "statements[0]: id 'stmt-hamas' differs between datasets[0] 'small' and datasets[1] 'other'"
    ]


def test_merge_metadata_defaults_and_overrides(records: dict[str, Any]) -> None:
    """Metadata defaults to the joined names and licenses, the first version; keywords override it."""
    one = md.Dataset(**records)
    two = md.Dataset(**{**records, "name": "other", "version": "2.0.0", "license": "MIT"})
    merged = md.merge(one, two)
    assert (merged.name, merged.version, merged.license) == ("small + other", "1.0.0", "CC-BY-4.0 AND MIT")
    assert md.merge(one, two, name="mine", version="0.1.0").name == "mine"


def test_merge_needs_datasets() -> None:
    """merge() with nothing, or with something that is not a Dataset, is a TypeError."""
    with pytest.raises(TypeError, match="at least one"):
        md.merge()
    with pytest.raises(TypeError, match="takes Datasets"):
        md.merge(md.load(), "data.json")  # type: ignore[arg-type]
