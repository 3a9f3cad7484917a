"""INCEpTION (UIMA CAS XMI via dkpro-cassis): round trips, UTF-16 offsets in the file, CASes built with cassis."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import mideastdata as md
from annotation_strategies import annotated_datasets

cassis = pytest.importorskip("cassis")

from mideastdata.io.inception import RECORD, RELATION, not_xml, type_system_xml  # noqa: E402


def test_bundled_round_trip(tmp_path: Path) -> None:
    """The bundled dataset comes back equal from an XMI folder."""
    ds = md.load()
    folder = md.dump(ds, tmp_path / "xmi", format="inception")
    assert sorted(p.name for p in folder.iterdir()) == ["TypeSystem.xml", "gaza-negotiations-article.xmi", "mideastdata.json"]
    assert md.load(folder, format="inception") == ds


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_datasets())
def test_generated_round_trip(ds: md.Dataset) -> None:
    """Any dataset XML can hold comes back equal; one with a control character XML cannot hold is refused, named."""
    with tempfile.TemporaryDirectory() as tmp:
        bad = not_xml(ds)
        if bad:
            with pytest.raises(md.DatasetError) as info:
                md.dump(ds, Path(tmp) / "xmi", format="inception")
            assert info.value.problems == tuple(bad)
            assert not (Path(tmp) / "xmi").exists()
        else:
            folder = md.dump(ds, Path(tmp) / "xmi", format="inception")
            assert md.load(folder, format="inception") == ds


def _emoji_dataset() -> md.Dataset:
    src = md.Source(id="post", title="A post", text="👍🏽 Hamas said no.")
    hamas = md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, evidence=(src.evidence("Hamas"),))
    return md.Dataset(name="emoji", version="1.0.0", sources=(src,), actors=(hamas,))


def test_cassis_reads_our_files_with_utf16_offsets_in_the_xmi(tmp_path: Path) -> None:
    """The XMI holds Java's UTF-16 offsets; cassis reads our files and finds the span's words."""
    folder = md.dump(_emoji_dataset(), tmp_path / "xmi", format="inception")
    raw = (folder / "post.xmi").read_text(encoding="utf-8")
    assert re.search(r'<custom:Record [^>]*begin="5" end="10"', raw)  # after 4 UTF-16 units of emoji and a space
    with (folder / "TypeSystem.xml").open("rb") as fh:
        ts = cassis.load_typesystem(fh)
    with (folder / "post.xmi").open("rb") as fh:
        cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
    (record,) = cas.select(RECORD)
    assert (record.get_covered_text(), record.label, record.kind, record.name) == ("Hamas", "Actor", "armed_group", "Hamas")


def test_a_cas_built_with_cassis_is_read(tmp_path: Path) -> None:
    """A CAS made with cassis on the generated type system (as INCEpTION exports it) becomes records."""
    ts = cassis.load_typesystem(type_system_xml())
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = "🇮🇱 Israel demands the release of all hostages."
    record, relation = ts.get_type(RECORD), ts.get_type(RELATION)
    israel = record(begin=3, end=9, label="Actor", kind="state", name="Israel")
    demand = record(begin=10, end=46, label="Demand", kind="demand", text="Release of all hostages", topic="hostages")
    cas.add_all([israel, demand])
    cas.add(relation(begin=3, end=9, Governor=demand, Dependent=israel, role="by"))
    folder = tmp_path / "export"
    folder.mkdir()
    cas.to_xmi(folder / "article.xmi")
    (folder / "TypeSystem.xml").write_text(ts.to_xml(), encoding="utf-8")
    ds = md.load(folder, format="inception")
    assert ds.actors[0].evidence[0].quote == "Israel"
    assert (ds.demands[0].by, ds.demands[0].topic) == ("israel", "hostages")
    assert ds.demands[0].evidence[0].quote == "demands the release of all hostages."


def test_the_layers_are_generated_from_the_model() -> None:
    """The type system has the Record layer with a feature per field, and the relation layer."""
    ts = cassis.load_typesystem(type_system_xml())
    features = {f.name for f in ts.get_type(RECORD).all_features}
    assert {"label", "id", "summary", "attribution", "anonymous", "topics", "status"} <= features
    assert {"Governor", "Dependent", "role"} <= {f.name for f in ts.get_type(RELATION).all_features}


def test_a_missing_type_system_is_named(tmp_path: Path) -> None:
    """An XMI folder without TypeSystem.xml is refused with a message saying so."""
    folder = md.dump(_emoji_dataset(), tmp_path / "xmi", format="inception")
    (folder / "TypeSystem.xml").unlink()
    with pytest.raises(md.DatasetError, match=r"no TypeSystem\.xml beside the XMI files"):
        md.load(folder, format="inception")
