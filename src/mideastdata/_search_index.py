# SPDX-License-Identifier: MIT
"""The search index: an SQLite FTS5 table of the folded words of every searchable field.

One row per actor, statement, demand and event, numbered in that order (the
row id is the record's position counted across the four tables). Columns:
``name`` and ``aliases`` (actors), ``main`` (a summary or a demand's text),
``quote`` (a statement's quote) and ``evidence``. The non-ASCII characters of the
texts are folded in Python (:func:`mideastdata._fold.fold_for_index`), so FTS5's
``ascii`` tokenizer, which lower-cases ASCII itself, reads exactly the words
:func:`normalize_name` gives; the several values of one field
are joined by a token no query can contain, so a phrase never runs from one
alias or evidence quote into the next. The table is contentless: it holds the
index only, records are read back from the dataset.

Built in memory on first use, or kept in a file (:func:`open_or_build`) tagged
with the hash of everything it was built from, and used only when that matches.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._fold import SEPARATOR, fold_for_index

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["FORMAT", "TABLES", "SearchIndex", "build", "content_hash", "open_or_build", "table_of", "table_starts"]

TABLES = ("actors", "statements", "demands", "events")
COLUMNS = ("name", "aliases", "main", "quote", "evidence")
WEIGHTS = (3.0, 3.0, 2.0, 2.0, 1.0)
"""BM25 weight of each column: a name or alias 3, a summary, quote or text 2, an evidence quote 1."""
FORMAT = "mideastdata-search-1"
"""Changes whenever what is indexed, or how, changes: an index file of another format is rebuilt."""
_GAP = " \ue001 "  # between two values of one field: a word no folded query holds
_CHUNK = 20_000
_HASH_SIZE = 64 << 20  # bytes of pending words FTS5 holds in memory before writing a segment
_CREATE = (
    "CREATE VIRTUAL TABLE docs USING fts5(name, aliases, main, quote, evidence, "
    "content='', tokenize=\"ascii tokenchars '_'\")"
)
_PROBE = "CREATE VIRTUAL TABLE temp.probe USING fts5(x)"
_RANK = "bm25(docs, " + ", ".join(map(str, WEIGHTS)) + ")"

Column = tuple[list[str], list[int] | None]  # the texts, and how many belong to each record (None: one each)


def table_starts(ds: Dataset) -> list[int]:
    """The first row id of each searchable table, and one past the last row."""
    starts = [0]
    for name in TABLES:
        starts.append(starts[-1] + len(getattr(ds, name)))
    return starts


def table_of(starts: list[int], doc: int) -> int:
    """The number of the table (in :data:`TABLES`) row *doc* belongs to."""
    return bisect.bisect_right(starts, doc) - 1


def _record_columns(name: str, records: tuple[Any, ...]) -> dict[str, Column]:
    if name == "actors":
        return {"name": ([r.name for r in records], None),
                "aliases": ([a for r in records for a in r.aliases], [len(r.aliases) for r in records])}
    columns: dict[str, Column] = {
        "main": ([r.text for r in records] if name == "demands" else [r.summary for r in records], None),
        "evidence": ([e.quote for r in records for e in r.evidence], [len(r.evidence) for r in records]),
    }
    if name == "statements":
        quotes = [r.quote for r in records]
        columns["quote"] = ([q for q in quotes if q is not None], [0 if q is None else 1 for q in quotes])
    return columns


def _chunks(ds: Dataset) -> Iterator[tuple[int, int, dict[str, Column]]]:
    """(first row id, number of rows, raw columns) for every chunk of records, in row order."""
    doc = 0
    for name in TABLES:
        records = getattr(ds, name).records
        for at in range(0, len(records), _CHUNK):
            chunk = records[at : at + _CHUNK]
            yield doc, len(chunk), _record_columns(name, chunk)
            doc += len(chunk)


def content_hash(ds: Dataset) -> str:
    """SHA-256 of everything the index is built from: its format, Unicode's version, every searchable text."""
    digest = hashlib.sha256(f"{FORMAT}\0{unicodedata.unidata_version}\0{table_starts(ds)}\0".encode())
    for doc, n, columns in _chunks(ds):
        digest.update(f"\0{doc}:{n}".encode())
        for column in COLUMNS:
            texts, counts = columns.get(column, ([], None))
            digest.update(f"\0{column}:{len(texts)}:{counts}\0".encode())
            digest.update(SEPARATOR.join(texts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _folded(column: Column) -> list[str]:
    texts, counts = column
    folded = fold_for_index(texts)
    if counts is None:
        return folded
    out, at = [], 0
    for count in counts:
        out.append(folded[at] if count == 1 else _GAP.join(folded[at : at + count]))
        at += count
    return out


def _connect(path: str = ":memory:", *, uri: bool = False) -> sqlite3.Connection:
    con = sqlite3.connect(path, uri=uri, check_same_thread=False, isolation_level=None)
    try:
        con.execute(_PROBE)
        con.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError as exc:
        con.close()
        msg = (
            f"search needs SQLite's FTS5 extension, which this Python's sqlite3 (SQLite "
            f"{sqlite3.sqlite_version}) lacks; use a Python whose SQLite has FTS5 (the python.org "
            "builds and most distributions' have it)"
        )
        raise RuntimeError(msg) from exc
    return con


def _fill(con: sqlite3.Connection, ds: Dataset) -> int:
    """Index *ds* into *con*; the most words one field value can hold (a longer phrase matches nothing)."""
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute(_CREATE)
    # No merging while rows go in (the one 'optimize' below merges every segment at once);
    # measured 16% faster inserts at 100k statements, the same index once optimized.
    con.execute("INSERT INTO docs(docs, rank) VALUES ('automerge', 0)")
    con.execute("INSERT INTO docs(docs, rank) VALUES ('crisismerge', 64)")
    # Pending words are written out as a segment every 64 MB, not every 1 MB: at 100k statements
    # one segment in all instead of dozens, and 'optimize' took 0.06 s instead of 0.15-0.22 s.
    con.execute("INSERT INTO docs(docs, rank) VALUES ('hashsize', ?)", (_HASH_SIZE,))
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("BEGIN")
    insert = "INSERT INTO docs(rowid, name, aliases, main, quote, evidence) VALUES (?, ?, ?, ?, ?, ?)"
    longest = 0
    for doc, n, columns in _chunks(ds):
        empty = [""] * n
        values = [_folded(columns[c]) if c in columns else empty for c in COLUMNS]
        longest = max(longest, *(max(map(len, texts), default=0) for texts in values))
        con.executemany(insert, zip(range(doc, doc + n), *values, strict=True))
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    max_words = (longest + 1) // 2
    con.execute("INSERT INTO meta VALUES ('max_words', ?)", (str(max_words),))
    con.execute("COMMIT")
    return max_words


class SearchIndex:
    """An open FTS5 index and the lock its connection is used under (one query at a time)."""

    def __init__(self, con: sqlite3.Connection, max_words: int | None = None) -> None:
        self._con = con
        if max_words is None:
            (value,) = con.execute("SELECT value FROM meta WHERE key = 'max_words'").fetchone()
            max_words = int(value)
        self.max_words = max_words
        """The most words a field value holds, at most: a longer phrase matches nothing."""
        self._lock = threading.Lock()
        self._allowed: set[int] | None = None  # the rows now in temp.allowed
        self._vocabulary = False  # whether temp.vocabulary exists

    def _where(
        self, query: str, ranges: list[tuple[int, int]] | None, allowed: set[int] | None
    ) -> tuple[str, list[Any]]:
        where = "docs MATCH ?"
        params: list[Any] = [query]
        if ranges is not None:
            where += " AND (" + " OR ".join("rowid BETWEEN ? AND ?" for _ in ranges) + ")"
            params += [bound for r in ranges for bound in r]
        if allowed is not None:
            if self._allowed is not allowed:
                self._con.execute("CREATE TEMP TABLE IF NOT EXISTS allowed(doc INTEGER PRIMARY KEY)")
                self._con.execute("DELETE FROM temp.allowed")
                self._con.executemany("INSERT INTO temp.allowed VALUES (?)", ((d,) for d in sorted(allowed)))
                self._allowed = allowed
            where += " AND rowid IN (SELECT doc FROM temp.allowed)"
        return where, params

    def rank(
        self, query: str, ranges: list[tuple[int, int]] | None, allowed: set[int] | None, limit: int | None, offset: int
    ) -> list[tuple[int, float]]:
        """(row id, score) of the best hits of the FTS5 *query*: highest score first, then row order."""
        with self._lock:
            where, params = self._where(query, ranges, allowed)
            sql = f"SELECT rowid, {_RANK} AS r FROM docs WHERE {where} ORDER BY r, rowid LIMIT ? OFFSET ?"  # noqa: S608 - no user text
            rows = self._con.execute(sql, [*params, -1 if limit is None else limit, offset]).fetchall()
        return [(doc, -rank) for doc, rank in rows]

    def forms(self, word: str) -> tuple[bool, bool]:
        """Whether the index holds *word* itself, and whether it holds a longer word *word* begins."""
        with self._lock:
            if not self._vocabulary:
                self._con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, docs, row)")
                self._vocabulary = True
            whole = self._con.execute("SELECT 1 FROM temp.vocabulary WHERE term = ?", (word,)).fetchone()
            after = self._con.execute(
                "SELECT term FROM temp.vocabulary WHERE term > ? ORDER BY term LIMIT 1", (word,)
            ).fetchone()
        return whole is not None, after is not None and str(after[0]).startswith(word)

    def exists(self, query: str) -> bool:
        """Whether the FTS5 *query* matches any row."""
        with self._lock:
            return self._con.execute("SELECT 1 FROM docs WHERE docs MATCH ? LIMIT 1", (query,)).fetchone() is not None

    def count(self, query: str, ranges: list[tuple[int, int]] | None, allowed: set[int] | None) -> int:
        """How many rows the FTS5 *query* matches."""
        with self._lock:
            where, params = self._where(query, ranges, allowed)
            (n,) = self._con.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()  # noqa: S608
        return int(n)


def build(ds: Dataset) -> SearchIndex:
    """A new in-memory index of *ds*."""
    con = _connect()
    return SearchIndex(con, _fill(con, ds))


def _stored_hash(path: Path) -> str | None:
    try:
        con = _connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'content'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return None if row is None else str(row[0])


def open_or_build(ds: Dataset, path: str | os.PathLike[str]) -> tuple[SearchIndex, bool]:
    """The index of *ds* kept in the file *path*: reused when built from the same content, else rebuilt there.

    Returns the index and whether it was rebuilt. The file is replaced atomically.
    """
    target = Path(path)
    wanted = content_hash(ds)
    if target.is_file() and _stored_hash(target) == wanted:
        return SearchIndex(_connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)), False
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = _connect(tmp)
        try:
            _fill(con, ds)
            con.execute("INSERT INTO meta VALUES ('format', ?), ('content', ?)", (FORMAT, wanted))
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return SearchIndex(_connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)), True
