# SPDX-License-Identifier: MIT
"""Tables as Arrow, Polars and pandas, in the Parquet export's schema.

:meth:`Table.to_arrow`, :meth:`Table.to_polars` and :meth:`Dataset.to_dataframes` hand
records to the columnar world. The Arrow schema is the Parquet writer's
(:func:`mideastdata.io.parquet.arrow_schema`, derived from the model), so a table
in memory and the same table read back from an export are the same Arrow table.

Layering: the core (model, dataset, query) never imports :mod:`mideastdata.io`. This
module sits above both, and the package imports it when it is imported; it registers
these conversions with :mod:`mideastdata.dataset`, whose methods call them. Every
optional library (pyarrow, polars, pandas) is imported on first use only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _schema
from .dataset import CONVERSIONS, Table

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from .dataset import Dataset

__all__ = ["dataset_to_dataframes", "table_to_arrow", "table_to_polars"]


def table_to_arrow(table: Table[Any]) -> pa.Table:
    """The records of *table* as a ``pyarrow.Table`` in the Parquet export's schema.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'mideastdata[parquet]'``).
        TypeError: the table is empty and belongs to no dataset, so its kind is unknown.
    """
    from ._index import record_type  # noqa: PLC0415 - query indexes load on first use
    from .io.parquet import arrow_table  # noqa: PLC0415 - the Parquet machinery on first use

    kind = record_type(table)
    if kind is None:
        msg = "an empty table that belongs to no dataset has no schema; take it from a Dataset"
        raise TypeError(msg)
    result: pa.Table = arrow_table(table.records, kind)
    return result


def _polars() -> Any:
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        msg = "to_polars() needs polars: pip install 'mideastdata[polars]'"
        raise ImportError(msg, name="polars") from exc
    return pl


def table_to_polars(table: Table[Any]) -> pl.DataFrame:
    """The records of *table* as a ``polars.DataFrame``: the Arrow table, enums as ``polars.Enum``.

    Raises:
        ImportError: polars or pyarrow is not installed.
    """
    polars = _polars()
    frame = polars.from_arrow(table_to_arrow(table))
    from ._index import record_type  # noqa: PLC0415

    kind = record_type(table)
    assert kind is not None  # table_to_arrow refused a table of no kind  # noqa: S101
    casts = [
        polars.col(spec.name).cast(polars.Enum([member.value for member in spec.enum]))
        for spec in _schema.fields(kind)
        if spec.kind == "enum" and spec.enum is not None
    ]
    result: pl.DataFrame = frame.with_columns(casts) if casts else frame
    return result


def dataset_to_dataframes(ds: Dataset) -> dict[str, pd.DataFrame]:
    """One pandas DataFrame per table, by table name: codes kept as strings, enums as categoricals.

    Each frame is :meth:`Table.to_dataframe`'s (one column per field, schema order); an
    enum field becomes a ``Categorical`` whose categories are the enum's values, in
    declaration order, so a category the data does not use is still there.

    Raises:
        ImportError: pandas is not installed (``pip install 'mideastdata[pandas]'``).
    """
    from .query import to_dataframe  # noqa: PLC0415 - query builds on dataset

    frames: dict[str, pd.DataFrame] = {}
    for name, table in ds.tables().items():
        frame = to_dataframe(table)
        if frame.empty:
            frame = frame.reindex(columns=[spec.name for spec in _schema.fields(_schema.TABLES[name])])
        for spec in _schema.fields(_schema.TABLES[name]):
            if spec.kind == "enum" and spec.enum is not None:
                import pandas as pd  # noqa: PLC0415 - imported by to_dataframe already

                categories = [member.value for member in spec.enum]
                frame[spec.name] = pd.Categorical(frame[spec.name], categories=categories)
        frames[name] = frame
    return frames


CONVERSIONS.update(
    {
        "to_arrow": table_to_arrow,
        "to_polars": table_to_polars,
        "to_dataframes": dataset_to_dataframes,
    }
)
