# SPDX-License-Identifier: MIT
"""Importing a brat corpus against loading the same records from mideastdata's own JSON.

Target (issue 16): reading 1,000 brat documents holding 100,000 text-bound annotations
(``md.load(folder, format="brat")``: every span anchored against its text, every field
decoded, the dataset checked whole) within 2x of ``md.load("same.json")``. Both files are
written once by ``md.dump`` from the same generated dataset; repetitions are interleaved.
Wall time and CPU time (``time.process_time``) are both reported: on a machine shared
with other work, CPU time is the steadier figure. ``--tools`` adds the other tools' imports
of the same records (``label-studio``, ``w3c``, ``inception``; the last needs dkpro-cassis),
each against the same JSON load.

    python -m benchmarks.bench_annotations --documents 1000 --per-document 100 --repeat 3
    python -m benchmarks.bench_annotations --documents 100 --per-document 100 --repeat 3 \\
        --tools brat label-studio w3c inception
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mideastdata as md
from benchmarks._harness import measure, report

__all__ = ["corpus", "main"]

_WORDS = ("talks", "ceasefire", "hostages", "aid", "border", "plan", "truce", "envoy", "حماس", "ישראל", "👍🏽")
_FILES = {"brat": "brat", "label-studio": "tasks.json", "w3c": "annotations.jsonld", "inception": "xmi"}
"""Each tool's export, as md.dump writes it."""
_KINDS = (md.ActorKind.STATE, md.ActorKind.PERSON, md.ActorKind.GOVERNMENT, md.ActorKind.ARMED_GROUP)


def corpus(documents: int, per_document: int, seed: int = 0) -> md.Dataset:
    """A dataset of *documents* sources, each with *per_document* records of one evidence span each.

    A quarter of the records are actors, two fifths statements, one fifth demands, the rest
    events; every statement has a speaker, demands a demanding actor and an addressee,
    events two actors, all in the same source, so each reference is a brat relation or
    event argument.
    """
    rng = random.Random(seed)
    topics = tuple(md.Topic(id=f"topic-{n}", label=f"Topic {n}") for n in range(20))
    sources, actors, statements, demands, events = [], [], [], [], []
    n_actors = max(2, per_document // 4)
    n_statements, n_demands = per_document * 2 // 5, per_document // 5
    n_events = per_document - n_actors - n_statements - n_demands
    for d in range(documents):
        sid = f"doc-{d}"
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        at = 0
        for _ in range(n_actors + n_statements + n_demands + n_events):
            sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9))) + "."
            spans.append((at, at + len(sentence) - 1))
            parts.append(sentence + " ")
            at += len(sentence) + 1
        text = "".join(parts)
        source = md.Source(id=sid, title=f"Document {d}", text=text)
        sources.append(source)
        ev = iter(md.Evidence(source=sid, start=s, end=e, quote=text[s:e]) for s, e in spans)
        here = [f"actor-{d}-{n}" for n in range(n_actors)]
        actors += [
            md.Actor(id=a, name=f"Actor {a}", kind=rng.choice(_KINDS), aliases=(f"A{n}",), evidence=(next(ev),))
            for n, a in enumerate(here)
        ]
        for n in range(n_statements):
            statements.append(  # noqa: PERF401 - one record per line reads best
                md.Statement(
                    id=f"stmt-{d}-{n}", speaker=rng.choice(here), kind=md.StatementKind.CLAIM,
                    summary=f"Statement {n} of document {d}.", attribution=md.Attribution.PARAPHRASE,
                    topics=(rng.choice(topics).id,), mentions=(rng.choice(here),), evidence=(next(ev),),
                )
            )
        for n in range(n_demands):
            demands.append(  # noqa: PERF401
                md.Demand(
                    id=f"dem-{d}-{n}", by=rng.choice(here), addressee=rng.choice(here), topic=rng.choice(topics).id,
                    text=f"Demand {n} of document {d}", kind=md.DemandKind.DEMAND, evidence=(next(ev),),
                )
            )
        for n in range(n_events):
            events.append(  # noqa: PERF401
                md.Event(
                    id=f"evt-{d}-{n}", kind=md.EventKind.NEGOTIATION, summary=f"Event {n} of document {d}.",
                    actors=tuple(rng.sample(here, 2)), status=md.EventStatus.ONGOING, evidence=(next(ev),),
                )
            )
    return md.Dataset(
        name="annotation-benchmark", version="1.0.0", sources=sources, actors=actors, topics=topics,
        statements=statements, demands=demands, events=events,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--documents", type=int, default=1000)
    p.add_argument("--per-document", type=int, default=100, help="text-bound annotations per document")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tools", nargs="+", default=["brat"], choices=sorted(_FILES), help="the imports to time")
    args = p.parse_args(argv)
    ds = corpus(args.documents, args.per_document, args.seed)
    spans = sum(len(r.evidence) for t in (ds.actors, ds.statements, ds.demands, ds.events) for r in t)
    with tempfile.TemporaryDirectory() as tmp:
        own = md.dump(ds, Path(tmp) / "same.json", format="json")
        contenders: dict[str, Callable[[], object]] = {}
        for tool in args.tools:
            path = md.dump(ds, Path(tmp) / _FILES[tool], format=tool)
            assert md.load(path, format=tool) == ds
            if tool == "brat":
                _check_bulk(path)
            contenders[f"md.load({_FILES[tool]!r}, format={tool!r})"] = functools.partial(md.load, path, format=tool)
        contenders["md.load('same.json')"] = lambda: md.load(own)
        medians = measure(contenders, args.repeat)
        cpu = _cpu(contenders, args.repeat)
    what = "brat documents" if args.tools == ["brat"] else "documents"
    title = f"Import of {args.documents:,} {what}, {spans:,} text-bound annotations, median of {args.repeat}"
    report(title, medians, "md.load('same.json')")
    report(title.replace("Import", "CPU time of the import"), cpu, "md.load('same.json')")
    return 0


def _check_bulk(path: Path) -> None:
    """The brat import times the bulk reader (the export is of the usual shape), not the document-by-document one."""
    from mideastdata.io import brat

    taken: list[bool] = []
    bulk = brat.plain_corpus

    def spy(*args: Any) -> md.Dataset | None:
        found = bulk(*args)
        taken.append(found is not None)
        return found

    brat.plain_corpus = spy
    try:
        md.load(path, format="brat")
    finally:
        brat.plain_corpus = bulk
    assert taken == [True], "the brat corpus was not read in bulk"


def _cpu(contenders: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median CPU time (``time.process_time``) of each contender: on a shared machine, what waiting does not blur."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            gc.collect()
            start = time.process_time()
            fn()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


if __name__ == "__main__":
    raise SystemExit(main())
