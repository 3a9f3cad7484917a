"""Hostile JSON: whatever arrives, from_json and md.load answer with one DatasetError.

Every case is checked three ways: ``md.from_json`` on the text, ``md.load`` on a
``.json`` file (the error names the file) and ``mideastdata validate`` (exit 1).
Each case states the exact problem paths it must produce.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata import cli

Doc = dict[str, Any]
Mutation = Callable[[Doc], None]

TEXT_LEN = 109  # len(conftest.TEXT): offsets just past the end of the small source


def _set(path: str, value: object) -> Mutation:
    """A mutation that sets the value at a dotted path such as ``actors.0.name``."""

    def mutate(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for step in parents:
            node = node[int(step)] if isinstance(node, list) else node[step]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for step in parents:
            node = node[int(step)] if isinstance(node, list) else node[step]
        del node[last]

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(doc: Doc) -> None:
        for m in mutations:
            m(doc)

    return mutate


def _append_copy(table: str, index: int) -> Mutation:
    def mutate(doc: Doc) -> None:
        doc[table].append(json.loads(json.dumps(doc[table][index])))

    return mutate


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


class DocCase(NamedTuple):
    """A mutation of the small document, the exact problem paths, a fragment of the first message."""

    id: str
    mutate: Mutation
    paths: list[str]
    message: str


DOC_CASES: list[DocCase] = [
    DocCase("int-for-string", _set("actors.0.name", 1), ["actors[0].name"], "expected a string, got int 1"),
    DocCase("string-for-int", _set("statements.0.evidence.0.start", "1"), ["statements[0].evidence[0].start"], "expected an integer, got str '1'"),
    DocCase("float-for-int", _set("statements.0.evidence.0.start", 0.0), ["statements[0].evidence[0].start"], "expected an integer"),
    DocCase("bool-for-int", _set("statements.0.evidence.0.end", value=True), ["statements[0].evidence[0].end"], "expected an integer"),
    DocCase("string-for-bool", _set("actors.0.anonymous", "false"), ["actors[0].anonymous"], "expected true or false"),
    DocCase("int-for-bool", _set("actors.0.anonymous", 0), ["actors[0].anonymous"], "expected true or false"),
    DocCase("null-for-required", _set("demands.0.text", None), ["demands[0].text"], "expected a string, got null"),
    DocCase("string-for-list", _set("actors.2.aliases", "EU"), ["actors[2].aliases"], "expected a list"),
    DocCase("int-in-list", _set("actors.2.aliases", ["EU", 7]), ["actors[2].aliases[1]"], "expected a string"),
    DocCase("object-for-list", _set("actors", {"hamas": {}}), ["actors"], "expected a list"),
    DocCase("string-for-record", _set("actors.0", "hamas"), ["actors[0]"], "expected a JSON object"),
    DocCase("null-for-record", _set("topics.1", None), ["topics[1]"], "expected a JSON object"),
    DocCase("list-for-nested-record", _set("actors.0.evidence.0", [0, 5]), ["actors[0].evidence[0]"], "expected a JSON object"),
    DocCase("unknown-field", _set("events.0.colour", "red"), ["events[0]"], "unknown field 'colour'"),
    DocCase("unknown-nested-field", _set("statements.0.stances.0.strength", 3), ["statements[0].stances[0]"], "unknown field 'strength'"),
    DocCase("unknown-top-level-field", _set("actor", []), [""], "unknown field 'actor'"),
    DocCase("unknown-enum", _set("actors.0.kind", "militia"), ["actors[0].kind"], "expected one of 'person'"),
    DocCase("enum-wrong-case", _set("events.0.status", "Occurred"), ["events[0].status"], "got str 'Occurred'"),
    DocCase("enum-as-list", _set("demands.0.kind", ["demand"]), ["demands[0].kind"], "expected one of"),
    DocCase("missing-required", _delete("statements.0.speaker"), ["statements[0].speaker"], "required field is missing"),
    DocCase("missing-evidence-field", _delete("events.0.evidence.0.quote"), ["events[0].evidence[0].quote"], "required field is missing"),
    DocCase("missing-metadata", _delete("version"), ["version"], "required field is missing"),
    DocCase("duplicate-id", _append_copy("topics", 0), ["topics[3].id"], "duplicate id 'hamas-disarmament' (first at topics[0])"),
    DocCase("dangling-speaker", _set("statements.0.speaker", "hamass"), ["statements[0].speaker"], "unknown actor 'hamass' — did you mean 'hamas'?"),
    DocCase("dangling-topic", _set("events.0.topics.0", "arms"), ["events[0].topics[0]"], "unknown topic 'arms'"),
    DocCase("dangling-statement", _set("demands.0.statement", "stmt-nobody"), ["demands[0].statement"], "unknown statement"),
    DocCase("dangling-source", _set("actors.0.evidence.0.source", "elsewhere"), ["actors[0].evidence[0].source"], "unknown source"),
    DocCase("span-past-end", _all(_set("actors.0.evidence.0.start", TEXT_LEN), _set("actors.0.evidence.0.end", TEXT_LEN + 5)), ["actors[0].evidence[0].end"], "runs past the end"),
    DocCase("wrong-quote", _set("actors.0.evidence.0.quote", "Hamaz"), ["actors[0].evidence[0].quote"], "differs from the source text"),
    DocCase("quote-length-mismatch", _set("actors.0.evidence.0.quote", "Hamas said"), ["actors[0].evidence[0].end"], "quote has 10 characters"),
    DocCase("negative-offset", _all(_set("actors.0.evidence.0.start", -1), _set("actors.0.evidence.0.end", 4)), ["actors[0].evidence[0].start"], "start must be an int >= 0"),
    DocCase("end-before-start", _set("actors.0.evidence.0.end", 0), ["actors[0].evidence[0].end"], "end must be an int > start"),
    DocCase("member-of-self", _set("actors.0.member_of", ["hamas"]), ["actors[0].member_of", "actors[0].member_of"], "cannot be a member of itself"),
    DocCase("member-of-cycle", _all(_set("actors.0.member_of", ["israel"]), _set("actors.1.member_of", ["european-union"]), _set("actors.2.member_of", ["hamas"])), ["actors[2].member_of"], "membership cycle"),
    DocCase("date-13-40", _set("statements.0.date", "2025-13-40"), ["statements[0].date"], "invalid date '2025-13-40'"),
    DocCase("date-feb-30", _set("events.0.date", "2025-02-30"), ["events[0].date"], "day must be an int in 1..28"),
    DocCase("date-year-0", _set("sources.0.published", "0000"), ["sources[0].published"], "year must be an int in 1..9999"),
    DocCase("date-two-digit-year", _set("events.0.date", "25"), ["events[0].date"], "expected a date as YYYY"),
    DocCase("date-full-width-digits", _set("events.0.date", "\uff12\uff10\uff12\uff15"), ["events[0].date"], "expected a date as YYYY"),
    DocCase("date-as-number", _set("events.0.date", 2025), ["events[0].date"], "expected a date string"),
    DocCase("huge-int-offset", _all(_set("actors.0.evidence.0.start", 10**30), _set("actors.0.evidence.0.end", 10**30 + 5)), ["actors[0].evidence[0].end"], "runs past the end"),
    DocCase("huge-int-for-string", _set("topics.0.label", 10**300), ["topics[0].label"], "expected a string, got int"),
    DocCase("deep-value", _set("actors.0.name", _nested(500)), ["actors[0].name"], "expected a string, got list"),
    DocCase("lone-surrogate", _set("statements.0.summary", "ok \ud800"), ["statements[0].summary"], "lone surrogate"),
    DocCase("lone-surrogate-in-metadata", _set("citation", "cut \udfff here"), ["citation"], "lone surrogate"),
    DocCase("not-a-slug", _set("actors.0.id", "Hamas"), ["actors[0].id"], "lowercase slug"),
    DocCase("empty-string", _set("topics.0.label", " "), ["topics[0].label"], "non-empty string"),
    DocCase("bad-country", _set("actors.1.country", "IL"), ["actors[1].country"], "alpha-3"),
    DocCase("unknown-cameo", _set("events.0.cameo", "999"), ["events[0].cameo"], "unknown CAMEO event code '999'"),
    DocCase("unknown-plover", _set("events.0.plover", "PARTY"), ["events[0].plover"], "unknown PLOVER type"),
    DocCase("newer-schema", _set("schema_version", "2.0"), ["schema_version"], "upgrade mideastdata"),
    DocCase("bad-semver", _set("version", "1.0"), ["version"], "SemVer"),
    DocCase("metadata-type", _set("license", ["MIT"]), ["license"], "expected a string, got list"),
    DocCase("every-problem-listed", _all(_set("actors.1.country", 1), _set("topics", "nope"), _set("events.0.status", "done"), _set("events.0.colour", "red")), ["actors[1].country", "topics", "events[0].status", "events[0]"], "expected a string, got int 1"),
]

# (case id, the raw bytes, a fragment of the one message)
RAW_CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "invalid JSON: Expecting value at line 1, column 1"),
    ("whitespace", b" \n\t ", "invalid JSON: Expecting value"),
    ("invalid-json", b'{"name": "x",}', "invalid JSON: Expecting property name"),
    ("single-quotes", b"{'name': 'x'}", "invalid JSON"),
    ("trailing-garbage", b"{} {}", "invalid JSON: Extra data"),
    ("invalid-utf8", b'{"name": "\xff\xfe"}', "not valid UTF-8: invalid start byte at byte 10"),
    ("encoded-surrogate", b'{"name": "\xed\xa0\x80"}', "not valid UTF-8"),
    ("utf16", '{"name": "x"}'.encode("utf-16"), "not valid UTF-8"),
    ("bom", b"\xef\xbb\xbf{}", "byte order mark"),
    ("top-level-list", b"[]", "expected a JSON object, got list"),
    ("top-level-string", b'"dataset"', "expected a JSON object, got str"),
    ("top-level-number", b"42", "expected a JSON object, got int"),
    ("top-level-null", b"null", "expected a JSON object, got null"),
    ("deeply-nested", b"[" * 100_000 + b"]" * 100_000, "invalid JSON: nested too deeply"),
    ("deeply-nested-objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "invalid JSON: nested too deeply"),
    ("huge-integer", b'{"name": ' + b"9" * 10_000 + b"}", "invalid JSON: an integer has more than"),
    ("nan", b'{"name": NaN}', "invalid JSON: NaN is not a JSON number"),
    ("infinity", b'{"name": -Infinity}', "invalid JSON: -Infinity is not a JSON number"),
    ("nul-byte", b'{"name": "a\x00b"}', "invalid JSON: Invalid control character"),
]


@pytest.fixture
def doc(small: md.Dataset) -> Doc:
    parsed: Doc = json.loads(md.to_json(small))
    return parsed


def _error_from_text(data: bytes) -> md.DatasetError:
    with pytest.raises(md.DatasetError) as info:
        md.from_json(data)
    return info.value


def _error_from_file(path: Path) -> md.DatasetError:
    with pytest.raises(md.DatasetError) as info:
        md.load(path)
    return info.value


def _validate_exit(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run ``mideastdata validate PATH`` in process; return the exit status and stderr."""
    status = cli.main(["validate", str(path)])
    return status, capsys.readouterr().err


