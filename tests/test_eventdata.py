"""The dyadic event table: one row per (source actor, target actor, record), GDELT's columns, codes never invented."""

from __future__ import annotations

import math

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import mideastdata as md
from mideastdata import _goldstein, codes
from mideastdata.eventdata import COLUMNS, ETHNIC_CODES, TERRITORY_CODES, EventRow, column_name
from strategies import datasets


def expected_pairs(ds: md.Dataset) -> list[tuple[str, str, str | None, str | None]]:
    """(table, id, actor1, actor2) for every row, written out from the rules in the module docstring."""
    out: list[tuple[str, str, str | None, str | None]] = []
    for s in ds.statements:
        out.extend(("statements", s.id, s.speaker, m) for m in s.mentions or (None,))
    out.extend(("demands", d.id, d.by, d.addressee) for d in ds.demands)
    for e in ds.events:
        out.extend(("events", e.id, a, t) for a in e.actors or (None,) for t in e.targets or (None,))
    return out


def test_bundled_rows_follow_the_dyad_rules() -> None:
    """Each record gives its actors and targets (an empty side counts once as no actor), in table order."""
    ds = md.load()
    table = ds.event_table()
    assert [(r.record_table, r.record_id, r.actor1_id, r.actor2_id) for r in table] == expected_pairs(ds)
    assert {r.record_id for r in table} == {*ds.statements.ids(), *ds.demands.ids(), *ds.events.ids()}
    assert ds.event_table() is table  # built once


def test_the_eu_ban_is_a_full_gdelt_row() -> None:
    """The arms-trade ban: CAMEO actor parts split into country, type and known group; QuadClass and Goldstein from GDELT."""
    (row,) = [r for r in md.load().event_table() if r.record_id == "evt-eu-arms-trade-ban"]
    assert (row.actor1_code, row.actor1_country_code, row.actor1_type1_code, row.actor1_known_group_code) == (
        "IGOEUREEC", None, "IGO", "EEC",
    )
    assert (row.actor2_id, row.actor2_code, row.actor2_country_code) == ("israel", "ISR", "ISR")
    assert (row.event_code, row.event_base_code, row.event_root_code) == ("163", "163", "16")
    assert (row.quad_class, row.goldstein_scale, row.plover, row.status) == (4, -8.0, "SANCTION", "occurred")
    assert row.quote == md.load().quote(md.load().events["evt-eu-arms-trade-ban"])
    assert row.source_ids == ("gaza-negotiations-article",)


def test_an_actor_without_a_cameo_code_gets_its_country_not_an_invented_code() -> None:
    """Witkoff's visit: no Actor1Code (people have none), Actor1CountryCode USA from the actor's country."""
    (row,) = [r for r in md.load().event_table() if r.record_id == "evt-witkoff-visit-israel"]
    assert (row.actor1_id, row.actor1_code, row.actor1_country_code, row.actor1_type1_code) == (
        "steve-witkoff", None, "USA", None,
    )
    assert (row.event_code, row.event_root_code, row.quad_class, row.goldstein_scale) == ("042", "04", 1, 1.9)


def test_hamas_code_splits_into_rebel_and_known_group() -> None:
    """PSEREBHMS: country PSE, type REB, known group HMS; a four-digit code has a three-digit base."""
    (row,) = [r for r in md.load().event_table() if r.record_id == "stmt-hamas-armed-resistance"]
    assert (row.actor1_country_code, row.actor1_type1_code, row.actor1_known_group_code) == ("PSE", "REB", "HMS")
    assert (row.event_code, row.event_base_code, row.event_root_code, row.quad_class, row.goldstein_scale) == (
        "1246", "124", "12", 3, -4.0,
    )
    assert row.actor2_id is None


def test_columns_are_gdelt_names_derived_from_the_row_class() -> None:
    """Column names come from EventRow's fields; the GDELT ones are spelt as in GDELT 2.0."""
    assert tuple(column_name(f.name) for f in attrs.fields(EventRow)) == COLUMNS
    assert column_name("actor1_country_code") == "Actor1CountryCode"
    gdelt = {
        "Day", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
        "Actor1EthnicCode", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name",
        "Actor2CountryCode", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    }
    assert gdelt <= set(COLUMNS)
    assert len(set(COLUMNS)) == len(COLUMNS) == 38


