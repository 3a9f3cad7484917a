# SPDX-License-Identifier: MIT
"""Realistic synthetic datasets in the mideastdata schema, for benchmarks.

``generate_document(n)`` returns the JSON-ready document (plain dicts and lists,
every field present, as :func:`mideastdata.to_json` writes it); ``generate(n)``
returns the same content as a checked :class:`mideastdata.Dataset`.

Shape, proportional to *n* statements: ``n // 100`` actors (at least 10),
``n // 4`` demands, ``n // 4`` events, 50 topics and a few hundred sources at
1M statements (each about 12,000 characters, some Arabic and Hebrew). Summaries
are 60-250 characters, some non-ASCII; records carry 1-3 topics and 1-2 evidence
spans whose quotes are cut from the source texts; a direct statement (a third of them)
quotes words of its first span; about 30% of dates are missing and the rest are of
year, month or day precision. Deterministic by seed.

Command line::

    python -m benchmarks.generate --statements 200000 --out /tmp/md-200k.json
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["generate", "generate_document", "main", "shape"]

_WORD_TEXT = (
    "ceasefire negotiations hostages release corridor humanitarian aid crossing border security talks "
    "delegation envoy proposal guarantees withdrawal reconstruction sovereignty disarmament mediation "
    "framework agreement phase prisoners exchange sanctions pressure statement officials minister "
    "government militia resistance region stability council resolution summit visit plan truce "
    "monitoring access convoy supplies fuel electricity water hospitals displaced civilians"
)
_WORDS = tuple(_WORD_TEXT.split())
_NON_ASCII = (
    "وقف إطلاق النار",
    "المفاوضات",
    "الأسرى",
    "הפסקת אש",
    "משא ומתן",
    "חטופים",
    "Doha\u2019s mediators",
    "Sharm el-Sheikh",
    "Erdoğan",
    "Rafah crossing — closed",
)
_FIRST = ("Amira", "Yosef", "Khalid", "Noa", "Omar", "Tamar", "Layla", "David", "Hassan", "Miriam", "Samir", "Rania")
_LAST = ("Haddad", "Cohen", "Nasser", "Levi", "Khoury", "Mizrahi", "Darwish", "Peretz", "Saleh", "Azoulay", "Farouk")
_ROLE_TITLES = ("foreign minister", "spokesperson", "special envoy", "prime minister", "negotiator", "commander")
_COUNTRIES = ("ISR", "USA", "EGY", "QAT", "JOR", "LBN", "SYR", "IRN", "TUR", "SAU", "ARE", "FRA", "GBR", "DEU")
_ACTOR_CAMEO = ("ISR", "USA", "EGY", "QAT", "IRN", "ISRGOV", "USAGOV", "IGOEUREEC", None, None, None)
_EVENT_CAMEO = ("010", "012", "020", "036", "043", "051", "057", "111", "112", "130", "163", "173", "190")
_PLOVER = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
_ACTOR_KINDS = (
    "person",
    "state",
    "government",
    "organization",
    "armed_group",
    "intergovernmental_organization",
    "collective",
)
_STATEMENT_KINDS = ("announcement", "claim", "assessment", "position", "demand", "appeal", "rejection", "denial")
_ATTRIBUTIONS = ("direct", "paraphrase", "according_to")
_POSITIONS = ("supports", "opposes", "conditional")
_DEMAND_KINDS = ("demand", "condition", "call", "proposal")
_EVENT_KINDS = (
    "armed_conflict",
    "ceasefire",
    "cooperation",
    "diplomatic_effort",
    "humanitarian_crisis",
    "negotiation",
    "peace_plan",
    "policy",
    "pressure",
    "release",
    "sanction",
    "visit",
)
_EVENT_STATUS = ("occurred", "ongoing", "stalled", "proposed")
_LOCATIONS = ("Gaza City", "Cairo", "Doha", "Jerusalem", "Rafah", "Khan Younis", "Amman", "Beirut", None, None)
_N_TOPICS = 50
_SOURCE_CHARS = 12_000


def shape(n_statements: int) -> dict[str, int]:
    """The number of records of each table for *n_statements* statements."""
    n = max(0, n_statements)
    return {
        "sources": max(5, min(400, n // 2500)),
        "actors": max(10, n // 100),
        "topics": _N_TOPICS,
        "statements": n,
        "demands": n // 4,
        "events": n // 4,
    }


class _Text:
    """Cheap varied text: slices of one long pseudo-random corpus, cut at word starts."""

    def __init__(self, rng: random.Random, size: int = 400_000) -> None:
        parts: list[str] = []
        total = 0
        while total < size:
            word = rng.choice(_NON_ASCII) if rng.random() < 0.04 else rng.choice(_WORDS)
            parts.append(word)
            total += len(word) + 1
        self.corpus = " ".join(parts)
        self.starts = [m.start() for m in re.finditer(r"(?<= )\S", self.corpus)]
        self.rand = rng.random

    def __call__(self, lo: int, hi: int) -> str:
        """Text of *lo* to *hi* characters (a sentence ending in a full stop)."""
        rand = self.rand
        starts = self.starts
        start = starts[int(rand() * (len(starts) - 64))]
        text = self.corpus[start : start + lo + int(rand() * (hi - lo))].rstrip()
        return text[0].upper() + text[1:] + "."


def _date(rng: random.Random) -> str | None:
    """None (30%), else a year (15%), month (20%) or day (35%) between 2019 and 2026."""
    rand = rng.random
    r = rand()
    if r < 0.3:
        return None
    year = 2019 + int(rand() * 8)
    if r < 0.45:
        return f"{year:04d}"
    month = 1 + int(rand() * 12)
    if r < 0.65:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{1 + int(rand() * 28):02d}"


class _Spans:
    """Evidence spans cut from the source texts (quote == text[start:end])."""

    def __init__(self, rng: random.Random, sources: list[dict[str, Any]]) -> None:
        self.rand = rng.random
        self.sources = [(s["id"], s["text"]) for s in sources]

    def one(self) -> dict[str, Any]:
        rand = self.rand
        sid, text = self.sources[int(rand() * len(self.sources))]
        length = 12 + int(rand() * 79)
        start = int(rand() * (len(text) - length))
        while text[start].isspace():
            start += 1
        end = start + length
        return {"source": sid, "start": start, "end": end, "quote": text[start:end]}

    def some(self) -> list[dict[str, Any]]:
        return [self.one()] if self.rand() < 0.6 else [self.one(), self.one()]


def _chooser(rng: random.Random) -> Any:
    """A faster ``rng.choice`` (one float draw per pick)."""
    rand = rng.random

    def choice(seq: tuple[Any, ...]) -> Any:
        return seq[int(rand() * len(seq))]

    return choice


def _picks(rng: random.Random, prefix: str, count: int, lo: int, hi: int) -> list[str]:
    """Between *lo* and *hi* distinct ids ``prefix0`` .. ``prefix{count-1}``."""
    rand = rng.random
    k = min(lo + int(rand() * (hi - lo + 1)), count)
    chosen: list[int] = []
    while len(chosen) < k:
        j = int(rand() * count)
        if j not in chosen:
            chosen.append(j)
    return [f"{prefix}{j}" for j in chosen]


class _Generator:
    """The tables of one synthetic document, drawn from one seeded random stream."""

    def __init__(self, n_statements: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rand = self.rng.random
        self.choice = _chooser(self.rng)
        self.text = _Text(self.rng)
        self.counts = shape(n_statements)
        self.n_actors = self.counts["actors"]
        self.source_list = self.sources()
        self.spans = _Spans(self.rng, self.source_list)

    def sources(self) -> list[dict[str, Any]]:
        text, choice = self.text, self.choice
        out = []
        for i in range(self.counts["sources"]):
            paragraphs = []
            size = 0
            while size < _SOURCE_CHARS:
                para = text(200, 900)
                paragraphs.append(para)
                size += len(para) + 1
            out.append(
                {
                    "id": f"source-{i}",
                    "title": text(30, 90),
                    "text": "\n".join(paragraphs),
                    "publisher": choice(("Reuters", "Al Jazeera", "Haaretz", "Ahram Online", None)),
                    "url": f"https://example.org/news/{i}" if i % 3 else None,
                    "published": _date(self.rng),
                    "language": "en",
                }
            )
        return out

    def actors(self) -> list[dict[str, Any]]:
        rand, choice, spans = self.rand, self.choice, self.spans
        out = []
        for i in range(self.n_actors):
            kind = _ACTOR_KINDS[i % len(_ACTOR_KINDS)]
            if kind == "person":
                name = f"{choice(_FIRST)} {choice(_LAST)}"
                aliases = [name.split()[1]] if rand() < 0.5 else []
            else:
                name = f"{choice(_WORDS).title()} {choice(('Council', 'Front', 'Ministry', 'Committee'))} {i}"
                aliases = [choice(_NON_ASCII)] if rand() < 0.2 else []
            roles = []
            if kind == "person" and i > 0:
                roles.append({"title": choice(_ROLE_TITLES), "of": f"actor-{int(rand() * i)}" if i % 2 else None})
            # Membership points to an earlier actor only, so there are no cycles.
            member_of = [f"actor-{int(rand() * i)}"] if i > 0 and rand() < 0.3 else []
            out.append(
                {
                    "id": f"actor-{i}",
                    "name": name,
                    "kind": kind,
                    "aliases": aliases,
                    "roles": roles,
                    "member_of": member_of,
                    "country": choice(_COUNTRIES) if rand() < 0.7 else None,
                    "cameo": choice(_ACTOR_CAMEO),
                    "anonymous": rand() < 0.05,
                    "evidence": spans.some(),
                }
            )
        return out

    def topics(self) -> list[dict[str, Any]]:
        return [
            {"id": f"topic-{i}", "label": f"{self.choice(_WORDS).title()} {i}", "description": self.text(40, 160)}
            for i in range(_N_TOPICS)
        ]

    def statements(self) -> list[dict[str, Any]]:
        rng, rand, choice, text, spans = self.rng, self.rand, self.choice, self.text, self.spans
        n_actors = self.n_actors
        out = []
        append = out.append
        for i in range(self.counts["statements"]):
            topics = _picks(rng, "topic-", _N_TOPICS, 1, 3)
            stances = []
            if rand() < 0.4:
                position = choice(_POSITIONS)
                stances.append(
                    {
                        "topic": topics[0],
                        "position": position,
                        "condition": text(20, 80) if position == "conditional" else None,
                    }
                )
            attribution = choice(_ATTRIBUTIONS)
            evidence = spans.some()
            append(
                {
                    "id": f"stmt-{i}",
                    "speaker": f"actor-{int(rand() * n_actors)}",
                    "kind": choice(_STATEMENT_KINDS),
                    "summary": text(60, 250),
                    # a quote if and only if direct, and words of its evidence
                    "quote": evidence[0]["quote"][int(rand() * 6) :] if attribution == "direct" else None,
                    "attribution": attribution,
                    "topics": topics,
                    "mentions": _picks(rng, "actor-", n_actors, 0, 3),
                    "stances": stances,
                    "date": _date(rng),
                    "cameo": choice(_EVENT_CAMEO) if rand() < 0.5 else None,
                    "plover": choice(_PLOVER) if rand() < 0.3 else None,
                    "evidence": evidence,
                }
            )
        return out

    def demands(self) -> list[dict[str, Any]]:
        rand, choice, text, spans, n_actors = self.rand, self.choice, self.text, self.spans, self.n_actors
        n_statements = self.counts["statements"]
        out = []
        for i in range(self.counts["demands"]):
            kind = choice(_DEMAND_KINDS)
            out.append(
                {
                    "id": f"dem-{i}",
                    "by": f"actor-{int(rand() * n_actors)}",
                    "addressee": f"actor-{int(rand() * n_actors)}" if rand() < 0.6 else None,
                    "topic": f"topic-{int(rand() * _N_TOPICS)}",
                    "text": text(30, 160),
                    "kind": kind,
                    # a condition demand has no condition of its own: the demanded thing is the condition
                    "condition": text(20, 80) if kind == "demand" and rand() < 0.3 else None,
                    "statement": f"stmt-{int(rand() * n_statements)}" if n_statements and rand() < 0.5 else None,
                    "evidence": spans.some(),
                }
            )
        return out

    def events(self) -> list[dict[str, Any]]:
        rng, rand, choice, text, spans = self.rng, self.rand, self.choice, self.text, self.spans
        n_actors = self.n_actors
        return [
            {
                "id": f"evt-{i}",
                "kind": choice(_EVENT_KINDS),
                "summary": text(60, 250),
                "actors": _picks(rng, "actor-", n_actors, 1, 3),
                "targets": _picks(rng, "actor-", n_actors, 0, 2),
                "location": choice(_LOCATIONS),
                "date": _date(rng),
                "status": choice(_EVENT_STATUS),
                "topics": _picks(rng, "topic-", _N_TOPICS, 1, 3),
                "cameo": choice(_EVENT_CAMEO) if rand() < 0.5 else None,
                "plover": choice(_PLOVER) if rand() < 0.3 else None,
                "evidence": spans.some(),
            }
            for i in range(self.counts["events"])
        ]


def generate_document(n_statements: int, *, seed: int = 0) -> dict[str, Any]:
    """The JSON-ready document of a synthetic dataset with *n_statements* statements."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small containers: collection passes would dominate the run
    try:
        gen = _Generator(n_statements, seed)
        return {
            "schema_version": "1.0",
            "name": f"synthetic-{n_statements}",
            "version": "1.0.0",
            "license": "CC0-1.0",
            "citation": f"Synthetic benchmark data, {n_statements} statements, seed {seed}.",
            "sources": gen.source_list,
            "actors": gen.actors(),
            "topics": gen.topics(),
            "statements": gen.statements(),
            "demands": gen.demands(),
            "events": gen.events(),
        }
    finally:
        if enabled:
            gc.enable()


def generate(n_statements: int, *, seed: int = 0) -> Any:
    """The synthetic dataset as a checked :class:`mideastdata.Dataset` (same content as the document)."""
    from mideastdata.io._document import build_document

    return build_document(generate_document(n_statements, seed=seed))


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic dataset document: ``--statements N --out FILE.json``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, required=True, help="number of statements")
    parser.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    doc = generate_document(args.statements, seed=args.seed)
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    counts = ", ".join(f"{len(doc[k])} {k}" for k in shape(0))
    print(f"wrote {args.out} ({len(text.encode()) / 1e6:.1f} MB): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
