"""A consumer of the public API, as users write it; ``mypy --strict`` checks the types they see."""

from __future__ import annotations

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
