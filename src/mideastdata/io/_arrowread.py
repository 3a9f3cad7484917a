# SPDX-License-Identifier: MIT
"""Parquet bytes to an Arrow table, bounded by what they decode to, not only by the file's size.

A Parquet file is compressed, and a text column is usually dictionary encoded: one value
stored once and referred to from every row by a run-length-encoded index. A 445-byte file
can so hold 2,000 rows of one 500 KB text, a gigabyte once decoded. Reading it as usual
would allocate that gigabyte before any check. Here:

1. Before anything is decoded, the counts in the file's footer are charged to the load's
   ``Limits.max_bytes`` budget: 8 bytes for each value of every column (no value decodes to
   more, text aside) and the uncompressed size of every column chunk.
2. Every text column is read dictionary encoded (its values once, an index per row), and
   the size its texts decode to (each value's length times its uses) is charged.
3. Only then are the dictionaries decoded into plain text columns.

So a file is decoded only when what it decodes to fits the budget; else the load is refused
with the :class:`~mideastdata.DatasetError` of the limit, naming the file.
"""

from __future__ import annotations

from typing import Any

from ._files import charge

__all__ = ["read_parquet"]


def _estimate(metadata: Any) -> int:
    """What the footer of a file says it decodes to, at most: 8 bytes a value and each chunk's uncompressed bytes."""
    total = 0
    for i in range(metadata.num_row_groups):
        group = metadata.row_group(i)
        for j in range(group.num_columns):
            column = group.column(j)
            total += 8 * column.num_values + column.total_uncompressed_size
    return int(total)


def _decoded(pa: Any, pc: Any, array: Any) -> int:
    """The bytes *array* holds once its dictionaries are decoded (each text as often as it is used)."""
    if isinstance(array, pa.ChunkedArray):
        return sum(_decoded(pa, pc, chunk) for chunk in array.chunks)
    kind = array.type
    if pa.types.is_dictionary(kind):
        used = pc.sum(pc.take(pc.binary_length(array.dictionary), array.indices)).as_py()
        return int(used or 0) + 8 * len(array)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return 8 * len(array) + _decoded(pa, pc, array.values)
    if pa.types.is_struct(kind):
        return len(array) + sum(_decoded(pa, pc, array.field(i)) for i in range(kind.num_fields))
    return int(array.nbytes)


def _plain(pa: Any, kind: Any) -> Any:
    """*kind* with every dictionary type replaced by the type of its values."""
    if pa.types.is_dictionary(kind):
        return kind.value_type
    if pa.types.is_list(kind):
        return pa.list_(kind.value_field.with_type(_plain(pa, kind.value_type)))
    if pa.types.is_struct(kind):
        return pa.struct([kind.field(i).with_type(_plain(pa, kind.field(i).type)) for i in range(kind.num_fields)])
    return kind


def read_parquet(pa: Any, pq: Any, data: bytes, key: str) -> Any:
    """The table in the Parquet file *data* (checksums verified), charged to the load's budget as decoded.

    Args:
        pa: pyarrow.
        pq: pyarrow.parquet.
        data: the file's bytes.
        key: the file's key in the budget (its decoded size counts once, however often it is read).

    Raises:
        DatasetError: what the file decodes to passes the load's ``Limits.max_bytes``.
        Exception: pyarrow's, for a file that is not Parquet (the caller reports it).
    """
    import pyarrow.compute as pc  # noqa: PLC0415 - part of pyarrow, imported on first use

    metadata = pq.read_metadata(pa.BufferReader(data))
    charge(f"{key} decoded", _estimate(metadata))
    schema = metadata.schema
    texts = [schema.column(i).path for i in range(len(schema)) if schema.column(i).physical_type == "BYTE_ARRAY"]
    # One thread: the files are read one at a time, and pyarrow's reader threads can outlive the read
    # and abort the process at exit ("terminate called without an active exception", apache/arrow#34314).
    table = pq.read_table(
        pa.BufferReader(data), page_checksum_verification=True, read_dictionary=texts, use_threads=False
    )
    charge(f"{key} decoded", sum(_decoded(pa, pc, column) for column in table.columns))
    plain = pa.schema([field.with_type(_plain(pa, field.type)) for field in table.schema])
    return table if plain.equals(table.schema) else table.cast(plain)
