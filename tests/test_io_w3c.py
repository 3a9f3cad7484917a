"""W3C Web Annotation: every evidence span an annotation with both selectors; JSON-LD processing with pyld."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from annotation_strategies import annotated_datasets
from mideastdata.io.w3c import CONTEXT_URL, context_document, to_document


def test_bundled_round_trip(tmp_path: Path) -> None:
    """The bundled dataset comes back equal from a W3C annotation collection."""
    ds = md.load()
    path = md.dump(ds, tmp_path / "anno.jsonld", format="w3c")
    assert md.load(path, format="w3c") == ds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_datasets())
def test_generated_round_trip(ds: md.Dataset) -> None:
    """Any dataset, over Arabic, Hebrew, emoji and combining marks, comes back equal."""
    with tempfile.TemporaryDirectory() as tmp:
        path = md.dump(ds, Path(tmp) / "a.jsonld", format="w3c")
        assert md.load(path, format="w3c") == ds


def test_every_span_is_an_annotation_with_both_selectors() -> None:
    """One annotation per evidence span; its quote and position selectors agree with the source."""
    ds = md.load()
    doc = to_document(ds)
    items = doc["first"]["items"]
    assert len(items) == sum(len(r.evidence) for t in (ds.actors, ds.statements, ds.demands, ds.events) for r in t)
    text = ds.sources[0].text
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        assert item["target"]["source"]["id"] == "urn:x-mideastdata:source:gaza-negotiations-article"


def _offline_loader(url: str, _options: Any = None) -> dict[str, Any]:
    """A pyld document loader that serves the W3C context from the library's copy and refuses anything else."""
    if url.rstrip("/") not in {CONTEXT_URL, CONTEXT_URL.replace("http:", "https:")}:
        raise AssertionError(f"the test tried to load {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context_document()}


def test_pyld_reads_the_annotations_as_web_annotation_rdf() -> None:
    """The pyld processor expands the document: types, selectors and offsets are the Web Annotation vocabulary's terms."""
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = to_document(md.load())
    expanded = jsonld.expand(doc, {"documentLoader": _offline_loader})
    page = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0]
    first = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"][0]
    assert first["@type"] == ["http://www.w3.org/ns/oa#Annotation"]
    target = first["http://www.w3.org/ns/oa#hasTarget"][0]
    selectors = {s["@type"][0]: s for s in target["http://www.w3.org/ns/oa#hasSelector"]}
    position = selectors["http://www.w3.org/ns/oa#TextPositionSelector"]
    assert position["http://www.w3.org/ns/oa#start"][0]["@value"] == doc["first"]["items"][0]["target"]["selector"][1]["start"]
    data = expanded[0]["urn:x-mideastdata:dataset"][0]
    assert data["@type"] == "@json"
    assert data["@value"]["name"] == md.load().name


def test_what_pyld_writes_reads_back(tmp_path: Path) -> None:
    """A document pyld has expanded and compacted again (reshaped) loads as the same dataset."""
    jsonld = pytest.importorskip("pyld.jsonld")
    ds = md.load()
    doc = to_document(ds)
    options = {"documentLoader": _offline_loader}
    compacted = jsonld.compact(jsonld.expand(doc, options), {"@context": doc["@context"]}, options)
    path = tmp_path / "pyld.jsonld"
    path.write_text(json.dumps(compacted, ensure_ascii=False), encoding="utf-8")
    assert md.load(path, format="w3c") == ds


def test_a_position_off_is_repaired_from_quote_and_context(tmp_path: Path) -> None:
    """Wrong positions with a quote that its prefix and suffix place once are repaired, with a warning."""
    ds = md.load()
    doc = to_document(ds)
    position = doc["first"]["items"][0]["target"]["selector"][1]
    position["start"] += 3
    position["end"] += 3
    path = tmp_path / "a.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.warns(md.io.RepairWarning, match="actors:steve-witkoff:0"):
        assert md.load(path, format="w3c") == ds


def test_an_unrepairable_span_names_the_annotation(tmp_path: Path) -> None:
    """A quote found nowhere is a problem naming the annotation's index, id and offsets."""
    doc = to_document(md.load())
    doc["first"]["items"][0]["target"]["selector"][0]["exact"] = "Steve Witkoff, envoy"
    path = tmp_path / "a.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(md.DatasetError, match=r"annotations\[0\] \(urn:x-mideastdata:annotation:actors:steve-witkoff:0\): \[189, 233\) holds"):
        md.load(path, format="w3c")
