"""Table queries: each result equals the obvious list comprehension, on bundled and generated data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from test_query_strategies import SETTINGS, datasets

# The obvious comprehension behind each role query, per table.
BY: dict[str, Callable[[Any, str], bool]] = {
    "statements": lambda r, a: r.speaker == a,
    "demands": lambda r, a: r.by == a,
    "events": lambda r, a: a in r.actors,
}
OF: dict[str, Callable[[Any, str], bool]] = {
    "demands": lambda r, a: r.addressee == a,
    "events": lambda r, a: a in r.targets,
}
ABOUT: dict[str, Callable[[Any, str], bool]] = {
    "statements": lambda r, t: t in r.topics,
    "demands": lambda r, t: r.topic == t,
    "events": lambda r, t: t in r.topics,
}
INVOLVING: dict[str, Callable[[Any, str], bool]] = {
    "statements": lambda r, a: a == r.speaker or a in r.mentions,
    "demands": lambda r, a: a in (r.by, r.addressee),
    "events": lambda r, a: a in r.actors or a in r.targets,
}
ROLES = {"by": BY, "of": OF, "about": ABOUT, "involving": INVOLVING}
SORT_FIELDS = {
    "statements": ("id", "speaker", "kind", "date", "summary"),
    "demands": ("id", "by", "addressee", "topic", "kind"),
    "events": ("id", "kind", "date", "status", "summary"),
}


def _where_matches(record: Any, field: str, value: Any) -> bool:
    held = getattr(record, field)
    return held == value or (isinstance(held, tuple) and not isinstance(value, tuple) and value in held)


def _overlaps(record: Any, lo: md.PartialDate | None, hi: md.PartialDate | None) -> bool:
    date = record.date
    return date is not None and (lo is None or date.latest >= lo.earliest) and (hi is None or date.earliest <= hi.latest)


def _sorted(records: list[Any], key: str, *, reverse: bool) -> list[Any]:
    present = sorted((r for r in records if getattr(r, key) is not None), key=lambda r: getattr(r, key), reverse=reverse)
    return present + [r for r in records if getattr(r, key) is None]


_dates = st.none() | st.builds(
    lambda y, m, d: md.PartialDate(year=y, month=m, day=d if m else None),
    st.integers(2019, 2026), st.none() | st.integers(1, 12), st.none() | st.integers(1, 28),
)


def _step(data: st.DataObject, ds: md.Dataset, name: str) -> tuple[Any, ...]:  # noqa: PLR0911 - one per step
    """Draw one query step applicable to table *name*."""
    ops = ["by", "about", "involving", "where", "sorted", "slice"]
    ops += (["of"] if name in OF else []) + (["between"] if name != "demands" else [])
    op = data.draw(st.sampled_from(ops))
    if op in ("by", "of", "involving"):
        return (op, data.draw(st.sampled_from(ds.actors.ids())))
    if op == "about":
        return (op, data.draw(st.sampled_from(ds.topics.ids())))
    if op == "between":
        return (op, data.draw(_dates), data.draw(_dates))
    if op == "sorted":
        return (op, data.draw(st.sampled_from(SORT_FIELDS[name])), data.draw(st.booleans()))
    if op == "slice":
        return (op, data.draw(st.integers(-3, 6)), data.draw(st.none() | st.integers(-3, 12)))
    table = getattr(ds, name)
    if not len(table):
        return ("slice", 0, None)
    field = data.draw(st.sampled_from(SORT_FIELDS[name][1:]))
    value = getattr(data.draw(st.sampled_from(table.records)), field)
    return (op, field, value)


def _apply(table: md.Table[Any], step: tuple[Any, ...]) -> md.Table[Any]:
    op, *args = step
    if op == "where":
        return table.where(**{args[0]: args[1]})
    if op == "sorted":
        return table.sorted(args[0], reverse=args[1])
    if op == "slice":
        return table[args[0] : args[1]]
    method: Callable[..., md.Table[Any]] = getattr(table, op)
    return method(*args)


def _oracle(name: str, records: list[Any], step: tuple[Any, ...]) -> list[Any]:
    op, *args = step
    if op in ROLES:
        return [r for r in records if ROLES[op][name](r, args[0])]
    if op == "where":
        return [r for r in records if _where_matches(r, args[0], args[1])]
    if op == "between":
        return [r for r in records if _overlaps(r, args[0], args[1])]
    if op == "sorted":
        return _sorted(records, args[0], reverse=args[1])
    return records[args[0] : args[1]]


@settings(max_examples=60, deadline=None)
@given(datasets(), st.data())
def test_chained_queries_equal_comprehensions(ds: md.Dataset, data: st.DataObject) -> None:
    """Any chain of up to four query steps gives exactly the records the step-by-step comprehension gives."""
    name = data.draw(st.sampled_from(("statements", "demands", "events")))
    table: md.Table[Any] = getattr(ds, name)
    expected = list(table)
    for _ in range(data.draw(st.integers(1, 4))):
        step = _step(data, ds, name)
        table = _apply(table, step)
        expected = _oracle(name, expected, step)
        assert list(table) == expected, step
        assert table.ids() == [r.id for r in expected]
        assert table.first() == (expected[0] if expected else None)


@SETTINGS
@given(datasets(), st.data())
def test_actor_given_by_id_name_alias_or_record(ds: md.Dataset, data: st.DataObject) -> None:
    """by() gives the same records whether the actor is named by id, canonical name, alias or Actor."""
    actor = data.draw(st.sampled_from(ds.actors.records))
    expected = [s for s in ds.statements if s.speaker == actor.id]
    refs: list[str | md.Actor] = [actor.id, actor.name.upper(), *actor.aliases, actor]
    for ref in refs:
        assert list(ds.statements.by(ref)) == expected


@pytest.mark.parametrize(("role", "name"), [(role, name) for role, tables in ROLES.items() for name in tables])
def test_bundled_role_queries_equal_comprehensions(role: str, name: str) -> None:
    """On the bundled data, every role query for every actor or topic equals its comprehension."""
    ds = md.load()
    table = getattr(ds, name)
    keys = ds.topics.ids() if role == "about" else ds.actors.ids()
    for key in keys:
        assert list(getattr(table, role)(key)) == [r for r in table if ROLES[role][name](r, key)]


def test_bundled_readme_tour() -> None:
    """The README's queries work: Israel's demands, and a statement's quote as text."""
    ds = md.load()
    demands = ds.demands.where(by="israel")
    assert demands.ids() == [d.id for d in ds.demands if d.by == "israel"]
    assert len(demands) == 3
    assert ds.demands.by("Israel").of("hamas").ids() == ["dem-israel-hamas-disarmament"]
    assert ds.events.involving("EU").ids() == ["evt-eu-arms-trade-ban"]


