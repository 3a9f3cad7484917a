"""The installed ``mideastdata`` command, run in a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import mideastdata as md


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("mideastdata")
    cmd = [exe] if exe else [sys.executable, "-m", "mideastdata"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, check=False, timeout=60, env=env)


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


@pytest.mark.parametrize("command", ["validate", "info", "actors", "export"])
@pytest.mark.parametrize("name", ["nope.json", "nope", "nope.csv"])
def test_missing_path_is_no_such_file_or_folder(tmp_path: Path, command: str, name: str) -> None:
    """A path that does not exist is "no such file or folder", whatever its name, and exits 1."""
    missing = str(tmp_path / name)
    extra = ("--format", "json", "--out", str(tmp_path / "out.json")) if command == "export" else ()
    result = run(command, missing, *extra)
    assert result.returncode == 1
    assert result.stderr == f"mideastdata: {missing}: no such file or folder\n"
    assert not (tmp_path / "out.json").exists()


def test_an_unknown_format_names_the_flag_not_the_python_argument(tmp_path: Path) -> None:
    """`validate` says to pass --format (never format=); the other commands say how to name the path."""
    odd = tmp_path / "data.txt"
    odd.write_text("{}", encoding="utf-8")
    checked = run("validate", str(odd))
    assert checked.returncode == 1
    assert "pass --format, one of json, jsonl, csv, datapackage, parquet" in checked.stderr
    listed = run("info", str(odd))
    assert listed.returncode == 1
    assert "name a .json file" in listed.stderr
    excel = run("export", "--format", "json", "--out", str(tmp_path / "x.json"), "--excel-safe")
    assert excel.returncode == 2
    assert "--excel-safe applies to --format csv only" in excel.stderr
    for result in (checked, listed, excel):
        assert "format=" not in result.stderr
        assert "excel_safe" not in result.stderr


def test_version_prints_library_schema_and_data_versions() -> None:
    """`mideastdata --version` prints the library, schema and bundled-data versions and exits 0."""
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"mideastdata {md.__version__} (schema {md.SCHEMA_VERSION}, bundled data {md.load().version})\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("actors", "--kind", "person"), lambda ds: [a.id for a in ds.actors if a.kind is md.ActorKind.PERSON]),
        (("actors", "--kind", "Armed group"), lambda ds: [a.id for a in ds.actors if a.kind.value == "armed_group"]),
        (("statements", "--kind", "claim"), lambda ds: [s.id for s in ds.statements if s.kind.value == "claim"]),
        (("demands", "--kind", "proposal", "--by", "Vitikoff"),
         lambda ds: [d.id for d in ds.demands if d.kind.value == "proposal" and d.by == "steve-witkoff"]),
        (("events", "--status", "ongoing"), lambda ds: [e.id for e in ds.events if e.status.value == "ongoing"]),
        (("events", "--kind", "diplomatic-effort", "--status", "ongoing"),
         lambda ds: [e.id for e in ds.events if e.kind.value == "diplomatic_effort" and e.status.value == "ongoing"]),
    ],
)
def test_kind_and_status_filters(args: tuple[str, ...], expected: Any) -> None:
    """--kind and --status keep the records of that kind or status, case and hyphens as typed."""
    result = run(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert ids == expected(md.load())
    assert ids


@pytest.mark.parametrize(("args", "message"), [(("events", "--status", "done"), "invalid choice: 'done'"),
                                               (("actors", "--status", "ongoing"), "unrecognized arguments")])
def test_kind_and_status_refuse_unknown_values(args: tuple[str, ...], message: str) -> None:
    """An unknown status, or --status where there is none, is a usage error naming the choices."""
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_cannot_write_exits_3(tmp_path: Path) -> None:
    """An output that cannot be written (its folder is a file) exits 3, says so, and writes nothing."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("mine", encoding="utf-8")
    result = run("export", "--format", "json", "--out", str(blocker / "out.json"))
    assert result.returncode == 3
    assert result.stderr.startswith(f"mideastdata: cannot write {blocker / 'out.json'}: ")
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_missing_extra_exits_4(tmp_path: Path) -> None:
    """Without pyarrow, a parquet export exits 4 with the install hint and writes nothing."""
    fake = tmp_path / "site" / "pyarrow"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("No module named pyarrow")\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    result = run("export", "--format", "parquet", "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 4
    assert "pip install 'mideastdata[parquet]'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_every_exit_status_is_documented() -> None:
    """docs/cli.md and --help list every exit status with its meaning."""
    from mideastdata.cli import EXIT_STATUS

    page = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    rows = {int(line.split("|")[1]) for line in page.splitlines() if line.startswith("| ") and line.split("|")[1].strip().isdigit()}
    assert rows == set(EXIT_STATUS)
    helped = " ".join(run("--help").stdout.split())
    for code, meaning in EXIT_STATUS.items():
        assert f"{code} {' '.join(meaning.split())}" in helped


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


def test_view_that_cannot_be_written_exits_3(tmp_path: Path) -> None:
    """`view --out` into a path whose folder is a file exits 3, like export."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("mine", encoding="utf-8")
    result = run("view", "--out", str(blocker / "page.html"))
    assert result.returncode == 3
    assert result.stderr.startswith(f"mideastdata: cannot write {blocker / 'page.html'}: ")
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_filters_take_a_surname_or_a_cameo_code() -> None:
    """`--by Witkoff` (a surname) and `--of PSEREBHMS` (a CAMEO code) resolve like ds.actor()."""
    ds = md.load()
    by_surname = run("statements", "--by", "Witkoff", "--format", "json")
    assert by_surname.returncode == 0, by_surname.stderr
    assert [s["id"] for s in json.loads(by_surname.stdout)] == ds.statements.by("steve-witkoff").ids()
    of_code = run("demands", "--of", "PSEREBHMS", "--format", "json")
    assert of_code.returncode == 0, of_code.stderr
    assert [d["id"] for d in json.loads(of_code.stdout)] == ds.demands.of("hamas").ids()
    wrong = run("statements", "--by", "Hamas movement")
    assert wrong.returncode == 2
    assert "did you mean 'Hamas'?" in wrong.stderr


def test_import_that_cannot_be_written_exits_3(tmp_path: Path) -> None:
    """`import ... --out` into a path whose folder is a file exits 3, like export and view."""
    coded = tmp_path / "coded"
    assert run("export", "--format", "brat", "--out", str(coded)).returncode == 0
    blocker = tmp_path / "file.txt"
    blocker.write_text("mine", encoding="utf-8")
    result = run("import", str(coded), "--format", "brat", "--out", str(blocker / "back.json"))
    assert result.returncode == 3, result.stderr
    assert f"cannot write {blocker / 'back.json'}" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "mine"
