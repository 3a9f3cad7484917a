"""The evidence commands: ``mideastdata view``, ``show`` and the listings' ``--evidence``."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import mideastdata as md
from mideastdata import cli
from mideastdata.view import _terminal, _words
from view_data import hostile_dataset

if TYPE_CHECKING:
    import pytest

DATA_RE = re.compile(r'<script type="application/json" id="md-data">(.*?)</script>', re.DOTALL)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_view_writes_the_bundled_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``view --out`` writes md.to_html of the bundled dataset and says what it wrote."""
    out = tmp_path / "view.html"
    status, printed, _ = run(capsys, "view", "--out", str(out))
    assert status == 0
    assert out.read_text(encoding="utf-8") == md.to_html(md.load())
    assert printed == f"wrote {out} (39 records, 1 sources)\n".replace(
        "39", str(sum(len(md.load().tables()[n]) for n in ("actors", "statements", "demands", "events")))
    )


def test_view_reads_a_dataset_of_your_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``view PATH --out`` shows the dataset at PATH."""
    data = tmp_path / "hostile.json"
    md.dump(hostile_dataset(), data)
    out = tmp_path / "page.html"
    assert run(capsys, "view", str(data), "--out", str(out))[0] == 0
    found = DATA_RE.search(out.read_text(encoding="utf-8"))
    assert found is not None
    assert json.loads(found.group(1))["title"] == hostile_dataset().name + " 1.0.0"


def test_view_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder as --out is a usage error, and nothing is written."""
    status, _, err = run(capsys, "view", "--out", str(tmp_path))
    assert status == 2
    assert "is a folder" in err
    assert list(tmp_path.iterdir()) == []


def test_view_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    """``view`` without --out is a usage error."""
    assert run(capsys, "view")[0] == 2


def test_show_prints_fields_and_marked_spans(capsys: pytest.CaptureFixture[str]) -> None:
    """``show ID`` piped: the fields in words, then each span in brackets inside its sentence, with its line."""
    ds = md.load()
    stmt = ds.statements["stmt-hamas-armed-resistance"]
    status, printed, _ = run(capsys, "show", stmt.id)
    assert status == 0
    lines = printed.splitlines()
    assert lines[:2] == [f"statement {stmt.id}", "Hamas · position"]
    assert "  speaker      Hamas" in lines
    evidence = lines[lines.index("Evidence") + 1 :]
    assert len(evidence) == len(stmt.evidence)
    for line, span in zip(evidence, ds.quote_spans(stmt), strict=True):
        before, quote, after = _words.context(ds.sources[0].text, span.start, span.end)
        assert line == f"    L5  {before}[{quote}]{after}"
    assert "\x1b" not in printed


def test_show_finds_an_actor_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    """``show`` takes any spelling of an actor, as the listings do."""
    status, printed, _ = run(capsys, "show", "Vitikoff")
    assert status == 0
    assert printed.startswith("actor steve-witkoff\n")


def test_show_an_unknown_id_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id is a usage error naming close ids."""
    status, _, err = run(capsys, "show", "stmt-hamas-armed-resistanse")
    assert status == 2
    assert "stmt-hamas-armed-resistance" in err


def test_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the span is coloured instead of bracketed; NO_COLOR turns colour off."""
    ds = md.load()
    stmt = ds.statements["stmt-hamas-armed-resistance"]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = Terminal()
    _terminal.render_record(ds, stmt, out, colour=_terminal.use_colour(out))
    assert f"\x1b[1;4;33m{stmt.evidence[0].quote}\x1b[0m" in out.getvalue()
    assert f"[{stmt.evidence[0].quote}]" not in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _terminal.use_colour(Terminal())
    assert not _terminal.use_colour(io.StringIO())


def test_listing_with_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    """``--evidence`` puts each record's spans, in their sentences, under it; filters still apply."""
    ds = md.load()
    status, printed, _ = run(capsys, "demands", "--by", "israel", "--evidence")
    assert status == 0
    demands = ds.demands.by("israel")
    heads = [line.split("  ")[0] for line in printed.splitlines() if not line.startswith(" ")]
    assert heads == [*demands.ids(), f"({len(demands)} demands)"]
    spans = [line for line in printed.splitlines() if re.match(r"^ +L\d+  ", line)]
    assert len(spans) == sum(len(d.evidence) for d in demands)
    assert all(line.count("[") >= 1 for line in spans)


def test_evidence_needs_the_table_format(capsys: pytest.CaptureFixture[str]) -> None:
    """``--evidence`` with JSON or CSV is a usage error (those carry the evidence already)."""
    status, _, err = run(capsys, "statements", "--evidence", "--format", "json")
    assert status == 2
    assert "--evidence applies to --format table" in err


def test_terminal_output_spells_out_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An escape sequence inside the data reaches the terminal as text, never as a control character."""
    text = "Hamas said \x1b[2J\x1b]0;owned\x07 no."
    src = md.Source(id="s", title="t", text=text)
    stmt = md.Statement(id="stmt-x", speaker="hamas", kind=md.StatementKind.CLAIM, summary="x\x1b[31mred",
                        attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("\x1b[2J"),))
    actor = md.Actor(id="hamas", name="Hamas\x9b31m", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),))
    path = tmp_path / "ctl.json"
    md.dump(md.Dataset(name="ctl", version="1.0.0", sources=(src,), actors=(actor,), statements=(stmt,)), path)
    for argv in (("show", "stmt-x", str(path)), ("statements", str(path), "--evidence")):
        status, printed, _ = run(capsys, *argv)
        assert status == 0
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", printed), argv
        assert "\\x1b[2J" in printed
