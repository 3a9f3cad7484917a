"""Dataset.positions and Dataset.disagreements: derived from stances and demands, with their evidence."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from test_query_strategies import SETTINGS, datasets

Basis = dict[tuple[str, md.Position], list[Any]]


def _basis(ds: md.Dataset, topic: str) -> Basis:
    """Per (actor, position), the records behind it: by a plain scan of statements and demands."""
    found: Basis = {}
    for s in ds.statements:
        for stance in s.stances:
            if stance.topic == topic and s not in found.setdefault((s.speaker, stance.position), []):
                found[(s.speaker, stance.position)].append(s)
    for d in ds.demands:
        if d.topic == topic:
            found.setdefault((d.by, md.Position.SUPPORTS), []).append(d)
    return found


def _as_basis(positions: tuple[md.TopicPosition, ...]) -> Basis:
    return {(p.actor.id, p.position): list(p.records) for p in positions}


@SETTINGS
@given(datasets(), st.data())
def test_positions_equal_a_scan_of_stances_and_demands(ds: md.Dataset, data: st.DataObject) -> None:
    """positions(t) gives, per actor and position, exactly the statements and demands a scan finds."""
    topic = data.draw(st.sampled_from(ds.topics.records))
    found = ds.positions(topic)
    assert _as_basis(found) == _basis(ds, topic.id)
    order = [(ds.actors.ids().index(p.actor.id), list(md.Position).index(p.position)) for p in found]
    assert order == sorted(order)
    for p in found:
        assert p.topic == topic
        assert p.evidence == tuple(dict.fromkeys(e for r in p.records for e in r.evidence))


@SETTINGS
@given(datasets())
def test_disagreements_are_exactly_the_topics_with_opposed_actors(ds: md.Dataset) -> None:
    """disagreements() lists every topic one actor supports and another opposes, and no other."""
    expected = []
    for topic in ds.topics:
        basis = _basis(ds, topic.id)
        pro = {a for a, p in basis if p is md.Position.SUPPORTS}
        con = {a for a, p in basis if p is md.Position.OPPOSES}
        if any(a != b for a in pro for b in con):
            expected.append(topic.id)
    found = ds.disagreements()
    assert [d.topic.id for d in found] == expected
    for d in found:
        assert all(p.position is md.Position.SUPPORTS for p in d.supporting)
        assert all(p.position is md.Position.OPPOSES for p in d.opposing)
        assert d.supporting == tuple(p for p in ds.positions(d.topic) if p.position is md.Position.SUPPORTS)


def test_bundled_hamas_disarmament_positions() -> None:
    """On Hamas' disarmament, Israel (its demand) supports and Hamas opposes, with its condition.

    The anonymous official only reports that an understanding is forming, so takes no position.
    """
    ds = md.load()
    found = {(p.actor.id, p.position): p for p in ds.positions("hamas-disarmament")}
    assert set(found) == {
        ("israel", md.Position.SUPPORTS),
        ("hamas", md.Position.OPPOSES),
    }
    hamas = found[("hamas", md.Position.OPPOSES)]
    assert [r.id for r in hamas.records] == ["stmt-hamas-armed-resistance"]
    assert hamas.conditions == tuple(s.condition for s in ds.statements["stmt-hamas-armed-resistance"].stances
                                     if s.topic == "hamas-disarmament" and s.condition)
    assert [r.id for r in found[("israel", md.Position.SUPPORTS)].records] == ["dem-israel-hamas-disarmament"]
    assert ds.positions("Disarmament of Hamas") == ds.positions("hamas-disarmament")


def test_bundled_disagreements_are_hamas_against_the_israeli_side() -> None:
    """The bundled data shows one disagreement: Hamas against Israel on disarmament."""
    ds = md.load()
    found = ds.disagreements()
    assert [d.topic.id for d in found] == ["hamas-disarmament"]
    (disagreement,) = found
    assert {p.actor.id for p in disagreement.supporting} == {"israel"}
    assert {p.actor.id for p in disagreement.opposing} == {"hamas"}
    text = ds.sources[0].text
    for side in (disagreement.supporting, disagreement.opposing):
        for p in side:
            assert p.evidence
            assert all(text[e.start : e.end] == e.quote for e in p.evidence)


def test_positions_unknown_topic_suggests() -> None:
    """An unknown topic is a KeyError naming close topics."""
    with pytest.raises(KeyError, match="did you mean 'hamas-disarmament'"):
        md.load().positions("hamas-disarmement")


def test_quote_joins_spans_in_reading_order() -> None:
    """quote() is the record's evidence quotes in text order joined by ' … '; quote_spans() gives the spans."""
    ds = md.load()
    for table in (ds.actors, ds.statements, ds.demands, ds.events):
        for record in table:
            spans = ds.quote_spans(record)
            assert sorted(spans, key=lambda e: e.start) == list(spans)
            assert set(spans) == set(record.evidence)
            assert ds.quote(record) == " … ".join(e.quote for e in spans)
    assert isinstance(ds.quote(ds.statements[0]), str)


def test_quote_rejects_foreign_records_and_unanchored_types(small: md.Dataset) -> None:
    """quote() refuses a record of another dataset and a record type that carries no evidence."""
    ds = md.load()
    with pytest.raises(KeyError, match="not a record"):
        ds.quote(small.statements[0])
    with pytest.raises(TypeError, match="carry evidence"):
        ds.quote(ds.topics[0])  # type: ignore[arg-type]
