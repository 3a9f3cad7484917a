"""md.merge: the union of datasets; equal records with one id kept once, differing ones an error."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from test_query_strategies import SETTINGS, datasets

PARTS = ("statements", "demands", "events")


def _part(ds: md.Dataset, data: st.DataObject, name: str) -> md.Dataset:
    """*ds* with a random subset (in order) of its statements, demands and events."""
    changes = {t: tuple(r for r in getattr(ds, t) if data.draw(st.booleans())) for t in PARTS}
    return ds.evolve(name=name, **changes)


@SETTINGS
@given(datasets(), st.data())
def test_merge_of_overlapping_parts_is_their_ordered_union(ds: md.Dataset, data: st.DataObject) -> None:
    """Merging two overlapping parts gives the first's records, then the second's new ones, each once."""
    a, b = _part(ds, data, "a"), _part(ds, data, "b")
    merged = md.merge(a, b)
    for table in ds.tables():
        first = list(getattr(a, table))
        expected = first + [r for r in getattr(b, table) if r not in first]
        assert list(getattr(merged, table)) == expected
    assert merged.name == "a + b"


def test_merge_with_itself_is_the_same_data() -> None:
    """A dataset merged with itself has the same tables and metadata."""
    ds = md.load()
    merged = md.merge(ds, ds)
    assert merged == ds


def test_same_id_different_content_names_the_field_and_both_datasets(records: dict[str, Any]) -> None:
    """Two datasets with one id and different summaries fail with a problem naming table, id, field and both values."""
    one = md.Dataset(**records)
    changed = attrs.evolve(records["statements"][0], summary="Another summary.")
    two = md.Dataset(**{**records, "name": "other", "statements": (changed,)})
    with pytest.raises(md.DatasetError) as info:
        md.merge(one, two)
    assert [str(p) for p in info.value.problems] == [
        (
            "statements[stmt-hamas].summary: 'Hamas rules out disarming.' in datasets[0] 'small', "
            "'Another summary.' in datasets[1] 'other'"
        )
    ]


def _second_source(records: dict[str, Any]) -> tuple[md.Source, dict[str, Any]]:
    """Another text that reports the same: a dataset of it, coding the same records with its own evidence."""
    src = md.Source(id="other-src", title="Another report", text="Israel was again named. Hamas, EU.")
    israel = attrs.evolve(records["actors"][1], aliases=("State of Israel",), evidence=(src.evidence("Israel"),))
    return src, {**records, "name": "mine", "sources": (*records["sources"], src), "actors": (israel,),
                 "statements": (), "demands": (), "events": ()}


def test_same_record_from_two_datasets_keeps_evidence_and_aliases_of_both(records: dict[str, Any]) -> None:
    """An actor coded in two datasets from two sources has the union of their evidence and aliases."""
    bundled = md.Dataset(**records)
    src, mine = _second_source(records)
    merged = md.merge(bundled, md.Dataset(**mine))
    israel = merged.actors["israel"]
    assert israel.evidence == (*records["actors"][1].evidence, src.evidence("Israel"))
    assert israel.aliases == ("State of Israel",)
    assert merged.sources.ids() == ["src", "other-src"]
    assert merged.actors.ids() == ["hamas", "israel", "european-union"]


def test_kind_conflict_reads_as_the_issue_shows(records: dict[str, Any]) -> None:
    """A different kind for one actor is refused with the field, each value and each dataset named."""
    bundled = md.Dataset(**{**records, "name": "bundled"})
    _, mine = _second_source(records)
    mine["actors"] = (attrs.evolve(mine["actors"][0], kind=md.ActorKind.GOVERNMENT),)
    with pytest.raises(md.DatasetError) as info:
        md.merge(bundled, md.Dataset(**mine))
    assert [str(p) for p in info.value.problems] == [
        "actors[israel].kind: 'state' in datasets[0] 'bundled', 'government' in datasets[1] 'mine'"
    ]


def test_keep_first_keeps_the_first_value_and_the_report_keeps_both(records: dict[str, Any]) -> None:
    """on_conflict='keep-first' merges with the first known value; merge_conflicts lists every version."""
    bundled = md.Dataset(**{**records, "name": "bundled"})
    src, mine = _second_source(records)
    mine["actors"] = (attrs.evolve(mine["actors"][0], kind=md.ActorKind.GOVERNMENT),)
    other = md.Dataset(**mine)
    merged = md.merge(bundled, other, on_conflict="keep-first")
    assert merged.actors["israel"].kind is md.ActorKind.STATE
    assert merged.actors["israel"].aliases == ("State of Israel",)  # the additive fields still combine
    (conflict,) = md.merge_conflicts(bundled, other)
    assert (conflict.path, [v.value for v in conflict.versions]) == (
        "actors[israel].kind", [md.ActorKind.STATE, md.ActorKind.GOVERNMENT]
    )
    assert [v.name for v in conflict.versions] == ["bundled", "mine"]
    assert conflict.versions[1].evidence == (src.evidence("Israel"),)
    assert md.merge_conflicts(bundled, bundled) == ()
    with pytest.raises(ValueError, match="on_conflict"):
        md.merge(bundled, other, on_conflict="last")  # type: ignore[arg-type]


def test_unknown_is_no_conflict(records: dict[str, Any]) -> None:
    """A value one dataset leaves None is taken from the dataset that knows it, without a conflict."""
    one = md.Dataset(**records)
    unknown = attrs.evolve(records["actors"][1], country=None, cameo=None)
    two = md.Dataset(**{**records, "name": "two", "actors": (records["actors"][0], unknown, records["actors"][2])})
    merged = md.merge(two, one)
    assert (merged.actors["israel"].country, merged.actors["israel"].cameo) == ("ISR", "ISR")


def test_every_tuple_field_is_combined(records: dict[str, Any]) -> None:
    """An actor and a statement whose versions differ in every tuple field merge into the unions, no conflict."""
    from mideastdata import _schema

    src = records["sources"][0]
    hamas, israel, eu = records["actors"]
    one_actor = attrs.evolve(israel, aliases=("Israel",), roles=(md.Role(title="state"),), member_of=(),
                             identifiers=(md.Identifier(scheme="cow", value="666"),))
    two_actor = attrs.evolve(israel, aliases=("the State",), roles=(md.Role(title="party", of="hamas"),),
                             member_of=("european-union",), evidence=(src.evidence("Israel", occurrence=2),),
                             identifiers=(md.Identifier(scheme="ucdp", value="1"),))
    stmt = records["statements"][0]
    two_stmt = attrs.evolve(stmt, topics=("hostages",), mentions=("israel",), evidence=(src.evidence("Hamas"),),
                            stances=(md.Stance(topic="hostages", position=md.Position.SUPPORTS),))
    one = md.Dataset(**{**records, "actors": (hamas, one_actor, eu)})
    two = md.Dataset(**{**records, "name": "two", "actors": (hamas, two_actor, eu), "statements": (two_stmt,)})
    assert md.merge_conflicts(one, two) == ()
    merged = md.merge(one, two)
    for table, (a, b) in {"actors": (one_actor, two_actor), "statements": (stmt, two_stmt)}.items():
        got = getattr(merged, table)[a.id]
        for spec in _schema.fields(type(a)):
            if spec.kind in ("texts", "records"):
                expected = tuple(dict.fromkeys((*getattr(a, spec.name), *getattr(b, spec.name))))
                assert getattr(got, spec.name) == expected, f"{table}.{spec.name}"


def test_crosswalk_merges_one_actor_under_two_ids(records: dict[str, Any]) -> None:
    """An actor with the same Wikidata item under another id is merged into the first, references renamed."""
    one = md.Dataset(**records)
    src, mine = _second_source(records)
    state = attrs.evolve(mine["actors"][0], id="state-of-israel", name="State of Israel", aliases=())
    demand = attrs.evolve(records["demands"][0], id="dem-mine", by="state-of-israel", evidence=(src.evidence("Israel"),))
    mine.update(actors=(state,), demands=(demand,), topics=records["topics"])
    merged = md.merge(one, md.Dataset(**mine))
    assert merged.actors.get("state-of-israel") is None
    assert merged.demands["dem-mine"].by == "israel"
    assert merged.actors["israel"].aliases == ("State of Israel",)  # its other name, kept
    assert src.evidence("Israel") in merged.actors["israel"].evidence


def test_crosswalk_refuses_two_actors_under_one_id(records: dict[str, Any]) -> None:
    """One id for actors with different Wikidata items is refused, whatever the policy."""
    first = attrs.evolve(records["actors"][1], wikidata="Q801")
    one = md.Dataset(**{**records, "actors": (records["actors"][0], first, records["actors"][2])})
    _, mine = _second_source(records)
    mine["actors"] = (attrs.evolve(mine["actors"][0], wikidata="Q2"),)
    for policy in ("refuse", "keep-first"):
        with pytest.raises(md.DatasetError) as info:
            md.merge(one, md.Dataset(**mine), on_conflict=policy)
        assert str(info.value.problems[0]) == (
            "actors[israel]: id 'israel' in datasets[1] 'mine': wikidata Q801 and Q2 name different actors"
        )


def test_merge_metadata_defaults_and_overrides(records: dict[str, Any]) -> None:
    """Metadata defaults to the joined names and licenses, the first version; keywords override it."""
    one = md.Dataset(**records)
    two = md.Dataset(**{**records, "name": "other", "version": "2.0.0", "license": "MIT"})
    merged = md.merge(one, two)
    assert (merged.name, merged.version, merged.license) == ("small + other", "1.0.0", "CC-BY-4.0 AND MIT")
    assert md.merge(one, two, name="mine", version="0.1.0").name == "mine"


def test_merge_needs_datasets() -> None:
    """merge() with nothing, or with something that is not a Dataset, is a TypeError."""
    with pytest.raises(TypeError, match="at least one"):
        md.merge()
    with pytest.raises(TypeError, match="takes Datasets"):
        md.merge(md.load(), "data.json")  # type: ignore[arg-type]


def test_actor_resolves_crosswalk_identifiers(records: dict[str, Any]) -> None:
    """ds.actor() finds an actor by Wikidata QID, a state's ISO code, scheme:value and a CAMEO code one actor has."""
    israel = attrs.evolve(records["actors"][1], wikidata="Q801", identifiers=(md.Identifier(scheme="cow", value="666"),))
    ds = md.Dataset(**{**records, "actors": (records["actors"][0], israel, records["actors"][2])})
    for query in ("Q801", "q801", "ISR", "isr", "cow:666", "IGOEUREEC"):
        assert ds.actor(query).id == ("european-union" if query == "IGOEUREEC" else "israel"), query
    with pytest.raises(KeyError, match="no actor matches"):
        ds.actor("cow:667")
    person = md.Actor(id="someone", name="Someone", kind=md.ActorKind.PERSON, country="ISR",
                      evidence=records["actors"][0].evidence)
    two = ds.evolve(actors=(*ds.actors, person))
    assert two.actor("ISR").id == "israel"  # a person's country does not identify the person


