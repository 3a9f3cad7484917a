"""The annotation tools' own example files (tests/fixtures/tools, each folder with its licence) read by our importers.

None of them is coded in mideastdata's scheme, so each test says what an import of such a
file does: it names every annotation it cannot read as a record (nothing is dropped
silently), and where the file's structure is ours once its labels are renamed, it reads it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import mideastdata as md
from mideastdata.io import Format

TOOLS = Path(__file__).parent / "fixtures" / "tools"


def _brat(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "brat"
    folder.mkdir()
    for suffix in (".txt", ".ann"):
        shutil.copyfile(TOOLS / "brat" / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def _problems(path: Path, tool: Format) -> list[md.Problem]:
    with pytest.raises(md.DatasetError) as info:
        md.load(path, format=tool)
    return list(info.value.problems)


def test_brat_tutorial_relations_name_every_annotation(tmp_path: Path) -> None:
    """The brat relation tutorial (types Person and GPE): each span and the relation is a problem naming it."""
    name = "060-relation_annotation"
    problems = _problems(_brat(tmp_path, name), "brat")
    spans = [line.split("\t") for line in (TOOLS / "brat" / f"{name}.ann").read_text().splitlines() if line[0] == "T"]
    expected = [(f"{name}: {spec.split()[0]} {key}", f"unknown label {spec.split()[0]!r}") for key, spec, _ in spans]
    assert [(p.path, p.message.split(";")[0]) for p in problems[: len(spans)]] == expected
    assert [(p.path, p.message) for p in problems[len(spans) :]] == [
        (f"{name}: relation R1", "Located not read: T1 is labelled 'Person'; T2 is labelled 'GPE'"),
    ]  # the equivalence line '*' carries no field and is not read, as the docs say


def test_brat_tutorial_attributes_and_events_of_events(tmp_path: Path) -> None:
    """The brat attribute tutorial: unknown attributes are named by line.

    An event argument that is an event defined further down resolves to that event's trigger.
    """
    name = "100-attribute_annotation"
    problems = _problems(_brat(tmp_path, name), "brat")
    messages = {(p.path, p.message) for p in problems}
    assert (f"{name}.ann line 27", "E1: a Report has no attribute 'Confidence'") in messages
    assert (f"{name}.ann line 30", "T1: a Person has no attribute 'Individual'") in messages
    relation = f"{name}: relation E1 Event-Arg:E2"
    assert (relation, "Event-Arg not read: T17 is labelled 'Report'; T18 is labelled 'Merge-org'") in messages


def test_brat_tutorial_notes_of_the_annotator_are_not_fields(tmp_path: Path) -> None:
    """The brat note tutorial: free-text notes on a span, an event and a relation raise no problem.

    They are the annotator's own; the spans and relations they sit on are each named.
    """
    name = "110-note_annotation"
    problems = _problems(_brat(tmp_path, name), "brat")
    lines = (TOOLS / "brat" / f"{name}.ann").read_text().splitlines()
    spans = [line for line in lines if line[0] == "T"]
    arguments = sum(len(line.split("\t")[1].split()) - 1 for line in lines if line[0] == "E")
    relations = [line for line in lines if line[0] == "R"]
    assert len(problems) == len(spans) + arguments + len(relations)
    assert not any("line" in p.path or "note" in p.message for p in problems)


def test_brat_tutorial_events_in_our_scheme_become_records(tmp_path: Path) -> None:
    """The brat event tutorial, its types renamed to ours and the required fields added, reads as records.

    Organization becomes Actor, Merge-org Event, Org-Arg actors: numbered role arguments keep
    their order, and every span of one organisation is one actor.
    """
    name = "080-event-annotation"
    folder = _brat(tmp_path, name)
    ann_path = folder / f"{name}.ann"
    ann = ann_path.read_text(encoding="utf-8")
    ann = re.sub(r"\tOrganization ", "\tActor ", ann)
    ann = ann.replace("Merge-org", "Event").replace("Org-Arg", "actors")
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    firsts: dict[str, str] = {}
    for key, spec, _ in (line.split("\t") for line in ann.splitlines() if line.startswith("T")):
        label, start, end = spec.split()
        if label == "Actor":
            firsts.setdefault(text[int(start) : int(end)], key)
    extra = [f"A{n}\tActor_kind {key} organization" for n, key in enumerate(firsts.values(), 1)]
    extra += [f"#{n}\tAnnotatorNotes {key}\tname: {word}" for n, (word, key) in enumerate(firsts.items(), 1)]
    events = [line.split("\t")[0] for line in ann.splitlines() if line.startswith("E")]
    for n, event in enumerate(events, len(extra) + 1):
        extra += [f"A{n}\tEvent_kind {event} cooperation", f"A{n}b\tEvent_status {event} occurred"]
        extra.append(f"#{n}b\tAnnotatorNotes {event}\tsummary: A merger.")
    ann_path.write_text(ann + "\n".join(extra) + "\n", encoding="utf-8")
    ds = md.load(folder, format="brat")
    assert ds.sources.ids() == [name]
    assert ds.actors.ids() == ["youtube", "google", "amazon", "apple", "facebook", "wikinews"]
    assert [ev.quote for ev in ds.actor("youtube").evidence] == ["YouTube"] * 4
    assert [e.actors for e in ds.events] == [
        ("youtube",), ("youtube", "google"), ("amazon", "apple", "google", "facebook"), ("wikinews", "google", "facebook"),
    ]
    assert [ds.quote(e) for e in ds.events] == ["merger", "merged", "merged", "reports"]


def test_a_cassis_example_cas_is_not_a_mideastdata_project(tmp_path: Path) -> None:
    """dkpro-cassis's example CAS (tokens and sentences) has none of our layers: one problem says so."""
    pytest.importorskip("cassis")
    folder = tmp_path / "xmi"
    folder.mkdir()
    shutil.copyfile(TOOLS / "cassis" / "small_cas.xmi", folder / "small_cas.xmi")
    shutil.copyfile(TOOLS / "cassis" / "small_typesystem.xml", folder / "TypeSystem.xml")
    (problem,) = _problems(folder, "inception")
    assert (problem.path, problem.message) == ("TypeSystem.xml", "no layer webanno.custom.Record: not a mideastdata project")


