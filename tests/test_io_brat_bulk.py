"""brat corpora of the usual shape are read in bulk: the same dataset as the document-by-document reader.

Anything the bulk reader does not take (every problem, a record over several sources) is
left to the document reader, which names each problem as before.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from annotation_strategies import annotated_datasets
from mideastdata.io import brat
from mideastdata.io._annotation.brat_plain import parse, plain_corpus
from mideastdata.io._annotation.marks import Doc

DOC = "Hamas rejected the plan. Israel demands the release of all hostages."
CLEAN = (
    "T1\tActor 0 5\tHamas\n"
    "T2\tActor 25 31\tIsrael\n"
    "T3\tStatement 0 23\tHamas rejected the plan\n"
    "T4\tDemand 32 67\tdemands the release of all hostages\n"
    "T5\tEvent 6 14\trejected\n"
    "E1\tEvent:T5 actors:T1 actors2:T2\n"
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
    "A8\tActor_anonymous T2\n"
    "#1\tAnnotatorNotes T1\tname: Hamas\n"
    '#2\tAnnotatorNotes T2\tname: "Isr\\tael"\n'
    '#3\tAnnotatorNotes T2\taliases: ["State of Israel"]\n'
    "#4\tAnnotatorNotes T3\tsummary: Hamas rejects the plan.\n"
    '#5\tAnnotatorNotes T3\ttopics: ["plan"]\n'
    "#6\tAnnotatorNotes T4\ttext: Release of all hostages\n"
    "#7\tAnnotatorNotes T4\ttopic: hostages\n"
    "#8\tAnnotatorNotes E1\tsummary: Hamas rejected the plan.\n"
)
"""A hand-made file of the usual shape: no ids (they are made from the text), a flag, JSON notes."""


def _write(folder: Path, ann: str, text: str = DOC, name: str = "doc") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8", newline="")
    return folder


def _both(folder: Path) -> tuple[md.Dataset, md.Dataset, list[bool]]:
    """The dataset read with the bulk reader allowed, then document by document; and whether bulk took it."""
    taken: list[bool] = []

    def spy(*args: Any) -> md.Dataset | None:
        found = plain_corpus(*args)
        taken.append(found is not None)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brat, "plain_corpus", spy)
        bulk = md.load(folder, format="brat")
        patch.setattr(brat, "plain_corpus", lambda *_: None)
        documents = md.load(folder, format="brat")
    return bulk, documents, taken


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_datasets())
def test_both_readers_give_the_dataset(ds: md.Dataset) -> None:
    """Any dataset, over Arabic, Hebrew, emoji and combining marks, comes back equal from both readers."""
    with tempfile.TemporaryDirectory() as tmp:
        bulk, documents, _ = _both(md.dump(ds, Path(tmp) / "brat", format="brat"))
    assert bulk == documents == ds


def test_an_export_is_read_in_bulk(tmp_path: Path) -> None:
    """The bundled data (with discontinuous spans) takes the bulk reader, with the same result.

    The benchmark checks that its corpus takes it too.
    """
    ds = md.load()
    bulk, documents, taken = _both(md.dump(ds, tmp_path / "brat", format="brat"))
    assert taken == [True]
    assert bulk == documents == ds


def test_a_hand_made_file_is_read_in_bulk(tmp_path: Path) -> None:
    """Records without an id note get the ids the document reader makes; flags and JSON notes are read."""
    bulk, documents, taken = _both(_write(tmp_path / "c", CLEAN))
    assert taken == [True]
    assert bulk == documents
    assert bulk.actors.ids() == ["hamas", "israel"]
    (israel,) = (a for a in bulk.actors if a.id == "israel")
    assert (israel.name, israel.aliases, israel.anonymous) == ("Isr\tael", ("State of Israel",), True)
    assert bulk.statements[0].id == "stmt-doc-t3"
    assert bulk.statements[0].topics == ("plan",)
    assert bulk.events[0].actors == ("hamas", "israel")
    assert bulk.topics.ids() == ["hostages", "plan"]


_UNUSUAL = {
    "a span not holding its quote": CLEAN.replace("T1\tActor 0 5\tHamas", "T1\tActor 1 6\tHamas"),
    "a span past the text": CLEAN.replace("T5\tEvent 6 14\trejected", "T5\tEvent 6 99\trejected"),
    "an attribute of another label": CLEAN.replace("A1\tActor_kind T1", "A1\tStatement_kind T1"),
    "an unknown attribute": CLEAN.replace("A1\tActor_kind T1", "A1\tActor_knd T1"),
    "a choice the field does not have": CLEAN.replace("A5\tDemand_kind T4 demand", "A5\tDemand_kind T4 plea"),
    "a note of no field": CLEAN.replace("#1\tAnnotatorNotes T1\tname: Hamas", "#1\tAnnotatorNotes T1\tnam: Hamas"),
    "a note on no annotation": CLEAN.replace("#1\tAnnotatorNotes T1", "#1\tAnnotatorNotes T9"),
    "a note that is not JSON": CLEAN.replace('aliases: ["State of Israel"]', 'aliases: ["State of Israel"'),
    "a lone surrogate escape": CLEAN.replace('"Isr\\tael"', '"Isr\\ud800ael"'),
    "a missing field": CLEAN.replace("#4\tAnnotatorNotes T3\tsummary: Hamas rejects the plan.\n", ""),
    "two speakers": CLEAN.replace("R2\t", "R9\tspeaker Arg1:T3 Arg2:T2\nR2\t"),
    "a relation to the wrong label": CLEAN.replace("R1\tspeaker Arg1:T3 Arg2:T1", "R1\tspeaker Arg1:T3 Arg2:T4"),
    "a relation to no annotation": CLEAN.replace("R1\tspeaker Arg1:T3 Arg2:T1", "R1\tspeaker Arg1:T3 Arg2:T8"),
    "an event on no trigger": CLEAN.replace("E1\tEvent:T5", "E1\tEvent:T8"),
    "a line of another kind": CLEAN + "N1\tReference T1 Wikidata:Q0\tHamas\n",
    "an annotator's own note": CLEAN + "#9\tAnnotatorNotes T3\tcheck this one again\n",
    "an id given twice": CLEAN.replace("#1\tAnnotatorNotes T1\tname: Hamas\n", "#1\tAnnotatorNotes T1\tname: Hamas\n"
                                       "#0\tAnnotatorNotes T1\tid: israel\n#0\tAnnotatorNotes T2\tid: israel\n"),
}


@pytest.mark.parametrize("case", sorted(_UNUSUAL))
def test_what_the_bulk_reader_leaves_to_the_document_reader(case: str, tmp_path: Path) -> None:
    """Each file the bulk reader does not take: the document reader reads it (or names its problems) as before."""
    ann = _UNUSUAL[case]
    parsed = parse(ann)
    assert parsed is None or plain_corpus([(Doc("doc", DOC, {"id": "doc"}), parsed)], {}) is None
    folder = _write(tmp_path / "c", ann)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brat, "plain_corpus", lambda *_: None)
        expected = _imported(folder)
    assert _imported(folder) == expected


def _imported(folder: Path) -> object:
    """What reading *folder* gives: the dataset with its repairs, or the problems."""
    try:
        return brat.read_imported(folder)
    except md.DatasetError as exc:
        return [str(p) for p in exc.problems]


def test_a_record_over_two_sources_is_left_to_the_document_reader(tmp_path: Path) -> None:
    """A record with evidence in two sources is grouped by the document reader, in its evidence order."""
    texts = {"a": "Hamas said no.", "b": "Later Hamas said yes."}
    sources = [md.Source(id=k, title=k, text=v) for k, v in texts.items()]
    evidence = (md.Evidence(source="b", start=6, end=11, quote="Hamas"), md.Evidence(source="a", start=0, end=5, quote="Hamas"))
    ds = md.Dataset(
        name="d", version="1.0.0", sources=sources,
        actors=[md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=evidence)],
    )
    bulk, documents, taken = _both(md.dump(ds, tmp_path / "b", format="brat"))
    assert taken == [False]
    assert bulk == documents == ds


def test_a_lone_surrogate_in_the_extra_mapping_is_named(tmp_path: Path) -> None:
    r"""A ``\ud800`` escape in ``mideastdata.json`` is the JSON reader's problem, whichever reader builds the records."""
    folder = md.dump(md.load(), tmp_path / "b", format="brat")
    extra = folder / "mideastdata.json"
    text = extra.read_text(encoding="utf-8")
    topic = md.load().topics[0].label
    assert f'"label": "{topic}"' in text
    extra.write_text(text.replace(f'"label": "{topic}"', '"label": "bad \\ud800 label"', 1), encoding="utf-8")
    with pytest.raises(md.DatasetError) as info:
        md.load(folder, format="brat")
    assert any("surrogate" in p.message for p in info.value.problems)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brat, "plain_corpus", lambda *_: None)
        assert _imported(folder) == [str(p) for p in info.value.problems]


def test_a_file_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """A source titled by a file name that is not UTF-8 (a lone surrogate in Python) is a problem on both readers."""
    import os

    name = os.fsdecode(b"doc\xff")
    ann = "T1\tActor 0 5\tHamas\nA1\tActor_kind T1 armed_group\n#1\tAnnotatorNotes T1\tname: Hamas\n"
    try:
        folder = _write(tmp_path / "c", ann, "Hamas rejected the plan.", name=name)
    except (OSError, UnicodeError):  # pragma: no cover - a file system that takes UTF-8 names only
        pytest.skip("this file system refuses the name")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(brat, "plain_corpus", lambda *_: None)
        expected = _imported(folder)
    assert isinstance(expected, list)
    assert any("surrogate" in p for p in expected)
    assert _imported(folder) == expected
