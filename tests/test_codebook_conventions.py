"""The codebook's coding conventions for the bundled data that a user's dataset need not follow.

The library refuses data that breaks the model's rules (see ``test_evidence_rules.py``); these
are the codebook's conventions for coding the bundled source, checked on the bundled data only.
"""

from __future__ import annotations

import mideastdata as md


def test_ids_start_with_their_table_s_prefix() -> None:
    """Statement ids start stmt-, demand ids dem-, event ids evt-."""
    ds = md.load()
    for table, prefix in (("statements", "stmt-"), ("demands", "dem-"), ("events", "evt-")):
        assert all(rid.startswith(prefix) for rid in ds.tables()[table].ids()), table


def test_people_have_no_cameo_code() -> None:
    """People get no CAMEO actor code."""
    assert [a.id for a in md.load().actors if a.kind is md.ActorKind.PERSON and a.cameo is not None] == []


def test_plover_has_no_type_for_cameo_public_statements() -> None:
    """CAMEO 010 to 019 (public statements and comments) have no PLOVER type."""
    ds = md.load()
    coded = [(r.id, r.cameo, r.plover) for r in ds.statements] + [(r.id, r.cameo, r.plover) for r in ds.events]
    assert [rid for rid, cameo, plover in coded if cameo is not None and cameo[:2] == "01" and plover is not None] == []


def test_every_alias_is_words_of_the_actor_s_evidence() -> None:
    """An alias is a spelling the source uses for the actor, shown by the actor's own evidence."""
    for actor in md.load().actors:
        for alias in actor.aliases:
            assert any(alias in span.quote for span in actor.evidence), (actor.id, alias)


def test_a_government_is_not_a_member_of_a_state() -> None:
    """A government's link to its state is its country, never member_of."""
    ds = md.load()
    for actor in ds.actors:
        if actor.kind is md.ActorKind.GOVERNMENT:
            assert all(ds.actors[m].kind is not md.ActorKind.STATE for m in actor.member_of), actor.id
