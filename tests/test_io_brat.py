"""brat standoff: datasets round-trip through .txt/.ann folders; hand-made and broken files are read strictly."""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from annotation_strategies import annotated_datasets
from mideastdata.io.brat import annotation_conf

DOC = "Hamas rejected the plan. Israel demands the release of all hostages."


def _write(folder: Path, ann: str, text: str = DOC, name: str = "doc") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8", newline="")
    return folder


def test_bundled_round_trip(tmp_path: Path) -> None:
    """The bundled dataset comes back equal from a brat folder."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "brat", format="brat")
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotation.conf", "gaza-negotiations-article.ann", "gaza-negotiations-article.txt", "mideastdata.json",
    ]
    assert md.load(folder, format="brat") == ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_datasets())
def test_generated_round_trip(ds: md.Dataset) -> None:
    """Any dataset, over Arabic, Hebrew, emoji and combining marks, comes back equal."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = md.dump(ds, Path(tmp) / "brat", format="brat")
        assert md.load(folder, format="brat") == ds


def test_annotations_made_in_brat_become_records(tmp_path: Path) -> None:
    """Spans, relations, an event with roles, attributes and notes, without mideastdata.json, make a dataset."""
    ann = (
        "T1\tActor 0 5\tHamas\n"
        "T2\tActor 25 31\tIsrael\n"
        "T3\tStatement 0 23\tHamas rejected the plan\n"
        "T4\tDemand 32 67\tdemands the release of all hostages\n"
        "T5\tEvent 6 14\trejected\n"
        "E1\tEvent:T5 actors:T1\n"
        "R1\tspeaker Arg1:T3 Arg2:T1\n"
        "R2\tby Arg1:T4 Arg2:T2\n"
        "R3\taddressee Arg1:T4 Arg2:T1\n"
        "A1\tActor_kind T1 armed_group\n"
        "A2\tActor_kind T2 state\n"
        "A3\tStatement_kind T3 rejection\n"
        "A4\tStatement_attribution T3 paraphrase\n"
        "A5\tDemand_kind T4 demand\n"
        "A6\tEvent_kind E1 negotiation\n"
        "A7\tEvent_status E1 stalled\n"
        "#1\tAnnotatorNotes T1\tname: Hamas\n"
        "#2\tAnnotatorNotes T2\tname: Israel\n"
        "#3\tAnnotatorNotes T3\tsummary: Hamas rejects the plan.\n"
        "#4\tAnnotatorNotes T4\ttext: Release of all hostages\n"
        "#5\tAnnotatorNotes T4\ttopic: hostages\n"
        "#6\tAnnotatorNotes E1\tsummary: Hamas rejected the plan.\n"
        "#7\tAnnotatorNotes T3\tcheck this one again\n"
        "N1\tReference T1 Wikidata:Q0\tHamas\n"
    )
    ds = md.load(_write(tmp_path / "c", ann), format="brat")
    assert ds.actors.ids() == ["hamas", "israel"]
    statement = ds.statements[0]
    assert (statement.id, statement.speaker, statement.kind) == ("stmt-doc-t3", "hamas", md.StatementKind.REJECTION)
    demand = ds.demands[0]
    assert (demand.by, demand.addressee, demand.topic, demand.text) == ("israel", "hamas", "hostages", "Release of all hostages")
    assert ds.events[0].actors == ("hamas",)
    assert ds.events[0].evidence[0].quote == "rejected"
    assert ds.topics.ids() == ["hostages"]


def test_a_moved_span_is_repaired_and_reported(tmp_path: Path) -> None:
    """A span whose offsets drifted but whose text occurs once is moved there, with a warning naming it."""
    ann = "T1\tActor 1 6\tHamas\nA1\tActor_kind T1 armed_group\n#1\tAnnotatorNotes T1\tname: Hamas\n"
    with pytest.warns(md.io.RepairWarning, match=r"doc: Actor T1 \[1, 6\) repaired to \[0, 5\)"):
        ds = md.load(_write(tmp_path / "c", ann), format="brat")
    assert ds.actors[0].evidence[0].start == 0


def test_problems_name_the_annotation_and_its_offsets(tmp_path: Path) -> None:
    """A span that cannot be repaired, an unknown attribute and a missing field are each named."""
    ann = (
        "T1\tActor 0 5\tHamaz\n"
        "A1\tActor_kind T1 armed_group\n"
        "#1\tAnnotatorNotes T1\tname: Hamas\n"
        "T2\tStatement 6 14\trejected\n"
        "A2\tStatement_knd T2 claim\n"
    )
    with pytest.raises(md.DatasetError) as info:
        md.load(_write(tmp_path / "c", ann), format="brat")
    text = str(info.value)
    assert "doc: Actor T1: [0, 5) holds 'Hamas', not 'Hamaz', which occurs nowhere in the text" in text
    assert "doc.ann line 5: T2: a Statement has no attribute 'Statement_knd' — did you mean 'Statement_kind'" in text


