"""The bundled dataset: built by code from its source, current, and faithful to the text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import mideastdata as md

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "scripts" / "build_bundled.py"


@pytest.mark.skipif(not BUILD.exists(), reason="needs the source tree")
def test_shipped_json_is_a_fresh_build() -> None:
    """The shipped JSON equals what scripts/build_bundled.py builds from the source now."""
    result = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_required_records_present() -> None:
    """The actors and topics other code relies on exist."""
    ds = md.load()
    for actor_id in ("steve-witkoff", "hamas", "israel", "european-union", "benjamin-netanyahu", "donald-trump"):
        assert actor_id in ds.actors.ids()
    for topic_id in ("hostages", "ceasefire", "hamas-disarmament"):
        assert topic_id in ds.topics.ids()


def test_anonymous_official_is_anonymous() -> None:
    """The high-ranking Israeli official is coded as an anonymous actor, quoted "according to"."""
    ds = md.load()
    official = ds.actors["high-ranking-israeli-official"]
    assert official.anonymous
    assert official.country == "ISR"
    stmts = [s for s in ds.statements if s.speaker == official.id]
    assert stmts
    assert all(s.attribution is md.Attribution.ACCORDING_TO for s in stmts)


def test_every_alias_is_spelt_in_the_source() -> None:
    """Every alias is a spelling the source actually uses."""
    ds = md.load()
    text = ds.sources[0].text
    for actor in ds.actors:
        for alias in actor.aliases:
            assert alias in text, (actor.id, alias)


def test_direct_quotes_are_verbatim() -> None:
    """A statement's quote, where present, appears verbatim in the source."""
    ds = md.load()
    text = ds.sources[0].text
    quoted = [s for s in ds.statements if s.quote is not None]
    assert quoted
    for stmt in quoted:
        assert stmt.quote is not None
        assert stmt.quote in text
        assert stmt.attribution is md.Attribution.DIRECT


def test_one_demand_per_demanded_thing() -> None:
    """Israel's three demands are three records, and disarmament is asked of Hamas."""
    ds = md.load()
    israel = [d for d in ds.demands if d.by == "israel"]
    assert len(israel) == 3
    assert [d.topic for d in israel if d.addressee == "hamas"] == ["hamas-disarmament"]


def test_hamas_opposes_disarmament() -> None:
    """Hamas' statement opposes its disarmament, on the statehood condition."""
    ds = md.load()
    stances = [st for s in ds.statements if s.speaker == "hamas" for st in s.stances if st.topic == "hamas-disarmament"]
    assert [st.position for st in stances] == [md.Position.OPPOSES]
    assert stances[0].condition is not None
    assert "Palestinian state" in stances[0].condition


def test_speculative_truce_is_proposed_not_a_ceasefire_code() -> None:
    """A possible 60-day truce is a proposed event without the declared-ceasefire code."""
    ds = md.load()
    truces = [e for e in ds.events if e.kind is md.EventKind.CEASEFIRE]
    assert truces
    assert all(e.status is md.EventStatus.PROPOSED and e.cameo != "0871" for e in truces)


def test_unnamed_callers_are_not_coded_to_a_named_actor() -> None:
    """The L11 calls name no caller: their speaker is an anonymous actor with no name from the text."""
    ds = md.load()
    statement = ds.statements["stmt-calls-for-urgent-resolution"]
    speaker = ds.actors[statement.speaker]
    assert speaker.anonymous
    assert speaker.aliases == ()
    assert [e.quote for e in speaker.evidence] == ["calls for urgent resolution"]
    assert ds.demands["dem-call-urgent-resolution"].by == speaker.id
    assert "does not say who" in statement.summary
    community = ds.actors["international-community"]
    assert not ds.statements.by(community.id)
    assert not ds.demands.by(community.id)


def test_an_official_reporting_an_understanding_takes_no_stance() -> None:
    """The official reports that an understanding "is forming"; that is not the official's own support."""
    ds = md.load()
    statement = ds.statements["stmt-israeli-official-comprehensive-strategy"]
    assert statement.stances == ()
    assert "is forming" in statement.summary
    assert all(p.actor.id != statement.speaker for topic in ds.topics for p in ds.positions(topic.id))


def test_the_envoys_claims_are_his_in_every_summary() -> None:
    """What only the envoy says (the plan's stage, content and the cooperation) is "according to" him."""
    ds = md.load()
    for record in (
        ds.statements["stmt-witkoff-plan-final-stages"],
        ds.statements["stmt-witkoff-very-good-plan"],
        ds.events["evt-plan-to-end-hostilities"],
        ds.events["evt-us-israel-plan-collaboration"],
    ):
        assert "according to" in record.summary.lower(), record.id


def test_the_special_envoy_is_an_alias_as_written() -> None:
    """L4's "The special envoy" names Steve Witkoff, spelt as the text spells it."""
    ds = md.load()
    witkoff = ds.actors["steve-witkoff"]
    assert "The special envoy" in witkoff.aliases
    assert "The special envoy emphasized" in ds.sources[0].text
    assert "The special envoy" in [e.quote for e in witkoff.evidence]
    assert ds.actor("the special envoy") is witkoff


def test_an_arms_ban_is_plover_sanction_after_the_manual() -> None:
    """CAMEO 163 is PLOVER SANCTION (the manual), not COERCE (the 2021 crosswalk)."""
    ds = md.load()
    coded = [(e.cameo, e.plover) for e in ds.events if e.cameo == "163"]
    assert coded == [("163", "SANCTION")]


def test_quotes_lie_inside_their_evidence_and_stances_are_one_per_topic() -> None:
    """A quote is inside one of its own spans, only direct statements quote, one stance a topic."""
    ds = md.load()
    for statement in ds.statements:
        assert (statement.quote is not None) == (statement.attribution is md.Attribution.DIRECT)
        if statement.quote is not None:
            assert any(statement.quote in e.quote for e in statement.evidence), statement.id
        topics = [st.topic for st in statement.stances]
        assert len(topics) == len(set(topics)), statement.id
        assert set(topics) <= set(statement.topics), statement.id
    for table in (ds.actors, ds.statements, ds.demands, ds.events):
        assert all(record.evidence for record in table)
