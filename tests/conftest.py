"""Shared fixtures: a small valid dataset to break in each test."""

from __future__ import annotations

from typing import Any

import pytest

import mideastdata as md

TEXT = (
    "Hamas said it will not disarm. Israel demanded the release of all hostages. "
    "The EU banned arms sales to Israel."
)


def small_records() -> dict[str, Any]:
    """Records of a tiny valid dataset, as keyword arguments for ``md.Dataset``."""
    src = md.Source(id="src", title="A test text", text=TEXT)
    hamas = md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),))
    israel = md.Actor(
        id="israel", name="Israel", kind=md.ActorKind.STATE, country="ISR", cameo="ISR",
        evidence=(src.evidence("Israel", occurrence=1),),
    )
    eu = md.Actor(id="european-union", name="European Union", kind=md.ActorKind.INTERGOVERNMENTAL_ORGANIZATION,
                  aliases=("EU",), cameo="IGOEUREEC", evidence=(src.evidence("EU"),))
    topics = (
        md.Topic(id="hamas-disarmament", label="Hamas' disarmament"),
        md.Topic(id="hostages", label="Hostages"),
        md.Topic(id="arms-trade", label="Arms trade"),
    )
    stmt = md.Statement(
        id="stmt-hamas", speaker="hamas", kind=md.StatementKind.POSITION, summary="Hamas rules out disarming.",
        attribution=md.Attribution.PARAPHRASE, topics=("hamas-disarmament",),
        stances=(md.Stance(topic="hamas-disarmament", position=md.Position.OPPOSES),),
        evidence=(src.evidence("Hamas said it will not disarm."),),
    )
    demand = md.Demand(
        id="dem-israel-hostages", by="israel", addressee=None, topic="hostages", text="release of all hostages",
        kind=md.DemandKind.DEMAND, evidence=(src.evidence("demanded the release of all hostages"),),
    )
    event = md.Event(
        id="evt-eu-arms-ban", kind=md.EventKind.SANCTION, summary="The EU banned arms sales to Israel.",
        actors=("european-union",), targets=("israel",), status=md.EventStatus.OCCURRED, topics=("arms-trade",),
        cameo="163", plover="SANCTION", evidence=(src.evidence("The EU banned arms sales to Israel."),),
    )
    return {
        "name": "small", "version": "1.0.0", "license": "CC-BY-4.0", "citation": "Test data.",
        "sources": (src,), "actors": (hamas, israel, eu), "topics": topics,
        "statements": (stmt,), "demands": (demand,), "events": (event,),
    }


@pytest.fixture
def records() -> dict[str, Any]:
    return small_records()


@pytest.fixture
def small() -> md.Dataset:
    return md.Dataset(**small_records())