def test_where_takes_enum_members_or_values() -> None:
    """where() on an enum field takes the member or its string value, and rejects other strings."""
    ds = md.load()
    expected = [s for s in ds.statements if s.kind is md.StatementKind.CLAIM]
    assert list(ds.statements.where(kind=md.StatementKind.CLAIM)) == expected
    assert list(ds.statements.where(kind="claim")) == expected
    with pytest.raises(ValueError, match="did you mean 'claim'"):
        ds.statements.where(kind="claims")


def test_where_resolves_actor_and_topic_values() -> None:
    """where() on actor and topic fields resolves names like by() and about() do; None matches None."""
    ds = md.load()
    assert ds.demands.where(by="Israel", topic="hostages").ids() == ["dem-israel-release-all-detainees"]
    assert list(ds.demands.where(addressee=None)) == [d for d in ds.demands if d.addressee is None]
    with pytest.raises(KeyError, match="did you mean 'hostages'"):
        ds.demands.where(topic="hostage")


def test_where_unknown_field_suggests() -> None:
    """A misspelt field name is a TypeError naming the close field."""
    with pytest.raises(TypeError, match="did you mean 'speaker'"):
        md.load().statements.where(speakr="hamas")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ds: ds.statements.by("hamass"), "did you mean 'Hamas'"),
        (lambda ds: ds.events.involving("Europian Union"), "did you mean 'European Union'"),
        (lambda ds: ds.demands.of("isreal"), "did you mean 'Israel'"),
        (lambda ds: ds.statements.about("hostage"), "did you mean 'hostages'"),
    ],
)
def test_unknown_actor_or_topic_is_a_keyerror(call: Callable[[md.Dataset], object], message: str) -> None:
    """An unknown actor or topic raises KeyError with close matches, never an empty result."""
    with pytest.raises(KeyError, match=message):
        call(md.load())


def test_known_actor_without_records_gives_empty_table() -> None:
    """A known actor with no records in that role gives an empty Table (not an error)."""
    result = md.load().statements.by("european-union")
    assert isinstance(result, md.Table)
    assert len(result) == 0


