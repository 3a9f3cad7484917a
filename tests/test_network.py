"""The actor graph: actors as nodes, one edge per demand, mention and event pair; GraphML and GEXF as networkx reads them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from mideastdata.io.eventdata import _NOT_XML
from strategies import datasets

nx = pytest.importorskip("networkx")


def edge_set(ds: md.Dataset) -> set[tuple[str, str, str]]:
    """(source, target, record id) of every event-table row whose two sides are actors."""
    return {
        (row.actor1_id, row.actor2_id, row.record_id)
        for row in ds.event_table()
        if row.actor1_id is not None and row.actor2_id is not None
    }


def test_bundled_network() -> None:
    """Every actor a node with its codes; Israel's demand of Hamas, the EU ban and Witkoff's visit are edges."""
    ds = md.load()
    graph = ds.network()
    assert isinstance(graph, nx.MultiDiGraph)
    assert list(graph.nodes) == ds.actors.ids()
    assert graph.nodes["hamas"] == {
        "name": "Hamas", "kind": "armed_group", "country": "PSE", "cameo": "PSEREBHMS", "anonymous": False,
    }
    demand = graph.edges["israel", "hamas", "dem-israel-hamas-disarmament"]
    assert (demand["relation"], demand["kind"], demand["topics"]) == ("demand", "demand", ("hamas-disarmament",))
    ban = graph.edges["european-union", "israel", "evt-eu-arms-trade-ban"]
    assert (ban["relation"], ban["cameo"], ban["plover"], ban["status"]) == ("event", "163", "SANCTION", "occurred")
    assert graph.has_edge("steve-witkoff", "israel", "evt-witkoff-visit-israel")
    mention = graph.edges["high-ranking-israeli-official", "hamas", "stmt-israeli-official-comprehensive-strategy"]
    assert mention["relation"] == "mention"
    assert {(u, v, k) for u, v, k in graph.edges(keys=True)} == edge_set(ds)
    assert graph.number_of_edges() == len(edge_set(ds))


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_edges_are_the_event_table_dyads_between_actors(ds: md.Dataset) -> None:
    """On random datasets: one edge per (actor, actor, record) dyad, keyed by the record id; demands of one actor of another match the query helper."""
    graph = ds.network()
    assert {(u, v, k) for u, v, k in graph.edges(keys=True)} == edge_set(ds)
    assert graph.number_of_nodes() == len(ds.actors)
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert data["record"] == key
        if data["relation"] == "demand":
            assert key in ds.demands.by(u).of(v).ids()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_with_networkx(tmp_path: Path, fmt: str) -> None:
    """The file is what networkx reads back: the same nodes and keyed edges, tuples joined by ';', no nulls."""
    ds = md.load()
    out = md.dump(ds, tmp_path / f"gaza.{fmt}", format=fmt)  # type: ignore[arg-type]
    graph = nx.read_graphml(out, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(out)
    assert set(graph.nodes) == set(ds.actors.ids())
    if fmt == "graphml":
        assert graph.nodes["european-union"]["cameo"] == "IGOEUREEC"
        assert "country" not in graph.nodes["european-union"]  # None is left out, not written as "None"
        data = graph.edges["israel", "hamas", "dem-israel-hamas-disarmament"]
        assert data["topics"] == "hamas-disarmament"
    assert graph.number_of_edges() == ds.network().number_of_edges()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets())
def test_graphml_of_random_datasets_reads_back(tmp_path: Path, ds: md.Dataset) -> None:
    """Names survive GraphML (XML reads a carriage return as a line feed); a character XML cannot hold is refused loudly."""
    texts = [a.name for a in ds.actors] + [ds.name, ds.version]
    target = tmp_path / f"{uuid.uuid4().hex}.graphml"  # tmp_path is shared by the examples
    if any(_NOT_XML.search(text) for text in texts):
        with pytest.raises(md.DatasetError, match="XML cannot hold"):
            md.dump(ds, target, format="graphml")
        assert not target.exists()
        return
    out = md.dump(ds, target, format="graphml")
    graph = nx.read_graphml(out, force_multigraph=True)
    as_xml_reads = {a.name.replace("\r\n", "\n").replace("\r", "\n") for a in ds.actors}
    assert {graph.nodes[n]["name"] for n in graph.nodes} == as_xml_reads
    assert graph.number_of_edges() == len(edge_set(ds))


def test_network_without_networkx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without networkx, the error names the extra to install."""
    monkeypatch.setitem(__import__("sys").modules, "networkx", None)
    with pytest.raises(ImportError, match=r"mideastdata\[network\]"):
        md.load().network()
