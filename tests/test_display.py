"""The display hooks: how a record's notebook view finds its dataset, and the plain fallback."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import mideastdata as md
from mideastdata import _display
from view_data import nested_dataset

if TYPE_CHECKING:
    import pytest


def test_a_record_is_found_in_the_dataset_holding_it() -> None:
    """The dataset holding the very record comes first; one holding an equal record next."""
    first = nested_dataset()
    second = nested_dataset()
    event = second.events[0]
    assert event == first.events[0]
    assert event is not first.events[0]
    holders = _display.datasets_holding("events", event)
    assert holders[0] is second
    assert any(h is first for h in holders[1:])


def test_freed_datasets_are_forgotten() -> None:
    """A dataset no longer referenced is never returned, and the notes of freed ones are dropped."""
    record = nested_dataset().events[0]  # its dataset is freed at once (after a collection)
    gc.collect()
    assert _display.datasets_holding("events", record) == []
    for _ in range(3 * _display._purge_at[0]):
        nested_dataset()
    gc.collect()
    nested_dataset()
    assert len(_display._datasets) < 3 * _display._purge_at[0]


def test_an_unknown_record_has_no_dataset() -> None:
    """A record built by hand belongs to no dataset; its view says its source text is not at hand."""
    src = md.Source(id="s", title="t", text="Words here.")
    actor = md.Actor(id="a", name="A", kind=md.ActorKind.PERSON, evidence=(src.evidence("Words"),))
    assert _display.datasets_holding("actors", actor) == []
    assert "source text not at hand" in actor._repr_html_()


def test_without_a_renderer_the_view_is_an_escaped_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no renderer registered, _repr_html_ falls back to the escaped repr."""
    monkeypatch.setattr(_display, "_renderer", None)
    topic = md.Topic(id="t", label="<b>bold</b>")
    assert topic._repr_html_() == "<pre>Topic(id=&#x27;t&#x27;, label=&#x27;&lt;b&gt;bold&lt;/b&gt;&#x27;, description=&#x27;&#x27;)</pre>"
