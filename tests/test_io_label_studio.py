"""Label Studio: tasks round-trip; UTF-16 offsets; the SDK's converter reads our export, and we read its regions."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from annotation_strategies import annotated_datasets
from mideastdata.io.label_studio import labeling_config, to_tasks


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bundled_round_trip(tmp_path: Path) -> None:
    """The bundled dataset comes back equal from a Label Studio task file."""
    ds = md.load()
    path = md.dump(ds, tmp_path / "tasks.json", format="label-studio")
    assert md.load(path, format="label-studio") == ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_datasets())
def test_generated_round_trip(ds: md.Dataset) -> None:
    """Any dataset, over Arabic, Hebrew, emoji and combining marks, comes back equal."""
    with tempfile.TemporaryDirectory() as tmp:
        path = md.dump(ds, Path(tmp) / "tasks.json", format="label-studio")
        assert md.load(path, format="label-studio") == ds


def _emoji_dataset() -> md.Dataset:
    src = md.Source(id="post", title="A post", text="👍🏽 حماس: Hamas said no. 🇮🇱 Israel")
    actors = (
        md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),)),
        md.Actor(id="israel", name="Israel", kind=md.ActorKind.STATE, evidence=(src.evidence("Israel"),)),
    )
    return md.Dataset(name="emoji", version="1.0.0", sources=(src,), actors=actors)


def test_offsets_are_utf16_code_units() -> None:
    """A span after astral characters is written at its UTF-16 offsets, as JavaScript counts them."""
    ds = _emoji_dataset()
    text = ds.sources[0].text
    (task,) = to_tasks(ds)
    spans = [r["value"] for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    for span, actor in zip(spans, ds.actors, strict=True):
        ev = actor.evidence[0]
        assert (span["start"], span["end"]) == (_units(text[: ev.start]), _units(text[: ev.end]))
        assert span["start"] > ev.start  # the emoji before it count twice
        assert text.encode("utf-16-le")[2 * span["start"] : 2 * span["end"]].decode("utf-16-le") == ev.quote


def test_utf16_offsets_land_on_the_right_characters(tmp_path: Path) -> None:
    """Read back, UTF-16 offsets become code points: the spans hold the same words."""
    ds = _emoji_dataset()
    path = md.dump(ds, tmp_path / "t.json", format="label-studio")
    assert [a.evidence for a in md.load(path, format="label-studio").actors] == [a.evidence for a in ds.actors]


def test_code_point_offsets_from_a_naive_tool_are_repaired(tmp_path: Path) -> None:
    """Offsets counted in code points (the bug of naive exporters) are repaired from the region's text."""
    ds = _emoji_dataset()
    tasks = to_tasks(ds)
    text = ds.sources[0].text
    for item in tasks[0]["annotations"][0]["result"]:
        if item["type"] != "labels":
            continue
        at = text.index(item["value"]["text"])
        item["value"]["start"], item["value"]["end"] = at, at + len(item["value"]["text"])
    path = tmp_path / "t.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.warns(md.io.RepairWarning, match="2 spans repaired"):
        assert md.load(path, format="label-studio") == ds


def test_the_latest_annotation_wins_and_predictions_fill_in(tmp_path: Path) -> None:
    """A task's latest annotation not cancelled is read; without one, its last prediction."""
    ds = md.load()
    (task,) = to_tasks(ds)
    result = task["annotations"][0]["result"]
    task["annotations"] = [
        {"id": 1, "result": [], "updated_at": "2025-01-01T00:00:00Z"},
        {"id": 2, "result": result, "updated_at": "2025-02-01T00:00:00Z"},
        {"id": 3, "result": [], "updated_at": "2025-03-01T00:00:00Z", "was_cancelled": True},
    ]
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    assert md.load(path, format="label-studio") == ds
    task["predictions"] = [{"id": 9, "result": result}]
    task["annotations"] = []
    path.write_text(json.dumps([task]), encoding="utf-8")
    assert md.load(path, format="label-studio") == ds


def test_a_wrong_span_names_the_task_and_region(tmp_path: Path) -> None:
    """A region whose text is nowhere in the source is a problem naming the task, the annotation and the region."""
    (task,) = to_tasks(_emoji_dataset())
    task["annotations"][0]["result"][0]["value"]["text"] = "Hamaz"
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(md.DatasetError, match=r"task 1 \(annotation 1\): Actor m1-0 \(region m1-0 at UTF-16 11-16\): \[9, 14\) holds 'Hamas', not 'Hamaz'"):
        md.load(path, format="label-studio")


