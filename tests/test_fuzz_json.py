"""Fuzzing from_json with hypothesis: mutated documents either load or raise DatasetError.

Nothing else may escape: no KeyError, TypeError, AttributeError, RecursionError or
UnicodeError. A document that loads must also write and read back equal. The
examples are bounded here; ``tests/fuzz/`` holds an atheris harness for long runs.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from conftest import small_records

SMALL_DOC: Any = json.loads(md.to_json(md.Dataset(**small_records())))
SMALL_TEXT = md.to_json(md.Dataset(**small_records())).encode()

# Values a hostile document might hold: every JSON type, and the near-misses of ours.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from([
        "", " ", "hamas", "israel", "src", "hostages", "person", "occurred", "demand", "supports",
        "2025", "2025-08", "2025-02-30", "2025-13-40", "163", "SANCTION", "ISR", "1", "0", "-1", "\ud800",
    ]),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def _containers(node: Any, out: list[Any]) -> list[Any]:
    """Every dict and list inside *node*, in document order (the places a mutation can hit)."""
    if isinstance(node, (dict, list)):
        out.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, out)
    return out


def _mutate(doc: Any, data: st.DataObject) -> None:
    """Apply one random mutation at a random place in *doc*."""
    target = data.draw(st.sampled_from(_containers(doc, [])), label="target")
    if isinstance(target, dict):
        action = data.draw(st.sampled_from(["replace", "delete", "add", "rename"]), label="dict action")
        keys = list(target)
        if not keys or action == "add":
            target[data.draw(st.text(max_size=12), label="new key")] = data.draw(JSON_VALUES, label="new value")
            return
        key = data.draw(st.sampled_from(keys), label="key")
        if action == "replace":
            target[key] = data.draw(JSON_VALUES, label="value")
        elif action == "delete":
            del target[key]
        else:
            target[key + data.draw(st.sampled_from(["_", "s", " "]), label="suffix")] = target.pop(key)
        return
    action = data.draw(st.sampled_from(["replace", "delete", "duplicate", "append"]), label="list action")
    if not target or action == "append":
        target.append(data.draw(JSON_VALUES, label="item"))
        return
    index = data.draw(st.integers(0, len(target) - 1), label="index")
    if action == "replace":
        target[index] = data.draw(JSON_VALUES, label="item")
    elif action == "delete":
        del target[index]
    else:
        target.append(json.loads(json.dumps(target[index])))


def _check(text: str | bytes) -> None:
    """from_json either loads (and then round-trips) or raises DatasetError with problems."""
    try:
        ds = md.from_json(text)
    except md.DatasetError as exc:
        error = exc
    else:
        assert md.from_json(md.to_json(ds)) == ds
        return
    assert error.problems
    assert all(isinstance(p.path, str) and p.message for p in error.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), rounds=st.integers(1, 4))
def test_mutated_documents_raise_only_dataset_error(data: st.DataObject, rounds: int) -> None:
    """One to four structural mutations of a valid document never raise anything but DatasetError."""
    doc = json.loads(json.dumps(SMALL_DOC))
    for _ in range(rounds):
        _mutate(doc, data)
    _check(json.dumps(doc))


@settings(max_examples=300, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["flip", "drop", "insert"]), st.binary(min_size=1, max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_bytes_raise_only_dataset_error(edits: list[tuple[float, str, bytes]]) -> None:
    """Flipped, dropped and inserted bytes anywhere in a valid document never raise anything but DatasetError."""
    data = bytearray(SMALL_TEXT)
    for where, action, blob in edits:
        at = int(where * len(data))
        if action == "flip":
            data[at] ^= blob[0] or 1
        elif action == "drop":
            del data[at : at + len(blob)]
        else:
            data[at:at] = blob
    _check(bytes(data))


@settings(max_examples=200, deadline=None)
@given(value=JSON_VALUES)
def test_arbitrary_json_raises_only_dataset_error(value: Any) -> None:
    """Any JSON value at all, as a document or as a record, gives a result or a DatasetError."""
    text = json.dumps(value)
    _check(text)
    for type_ in (md.Actor, md.Statement, tuple[md.Event, ...]):
        with contextlib.suppress(md.DatasetError):
            md.from_json(text, type_)