def test_role_query_on_wrong_table_is_a_typeerror() -> None:
    """by() on actors and of() on statements are TypeErrors that say where they apply."""
    ds = md.load()
    with pytest.raises(TypeError, match="applies to demands, events, statements"):
        ds.actors.by("hamas")
    with pytest.raises(TypeError, match="applies to demands, events"):
        ds.statements.of("hamas")


def test_table_without_dataset_matches_ids_only(small: md.Dataset) -> None:
    """A hand-built Table resolves actors and topics by id (or record) only, with close matches on a miss."""
    table = md.Table(small.statements.records)
    assert table.by("hamas").ids() == ["stmt-hamas"]
    assert table.by(small.actors["hamas"]).ids() == ["stmt-hamas"]
    assert table.about("hamas-disarmament").ids() == ["stmt-hamas"]
    with pytest.raises(KeyError, match=r"matched by id.*did you mean 'hamas'"):
        table.by("Hamas")
    with pytest.raises(KeyError, match="matched by id"):
        table.about("hostages")


def test_between_overlap_rule(records: dict[str, Any]) -> None:
    """between() keeps a record when its date interval overlaps [start.earliest, end.latest]; undated never match."""
    stmt = records["statements"][0]
    dated = [
        stmt.__class__(**{**{f: getattr(stmt, f) for f in ("speaker", "kind", "summary", "attribution", "evidence")},
                          "id": f"stmt-{i}", "date": md.PartialDate.parse(d) if d else None})
        for i, d in enumerate(["2025", "2025-08", "2025-08-02", "2024-12-31", None])
    ]
    ds = md.Dataset(**{**records, "statements": tuple(dated)})
    p = md.PartialDate.parse
    assert ds.statements.between(p("2025-08-02"), p("2025-08-02")).ids() == ["stmt-0", "stmt-1", "stmt-2"]
    assert ds.statements.between(p("2024"), p("2024")).ids() == ["stmt-3"]
    assert ds.statements.between("2024-12", "2025-01").ids() == ["stmt-0", "stmt-3"]
    assert ds.statements.between(None, None).ids() == ["stmt-0", "stmt-1", "stmt-2", "stmt-3"]
    assert ds.statements.between("2025-09", None).ids() == ["stmt-0"]


def test_sorted_orders_and_puts_none_last() -> None:
    """sorted() by field or key function is stable, reversible and puts None values last."""
    ds = md.load()
    by_addressee = ds.demands.sorted("addressee")
    assert [d.addressee for d in by_addressee][: 1] == ["hamas"]
    assert by_addressee.ids() == [d.id for d in _sorted(list(ds.demands), "addressee", reverse=False)]
    assert ds.demands.sorted(lambda d: len(d.text), reverse=True).ids() == [
        d.id for d in sorted(ds.demands, key=lambda d: len(d.text), reverse=True)
    ]


