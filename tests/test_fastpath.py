"""Every way a JSON document is read gives the strict reader's datasets and problems.

A document is parsed by the quickest parser that can vouch for its text (msgspec mirrors
of the record classes, a plain-value parse by msgspec or the stdlib), else by the strict
parser, which reports what is wrong; the records are always built by the one engine
(:mod:`mideastdata.io._engine`). The strict way, ``build_document(strict(data))``, is the
reference here: for every input, every other way either declines (``None``) or gives the
reference's outcome, the same Dataset or the same problems.
"""

from __future__ import annotations

import copy
import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from conftest import small_records
from mideastdata import _codegen
from mideastdata._schema import TABLES as TABLE_TYPES
from mideastdata.io import _fast_write, _jsonload, _text
from mideastdata.io._document import build_document
from mideastdata.io.json import dumps
from mideastdata.limits import DEFAULT_LIMITS, Limits
from strategies import datasets
from test_hostile_json import DOC_CASES, RAW_CASES, DocCase

Parse = Callable[[bytes], Any]
PARSERS: list[tuple[str, Parse]] = [("json", _text._stdlib)]
try:
    import msgspec

    PARSERS.append(("msgspec", msgspec.json.decode))
except ImportError:  # pragma: no cover - the test extra installs msgspec
    pass

Outcome = md.Dataset | tuple[md.Problem, ...]
Loader = Callable[[str | bytes, Limits], Outcome | None]


def _outcome(build: Callable[[], md.Dataset | None]) -> Outcome | None:
    try:
        return build()
    except md.DatasetError as exc:
        return exc.problems


def _raw(data: str | bytes) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def _plain_loader(parse: Parse) -> Loader:
    """The plain-value way with *parse*: declines where :func:`_text.quick` would."""

    def load(data: str | bytes, limits: Limits) -> Outcome | None:
        raw = _raw(data)
        if raw.startswith(b"\xef\xbb\xbf") or _text.has_escape(raw):
            return None
        try:
            doc = parse(raw)
        except Exception:  # noqa: BLE001 - the strict parser reports it
            return None
        if _text.may_repeat_keys(raw, _text.keys_in(doc)):
            return None
        return _outcome(lambda: build_document(doc, limits=limits))

    return load


def _mirror_loader(data: str | bytes, limits: Limits) -> Outcome | None:
    return _outcome(lambda: _jsonload.load_mirrored(_raw(data), limits, None))


LOADERS: list[tuple[str, Loader]] = [(name, _plain_loader(parse)) for name, parse in PARSERS]
if len(PARSERS) > 1:
    LOADERS.append(("msgspec-mirrors", _mirror_loader))