def test_identifier_fields_are_checked() -> None:
    """A QID must look like Q123 and an identifier's scheme must be a slug."""
    with pytest.raises(ValueError, match="wikidata"):
        md.Actor(id="a", name="A", kind=md.ActorKind.STATE, wikidata="801")
    with pytest.raises(ValueError, match="scheme"):
        md.Identifier(scheme="UCDP id", value="1")


@pytest.mark.parametrize("versions", [("1.1", "1.1"), ("1.0", "1.1"), ("1.0", "1.0")])
def test_merge_gives_the_schema_version_of_its_datasets(versions: tuple[str, str]) -> None:
    """A merge is of the one schema its datasets hold: 1.0 datasets are read as 1.1, so every merge is 1.1."""
    ds = md.load()
    a, b = (ds.evolve(schema_version=v, name=f"part {i}") for i, v in enumerate(versions))
    assert a.schema_version == b.schema_version == md.SCHEMA_VERSION == "1.1"
    assert md.merge(a, b).schema_version == md.SCHEMA_VERSION
    assert md.merge(b, a, name="again").schema_version == md.SCHEMA_VERSION


@pytest.mark.parametrize("version", ["1.7", "1.2", "2.0"])
def test_no_dataset_of_another_schema_reaches_a_merge(version: str) -> None:
    """A dataset of a newer minor schema (1.7 once merged into 1.0) cannot be built, loaded or evolved, so never merged."""
    ds = md.load()
    with pytest.raises(md.DatasetError) as info:
        ds.evolve(schema_version=version)
    assert [p.path for p in info.value.problems] == ["schema_version"]
    document = json.loads(md.to_json(ds))
    document["schema_version"] = version
    with pytest.raises(md.DatasetError, match=f"schema {version} is not readable"):
        md.from_json(json.dumps(document))
