# SPDX-License-Identifier: MIT
"""Who demands what of whom, as a graph: :meth:`Dataset.network() <mideastdata.Dataset.network>`.

A ``networkx.MultiDiGraph`` (optional extra ``network``):

* every actor is a node, keyed by its id, with ``name``, ``kind``, ``country``, ``cameo``
  and ``anonymous``;
* every demand with an addressee is an edge ``by`` → ``addressee``;
* every statement mention is an edge speaker → mentioned actor;
* every event participation is an edge from each of the event's ``actors`` to each of its
  ``targets``.

So the edges are exactly the rows of the event table whose two sides are actors. Each
edge is keyed by its record id and carries ``record`` (the id), ``table``, ``relation``
(``demand``, ``mention`` or ``event``), ``kind``, ``topics`` (a tuple of topic ids),
``date`` (ISO, or ``None``), ``cameo``, ``plover`` and, for events, ``status``. A demand
without an addressee, or an event without actors or without targets, names no second
actor and so gives no edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx  # noqa: ICN001 - spelt out so the API reference names networkx.MultiDiGraph

    from .dataset import Dataset

__all__ = ["INSTALL_HINT", "build_network"]

INSTALL_HINT = "pip install 'mideastdata[network]'"


def _networkx() -> Any:
    try:
        import networkx as nx  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        msg = f"network() needs networkx: {INSTALL_HINT}"
        raise ImportError(msg, name="networkx") from exc
    return nx


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def build_network(ds: Dataset) -> networkx.MultiDiGraph:
    """The actor graph of *ds*: actors as nodes, one edge per demand, statement mention and event pair.

    Raises:
        ImportError: networkx is not installed (``pip install 'mideastdata[network]'``).
    """
    nx = _networkx()
    graph = nx.MultiDiGraph(name=ds.name, version=ds.version)
    graph.add_nodes_from(
        (
            actor.id,
            {
                "name": actor.name,
                "kind": actor.kind.value,
                "country": actor.country,
                "cameo": actor.cameo,
                "anonymous": actor.anonymous,
            },
        )
        for actor in ds.actors
    )
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for s in ds.statements:
        if s.mentions:
            attrs = {
                "record": s.id, "table": "statements", "relation": "mention", "kind": s.kind.value,
                "topics": s.topics, "date": _date(s.date), "cameo": s.cameo, "plover": s.plover,
            }  # fmt: skip
            edges.extend((s.speaker, target, s.id, attrs) for target in s.mentions)
    for d in ds.demands:
        if d.addressee is not None:
            attrs = {
                "record": d.id, "table": "demands", "relation": "demand", "kind": d.kind.value,
                "topics": (d.topic,), "date": None, "cameo": None, "plover": None,
            }  # fmt: skip
            edges.append((d.by, d.addressee, d.id, attrs))
    for e in ds.events:
        if e.actors and e.targets:
            attrs = {
                "record": e.id, "table": "events", "relation": "event", "kind": e.kind.value,
                "topics": e.topics, "date": _date(e.date), "cameo": e.cameo, "plover": e.plover,
                "status": e.status.value,
            }  # fmt: skip
            edges.extend((source, target, e.id, attrs) for source in e.actors for target in e.targets)
    graph.add_edges_from(edges)
    return graph