def test_index_is_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Concurrent first queries scan once, group each index once, and all see the same answer."""
    from concurrent.futures import ThreadPoolExecutor

    from mideastdata import _keyindex

    calls: list[str] = []
    real_made, real_group = _keyindex._made, _keyindex.KeyIndex._group

    def made(fields: _keyindex.Fields, whole: bool, identity: bool = False) -> tuple[Any, Any]:
        scan, group = real_made(fields, whole, identity)

        def scanning(records: tuple[Any, ...], key: Any) -> tuple[int, ...]:
            calls.append("scan")
            return scan(records, key)

        return scanning, group

    def grouping(self: _keyindex.KeyIndex) -> dict[Any, tuple[int, ...]]:
        calls.append("group")
        return real_group(self)

    monkeypatch.setattr(_keyindex, "_made", made)
    monkeypatch.setattr(_keyindex.KeyIndex, "_group", grouping)
    monkeypatch.setattr(_keyindex, "SCANNED_KEYS", 2)  # the bundled statements have only four speakers
    ds = md.from_json(md.to_json(md.load()))  # a fresh dataset: no index built yet
    scanned = _keyindex.SCANNED_KEYS
    speakers = list(dict.fromkeys(s.speaker for s in ds.statements))
    assert len(speakers) > scanned + 1
    with ThreadPoolExecutor(8) as pool:
        first = list(pool.map(lambda i: ds.statements.by(speakers[i % 2]).ids(), range(32)))
        assert sorted(calls) == ["scan", "scan"]  # two keys: each scanned once, nothing grouped
        results = list(pool.map(lambda i: ds.statements.by(speakers[i % len(speakers)]).ids(), range(64)))
    assert sorted(calls) == ["group"] + ["scan"] * scanned
    for i, result in enumerate(first):
        assert result == [s.id for s in ds.statements if s.speaker == speakers[i % 2]]
    for i, result in enumerate(results):
        assert result == [s.id for s in ds.statements if s.speaker == speakers[i % len(speakers)]]
    assert all(first)


def test_the_first_keys_scan_and_the_next_key_groups() -> None:
    """The first few keys of an index each scan the records; the next builds the whole index, once."""
    from mideastdata._keyindex import SCANNED_KEYS

    ds = md.from_json(md.to_json(md.load()))
    involving = lambda a: [s.id for s in ds.statements if a in (s.speaker, *s.mentions)]  # noqa: E731
    actors = list(dict.fromkeys(a for s in ds.statements for a in (s.speaker, *s.mentions)))
    assert len(actors) > SCANNED_KEYS
    first = ds.statements.involving(actors[0])
    index = ds.statements._cache["involving"]
    assert list(index._scanned) == [actors[0]]
    assert ds.statements.involving(actors[0]) == first
    assert list(index._scanned) == [actors[0]]  # the same key again: the answer kept
    answers = [ds.statements.involving(a) for a in actors[1:SCANNED_KEYS]]
    assert list(index._scanned) == actors[:SCANNED_KEYS]
    assert index._built is None
    last = ds.statements.involving(actors[SCANNED_KEYS])
    assert index._built is not None
    assert index._scanned == {}
    for actor, answer in zip(actors[: SCANNED_KEYS + 1], [first, *answers, last], strict=True):
        assert answer.ids() == involving(actor)
        assert index.get(actor) == tuple(i for i, s in enumerate(ds.statements) if actor in (s.speaker, *s.mentions))
    kinds = list(dict.fromkeys(s.kind for s in ds.statements))
    for kind in [*kinds, *kinds] * 3:  # the first kinds scan, the next groups by identity, then lookups
        assert ds.statements.where(kind=kind).ids() == [s.id for s in ds.statements if s.kind == kind]
        assert ds.statements.where(kind=kind.value).ids() == [s.id for s in ds.statements if s.kind == kind]
    assert ds.statements._cache["where", "kind"]._built is not None
    where = ds.statements.where(topics=ds.statements[0].topics)
    assert where.ids() == [s.id for s in ds.statements if s.topics == ds.statements[0].topics]


def test_query_results_remember_their_dataset() -> None:
    """A query result resolves names through the dataset, so chains accept names at every step."""
    ds = md.load()
    assert ds.statements[1:].by("Vitikoff").about("Ending the war").ids() == ["stmt-witkoff-very-good-plan"]


def test_to_records_are_plain_json_in_schema_order() -> None:
    """to_records() gives plain dicts (lists, str enum values), keys in field order, read back exactly."""
    import json

    import attrs

    ds = md.load()
    records = ds.statements.to_records()
    assert len(records) == len(ds.statements)
    assert list(records[0]) == [f.name for f in attrs.fields(md.Statement)]
    assert type(records[0]["kind"]) is str
    assert type(records[0]["topics"]) is list
    assert md.from_json(json.dumps(records), tuple[md.Statement, ...]) == ds.statements.records


def test_to_dataframe_has_a_row_per_record_and_schema_columns() -> None:
    """to_dataframe() has one row per record and one column per field, in schema order."""
    import attrs

    frame = md.load().demands.by("israel").to_dataframe()
    assert list(frame.columns) == [f.name for f in attrs.fields(md.Demand)]
    assert list(frame["id"]) == md.load().demands.by("israel").ids()


def test_to_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_dataframe() raises ImportError naming the extra to install."""
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'mideastdata\[pandas\]'"):
        md.load().statements.to_dataframe()


def test_where_parses_dates_and_takes_lists_as_tuples(records: dict[str, Any]) -> None:
    """where(date="2025-08") matches that PartialDate exactly; a list value is the whole tuple, like a tuple."""
    stmt = attrs.evolve(records["statements"][0], date=md.PartialDate.parse("2025-08"))
    ds = md.Dataset(**{**records, "statements": (stmt,)})
    assert ds.statements.where(date="2025-08").ids() == ["stmt-hamas"]
    assert ds.statements.where(date="2025").ids() == []
    assert ds.statements.where(topics=["hamas-disarmament"]) == ds.statements.where(topics=("hamas-disarmament",))
    assert ds.statements.where(topics=["hamas-disarmament"]).ids() == ["stmt-hamas"]
