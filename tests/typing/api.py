"""A consumer of the public API, as users write it; ``mypy --strict`` checks the types they see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from typing_extensions import assert_type

import mideastdata as md

ds: md.Dataset = md.load()
actor: md.Actor = ds.actor("Vitikoff")
hamas: md.Actor = ds.actors["hamas"]
maybe: md.Actor | None = ds.actors.get("hamas")
first: md.Statement = ds.statements[0]
part: md.Table[md.Statement] = ds.statements[0:2]
ids: list[str] = ds.statements.ids()
names: list[str] = [a.name for a in ds.actors]
kind: md.ActorKind = actor.kind
date: md.PartialDate | None = first.date
text: str = md.to_json(ds)
again: md.Dataset = md.from_json(text)
one: md.Actor = md.from_json(md.to_json(actor), md.Actor)
many: tuple[md.Topic, ...] = md.from_json(md.to_json(ds.topics), tuple[md.Topic, ...])
label: str = md.cameo_label("163")
problems: tuple[md.Problem, ...] = md.DatasetError([]).problems

# Queries: each returns a Table of the same record type, so calls chain.
by_hamas = ds.statements.by("hamas")
assert_type(by_hamas, md.Table[md.Statement])
assert_type(ds.statements.by(hamas).about("hamas-disarmament"), md.Table[md.Statement])
assert_type(ds.demands.by("israel").of("hamas"), md.Table[md.Demand])
assert_type(ds.events.involving("EU").where(status=md.EventStatus.OCCURRED), md.Table[md.Event])
assert_type(ds.events.between(md.PartialDate(year=2025), None), md.Table[md.Event])
assert_type(ds.statements.where(kind="claim").sorted("speaker", reverse=True), md.Table[md.Statement])
assert_type(ds.demands.where(by="israel").first(), md.Demand | None)
assert_type(ds.demands.to_records(), list[dict[str, Any]])
quoted: str = ds.quote(ds.statements[0])
spans: tuple[md.Evidence, ...] = ds.quote_spans(ds.statements[0])
hits: tuple[md.Hit, ...] = ds.search('"armed resistance"')
hit_score: float = hits[0].score
hit_page = ds.search("hostages", limit=5, offset=5, table=("statements", "demands"), actor="hamas", topic="hostages")
assert_type(hit_page, md.SearchResults)
assert_type(hit_page.total, int)
snippet: str = hit_page[0].snippet if hit_page else ""
stances: tuple[md.TopicPosition, ...] = ds.positions("hamas-disarmament")
stance: md.Position = stances[0].position
disputes: tuple[md.Disagreement, ...] = ds.disagreements()
merged: md.Dataset = md.merge(ds, ds)

# Several sources: combining, corroboration, citations.
kept_first: md.Dataset = md.merge(ds, ds, on_conflict="keep-first")
conflicts: tuple[md.MergeConflict, ...] = md.merge_conflicts(ds, ds)
assert_type(ds.events.reported_by("gaza-negotiations-article"), md.Table[md.Event])
assert_type(ds.statements.corroborated(2), md.Table[md.Statement])
reporting: tuple[str, ...] = ds.events[0].sources
occurrences: tuple[md.Corroboration, ...] = ds.corroboration()
earliest: str | None = occurrences[0].earliest
contradictions: tuple[md.Contradiction, ...] = ds.contradictions()
citations: tuple[md.Citation, ...] = md.cite(ds.events[0])
bibtex: str = ds.cite()[0].bibtex
digest: str = ds.sources[0].sha256
qid: str | None = ds.actors[0].wikidata
keys: tuple[md.Identifier, ...] = ds.actors[0].identifiers

# Seeing the evidence.
page: str = md.to_html(ds)
one_page: str = md.to_html(ds.statements[0], dataset=ds)
cell_view: str = ds.statements._repr_html_()

# Authoring: constructors take enum values and dates as people type them; the stored types stay precise.
span = md.Evidence(source="s", start=0, end=1, quote="x")
typed_actor = md.Actor(id="x", name="X", kind="person", evidence=(span,))
assert_type(typed_actor.kind, md.ActorKind)
typed_event = md.Event(id="e", kind="visit", summary="A visit.", status="occurred", date="2025-08", evidence=(span,))
assert_type(typed_event.date, md.PartialDate | None)
assert_type(typed_event.status, md.EventStatus)
typed_statement = md.Statement(
    id="s", speaker="x", kind="claim", summary="s", attribution="paraphrase", date=dt.date(2025, 8, 2),
    stances=(md.Stance(topic="t", position="supports"),), evidence=(span,),
)
assert_type(typed_statement.attribution, md.Attribution)
assert_type(typed_statement.stances[0].position, md.Position)
try:
    md.Actor(id="y", name="Y", kind=3, evidence=(span,))  # type: ignore[arg-type]  # mypy refuses what is no kind
except md.FieldTypeError as error:
    refused_field: str = error.field
