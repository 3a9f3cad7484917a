"""Synthetic multi-source corpora: fictional reports of fictional events, with known agreement and contradiction.

:func:`corpus` writes, for each of *n* events, between one and five fictional news reports
(one source each, some dated, some not). Each report either agrees with the first report
of its event or contradicts it on one field (status, date or participants), chosen by a
seeded random generator, and the corpus records what a correct reading must find: per
event, its sources, the earliest dated report and the contradicted fields.

Two codings of the same corpus are built: :meth:`Corpus.dataset` codes every report in one
dataset (an agreeing report adds its evidence to the event's record; a contradicting one is
a record of its own, ``same_as`` the first); :meth:`Corpus.per_source` codes each report in a
dataset of its own, to be merged.
"""

from __future__ import annotations

import random
from typing import Any

import attrs

import mideastdata as md

__all__ = ["Corpus", "corpus"]

COUNTRIES = ("Ardenia", "Borvia", "Castova", "Delmar", "Estrava", "Fenmoor")
CITIES = ("Lunet", "Orvale", "Pashka", "Quillon")
STATUS_WORDS = {
    md.EventStatus.OCCURRED: "agreed a truce",
    md.EventStatus.PROPOSED: "only proposed a truce",
    md.EventStatus.STALLED: "saw truce talks stall",
}
FIELDS = ("status", "date", "actors")
ROSTER = md.Source(id="roster", title="The countries of the corpus", text=", ".join(COUNTRIES))
"""The source every actor's evidence is cut from (every record has evidence), shared by every coding."""


def _slug(name: str) -> str:
    return name.lower()


@attrs.frozen
class Report:
    """One fictional report of one event."""

    source: md.Source
    event: int
    status: md.EventStatus
    day: int
    actors: tuple[str, ...]
    contradicts: str | None  # the field this report disagrees on, None when it agrees


@attrs.frozen
class Corpus:
    """The reports and what a correct reading finds."""

    reports: tuple[Report, ...]
    n_events: int

    def reports_of(self, event: int) -> list[Report]:
        """The reports of *event*, in source order."""
        return [r for r in self.reports if r.event == event]

    def expected_sources(self, event: int) -> tuple[str, ...]:
        """The ids of the sources that report *event*."""
        return tuple(r.source.id for r in self.reports_of(event))

    def expected_earliest(self, event: int) -> str | None:
        """The source of *event* published first (the first listed on a tie), None when none is dated."""
        dated = [(r.source.published, i, r.source.id) for i, r in enumerate(self.reports_of(event))
                 if r.source.published is not None]
        return min(dated)[2] if dated else None

    def expected_contradictions(self) -> set[tuple[str, str]]:
        """Every (event record id, field) on which some report disagrees with the first."""
        return {(f"evt-truce-{r.event}", r.contradicts) for r in self.reports if r.contradicts is not None}

    # -- codings ---------------------------------------------------------------------------

    def _actors(self) -> tuple[md.Actor, ...]:
        return tuple(
            md.Actor(id=_slug(c), name=c, kind=md.ActorKind.STATE, evidence=(ROSTER.evidence(c),)) for c in COUNTRIES
        )

    def _record(self, report: Report) -> md.Event:
        src = report.source
        ev = src.evidence(src.text.splitlines()[1])
        own = report.contradicts is not None
        return md.Event(
            id=f"evt-truce-{report.event}" + (f"-{src.id}" if own else ""),
            kind=md.EventKind.CEASEFIRE,
            summary=f"Truce talks {report.event}.",
            actors=report.actors,
            date=md.PartialDate(year=2031, month=3, day=report.day),
            status=report.status,
            evidence=(ev,),
            same_as=f"evt-truce-{report.event}" if own else None,
        )

    def dataset(self) -> md.Dataset:
        """One dataset coding every report."""
        events: dict[str, md.Event] = {}
        for e in range(self.n_events):
            reports = self.reports_of(e)
            for report in reports:
                record = self._record(report)
                present = events.get(record.id)
                events[record.id] = record if present is None else attrs.evolve(
                    present, evidence=present.evidence + record.evidence
                )
        return md.Dataset(
            name="corpus", version="1.0.0", sources=(ROSTER, *(r.source for r in self.reports)),
            actors=self._actors(), events=tuple(events.values()),
        )

    def every_report(self) -> list[md.Dataset]:
        """One dataset per report, each coding its event under the event's one id (disagreeing or not)."""
        return [
            md.Dataset(
                name=report.source.id, version="1.0.0", sources=(ROSTER, report.source), actors=self._actors(),
                events=(attrs.evolve(self._record(report), id=f"evt-truce-{report.event}", same_as=None),),
            )
            for report in self.reports
        ]

    def per_source(self) -> list[md.Dataset]:
        """One dataset per report that agrees with its event's first report (what merge combines)."""
        out = []
        for report in self.reports:
            if report.contradicts is not None:
                continue
            out.append(md.Dataset(
                name=report.source.id, version="1.0.0", sources=(ROSTER, report.source), actors=self._actors(),
                events=(self._record(report),),
            ))
        return out


def _text(report_no: int, report: tuple[int, md.EventStatus, int, tuple[str, ...]], city: str) -> str:
    event, status, day, actors = report
    names = " and ".join(a.capitalize() for a in actors)
    return (
        f"Dispatch {report_no} from {city}\n"
        f"On 2031-03-{day:02d} the delegations of {names} {STATUS_WORDS[status]} in round {event}.\n"
        f"Observers in {city} said more talks would follow.\n"
    )


def corpus(n_events: int, seed: int) -> Corpus:
    """A corpus of *n_events* events, each reported by 1 to 5 sources; reproducible from *seed*."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    reports: list[Report] = []
    countries = [_slug(c) for c in COUNTRIES]
    for e in range(n_events):
        status = rng.choice(list(STATUS_WORDS))
        day = rng.randint(1, 20)
        actors = tuple(rng.sample(countries[:4], 2))
        for k in range(rng.randint(1, 5)):
            contradicts = None if k == 0 or rng.random() < 0.6 else rng.choice(FIELDS)
            r_status, r_day, r_actors = status, day, actors
            if contradicts == "status":
                r_status = rng.choice([s for s in STATUS_WORDS if s is not status])
            elif contradicts == "date":
                r_day = day + rng.randint(3, 8)  # another day: the intervals do not overlap
            elif contradicts == "actors":
                r_actors = (actors[0], rng.choice(countries[4:]))  # neither holds the other
            n = len(reports)
            published = None if rng.random() < 0.3 else md.PartialDate(year=2031, month=3, day=rng.randint(1, 28))
            src = md.Source(
                id=f"dispatch-{n}", title=f"Dispatch {n}", text=_text(n, (e, r_status, r_day, r_actors), rng.choice(CITIES)),
                publisher=f"Fictional Wire {n % 3}", published=published,
                retrieved=md.PartialDate(year=2031, month=4, day=1),
            )
            reports.append(Report(src, e, r_status, r_day, r_actors, contradicts))
    return Corpus(tuple(reports), n_events)


def expected_counts(c: Corpus) -> dict[str, Any]:
    """Record id of each event -> its expected number of sources."""
    return {f"evt-truce-{e}": len(c.reports_of(e)) for e in range(c.n_events)}