def test_goldstein_table_is_gdelts_and_unknown_codes_get_none() -> None:
    """311 codes as published; a value only for a listed code, never the root's; QuadClass by root."""
    assert len(_goldstein.GOLDSTEIN_SCALE) == 311
    assert _goldstein.goldstein_scale("0874") == 10.0
    assert _goldstein.goldstein_scale("1823") == -10.0
    assert _goldstein.goldstein_scale("999") is None
    assert _goldstein.goldstein_scale(None) is None
    assert _goldstein.quad_class("999") is None
    assert _goldstein.quad_class("1213") == 3  # in the CAMEO codefile, not in GDELT's table
    assert _goldstein.goldstein_scale("1213") is None
    assert [_goldstein.quad_class(root) for root in ("01", "05", "06", "08", "09", "13", "14", "20")] == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]
    for code in codes.CAMEO_EVENT_CODES:
        if code in _goldstein.GOLDSTEIN_SCALE:
            assert -10.0 <= _goldstein.GOLDSTEIN_SCALE[code] <= 10.0


def test_part_classes_name_group_codes_of_the_codes_module() -> None:
    """The ethnic and territory parts the table sets apart are group codes of mideastdata.codes."""
    assert set(codes.CAMEO_GROUP_CODES) >= ETHNIC_CODES
    assert set(codes.CAMEO_GROUP_CODES) >= TERRITORY_CODES
    actor = md.Actor(id="gaza-kurds", name="x", kind=md.ActorKind.COLLECTIVE, cameo="PSEGZAKUR")
    from mideastdata.eventdata import actor_codes

    assert actor_codes(actor) == ("PSE", None, "KUR", ())


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_rows_match_the_query_helpers(ds: md.Dataset) -> None:
    """On random datasets: the rows are the dyads, and selecting rows gives the ids the query helpers give."""
    table = ds.event_table()
    assert [(r.record_table, r.record_id, r.actor1_id, r.actor2_id) for r in table] == expected_pairs(ds)
    for actor in ds.actors:
        by_rows = {r.record_id for r in table if r.record_table == "statements" and r.actor1_id == actor.id}
        assert by_rows == set(ds.statements.by(actor.id).ids())
        for other in ds.actors:
            rows = {r.record_id for r in table if r.record_table == "demands" and (r.actor1_id, r.actor2_id) == (actor.id, other.id)}
            assert rows == set(ds.demands.by(actor.id).of(other.id).ids())
    for row in table:
        record = getattr(ds, row.record_table)[row.record_id]
        assert row.quote == ds.quote(record)
        assert row.event_code == getattr(record, "cameo", None)
        date = getattr(record, "date", None)
        assert row.date == (None if date is None else str(date))
        assert row.year == (None if date is None else date.year)
        if row.goldstein_scale is not None:
            assert row.goldstein_scale == _goldstein.goldstein_scale(row.event_code)


def test_records_dataframe_and_arrow_agree() -> None:
    """to_records, to_dataframe and to_arrow hold the same values; codes stay strings, integers nullable."""
    pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    table = md.load().event_table()
    records = table.to_records()
    assert list(records[0]) == list(COLUMNS)
    arrow = table.to_arrow()
    assert arrow.num_rows == len(table)
    assert arrow.to_pylist() == records
    assert arrow.schema.field("EventCode").type == pa.string()
    assert arrow.schema.field("QuadClass").type == pa.int64()
    assert arrow.schema.field("Topics").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    assert not arrow.schema.field("RecordId").nullable
    frame = table.to_dataframe()
    assert list(frame.columns) == list(COLUMNS)
    assert str(frame["QuadClass"].dtype) == "Int64"
    assert str(frame["GoldsteinScale"].dtype) == "Float64"
    witkoff = frame[frame["RecordId"] == "stmt-witkoff-announces-collaboration"].iloc[0]
    assert witkoff["EventCode"] == "010"  # not 10
    for row, expected in zip(frame.to_dict("records"), records, strict=True):
        for key, value in expected.items():
            got = row[key]
            if value is None:
                assert got is None or (isinstance(got, float) and math.isnan(got)) or str(got) == "<NA>"
            else:
                assert got == value


def test_empty_dataset_gives_an_empty_table_with_the_schema() -> None:
    """No records, no rows; the frame and the Arrow table still have every column."""
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    table = md.Dataset(name="empty", version="0.1.0").event_table()
    assert len(table) == 0
    assert table.to_arrow().column_names == list(COLUMNS)
    assert list(table.to_dataframe().columns) == list(COLUMNS)


@given(st.integers(min_value=0, max_value=40))
def test_slices_are_tables(n: int) -> None:
    """A slice of the table is a table of the same rows."""
    table = md.load().event_table()
    part = table[:n]
    assert list(part) == list(table)[:n]