@pytest.mark.parametrize("line", ["E1\t", "E1", "EEvent:T1 actors:T1"])
def test_an_event_line_without_its_trigger_is_a_problem(tmp_path: Path, line: str) -> None:
    """An ``E`` line with nothing after its id (or its tab lost) is named, not a crash."""
    with pytest.raises(md.DatasetError) as info:
        md.load(_write(tmp_path / "c", f"T1\tEvent 0 5\tHamas\n{line}\n"), format="brat")
    assert "doc.ann line 2: " in str(info.value)
    assert "expected 'Type:ID [role:ID ...]'" in str(info.value)


@pytest.mark.parametrize(
    ("part", "wrong", "what"),
    [
        ("sources", [1], "an object of objects"),
        ("order", {"sources": 5}, "an object of arrays of strings"),
        ("records", {"actors": [5]}, "an object of arrays of objects"),
        ("topics", 5, "an array of objects"),
    ],
)
def test_an_extra_file_of_the_wrong_shape_is_a_problem(tmp_path: Path, part: str, wrong: object, what: str) -> None:
    """Each part of ``mideastdata.json`` a reader walks is checked for its shape before it is read."""
    folder = md.dump(md.load(), tmp_path / "b", format="brat")
    extra = json.loads((folder / "mideastdata.json").read_text(encoding="utf-8"))
    (folder / "mideastdata.json").write_text(json.dumps({**extra, part: wrong}), encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder, format="brat")
    assert [p.message for p in info.value.problems] == [f"{part!r} must be {what}"]


def test_missing_fields_are_named(tmp_path: Path) -> None:
    """A statement without speaker, kind, summary or attribution is one problem per field."""
    with pytest.raises(md.DatasetError) as info:
        md.load(_write(tmp_path / "c", "T1\tStatement 6 14\trejected\n"), format="brat")
    messages = [p.message for p in info.value.problems]
    assert messages == [f"Statement 'stmt-doc-t1' has no {f}" for f in ("speaker", "kind", "summary", "attribution")]


def test_an_edited_source_is_caught(tmp_path: Path) -> None:
    """A source text changed after export fails its SHA-256 check; CRLF line ends alone do not."""
    ds = md.Dataset(name="d", version="1.0.0", sources=(md.Source(id="s", title="t", text="line one\nline two"),))
    folder = md.dump(ds, tmp_path / "b", format="brat")
    (folder / "s.txt").write_bytes(b"line one\r\nline two")
    assert md.load(folder, format="brat").sources[0].text == "line one\r\nline two"
    (folder / "s.txt").write_bytes(b"line one\nline 2")
    with pytest.raises(md.DatasetError, match="the text of source 's' is not the one exported"):
        md.load(folder, format="brat")


def test_annotation_conf_lists_every_vocabulary_value() -> None:
    """The generated annotation.conf offers every value of every closed vocabulary, for the right label."""
    conf = annotation_conf()
    assert "Event\tactors*:Actor, targets*:Actor" in conf
    assert "speaker\tArg1:Statement, Arg2:Actor" in conf
    assert "Event_status\tArg:Event, Value:" + "|".join(s.value for s in md.EventStatus) in conf
    for kind in md.ActorKind:
        assert kind.value in conf


def test_no_warning_when_nothing_is_repaired(tmp_path: Path) -> None:
    """Reading a clean export warns about nothing."""
    folder = md.dump(md.load(), tmp_path / "b", format="brat")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        md.load(folder, format="brat")


def test_the_whole_file_and_line_readers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both readers of .ann files give the same dataset.

    An export re-saved with CRLF and blank lines takes the whole-file reader; with the
    trailing tab brat writes after a relation, the line reader.
    """
    from mideastdata.io import brat

    ds = md.load()
    folder = md.dump(ds, tmp_path / "b", format="brat")
    (ann_path,) = folder.glob("*.ann")
    ann = ann_path.read_text(encoding="utf-8")
    lines: list[int] = []
    original = brat._AnnReader.line

    def spy(self: brat._AnnReader, n: int, line: str) -> None:
        lines.append(n)
        original(self, n, line)

    monkeypatch.setattr(brat._AnnReader, "line", spy)
    ann_path.write_bytes(("\n" + ann.replace("\n", "\r\n\r\n")).encode("utf-8"))
    assert md.load(folder, format="brat") == ds
    assert lines == []  # the whole-file reader took it
    relation_lines = [n for n, line in enumerate(ann.splitlines(), 1) if line.startswith("R")]
    assert relation_lines
    ann_path.write_text("".join(f"{line}\t\n" if line.startswith("R") else f"{line}\n" for line in ann.splitlines()))
    assert md.load(folder, format="brat") == ds
    assert len(lines) == len(ann.splitlines())  # the line reader read every line


def test_a_lone_surrogate_escape_in_a_note_is_named(tmp_path: Path) -> None:
    r"""A note's JSON text may hold a ``\ud800`` escape; the record's field is then a problem naming the annotation."""
    ann = 'T1\tActor 0 5\tHamas\nA1\tActor_kind T1 armed_group\n#1\tAnnotatorNotes T1\tname: "Ham\\ud800as"\n'
    with pytest.raises(md.DatasetError) as info:
        md.load(_write(tmp_path / "c", ann), format="brat")
    (problem,) = info.value.problems
    assert problem.path == "doc: Actor T1 (actors[0].name)"
    assert "lone surrogate" in problem.message