HAS_VALIDATE = "validate" in cli._parser().format_help()


@pytest.mark.parametrize("case", DOC_CASES, ids=[c.id for c in DOC_CASES])
def test_bad_document_lists_every_problem(
    doc: Doc, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: DocCase
) -> None:
    """A bad document raises DatasetError with exactly the expected paths, from text, from a file, and in validate."""
    case.mutate(doc)
    data = json.dumps(doc).encode("ascii")  # \\u escapes: a lone surrogate stays expressible
    error = _error_from_text(data)
    assert isinstance(error, ValueError)
    assert [p.path for p in error.problems] == case.paths
    assert case.message in error.problems[0].message
    assert len(str(error)) < 2_000, "a hostile value must not flood the message"

    path = tmp_path / f"{case.id}.json"
    path.write_bytes(data)
    from_file = _error_from_file(path)
    assert from_file.file == str(path)
    assert from_file.problems == error.problems
    assert str(from_file).startswith(f"{path}: ")

    if HAS_VALIDATE:
        status, err = _validate_exit(path, capsys)
        assert status == 1
        assert str(path) in err
        for problem in error.problems:
            assert str(problem) in err


@pytest.mark.parametrize(("case", "data", "message"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_bad_bytes_are_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, data: bytes, message: str
) -> None:
    """Bytes that are not a JSON object give one DatasetError naming the file, never a bare exception."""
    error = _error_from_text(data)
    assert len(error.problems) == 1
    assert message in error.problems[0].message, error
    path = tmp_path / f"{case}.json"
    path.write_bytes(data)
    from_file = _error_from_file(path)
    assert from_file.file == str(path)
    assert from_file.problems == error.problems
    if HAS_VALIDATE:
        status, err = _validate_exit(path, capsys)
        assert status == 1
        assert message in err


def test_duplicate_key_is_reported_at_its_object(doc: Doc) -> None:
    """A key given twice in one object is an error at that object, not a silent overwrite."""
    text = json.dumps(doc, indent=1).replace('"name": "Israel",', '"name": "Israel",\n"name": "Israël",')
    error = _error_from_text(text.encode())
    assert [str(p) for p in error.problems] == ["actors[1]: key 'name' appears more than once"]


def test_duplicate_top_level_key(doc: Doc) -> None:
    """A document key given twice is reported at the document."""
    text = json.dumps(doc).replace('"version": "1.0.0"', '"version": "1.0.0", "version": "2.0.0"')
    error = _error_from_text(text.encode())
    assert [str(p) for p in error.problems] == ["key 'version' appears more than once"]


@settings(max_examples=60, deadline=None)
@given(cut=st.floats(0.0, 1.0, exclude_max=True))
def test_truncated_file_is_a_dataset_error(cut: float) -> None:
    """The bundled document cut anywhere (even inside a UTF-8 sequence) is a DatasetError, never a crash."""
    data = md.to_json(md.load()).rstrip().encode("utf-8")
    error = _error_from_text(data[: int(len(data) * cut)])
    assert error.problems
    assert all(p.message for p in error.problems)


def test_truncated_inside_a_character() -> None:
    """A file cut inside a multi-byte character says it is not valid UTF-8."""
    data = json.dumps({"name": "Isra\u00ebl"}, ensure_ascii=False).encode()
    cut = data.index("\u00eb".encode()) + 1
    error = _error_from_text(data[:cut])
    assert "not valid UTF-8: unexpected end of data" in error.problems[0].message


def test_very_long_strings_load_and_round_trip(doc: Doc) -> None:
    """Long but valid strings (a 2 MB summary) load and round-trip unchanged."""
    summary = "peace " * 350_000
    doc["statements"][0]["summary"] = summary
    ds = md.from_json(json.dumps(doc))
    assert ds.statements[0].summary == summary
    assert md.from_json(md.to_json(ds)) == ds


def test_very_long_bad_value_keeps_the_message_short(doc: Doc) -> None:
    """A 1 MB id that is not a slug is reported with a bounded message."""
    doc["actors"][0]["id"] = "X" * 1_000_000
    error = _error_from_text(json.dumps(doc).encode())
    assert error.problems[0].path == "actors[0].id"
    assert len(str(error)) < 2_000


@pytest.mark.parametrize("type_", [md.Actor, md.Topic, tuple[md.Topic, ...], md.Evidence])
@pytest.mark.parametrize("text", ["", "[", "null", "1", '"x"', "[1]", '{"id": 1}', '{"x": []}', "[[[]]]"])
def test_from_json_of_parts_raises_dataset_error(type_: Any, text: str) -> None:
    """from_json for records and tuples of records raises DatasetError on any bad input."""
    with pytest.raises(md.DatasetError):
        md.from_json(text, type_)


def test_missing_file_is_a_dataset_error(tmp_path: Path) -> None:
    """A path that does not exist is a DatasetError naming it."""
    path = tmp_path / "absent.json"
    error = _error_from_file(path)
    assert error.file == str(path)


def test_folder_named_json_is_a_dataset_error(tmp_path: Path) -> None:
    """A folder where a .json file is expected is a DatasetError, not an IsADirectoryError."""
    path = tmp_path / "looks.json"
    path.mkdir()
    error = _error_from_file(path)
    assert error.file == str(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bad.json", b'{"name": 1, "actors": [{"id": "X"}]}'),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        ("huge.json", b'{"name": ' + b"9" * 10_000 + b"}"),
        ("latin1.json", '{"name": "Isra\u00ebl"}'.encode("latin-1")),
    ],
)
def test_installed_validate_command_exits_1(tmp_path: Path, name: str, data: bytes) -> None:
    """The real `mideastdata validate` on hostile files exits 1, names the file on stderr, and prints no traceback."""
    import shutil
    import subprocess
    import sys

    path = tmp_path / name
    path.write_bytes(data)
    exe = shutil.which("mideastdata")
    cmd = [exe] if exe else [sys.executable, "-m", "mideastdata"]
    result = subprocess.run([*cmd, "validate", str(path)], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
