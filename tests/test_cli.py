"""The installed ``mideastdata`` command, run in a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mideastdata as md


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("mideastdata")
    cmd = [exe] if exe else [sys.executable, "-m", "mideastdata"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, check=False, timeout=60)


def test_info_summarises_bundled_data() -> None:
    """`info` prints counts per table, actors with roles, and demands as who → of whom: what."""
    ds = md.load()
    result = run("info")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    counts = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[3:9]}
    assert counts == {name: len(table) for name, table in ds.tables().items()}
    assert "Steve Witkoff [person] — special envoy of Donald Trump" in out
    assert "Israel → Hamas:" in out
    assert result.stderr == ""


def test_python_dash_m_works() -> None:
    """`python -m mideastdata info` is the same program."""
    result = subprocess.run([sys.executable, "-m", "mideastdata", "info"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "Actors" in result.stdout


def test_invalid_file_exits_1(tmp_path: Path) -> None:
    """Invalid data exits 1 with the problems on stderr and no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", "name": "x", "version": "1.0.0", "actors": [{"id": "A"}]}')
    result = run("info", str(bad))
    assert result.returncode == 1
    assert "actors[0]" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("--nope",), ("frobnicate",)])
def test_usage_error_exits_2(args: tuple[str, ...]) -> None:
    """Usage errors exit 2 with a message on stderr."""
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_no_command_is_info() -> None:
    """Without a command the program shows info, the main view."""
    assert run().stdout == run("info").stdout


@pytest.mark.parametrize("command", ["", "info", "actors", "statements", "demands", "events", "export", "validate", "schema"])
def test_help_everywhere(command: str) -> None:
    """--help works for the program and every command, exits 0 and prints usage."""
    result = run(*([command] if command else []), "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: mideastdata")
    assert result.stderr == ""


def test_statements_by_an_alias_as_json() -> None:
    """`statements --by NAME --format json` lists exactly that speaker's statements, resolving aliases."""
    ds = md.load()
    result = run("statements", "--by", "Vitikoff", "--format", "json")
    assert result.returncode == 0, result.stderr
    got = md.from_json(result.stdout, tuple[md.Statement, ...])
    assert got == tuple(s for s in ds.statements if s.speaker == "steve-witkoff")
    assert got


def test_demands_of_about_as_csv() -> None:
    """`demands --of X --about T --format csv` is the CSV export's encoding of the matching demands."""
    import csv
    import io

    ds = md.load()
    demand = next(d for d in ds.demands if d.addressee)
    result = run("demands", "--of", demand.addressee or "", "--about", demand.topic, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    expected = [d.id for d in ds.demands if d.addressee == demand.addressee and d.topic == demand.topic]
    assert [r["id"] for r in rows] == expected


def test_events_involving_as_table() -> None:
    """`events --involving X` prints a table with one line per matching event and a count."""
    ds = md.load()
    actor = ds.events[0].actors[0]
    expected = [e.id for e in ds.events if actor in (*e.actors, *e.targets)]
    result = run("events", "--involving", actor)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "kind", "status"]
    assert [line.split()[0] for line in lines[1:-1]] == expected
    assert lines[-1] == f"({len(expected)} event{'s' if len(expected) != 1 else ''})"


def test_search_finds_words_in_evidence() -> None:
    """`statements --search` matches words in summaries and evidence, ignoring case."""
    ds = md.load()
    result = run("statements", "--search", "ARMED resistance", "--format", "json")
    assert result.returncode == 0, result.stderr
    ids = [s.id for s in md.from_json(result.stdout, tuple[md.Statement, ...])]
    assert ids
    for sid in ids:
        record = ds.statements[sid]
        text = " ".join([record.summary, record.quote or "", *(e.quote for e in record.evidence)]).lower()
        assert "armed" in text
        assert "resistance" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("statements", "--by", "hamass"), "did you mean"),
        (("demands", "--about", "no-such-topic"), "no topic matches"),
        (("actors", "--by", "hamas"), "unrecognized arguments"),
        (("events", "--format", "xml"), "invalid choice"),
        (("export", "--format", "csv"), "--out"),
    ],
)
def test_usage_errors_name_the_problem(args: tuple[str, ...], message: str) -> None:
    """Unknown actors, topics, options and formats exit 2 with a message on stderr and no traceback."""
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "datapackage", "parquet"])
def test_export_then_validate(tmp_path: Path, fmt: str) -> None:
    """`export` writes a dataset that `validate` accepts and md.load reads back equal."""
    out = tmp_path / ("out.json" if fmt == "json" else "out")
    result = run("export", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert md.load(out) == md.load()
    checked = run("validate", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "valid" in checked.stdout


def test_export_refuses_a_foreign_folder(tmp_path: Path) -> None:
    """Exporting over a folder of other files exits 2 and leaves it alone."""
    (tmp_path / "notes.txt").write_text("mine")
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "notes.txt" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    """`validate` on a broken export lists every problem with its path and exits 1."""
    out = md.dump(md.load(), tmp_path / "out", format="jsonl")
    lines = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"kind":"', '"kind":"x', 1)
    lines[1] = lines[1].replace('"attribution":"', '"attribution":"y', 1)
    (out / "statements.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", str(out))
    assert result.returncode == 1
    assert "2 problems found" in result.stderr
    assert "statements[0].kind" in result.stderr
    assert "statements[1].attribution" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_structure_then_references(tmp_path: Path) -> None:
    """A dangling reference in a JSON document is reported with its path and a suggestion."""
    doc = json.loads(md.to_json(md.load()))
    doc["statements"][0]["speaker"] = "hamass"
    doc["demands"][0]["topic"] = "no-such-topic"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "2 problems found" in result.stderr
    assert "statements[0].speaker: unknown actor 'hamass'" in result.stderr
    assert "demands[0].topic" in result.stderr


def test_validate_missing_path_exits_1(tmp_path: Path) -> None:
    """A path that does not exist is reported, not a traceback."""
    result = run("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr


def test_schema_prints_the_json_schema() -> None:
    """`schema` prints md.json_schema() as JSON."""
    result = run("schema")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == md.json_schema()


def test_listing_a_users_dataset(tmp_path: Path) -> None:
    """A listing command reads a dataset path given after it."""
    path = md.dump(md.load(), tmp_path / "out", format="csv")
    result = run("actors", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert md.from_json(result.stdout, tuple[md.Actor, ...]) == md.load().actors.records
