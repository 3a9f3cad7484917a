"""Hypothesis strategies for whole datasets, shared by the query tests (and checked here)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata._plover import PLOVER_KINDS

WORDS = ("Hamas", "Israël", "ceasefire", "hostages", "truce", "plan", "Gaza", "l’accord", "disarm", "ARMED", "resistance")
"""A small vocabulary with accents, apostrophes and mixed case, so searches hit often."""

SETTINGS = settings(max_examples=30, deadline=None)
"""How hard the property tests of the query helpers try."""


def _text(draw: st.DrawFn, *, min_size: int = 1) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=min_size + 5)))


def _dates(draw: st.DrawFn) -> md.PartialDate | None:
    if not draw(st.booleans()):
        return None
    year = draw(st.integers(2019, 2026))
    month = draw(st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, 28))
    return md.PartialDate(year=year, month=month, day=day)


def _evidence(draw: st.DrawFn, src: md.Source, starts: list[int]) -> tuple[md.Evidence, ...]:
    spans = []
    for _ in range(draw(st.integers(1, 2))):
        first = draw(st.integers(0, len(starts) - 1))
        last = draw(st.integers(first, min(first + 3, len(starts) - 1)))
        start = starts[first]
        end = src.text.find(" ", starts[last])
        end = len(src.text) if end == -1 else end
        spans.append(md.Evidence(source=src.id, start=start, end=end, quote=src.text[start:end]))
    return tuple(spans)


def _subset(draw: st.DrawFn, ids: list[str], most: int = 3) -> tuple[str, ...]:
    return tuple(draw(st.lists(st.sampled_from(ids), max_size=most, unique=True)))


@st.composite
def datasets(draw: st.DrawFn) -> md.Dataset:
    """A valid dataset of 1-6 actors, 1-4 topics and up to 12 statements, demands and events each."""
    text = _text(draw, min_size=8)
    src = md.Source(id="src", title="Generated", text=text)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    actor_ids = [f"actor-{i}" for i in range(draw(st.integers(1, 6)))]
    topic_ids = [f"topic-{i}" for i in range(draw(st.integers(1, 4)))]
    actors = [
        md.Actor(id=a, name=f"{_text(draw)} {i}", kind=draw(st.sampled_from(md.ActorKind)),
                 aliases=tuple(f"{_text(draw)} {i}{c}" for c in "xy"[: draw(st.integers(0, 2))]),
                 evidence=_evidence(draw, src, starts))
        for i, a in enumerate(actor_ids)
    ]
    topics = [md.Topic(id=t, label=f"Label {t}") for t in topic_ids]
    statements = []
    for i in range(draw(st.integers(0, 12))):
        evidence = _evidence(draw, src, starts)
        attribution = draw(st.sampled_from(md.Attribution))
        topics_of = _subset(draw, topic_ids)
        positions = [draw(st.sampled_from(md.Position)) for _ in topics_of[:2]]
        statements.append(md.Statement(
            id=f"stmt-{i}", speaker=draw(st.sampled_from(actor_ids)), kind=draw(st.sampled_from(md.StatementKind)),
            summary=_text(draw), attribution=attribution, topics=topics_of, mentions=_subset(draw, actor_ids),
            # a quote if and only if direct, cut from the evidence; one stance per topic, on the statement's topics
            quote=draw(st.sampled_from(evidence[0].quote.split(" "))) if attribution == "direct" else None,
            stances=tuple(md.Stance(topic=t, position=p, condition="if asked" if p == "conditional" else None)
                          for t, p in zip(topics_of, positions, strict=False)),
            date=_dates(draw), evidence=evidence,
        ))
    demands = []
    for i in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(md.DemandKind))
        demands.append(md.Demand(
            id=f"dem-{i}", by=draw(st.sampled_from(actor_ids)), addressee=draw(st.none() | st.sampled_from(actor_ids)),
            topic=draw(st.sampled_from(topic_ids)), text=_text(draw), kind=kind,
            condition=None if kind == "condition" else draw(st.none() | st.just("once freed")),
            evidence=_evidence(draw, src, starts),
        ))
    events = [
        md.Event(
            id=f"evt-{i}", kind=draw(st.sampled_from([k for k in md.EventKind if k not in PLOVER_KINDS])), summary=_text(draw),
            actors=_subset(draw, actor_ids), targets=_subset(draw, actor_ids), date=_dates(draw),
            status=draw(st.sampled_from(md.EventStatus)), topics=_subset(draw, topic_ids),
            evidence=_evidence(draw, src, starts),
        )
        for i in range(draw(st.integers(0, 12)))
    ]
    records: dict[str, Any] = {"sources": (src,), "actors": tuple(actors), "topics": tuple(topics),
                               "statements": tuple(statements), "demands": tuple(demands), "events": tuple(events)}
    return md.Dataset(name="generated", version="0.1.0", **records)


@SETTINGS
@given(datasets())
def test_generated_datasets_are_valid_and_anchored(ds: md.Dataset) -> None:
    """Every generated dataset is built (checked whole) and each evidence quote is its source's words."""
    text = ds.sources[0].text
    for table in (ds.actors, ds.statements, ds.demands, ds.events):
        for record in table:
            assert all(text[e.start : e.end] == e.quote for e in record.evidence)
    assert len(ds.actors) >= 1
    assert len(ds.topics) >= 1