def _reference(data: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    found = _outcome(lambda: build_document(_text.strict(data, None), limits=limits, surrogates=True))
    assert found is not None
    return found


def _public(data: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    try:
        return md.from_json(data, limits=limits)
    except md.DatasetError as exc:
        return exc.problems


def _check_same(data: str | bytes, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """Assert every way agrees on *data*; return the reference outcome."""
    expected = _reference(data, limits)
    for name, load in LOADERS:
        found = load(data, limits)
        if found is not None:
            assert found == expected, name
            if isinstance(found, md.Dataset) and isinstance(expected, md.Dataset):
                assert md.to_json(found) == md.to_json(expected)
    assert _public(data, limits) == expected
    return expected


def _small_doc() -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(md.to_json(md.Dataset(**small_records())))
    return parsed


def _bytes(doc: Any, *, ascii_only: bool = True, indent: int | None = None) -> bytes:
    return json.dumps(doc, ensure_ascii=ascii_only, indent=indent).encode("utf-8")


@pytest.mark.parametrize("case", DOC_CASES, ids=[c.id for c in DOC_CASES])
def test_hostile_documents_get_the_reference_problems(case: DocCase) -> None:
    """Every hostile document of the JSON suite gets the same problems on both paths."""
    doc = _small_doc()
    case.mutate(doc)
    outcome = _check_same(_bytes(doc))
    assert not isinstance(outcome, md.Dataset)


@pytest.mark.parametrize(("case", "data", "message"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_hostile_bytes_get_the_reference_problem(case: str, data: bytes, message: str) -> None:  # noqa: ARG001
    """Every hostile byte string of the JSON suite gets the same problem on both paths."""
    outcome = _check_same(data)
    assert not isinstance(outcome, md.Dataset)
    assert message in outcome[0].message


def _with_text(doc: dict[str, Any], old: str, new: str) -> bytes:
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_duplicate_key_in_a_record_is_left_to_the_reference_path() -> None:
    """A key given twice in a record (parsers keep the last) is reported, never silently accepted."""
    doc = _small_doc()
    data = _with_text(doc, '"speaker": "hamas"', '"speaker": "israel", "speaker": "hamas"')
    outcome = _check_same(data)
    assert not isinstance(outcome, md.Dataset)
    assert outcome[0].message == "key 'speaker' appears more than once"


def test_duplicate_key_written_with_a_space_before_the_colon_is_caught() -> None:
    """A duplicate key spelled ``"key" : value`` (which the ``":`` count misses) is still reported."""
    doc = _small_doc()
    data = _with_text(doc, '"speaker": "hamas"', '"speaker" : "israel", "speaker" : "hamas"')
    outcome = _check_same(data)
    assert not isinstance(outcome, md.Dataset)
    assert "appears more than once" in outcome[0].message


def test_duplicate_metadata_key_is_caught() -> None:
    """A metadata key given twice at the top level is reported on both paths."""
    doc = _small_doc()
    data = _with_text(doc, '"name": "small"', '"name": "other", "name": "small"')
    outcome = _check_same(data)
    assert not isinstance(outcome, md.Dataset)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"summary": "', '"summary": ":'),  # a string value that starts with a colon: an extra `":`
        ('"speaker"', '"speaker"\n'),  # a line break between a key and its colon
        ('"summary": "', '"summary": "\\u00e9 \\ud83d\\ude00 '),  # escapes, a surrogate pair among them
        ('"condition": null', '"condition": "\\" quoted: \\\\"'),  # escaped quotes and backslashes around a colon
    ],
    ids=["colon-value", "newline-before-colon", "escapes", "escaped-quotes"],
)
def test_unusual_but_valid_text_loads_the_same(old: str, new: str) -> None:
    """Valid documents whose text trips the fast path's cheap checks load the same on both paths."""
    doc = _small_doc()
    outcome = _check_same(_with_text(doc, old, new))
    assert isinstance(outcome, md.Dataset)


def test_record_without_optional_keys_loads_the_same() -> None:
    """A record that leaves out optional keys (defaults apply) gives the same Dataset."""
    doc = _small_doc()
    for key in ("quote", "mentions", "stances", "date", "cameo", "plover"):
        del doc["statements"][0][key]
    del doc["events"][0]["evidence"][0]["quote"]
    doc["events"][0]["evidence"][0]["quote"] = "The EU banned arms sales to Israel."  # keys in another order
    outcome = _check_same(_bytes(doc))
    assert isinstance(outcome, md.Dataset)


def test_missing_optional_metadata_and_tables_load_the_same() -> None:
    """A document without license, citation or some tables gives the same Dataset or problems."""
    doc = _small_doc()
    del doc["license"], doc["citation"], doc["demands"]
    _check_same(_bytes(doc))
    doc = _small_doc()
    del doc["events"]
    _check_same(_bytes(doc))


def test_record_limit_is_enforced_on_both_paths() -> None:
    """A document past ``max_records`` is refused with the reference problem."""
    data = _bytes(_small_doc())
    outcome = _check_same(data, Limits(max_records=3))
    assert not isinstance(outcome, md.Dataset)
    assert "more than the limit of 3" in outcome[0].message


def test_str_input_with_a_lone_surrogate_gets_the_reference_problem() -> None:
    """A ``str`` holding a lone surrogate character (not an escape) is reported, not encoded."""
    data = json.dumps(_small_doc(), ensure_ascii=False).replace("Hamas rules out", "Hamas \ud800 rules out")
    outcome = _check_same(data)
    assert not isinstance(outcome, md.Dataset)
    assert "lone surrogate" in outcome[0].message


def test_bundled_dataset_loads_the_same_on_both_paths() -> None:
    """The bundled document gives the same Dataset on both paths."""
    from importlib import resources

    data = resources.files("mideastdata").joinpath("data").joinpath("mideastdata.json").read_bytes()
    outcome = _check_same(data)
    assert outcome == md.load()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets(), ascii_only=st.booleans(), indent=st.sampled_from([None, 1, 2]))
def test_round_trip_is_the_same_on_both_paths(ds: md.Dataset, ascii_only: bool, indent: int | None) -> None:
    """Any valid dataset, written in any JSON layout, loads to itself on both paths."""
    doc = json.loads(md.to_json(ds))
    data = _bytes(doc, ascii_only=ascii_only, indent=indent)
    assert _check_same(data) == ds
    assert _check_same(md.to_json(ds)) == ds


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


_ODD_VALUES = [1, 0, -1, 1.5, True, None, "", " ", "x", "Hamas", "hamas", "2025-13", "2025", [], ["x"], [1], {}, {"a": 1}]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_mutation_gets_the_same_outcome(data: st.DataObject) -> None:
    """Replacing, deleting or adding any one value anywhere gives the same Dataset or problems on both paths."""
    doc = _small_doc()
    path = data.draw(st.sampled_from(_paths(doc)))
    *parents, last = path
    node: Any = doc
    for step in parents:
        node = node[step]
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        node[last] = copy.deepcopy(data.draw(st.sampled_from(_ODD_VALUES)))
    elif action == "delete":
        del node[last]
    elif isinstance(node, dict):
        node[data.draw(st.sampled_from(["extra", "id", "kind", "evidence"]))] = data.draw(st.sampled_from(_ODD_VALUES))
    else:
        node.append(copy.deepcopy(node[last]))
    _check_same(_bytes(doc))


def test_garbage_collector_state_is_restored() -> None:
    """Loading pauses the garbage collector and restores its state, also when the load fails."""
    data = _bytes(_small_doc())
    assert gc.isenabled()
    md.from_json(data)
    assert gc.isenabled()
    with pytest.raises(md.DatasetError):
        md.from_json(b"{")
    assert gc.isenabled()
    gc.disable()
    try:
        md.from_json(data)
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    """A container that can take part in a reference cycle."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_objects_built_while_paused_need_no_collection_pass_yet_cycles_are_still_freed() -> None:
    """Leaving the pause leaves no backlog of young objects, and garbage cycles made meanwhile are still collected."""
    import weakref

    gc.collect()
    with _text.gc_paused():
        kept: list[list[int]] = [[] for _ in range(50_000)]
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        dead = weakref.ref(a)
        del a, b
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000  # not 50,000: no collection pass is due over what was just built
    assert gc.is_tracked(kept[0])
    assert dead() is not None  # the cycle waits for a full collection ...
    gc.collect()
    assert dead() is None  # ... which frees it


def test_the_quick_parser_is_the_accelerator_for_large_texts() -> None:
    """Texts of 1 MiB or more are parsed by msgspec when the ``fast`` extra is installed, smaller ones by the stdlib."""
    assert _text.quick_parser(10) is _text._stdlib
    parse = _text.quick_parser(_text.ACCELERATE_FROM)
    assert parse(b'{"a": [1, "b", null]}') == {"a": [1, "b", None]}
    assert parse is msgspec.json.decode


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_valid_documents_take_the_fast_path(ds: md.Dataset) -> None:
    r"""A valid document as this library writes it is loaded by the fast path itself, with every parser.

    Unless a string value holds ``":`` or ``" :`` (the key count then cannot rule out a duplicate key)
    or the text holds ``\ud`` (perhaps a surrogate escape, perhaps a text's own backslash: only the
    strict parser can tell, so every quick way declines).
    """
    data = md.to_json(ds).encode("utf-8")
    keys_counted = not _text.may_repeat_keys(data, _text.keys_in(json.loads(data)))
    for _name, load in LOADERS:
        if not keys_counted or _text.has_escape(data):
            assert load(data, DEFAULT_LIMITS) in (None, ds)
        else:
            assert load(data, DEFAULT_LIMITS) == ds


@pytest.mark.parametrize("load", [p for _, p in LOADERS], ids=[n for n, _ in LOADERS])
def test_small_and_bundled_documents_take_the_fast_path(load: Loader) -> None:
    """The test dataset and the bundled dataset are loaded by the fast path itself."""
    from importlib import resources

    small = md.Dataset(**small_records())
    assert load(md.to_json(small), DEFAULT_LIMITS) == small
    bundled = resources.files("mideastdata").joinpath("data").joinpath("mideastdata.json").read_bytes()
    assert load(bundled, DEFAULT_LIMITS) == md.load()


def test_large_documents_take_the_mirror_path_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """With msgspec installed, a document of 1 MiB or more is loaded through the mirrors, and only them."""
    calls: list[int] = []
    real = _jsonload.load_mirrored

    def spy(data: bytes, limits: Limits, file: str | None) -> md.Dataset | None:
        calls.append(len(data))
        return real(data, limits, file)

    monkeypatch.setattr(_jsonload, "load_mirrored", spy)
    monkeypatch.setattr(_jsonload, "quick", _fail_parse)
    small = md.Dataset(**small_records())
    padded = md.to_json(small).replace('"name": "', '"name": "' + "x" * (1 << 20), 1).encode("utf-8")
    loaded = md.from_json(padded)
    assert calls == [len(padded)]
    assert loaded.name.startswith("x" * 1000)
    monkeypatch.setattr(_jsonload, "quick", _text.quick)
    assert md.from_json(md.to_json(small)) == small  # small: the plain-value way
    assert calls == [len(padded)]


def test_a_document_without_optional_keys_takes_the_mirror_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving out every key that has a default keeps a large document on the mirror path, with the same result."""
    monkeypatch.setattr(_jsonload, "quick", _fail_parse)
    small = md.Dataset(**small_records())
    doc = json.loads(md.to_json(small))
    for name, kind in TABLE_TYPES.items():
        defaults = {f.name: f.default for f in attrs.fields(kind) if f.default is not attrs.NOTHING}
        plain = {k: list(v) if isinstance(v, tuple) else v for k, v in defaults.items()}
        for row in doc[name]:
            for key in [k for k, v in row.items() if k in plain and v == plain[k]]:
                del row[key]
    doc["name"] = "x" * (1 << 20)
    text = json.dumps(doc)
    assert '"quote": null' not in text
    assert md.from_json(text) == small.evolve(name="x" * (1 << 20))


def _fail_parse(data: bytes) -> Any:
    """A parser that must not be reached."""
    raise AssertionError(len(data))


# --------------------------------------------------------------------------- writing


def _reference_text(ds: md.Dataset) -> str:
    doc: dict[str, Any] = {key: getattr(ds, key) for key in ("schema_version", "name", "version", "license", "citation")}
    doc.update({name: [_codegen.unstructure(r) for r in table] for name, table in ds.tables().items()})
    return dumps(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_fast_writing_gives_the_reference_text(ds: md.Dataset) -> None:
    """Any dataset is written to exactly the reference text, with and without msgspec, as str and as bytes."""
    expected = _reference_text(ds)
    assert _fast_write.document_text(ds, accelerate=True) == expected
    assert _fast_write.document_text(ds, accelerate=False) == expected
    assert _fast_write.document_bytes(ds, accelerate=True) == expected.encode("utf-8")
    assert md.to_json(ds) == expected


def test_msgspec_writer_is_used_when_installed() -> None:
    """With the ``fast`` extra installed, the writer is msgspec's (so the tests above compare two writers)."""
    assert "msgspec" in dict(PARSERS)
    writer = _fast_write._msgspec_writer()
    assert writer is not None
    assert _fast_write._msgspec_writer() is writer


def test_writing_without_msgspec_gives_the_same_text() -> None:
    """Without the ``fast`` extra (msgspec not importable) the standard library writes the same text."""
    ds = _dated(2)
    expected = _reference_text(ds)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setitem(sys.modules, "msgspec", None)  # import msgspec now raises ImportError
            _fast_write._msgspec_writer.cache_clear()
            assert _fast_write.document_text(ds) == expected
            assert _fast_write._msgspec_writer() is None
            assert _fast_write.document_bytes(ds) == expected.encode("utf-8")
            assert md.to_json(ds) == expected
    finally:
        _fast_write._msgspec_writer.cache_clear()
    assert _fast_write._msgspec_writer() is not None


def test_msgspec_structs_mirror_the_schema() -> None:
    """Each table's generated Struct has the record class's fields, in schema order."""
    writer = _fast_write._msgspec_writer()
    assert writer is not None
    assert set(writer.structs) == set(TABLE_TYPES.values())
    for name, opening, cls in writer.tables:
        assert cls is TABLE_TYPES[name]
        list_type, date_fields = writer.structs[cls]
        (struct,) = list_type.__args__
        assert struct.__struct_fields__ == tuple(f.name for f in attrs.fields(cls))
        assert json.loads(b'{"x": 0' + opening + b"]}") == {"x": 0, name: []}
        assert set(date_fields) == {f.name for f in attrs.fields(cls) if "PartialDate" in str(f.type)}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets(), size=st.integers(1, 3))
def test_writing_in_small_slices_gives_the_reference_text(ds: md.Dataset, size: int) -> None:
    """Tables written a few records at a time (every slice boundary exercised) give the reference text."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_fast_write, "_SLICE", size)
        assert _fast_write.document_text(ds) == _reference_text(ds)


def _reference_records_text(records: Any) -> str:
    return dumps([_codegen.unstructure(r) for r in records])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets(), size=st.integers(1, 3), cut=st.integers(0, 4))
def test_a_table_or_its_records_are_written_as_the_reference_text(ds: md.Dataset, size: int, cut: int) -> None:
    """``md.to_json`` of a table, or of a tuple of its records, gives the reference text, in any slices."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_fast_write, "_SLICE", size)
        for table in ds.tables().values():
            assert md.to_json(table) == _reference_records_text(table)
            assert md.to_json(table.records[cut:]) == _reference_records_text(table.records[cut:])


def test_records_with_dates_of_every_precision_are_written_as_the_reference_text() -> None:
    ds = _dated(3)
    for table in ds.tables().values():
        assert _fast_write.records_text(table.records) == _reference_records_text(table)


def test_records_of_several_classes_or_none_are_written_by_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tuple mixing record classes, or holding no table record, is not for the msgspec writer."""
    ds = md.Dataset(**small_records())
    mixed = (ds.actors[0], ds.topics[0], ds.actors[1])
    evidence = ds.statements[0].evidence
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_fast_write, "_write_records", _never)  # the msgspec writer is not asked
        assert _fast_write.records_text(mixed) == _reference_records_text(mixed)
        assert _fast_write.records_text(evidence) == _reference_records_text(evidence)  # no table of their own
        assert _fast_write.records_text(()) == "[]\n" == dumps([])
    assert md.to_json(mixed) == _reference_records_text(mixed)
    assert md.to_json(evidence) == _reference_records_text(evidence)  # type: ignore[arg-type]  # not a table's record, yet written
    monkeypatch.setattr(_fast_write, "_msgspec_writer", lambda: None)
    monkeypatch.setattr(_fast_write, "_write_records", _never)
    assert _fast_write.records_text(ds.actors.records) == _reference_records_text(ds.actors)
    assert md.to_json(ds.actors) == _reference_records_text(ds.actors)


def _never(*_: Any, **__: Any) -> None:
    raise AssertionError("the msgspec writer was used")


def _dated(day: int) -> md.Dataset:
    """The small dataset with dates of every precision in every date field, some shared, some alike."""
    records = small_records()
    src = records["sources"][0]
    stmt = records["statements"][0]
    event = records["events"][0]
    dates = [
        md.PartialDate(year=2025),
        md.PartialDate(year=2025, month=8),
        md.PartialDate(year=2025, month=8, day=day),
        md.PartialDate(year=2025, month=8, day=day),  # an equal date, another object
        md.PartialDate(year=25, month=1, day=1),  # zero-padded in ISO form
        None,
    ]
    records["sources"] = (attrs.evolve(src, published=md.PartialDate(year=2025, month=8)),)
    records["statements"] = tuple(
        attrs.evolve(stmt, id=f"stmt-{i}", date=date, **({} if i % 2 else {"quote": "Hamas", "attribution": md.Attribution.DIRECT}))
        for i, date in enumerate(dates)
    )
    records["events"] = tuple(attrs.evolve(event, id=f"evt-{i}", date=date) for i, date in enumerate(reversed(dates)))
    return md.Dataset(**records)


@pytest.mark.parametrize("size", [1, 2, 256])
def test_dates_are_written_as_iso_text_in_every_field(size: int) -> None:
    """Dates of year, month and day precision are written as ISO text wherever they occur, one text per date."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_fast_write, "_SLICE", size)
        for day in (2, 31):
            ds = _dated(day)
            text = _fast_write.document_text(ds)
            assert text == _reference_text(ds)
            doc = json.loads(text)
            assert doc["sources"][0]["published"] == "2025-08"
            expected = ["2025", "2025-08", f"2025-08-{day:02d}", f"2025-08-{day:02d}", "0025-01-01", None]
            assert [s["date"] for s in doc["statements"]] == expected
            assert [e["date"] for e in doc["events"]] == expected[::-1]


def test_empty_tables_are_written_like_the_reference() -> None:
    """A dataset with empty tables (and one with nothing but metadata) is written as the reference writes it."""
    records = small_records()
    records.update(statements=(), demands=(), events=())
    for ds in (md.Dataset(**records), md.Dataset(name="empty", version="0.1.0")):
        expected = _reference_text(ds)
        assert _fast_write.document_text(ds) == expected
        written = _fast_write.document_bytes(ds)
        assert type(written) is bytes
        assert written == expected.encode("utf-8")


class _Text(str):
    """A str subclass whose str() differs from its value: the value must be written."""

    __slots__ = ()

    def __str__(self) -> str:
        return "not the value"


def test_str_subclass_values_are_written_as_their_text() -> None:
    """A str subclass where the schema allows one (a topic description) is written as its characters."""
    records = small_records()
    records["topics"] = (*records["topics"], md.Topic(id="sub", label="Sub", description=_Text("the value é")))
    ds = md.Dataset(**records)
    expected = _reference_text(ds)
    assert '"description": "the value é"' in expected
    assert _fast_write.document_text(ds) == expected


def test_writing_restores_the_garbage_collector() -> None:
    """Writing pauses the garbage collector and restores its state."""
    ds = md.Dataset(**small_records())
    assert gc.isenabled()
    md.to_json(ds)
    _fast_write.document_bytes(ds)
    assert gc.isenabled()


_AWKWARD = "".join(map(chr, range(32))) + '"\\/\x7f\x80\xa0\u2028\u2029\ufeff\uffff😀 é ع ש'


def test_fast_writing_escapes_every_awkward_character_like_the_reference() -> None:
    """Control characters, quotes, backslashes, DEL, line separators and astral characters are written the same."""
    records = small_records()
    stmt = records["statements"][0]
    awkward = md.Source(id="awkward", title="Awkward", text=_AWKWARD)
    records["sources"] = (*records["sources"], awkward)
    records["statements"] = (
        attrs.evolve(stmt, summary="summary " + _AWKWARD, quote=_AWKWARD, attribution=md.Attribution.DIRECT,
                     evidence=(*stmt.evidence, awkward.evidence(_AWKWARD))),
    )
    records["topics"] = (*records["topics"], md.Topic(id="awkward", label=_AWKWARD, description=_AWKWARD))
    ds = md.Dataset(**records)
    expected = _reference_text(ds)
    assert _fast_write.document_text(ds, accelerate=True) == expected
    assert _fast_write.document_text(ds, accelerate=False) == expected
    assert md.from_json(expected) == ds


def test_written_file_is_the_utf8_of_to_json(tmp_path: Path) -> None:
    """md.dump to .json writes exactly the UTF-8 bytes of md.to_json, on both writing paths."""
    records = small_records()
    records["topics"] = (*records["topics"], md.Topic(id="awkward", label=_AWKWARD))
    ds = md.Dataset(**records)
    out = md.dump(ds, tmp_path / "out.json")
    assert out.read_bytes() == md.to_json(ds).encode("utf-8") == _reference_text(ds).encode("utf-8")
    assert _fast_write.document_bytes(ds, accelerate=False) == out.read_bytes()
