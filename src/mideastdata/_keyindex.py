"""A key index over named fields of a table's records, built in two steps.

``by()``, ``of()``, ``about()``, ``involving()`` and ``where()`` look keys up in
a :class:`KeyIndex`: key -> ascending positions of the records whose fields hold
it. No single query pays more than one pass over the records:

1. the first queries of an index, for up to :data:`SCANNED_KEYS` distinct keys,
   each test every record once, with the same bytecode a list comprehension runs
   (``[r.speaker == key for r in records]``, positions picked by
   ``itertools.compress``), and keep their answers;
2. the first query for yet another key groups the records into the whole index
   in one loop (which costs 3-7 such scans at a million records); every later
   query is a dictionary lookup.

Scanning first is the ski-rental bargain: a session that asks for a few keys
never pays for the grouping, and one that asks for many pays at most
:data:`SCANNED_KEYS` scans more than grouping at once would have cost.

Both functions are generated per set of fields from the model's field names
(:func:`mideastdata._codegen.compile_source`), so attribute reads are the
interpreter's specialised slot reads, not ``getattr`` calls. A field that holds a
tuple (``topics``, ``mentions``) contributes each item as a key; with ``whole``,
also the tuple itself (``where(topics=(...))``). With ``skip_none``, ``None`` is
no key (an optional role such as a demand's addressee). A key held twice by one
record counts once. With ``identity`` (one field whose values are singletons: enum
members and ``None``), records are grouped by ``id()``, which spares a call of the
enum's ``__hash__`` (Python code) per record.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["SCANNED_KEYS", "Fields", "KeyIndex"]

SCANNED_KEYS = 4
"""How many distinct keys an index answers by scanning the records before it groups them all."""

Positions = tuple[int, ...]
Grouper = Callable[[tuple[Any, ...]], dict[Hashable, list[int]]]


Fields = tuple[tuple[str, bool], ...]
"""Field names, each with whether it holds a tuple of keys."""
_MADE: dict[tuple[Fields, bool, bool], tuple[Callable[[tuple[Any, ...], Hashable], Positions], Grouper]] = {}
_MADE_LOCK = threading.Lock()


def _holds(fields: Fields, whole: bool) -> str:
    """The test that record ``r`` holds ``key``, as Python source."""
    tests = []
    for name, many in fields:
        if many:
            tests.append(f"(r.{name} == key or key in r.{name})" if whole else f"key in r.{name}")
        else:
            tests.append(f"r.{name} == key")
    return " or ".join(tests)


def _source(fields: Fields, whole: bool, identity: bool = False) -> str:
    for name, _ in fields:
        if not name.isidentifier():  # names come from the model's classes; never anything else
            msg = f"not a field name: {name!r}"
            raise ValueError(msg)
    keys = ", ".join(f"r.{name}" if not many or whole else f"*r.{name}" for name, many in fields)
    keys += "".join(f", *r.{name}" for name, many in fields if many and whole)
    if identity and len(fields) == 1 and not fields[0][1]:
        loop = [
            f"        value = r.{fields[0][0]}",
            "        hits = get(id(value))",
            "        if hits is None:",
            "            lists[id(value)] = [pos]",
            "            values[id(value)] = value",
            "        else:",
            "            hits.append(pos)",
        ]
    elif len(fields) == 1 and not fields[0][1]:
        loop = [
            f"        key = r.{fields[0][0]}",
            "        hits = get(key)",
            "        if hits is None:",
            "            lists[key] = [pos]",
            "        else:",
            "            hits.append(pos)",
        ]
    else:
        loop = [
            f"        for key in {f'r.{fields[0][0]}' if len(fields) == 1 and not whole else f'({keys},)'}:",
            "            hits = get(key)",
            "            if hits is None:",
            "                lists[key] = [pos]",
            "            elif hits[-1] != pos:",
            "                hits.append(pos)",
        ]
    return "\n".join([
        "def scan(records, key):",
        f"    return tuple(compress(count(), [{_holds(fields, whole)} for r in records]))",
        "",
        "def group(records):",
        "    lists = {}",
        "    values = {}",
        "    get = lists.get",
        "    pos = -1",
        "    for r in records:",
        "        pos += 1",
        *loop,
        "    return {values[k]: v for k, v in lists.items()} if values else lists",
        "",
    ])


def _made(
    fields: Fields, whole: bool, identity: bool = False
) -> tuple[Callable[[tuple[Any, ...], Hashable], Positions], Grouper]:
    found = _MADE.get((fields, whole, identity))
    if found is None:
        with _MADE_LOCK:
            found = _MADE.get((fields, whole, identity))
            if found is None:
                from ._codegen import compile_source  # noqa: PLC0415 - only once a query needs an index

                label = ",".join(name for name, _ in fields) + " whole" * whole + " identity" * identity
                namespace = compile_source(
                    _source(fields, whole, identity), f"<mideastdata key index {label}>",
                    {"compress": itertools.compress, "count": itertools.count},
                )
                found = (namespace["scan"], namespace["group"])
                _MADE[fields, whole, identity] = found
    return found


class KeyIndex:
    """Key -> ascending record positions, for the fields *fields* (each ``(name, holds a tuple)``)."""

    __slots__ = ("_built", "_fields", "_identity", "_lock", "_records", "_scanned", "_skip_none", "_whole")

    def __init__(  # noqa: PLR0913 - the records, the fields, the lock and how the fields give keys
        self,
        records: tuple[Any, ...],
        fields: Fields,
        lock: threading.RLock,
        *,
        whole: bool = False,
        skip_none: bool = False,
        identity: bool = False,
    ) -> None:
        self._records = records
        self._identity = identity
        self._fields = fields
        self._lock = lock
        self._whole = whole
        self._skip_none = skip_none
        self._scanned: dict[Hashable, Positions] = {}  # the keys answered by a scan, until grouped
        self._built: dict[Hashable, Positions] | None = None

    def get(self, key: Hashable) -> Positions:
        """The positions of the records that hold *key*, ascending."""
        hash(key)  # an unhashable key is a TypeError, as for a dict
        built = self._built
        if built is not None:
            return built.get(key, ())
        if key is None and self._skip_none:
            return ()
        with self._lock:
            if self._built is not None:
                return self._built.get(key, ())
            hits = self._scanned.get(key)
            if hits is not None:
                return hits
            if len(self._scanned) < SCANNED_KEYS:
                hits = _made(self._fields, self._whole)[0](self._records, key)
                self._scanned[key] = hits
                return hits
            return self.whole().get(key, ())

    def whole(self) -> dict[Hashable, Positions]:
        """The whole index (built now if it is not yet), keys in order of first appearance."""
        built = self._built
        if built is None:
            with self._lock:
                built = self._built
                if built is None:
                    built = self._group()
                    self._built = built
                    self._scanned = {}
        return built

    def holds(self, record: Any, key: Hashable) -> bool:
        """Whether *record* holds *key* in one of the fields (what the index says of its position)."""
        if key is None and self._skip_none:
            return False
        for name, many in self._fields:
            value = getattr(record, name)
            if (many and key in value) or ((not many or self._whole) and value == key):
                return True
        return False

    def _group(self) -> dict[Hashable, Positions]:
        lists = _made(self._fields, self._whole, self._identity)[1](self._records)
        if self._skip_none:
            lists.pop(None, None)
        return {k: tuple(v) for k, v in lists.items()}
