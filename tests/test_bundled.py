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
    anonymous = [a for a in ds.actors if a.anonymous]
    assert [a.country for a in anonymous] == ["ISR"]
    stmts = [s for s in ds.statements if s.speaker == anonymous[0].id]
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
