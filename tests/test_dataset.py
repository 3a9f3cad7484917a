"""Dataset and Table: lookup, immutability, and whole-dataset checks with paths."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import mideastdata as md


def _problems(**records: Any) -> list[str]:
    with pytest.raises(md.DatasetError) as info:
        md.Dataset(**records)
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


def test_table_lookup(small: md.Dataset) -> None:
    """A table looks records up by index, id and slice."""
    assert small.actors["hamas"].name == "Hamas"
    assert small.actors[0] is small.actors["hamas"]
    assert small.actors.get("nobody") is None
    assert small.actors[1:].ids() == ["israel", "european-union"]
    assert "hamas" in small.actors  # type: ignore[comparison-overlap]  # ids work too, at run time
    assert small.actors["hamas"] in small.actors
    assert len(small.actors) == 3


def test_table_unknown_id_suggests(small: md.Dataset) -> None:
    """An unknown id raises KeyError naming close ids."""
    with pytest.raises(KeyError, match="did you mean 'hamas'"):
        small.actors["hamass"]


def test_table_and_dataset_are_immutable(small: md.Dataset) -> None:
    """Neither a table nor a dataset can be changed in place."""
    with pytest.raises(AttributeError):
        small.actors._records = ()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        small.actors = md.Table()  # type: ignore[misc]


def test_equal_datasets_compare_equal(records: dict[str, Any]) -> None:
    """Two datasets built from the same records are equal and hash alike."""
    a, b = md.Dataset(**records), md.Dataset(**records)
    assert a == b
    assert hash(a) == hash(b)


def test_duplicate_id(records: dict[str, Any]) -> None:
    """A duplicated id is reported at the second occurrence, naming the first."""
    records["actors"] = (*records["actors"], records["actors"][0])
    assert _problems(**records) == ["actors[3].id: duplicate id 'hamas' (first at actors[0])"]


@pytest.mark.parametrize(
    ("table", "field", "value", "path"),
    [
        ("statements", "speaker", "hamass", "statements[0].speaker: unknown actor 'hamass' — did you mean 'hamas'?"),
        ("statements", "mentions", ("isrel",), "statements[0].mentions[0]: unknown actor 'isrel' — did you mean 'israel'?"),
        ("statements", "topics", ("hamas-disarmament", "hostage"), "statements[0].topics[1]: unknown topic 'hostage' — did you mean 'hostages'?"),
        ("demands", "by", "nobody", "demands[0].by: unknown actor 'nobody'"),
        ("demands", "addressee", "hamas-x", "demands[0].addressee: unknown actor 'hamas-x' — did you mean 'hamas'?"),
        ("demands", "topic", "ceasefire", "demands[0].topic: unknown topic 'ceasefire'"),
        ("demands", "statement", "stmt-hamass", "demands[0].statement: unknown statement 'stmt-hamass' — did you mean 'stmt-hamas'?"),
        ("events", "actors", ("eu",), "events[0].actors[0]: unknown actor 'eu'"),
        ("events", "targets", ("israel", "gaza"), "events[0].targets[1]: unknown actor 'gaza'"),
        ("events", "topics", ("arms",), "events[0].topics[0]: unknown topic 'arms'"),
        ("actors", "member_of", ("hamass",), "actors[0].member_of[0]: unknown actor 'hamass' — did you mean 'hamas'?"),
        ("actors", "roles", (md.Role(title="ally", of="isreal"),), "actors[0].roles[0].of: unknown actor 'isreal' — did you mean 'israel'?"),
    ],
)
def test_dangling_reference(records: dict[str, Any], table: str, field: str, value: object, path: str) -> None:
    """Every kind of dangling reference is reported with its path and a did-you-mean."""
    first = attrs.evolve(records[table][0], **{field: value})
    records[table] = (first, *records[table][1:])
    assert _problems(**records) == [path]


def test_dangling_stance_topic(records: dict[str, Any]) -> None:
    """A stance on an unknown topic is reported at its path."""
    stmt = attrs.evolve(records["statements"][0], stances=(md.Stance(topic="disarm", position=md.Position.OPPOSES),))
    records["statements"] = (stmt,)
    assert _problems(**records) == [
        "statements[0].stances[0].topic: unknown topic 'disarm'",
        "statements[0].stances[0].topic: topic 'disarm' is not among the topics ('hamas-disarmament'): add it to topics",
    ]


def test_evidence_unknown_source(records: dict[str, Any]) -> None:
    """Evidence pointing at an unknown source is reported."""
    ev = records["events"][0].evidence[0]
    event = attrs.evolve(records["events"][0], evidence=(attrs.evolve(ev, source="sorce"),))
    records["events"] = (event,)
    assert _problems(**records) == ["events[0].evidence[0].source: unknown source 'sorce' — did you mean 'src'?"]


def test_quote_differs_from_source(records: dict[str, Any]) -> None:
    """A quote that is not the source text at its offsets is reported, showing both."""
    ev = records["demands"][0].evidence[0]
    wrong = md.Evidence(source=ev.source, start=ev.start + 1, end=ev.end + 1, quote=ev.quote)
    records["demands"] = (attrs.evolve(records["demands"][0], evidence=(wrong,)),)
    (problem,) = _problems(**records)
    assert problem.startswith("demands[0].evidence[0].quote: quote 'demanded the release of all hostages' differs")


def test_span_past_end_of_source(records: dict[str, Any]) -> None:
    """A span that runs past the end of its source is reported."""
    text = records["sources"][0].text
    bad = md.Evidence(source="src", start=len(text) - 1, end=len(text) + 1, quote="xx")
    records["actors"] = (attrs.evolve(records["actors"][0], evidence=(bad,)), *records["actors"][1:])
    (problem,) = _problems(**records)
    assert problem.startswith("actors[0].evidence[0].end: span")


@pytest.mark.parametrize(
    ("table", "field", "value", "path"),
    [
        ("events", "cameo", "999", "events[0].cameo: unknown CAMEO event code '999'"),
        ("events", "cameo", "16", "events[0].cameo: unknown CAMEO event code '16'"),
        ("events", "plover", "SANCTIONS", "events[0].plover: unknown PLOVER type 'SANCTIONS'"),
        ("statements", "cameo", "10", "statements[0].cameo: unknown CAMEO event code '10'"),
        ("actors", "cameo", "HMS-X", "actors[0].cameo: unknown CAMEO actor code 'HMS-X'"),
    ],
)
def test_unknown_code(records: dict[str, Any], table: str, field: str, value: str, path: str) -> None:
    """CAMEO and PLOVER codes must be known; '10' is not '010'."""
    records[table] = (attrs.evolve(records[table][0], **{field: value}), *records[table][1:])
    assert _problems(**records) == [path]


def test_all_problems_reported_together(records: dict[str, Any]) -> None:
    """Several problems come back in one DatasetError, each with its path."""
    records["statements"] = (attrs.evolve(records["statements"][0], speaker="x", topics=("y",)),)
    records["events"] = (attrs.evolve(records["events"][0], cameo="000"),)
    problems = _problems(**records)
    assert [p.split(":")[0] for p in problems] == [
        "statements[0].speaker", "statements[0].topics[0]", "statements[0].stances[0].topic", "events[0].cameo",
    ]


def test_membership_cycle(records: dict[str, Any]) -> None:
    """A cycle in member_of is reported."""
    a, b, c = records["actors"]
    records["actors"] = (attrs.evolve(a, member_of=("israel",)), attrs.evolve(b, member_of=("hamas",)), c)
    problems = _problems(**records)
    assert len(problems) == 1
    assert "membership cycle" in problems[0]


def test_metadata_checked(records: dict[str, Any]) -> None:
    """Version must be SemVer and the schema readable."""
    records["version"] = "one"
    records["schema_version"] = "9.0"
    problems = _problems(**records)
    assert problems[0].startswith("version: must be a SemVer")
    assert "upgrade mideastdata" in problems[1]


def test_wrong_record_type(records: dict[str, Any]) -> None:
    """A record of the wrong class in a table is reported."""
    records["topics"] = (records["actors"][0],)
    assert _problems(**records) == ["topics[0]: expected a Topic, got Actor"]


def test_actor_resolution(small: md.Dataset) -> None:
    """Actors resolve by id, name, alias and Actor, whatever the case."""
    assert small.actor("european-union").id == "european-union"
    assert small.actor("eu").id == "european-union"
    assert small.actor("EUROPEAN UNION").id == "european-union"
    assert small.actor(small.actors["hamas"]).id == "hamas"


def test_actor_resolution_suggests(small: md.Dataset) -> None:
    """An unknown actor raises a KeyError naming close matches."""
    with pytest.raises(KeyError, match="did you mean 'Israel'"):
        small.actor("Isreal")
    with pytest.raises(KeyError, match="no actor matches 'zzz'"):
        small.actor("zzz")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("steve-witkoff", "steve-witkoff"),
        ("Steve Witkoff", "steve-witkoff"),
        ("Vitikoff", "steve-witkoff"),
        ("vitikoff", "steve-witkoff"),
        ("VÍTIKOFF", "steve-witkoff"),
        ("  steve   vitikoff ", "steve-witkoff"),
        ("Netanyahu's government", "israeli-government"),
        ("Netanyahu\u2019s government", "israeli-government"),
        ("Nétanyahu", "benjamin-netanyahu"),
        ("EU", "european-union"),
        ("the international community", "international-community"),
    ],
)
def test_bundled_actor_resolution(query: str, expected: str) -> None:
    """Bundled actors resolve by id, canonical name or alias, ignoring case, accents, spacing and apostrophes."""
    assert md.load().actor(query).id == expected


def test_bundled_actor_suggestion() -> None:
    """A misspelt name gets a KeyError naming the actor meant, once however many of its names are close."""
    with pytest.raises(KeyError, match="did you mean 'Steve Witkoff'") as info:
        md.load().actor("Vitkoff")
    assert str(info.value).count("Steve Witkoff") == 1
    with pytest.raises(KeyError) as info:
        md.load().actor("Witkof")
    assert str(info.value).count("Steve Witkoff") == 1


def test_ambiguous_name_names_both(records: dict[str, Any]) -> None:
    """A name two actors share is a KeyError naming both, never a silent pick."""
    hamas, israel, eu = records["actors"]
    records["actors"] = (attrs.evolve(hamas, aliases=("X",)), attrs.evolve(israel, aliases=("x",)), eu)
    with pytest.raises(KeyError, match="hamas, israel"):
        md.Dataset(**records).actor("X")


def test_dataset_pickles_and_copies() -> None:
    """A dataset survives pickle and deepcopy (for multiprocessing) and its tables stay queryable."""
    import copy
    import pickle

    ds = md.load()
    again = pickle.loads(pickle.dumps(ds))  # noqa: S301 - our own bytes
    assert again == ds
    assert again is not ds
    assert again.statements.by("Vitikoff").ids() == ds.statements.by("Vitikoff").ids()
    assert copy.deepcopy(ds) == ds
    table = pickle.loads(pickle.dumps(ds.actors))  # noqa: S301
    assert table == ds.actors
    assert table["hamas"] == ds.actors["hamas"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Witkoff", "steve-witkoff"),
        ("witkoff", "steve-witkoff"),
        ("ISRGOV", "israeli-government"),
        ("isrgov", "israeli-government"),
        ("PSEREBHMS", "hamas"),
        ("ISR", "israel"),
        ("IGOEUREEC", "european-union"),
        ("USAGOV", "trump-administration"),
    ],
)
def test_bundled_surname_and_cameo_code_resolve(query: str, expected: str) -> None:
    """A named person's surname and an actor's CAMEO code resolve when no name or alias matches."""
    assert md.load().actor(query).id == expected


def test_surname_resolves_only_when_unambiguous(records: dict[str, Any]) -> None:
    """Two people sharing a surname make it ambiguous; an exact alias wins over a surname; anonymous people have none."""
    person = md.Actor(id="ada-lovelace", name="Ada Lovelace", kind=md.ActorKind.PERSON, evidence=records["actors"][0].evidence)
    other = attrs.evolve(person, id="byron-lovelace", name="Byron Lovelace")
    nobody = attrs.evolve(person, id="an-official", name="an unnamed official", anonymous=True)
    ds = md.Dataset(**{**records, "actors": (*records["actors"], person)})
    assert ds.actor("Lovelace").id == "ada-lovelace"
    assert ds.actor("lovelace") is ds.actor("Ada Lovelace")
    shared = md.Dataset(**{**records, "actors": (*records["actors"], person, other)})
    with pytest.raises(KeyError, match="names several actors: ada-lovelace, byron-lovelace"):
        shared.actor("Lovelace")
    aliased = md.Dataset(**{**records, "actors": (*records["actors"], person, attrs.evolve(other, aliases=("Lovelace",)))})
    assert aliased.actor("Lovelace").id == "byron-lovelace"
    anonymous = md.Dataset(**{**records, "actors": (*records["actors"], nobody)})
    with pytest.raises(KeyError):
        anonymous.actor("official")


def test_shared_cameo_code_is_ambiguous(records: dict[str, Any]) -> None:
    """A CAMEO code two actors carry names both, never a silent pick."""
    hamas, israel, eu = records["actors"]
    ds = md.Dataset(**{**records, "actors": (attrs.evolve(hamas, cameo="ISRGOV"), attrs.evolve(israel, cameo="ISRGOV"), eu)})
    with pytest.raises(KeyError, match="names several actors: hamas, israel"):
        ds.actor("ISRGOV")


@pytest.mark.parametrize(
    ("query", "first", "absent"),
    [
        ("Hamas movement", "Hamas", "Israeli government"),
        ("the Hamas group", "Hamas", "Israeli government"),
        ("Netanyahu government", "Israeli government", None),
        ("Vitkoff the envoy", "Steve Witkoff", None),
        ("Israeli parliament", "Israeli government", "Hamas"),
    ],
)
def test_suggestions_rank_by_shared_words(query: str, first: str, absent: str | None) -> None:
    """Names sharing words with the query come first (a misspelt word counts); look-alikes sharing none do not."""
    with pytest.raises(KeyError) as info:
        md.load().actor(query)
    message = str(info.value)
    assert f"did you mean {first!r}" in message
    if absent is not None:
        assert absent not in message
