"""Corroboration and contradiction across reports, on synthetic corpora where the right answer is known."""

from __future__ import annotations

import attrs
import pytest

import mideastdata as md
from multisource import corpus, expected_counts

SEEDS = (1, 2, 3, 17)


@pytest.mark.parametrize("seed", SEEDS)
def test_corroboration_counts_and_earliest_reports_are_exact(seed: int) -> None:
    """Every event's sources, their count and its earliest dated report are exactly the corpus's."""
    c = corpus(40, seed)
    ds = c.dataset()
    found = {o.record: o for o in ds.corroboration() if o.table == "events"}
    assert {rid: o.count for rid, o in found.items()} == expected_counts(c)
    for e in range(c.n_events):
        occurrence = found[f"evt-truce-{e}"]
        assert occurrence.sources == c.expected_sources(e)
        assert occurrence.earliest == c.expected_earliest(e)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_contradiction_is_found_and_nothing_else(seed: int) -> None:
    """ds.contradictions() names exactly the (event, field) pairs the corpus made disagree."""
    c = corpus(40, seed)
    ds = c.dataset()
    found = {(x.record, x.field) for x in ds.contradictions()}
    assert found == c.expected_contradictions()
    assert found  # the seeds chosen make some
    for x in ds.contradictions():
        assert len(x.sides) >= 2
        for side in x.sides:  # each side is backed by the evidence of the sources it names
            assert {ev.source for ev in side.evidence} == set(side.sources)


def test_corroborated_and_reported_by_filter_by_sources() -> None:
    """corroborated(n) keeps the records whose event has at least n sources; reported_by one source's records."""
    c = corpus(30, 5)
    ds = c.dataset()
    counts = expected_counts(c)
    for n in range(1, 6):
        kept = {r.same_as or r.id for r in ds.events.corroborated(n)}
        assert kept == {rid for rid, count in counts.items() if count >= n}
    first = c.reports[0].source
    assert ds.events.reported_by(first).ids() == [r.id for r in ds.events if first.id in r.sources]
    assert ds.events.reported_by(first.id) == ds.events.reported_by(first)
    assert len(ds.events.reported_by(first)) == 1
    with pytest.raises(ValueError, match="min_sources"):
        ds.events.corroborated(-1)


def test_record_sources_are_its_evidence_sources_in_order() -> None:
    """record.sources lists each evidence source once, in evidence order."""
    ds = corpus(10, 4).dataset()
    for event in ds.events:
        assert event.sources == tuple(dict.fromkeys(ev.source for ev in event.evidence))


def test_merging_one_dataset_per_report_unions_the_evidence() -> None:
    """Datasets coded one per agreeing report merge into records with evidence from every one of them."""
    c = corpus(25, 9)
    merged = md.merge(*c.per_source())
    for e in range(c.n_events):
        agreeing = tuple(r.source.id for r in c.reports_of(e) if r.contradicts is None)
        assert merged.events[f"evt-truce-{e}"].sources == agreeing
    assert merged.contradictions() == ()


def test_contradiction_reads_for_a_reader() -> None:
    """A contradiction's text names the record, the field, each value and who says it."""
    src_a = md.Source(id="wire-a", title="A", text="The truce was agreed.", published=md.PartialDate(year=2031))
    src_b = md.Source(id="wire-b", title="B", text="A truce is only proposed.")
    first = md.Event(id="evt-truce", kind=md.EventKind.CEASEFIRE, summary="A truce.",
                     status=md.EventStatus.OCCURRED, evidence=(src_a.evidence("The truce was agreed."),))
    other = attrs.evolve(first, id="evt-truce-b", status=md.EventStatus.PROPOSED, same_as="evt-truce",
                         evidence=(src_b.evidence("A truce is only proposed."),))
    ds = md.Dataset(name="two", version="1.0.0", sources=(src_a, src_b), events=(first, other))
    (x,) = ds.contradictions()
    assert str(x) == "evt-truce: the status is 'occurred' according to wire-a, 'proposed' according to wire-b"
    (occurrence,) = ds.corroboration()
    assert (occurrence.records, occurrence.count, occurrence.earliest) == (("evt-truce", "evt-truce-b"), 2, "wire-a")


@pytest.mark.parametrize("seed", SEEDS)
def test_keep_both_turns_conflicting_reports_into_linked_records(seed: int) -> None:
    """Merging one dataset per report with on_conflict='keep-both' finds the same counts and contradictions."""
    c = corpus(20, seed)
    datasets = c.every_report()
    with pytest.raises(md.DatasetError):
        md.merge(*datasets)
    merged = md.merge(*datasets, on_conflict="keep-both")
    assert {(x.record, x.field) for x in merged.contradictions()} == c.expected_contradictions()
    found = {o.record: o for o in merged.corroboration()}
    assert {rid: o.count for rid, o in found.items()} == expected_counts(c)
    for r in c.reports:
        if r.contradicts is not None:  # its version: its own record, named after its dataset, linked
            linked = merged.events[f"evt-truce-{r.event}-{r.source.id}"]
            assert (linked.same_as, linked.sources) == (f"evt-truce-{r.event}", (r.source.id,))