def test_records_coded_on_the_uima_emoji_cas_land_on_the_right_characters(tmp_path: Path) -> None:
    """UIMA's emoji test CAS, our layers added by cassis and a record coded on it, reads back at the right places.

    Its text has skin tones and zero-width joiners, and XMI counts offsets in UTF-16.
    """
    cassis = pytest.importorskip("cassis")
    from mideastdata.io.inception import RECORD, type_system_xml

    with (TOOLS / "cassis" / "casWithEmojiUnicodeTextAndAnnotations-typesystem.xml").open("rb") as fh:
        theirs = cassis.load_typesystem(fh)
    ts = cassis.merge_typesystems(theirs, cassis.load_typesystem(type_system_xml()))
    with (TOOLS / "cassis" / "casWithEmojiUnicodeTextAndAnnotations.xmi").open("rb") as fh:
        cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
    spans = sorted((a for a in cas.select("uima.tcas.Annotation") if a.type.name == "uima.tcas.Annotation"),
                   key=lambda a: a.begin)
    word = spans[-2]  # "test", after emoji with skin tones and joiners
    assert word.get_covered_text() == "test"
    cas.add(ts.get_type(RECORD)(begin=word.begin, end=word.end, label="Actor", id="tester", name="Tester",
                                kind="person"))
    folder = tmp_path / "xmi"
    folder.mkdir()
    (folder / "emoji.xmi").write_text(cas.to_xmi(), encoding="utf-8")
    (folder / "TypeSystem.xml").write_text(ts.to_xml(), encoding="utf-8")
    ds = md.load(folder, format="inception")
    (actor,) = ds.actors
    evidence = actor.evidence[0]
    assert ds.sources[0].text == cas.sofa_string
    assert ds.sources[0].text[evidence.start : evidence.end] == evidence.quote == "test"
    assert evidence.start == cas.sofa_string.index("test")


def test_a_label_studio_sentiment_export_names_its_unread_choice(tmp_path: Path) -> None:
    """A Label Studio export of a text classification (the SDK's test data) names its task-level choice.

    The choice is no record's field, so it is a problem naming the region.
    """
    path = tmp_path / "tasks.json"
    shutil.copyfile(TOOLS / "label-studio" / "csv_test_history.json", path)
    (task,) = json.loads(path.read_text(encoding="utf-8"))
    (problem,) = _problems(path, "label-studio")
    region = task["annotations"][0]["result"][0]
    assert problem.path == f"task {task['id']} (annotation {task['annotations'][0]['id']}): region {region['id']}"
    assert problem.message == "per-region values (sentiment) without a labelled span"


def test_a_label_studio_image_region_is_named_not_dropped(tmp_path: Path) -> None:
    """The SDK's multi-object export: a rectangle on an image is not a text span, and is named as such."""
    path = tmp_path / "tasks.json"
    shutil.copyfile(TOOLS / "label-studio" / "csv_test.json", path)
    tasks = json.loads(path.read_text(encoding="utf-8"))
    problems = _problems(path, "label-studio")
    kinds = {r["type"] for t in tasks for a in t["annotations"] for r in a["result"]}
    assert "rectanglelabels" in kinds
    assert any(p.message == "a rectanglelabels result is not a text span, choice or text area; not read" for p in problems)


def test_the_web_annotation_examples_expand_with_our_context_and_are_not_records(tmp_path: Path) -> None:
    """The Web Annotation model's 43 examples expand with our context, and are one problem for our reader.

    pyld expands them with the context document the library ships (nothing is fetched); the
    collection holds no records or texts, so reading it is refused with one problem.
    """
    jsonld = pytest.importorskip("pyld.jsonld")
    from mideastdata.io.w3c import CONTEXT_URL, context_document

    def offline(url: str, _options: object = None) -> dict[str, object]:
        assert url.rstrip("/") in {CONTEXT_URL, CONTEXT_URL.replace("http:", "https:")}
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": context_document()}

    path = tmp_path / "collection1.json"
    shutil.copyfile(TOOLS / "w3c" / "collection1.json", path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    expanded = jsonld.expand(collection, {"documentLoader": offline})
    items = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0]["http://www.w3.org/ns/activitystreams#items"]
    annotations = items[0].get("@list", items)
    assert len(annotations) == collection["total"] == 43
    assert all(a["@type"] == ["http://www.w3.org/ns/oa#Annotation"] for a in annotations)
    (problem,) = _problems(path, "w3c")
    assert problem.message == "no 'mideastdata' property: the records of this collection are not in it"