def test_a_lone_surrogate_escape_is_a_problem_at_its_region(tmp_path: Path) -> None:
    r"""A ``\ud800`` escape in a text area (JSON allows it, no text can hold it) is named, not a crash."""
    (task,) = to_tasks(_emoji_dataset())
    for item in task["annotations"][0]["result"]:
        if item["from_name"] == "actor_name" and item["value"]["text"] == ["Hamas"]:
            item["value"]["text"] = ["Ham\ud800as"]
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="ascii")  # json.dumps writes the escape
    with pytest.raises(md.DatasetError) as caught:
        md.load(path, format="label-studio")
    (problem,) = caught.value.problems
    assert problem.path == "task 1 (annotation 1): Actor m1-0 (actors[0].name)"
    assert "lone surrogate" in problem.message


def test_a_control_the_scheme_does_not_have_is_reported(tmp_path: Path) -> None:
    """A per-region value for a field the label does not have is a problem, not silently dropped."""
    (task,) = to_tasks(_emoji_dataset())
    first = task["annotations"][0]["result"][0]
    extra = {**first, "from_name": "actor_nickname", "type": "textarea", "value": {**first["value"], "text": ["H"]}}
    extra["value"].pop("labels")
    task["annotations"][0]["result"].append(extra)
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(md.DatasetError, match=r"Actor m1-0 \(actors\[0\]\): unknown field 'nickname'"):
        md.load(path, format="label-studio")


# --------------------------------------------------------------------------- the SDK


def test_the_sdk_accepts_the_labeling_config_and_our_annotations() -> None:
    """Label Studio's LabelInterface parses the generated config and validates every exported annotation."""
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    li = interface.LabelInterface(labeling_config())
    assert {c.name for c in li.controls} >= {"label", "statement_kind", "statement_summary", "actor_anonymous"}
    for task in to_tasks(md.load()):
        assert li.validate_prediction(task["annotations"][0], return_errors=True) == []


def test_the_sdk_converter_reads_our_export(tmp_path: Path) -> None:
    """The SDK's converter (JSON_MIN export) finds every span at its UTF-16 offsets, and the per-region texts."""
    converter = pytest.importorskip("label_studio_sdk.converter")
    ds = _emoji_dataset()
    path = md.dump(ds, tmp_path / "tasks.json", format="label-studio")
    c = converter.Converter(labeling_config(), project_dir=None, download_resources=False)
    c.convert(str(path), str(tmp_path / "out"), "JSON_MIN", is_dir=False)
    (row,) = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    text = ds.sources[0].text
    expected = [
        {"start": _units(text[: a.evidence[0].start]), "end": _units(text[: a.evidence[0].end]), "text": a.name, "labels": ["Actor"]}
        for a in ds.actors
    ]
    assert row["label"] == expected
    assert row["actor_name"] == ["Hamas", "Israel"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK calls pydantic's deprecated .dict()
def test_regions_made_by_the_sdk_are_read(tmp_path: Path) -> None:
    """Regions and a relation built with the SDK's own control tags become a statement with its speaker."""
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    li = interface.LabelInterface(labeling_config())
    text = "👍 Hamas rejected the plan."
    hamas = li.get_control("label").label(["Actor"], start=3, end=8, text="Hamas")  # UTF-16: the emoji counts 2
    said = li.get_control("label").label(["Statement"], start=3, end=26, text="Hamas rejected the plan")
    values: list[Any] = [
        (hamas, li.get_control("actor_kind").label(["armed_group"])),
        (hamas, li.get_control("actor_name").label(text=["Hamas"])),
        (said, li.get_control("statement_kind").label(["rejection"])),
        (said, li.get_control("statement_attribution").label(["paraphrase"])),
        (said, li.get_control("statement_summary").label(text=["Hamas rejects the plan."])),
    ]
    said.add_relation(hamas, label=["speaker"])
    result = [hamas._dict(), said._dict()]
    for region, value in values:
        value.id = region.id  # per-region results share their region's id
        result.append(value._dict())
    result += said._dict_relations()
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": 7, "data": {"text": text}, "annotations": [{"id": 1, "result": result}]}]), encoding="utf-8")
    ds = md.load(path, format="label-studio")
    assert ds.actors[0].evidence[0].quote == "Hamas"
    assert ds.statements[0].speaker == ds.actors[0].id == "hamas"
    assert ds.sources[0].id == "task-7"
