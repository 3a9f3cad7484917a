# SPDX-License-Identifier: MIT
"""Event-data exports (write-only): the dyadic event table, PLOVER JSON Lines, and the actor graph.

=================  =======================================================================
format             what is written at *path* (one file)
=================  =======================================================================
events-csv         the event table as CSV (RFC 4180, header row, UTF-8); list cells
                   (``Topics``, ``SourceIds``) joined by ``;`` (ids never hold one)
events-parquet     the event table as one Parquet file, in the event table's Arrow schema
plover             one PLOVER JSON record per line, for each statement or event with a
                   PLOVER category (see :mod:`mideastdata.io.plover`)
graphml, gexf      the graph of :meth:`Dataset.network`, by networkx; tuples joined by
                   ``;``, missing values left out (neither format has a null)
=================  =======================================================================

None of them is read back: they are views for other tools, and ``md.load`` reads the
dataset's own formats.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

from ..errors import DatasetError, Problem
from ..eventdata import COLUMNS
from ..network import build_network
from ._atomic import atomic_write_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from ..dataset import Dataset

__all__ = ["EXPORTS", "write_events_csv", "write_events_parquet", "write_gexf", "write_graphml", "write_plover"]

LIST_SEPARATOR = ";"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is tuple:
        return LIST_SEPARATOR.join(value)
    return str(value)


def write_events_csv(ds: Dataset, path: Path) -> Path:
    """Write the event table of *ds* as CSV at *path*, atomically; an empty cell is a missing value."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in ds.event_table().rows)
    atomic_write_bytes(path, out.getvalue().encode("utf-8"))
    return path


def write_events_parquet(ds: Dataset, path: Path) -> Path:
    """Write the event table of *ds* as one Parquet file at *path*, atomically.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
    """
    table = ds.event_table().to_arrow()
    import pyarrow as pa  # noqa: PLC0415 - imported by to_arrow already
    import pyarrow.parquet as pq  # noqa: PLC0415

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    atomic_write_bytes(path, sink.getvalue().to_pybytes())
    return path


def write_plover(ds: Dataset, path: Path) -> Path:
    """Write the PLOVER records of *ds* as JSON Lines at *path*, atomically."""
    from .plover import plover_lines  # noqa: PLC0415

    atomic_write_bytes(path, "".join(plover_lines(ds)).encode("utf-8"))
    return path


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold, escaped or not (U+0000, most C0 controls, U+FFFE, U+FFFF)."""


def _scalar_graph(ds: Dataset) -> Any:
    """The network with every attribute a str, int, float or bool: tuples joined, ``None`` left out.

    Raises:
        DatasetError: a name or id holds a character XML cannot hold; one problem per place.
    """
    graph = build_network(ds)
    problems: list[Problem] = []

    def clean(where: str, data: dict[str, Any]) -> None:
        for key, found in list(data.items()):
            if found is None:
                del data[key]
                continue
            value = data[key] = LIST_SEPARATOR.join(found) if type(found) is tuple else found
            if type(value) is str and (bad := _NOT_XML.search(value)) is not None:
                problems.append(Problem(f"{where}.{key}", f"holds U+{ord(bad.group()):04X}, which XML cannot hold"))

    clean("graph", graph.graph)
    for node, data in graph.nodes(data=True):
        clean(f"actors[{ds.actors.ids().index(node)}]", data)
    for _, _, key, data in graph.edges(keys=True, data=True):
        clean(f"edge {key}", data)
    if problems:
        raise DatasetError(problems)
    return graph


def _write_graph(ds: Dataset, path: Path, generator: str) -> Path:
    import networkx as nx  # noqa: PLC0415 - build_network has imported it

    lines = getattr(nx, generator)(_scalar_graph(ds), encoding="utf-8")
    atomic_write_bytes(path, "\n".join(lines).encode("utf-8"))
    return path


def write_graphml(ds: Dataset, path: Path) -> Path:
    """Write the actor graph of *ds* as GraphML at *path*, atomically.

    Raises:
        ImportError: networkx is not installed (``pip install 'mideastdata[network]'``).
    """
    return _write_graph(ds, path, "generate_graphml")


def write_gexf(ds: Dataset, path: Path) -> Path:
    """Write the actor graph of *ds* as GEXF 1.2 at *path*, atomically.

    Raises:
        ImportError: networkx is not installed (``pip install 'mideastdata[network]'``).
    """
    return _write_graph(ds, path, "generate_gexf")


EXPORTS = {
    "events-csv": write_events_csv,
    "events-parquet": write_events_parquet,
    "plover": write_plover,
    "graphml": write_graphml,
    "gexf": write_gexf,
}
"""The write-only formats of this module, by name."""
