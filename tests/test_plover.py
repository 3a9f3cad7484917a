# SPDX-License-Identifier: MIT
"""The PLOVER event description: versioned vocabularies, the checks, the reader and the export's round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mideastdata as md
from mideastdata import codes
from mideastdata._plover import PLOVER_KINDS, event_kind
from strategies import datasets, plover_descriptions

DATA = Path(__file__).parent / "data" / "plover"
SAMPLE = DATA / "gsr-sample.json"
PROBLEMS = DATA / "gsr-problems.json"


# --------------------------------------------------------------------------- vocabularies


def test_current_vocabulary_is_the_sixteen_types() -> None:
    """The current version's categories are exactly the 16 PLOVER types, each with its own modes."""
    assert sorted(codes.PLOVER_MODES[codes.PLOVER_CURRENT]) == sorted(codes.PLOVER_TYPES)
    assert codes.PLOVER_MODES["2.0"]["REQUEST"] == codes.PLOVER_MODES["2.0"]["REJECT"]
    assert "suicide-attack" in codes.PLOVER_MODES["2.0"]["ASSAULT"]
    assert "suicide-attack" not in codes.PLOVER_MODES["2.0"]["COERCE"]
    assert "terrorism" in codes.PLOVER_CONTEXTS["2.0"]["AGREE"]


def test_older_names_map_only_where_the_history_says() -> None:
    """DEMAND, DISAPPROVE, INVESTIGATE and FIGHT map to their current categories; CRIME and DOCUMENT to none."""
    mapped = {c: codes.plover_current_type(c, "0.5b1") for c in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")}
    assert mapped == {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
    assert codes.plover_current_type("CRIME", "0.6b1") is None
    assert codes.plover_current_type("DOCUMENT", "0.6b1") is None
    assert codes.plover_current_type("AGREE", "0.6b1") == "AGREE"
    assert codes.plover_current_type("DEMAND") is None  # not a current category
    assert codes.plover_current_type("ACCUSE", "0.6b1") is None  # not a 0.6b1 category


def test_every_current_category_has_its_kind() -> None:
    """Each current category is an event kind, SANCTION being ours too; no other kind is one."""
    assert {event_kind(c) for c in codes.PLOVER_TYPES} == {*PLOVER_KINDS, md.EventKind.SANCTION}
    assert md.EventKind.VISIT not in PLOVER_KINDS


# --------------------------------------------------------------------------- the checks


def _build(**changes: Any) -> list[str]:
    ds = md.load()
    events = tuple(attrs.evolve(e, **changes) if e.id == "evt-eu-arms-trade-ban" else e for e in ds.events)
    try:
        md.Dataset(name="x", version="0.0.0", sources=ds.sources.records, actors=ds.actors.records,
                   topics=ds.topics.records, statements=ds.statements.records, demands=ds.demands.records,
                   events=events)
    except md.DatasetError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_mode_of_another_category_is_a_problem() -> None:
    """The EU ban (SANCTION) may be `discontinue`, not ASSAULT's `aerial`; the message lists SANCTION's modes."""
    assert _build(plover_mode=("discontinue",), plover_context=("military", "diplomatic")) == []
    (problem,) = _build(plover_mode=("aerial",))
    assert "'aerial' is not a mode of SANCTION in PLOVER 2.0" in problem
    assert "convict, expel, withdraw, discontinue" in problem


def test_codes_are_checked_in_the_records_own_version() -> None:
    """DEMAND is a category of 0.5b1, not of 2.0; `refugee` a context of 0.6b1, `migration` of 2.0."""
    assert _build(plover="DEMAND", plover_version="0.5b1", plover_context=("refugee",)) == []
    assert any("'DEMAND' is not a category of PLOVER 2.0" in p for p in _build(plover="DEMAND"))
    assert any("'migration' is not a context of DEMAND" in p
               for p in _build(plover="DEMAND", plover_version="0.5b1", plover_context=("migration",)))
    assert any("unknown PLOVER version '0.7'" in p for p in _build(plover_version="0.7"))
    assert any("unknown PLOVER type 'FLY'" in p for p in _build(plover="FLY"))


def test_a_plover_kind_needs_its_category() -> None:
    """An event of kind `assault` must carry ASSAULT (or FIGHT coded in 0.5b1); `sanction` needs none."""
    assert any("kind 'assault' is a PLOVER category" in p for p in _build(kind="assault"))
    assert _build(kind="assault", plover="FIGHT", plover_version="0.5b1") == []
    assert _build(kind="sanction", plover=None) == []


def test_magnitudes_are_typed_and_single() -> None:
    """A magnitude is a count or the text's words; each kind at most once; a count is never negative."""
    good = (md.Magnitude(kind="dead", count=3), md.Magnitude(kind="size", text="dozens"))
    assert _build(magnitudes=good) == []
    assert any("magnitudes" in p for p in _build(magnitudes=(md.Magnitude(kind="dead", count=1),) * 2))
    assert any("needs a count or a text" in p for p in _build(magnitudes=(md.Magnitude(kind="dead"),)))
    with pytest.raises(md.FieldValueError, match="count"):
        md.Magnitude(kind="dead", count=-1)
    with pytest.raises(md.FieldValueError, match="count"):
        md.Magnitude(kind="dead", count="12")  # type: ignore[arg-type]


def test_bundled_codes_stay() -> None:
    """The bundled events keep their kinds and PLOVER types, and carry no mode, context, version or magnitude."""
    ds = md.load()
    assert {e.id: (e.kind.value, e.plover) for e in ds.events if e.plover} == {
        "evt-eu-arms-trade-ban": ("sanction", "SANCTION"),
        "evt-witkoff-visit-israel": ("visit", "CONSULT"),
    }
    assert all(not (e.plover_mode or e.plover_context or e.magnitudes or e.plover_version) for e in ds.events)


# --------------------------------------------------------------------------- reading


def test_the_gold_standard_sample_reads_whole() -> None:
    """The PLOVER project's records become events with type, version, mode, context, magnitudes and evidence."""
    ds = md.load(SAMPLE, format="plover")
    assert len(ds.events) == 8
    assert len(ds.sources) == 8
    assert ds.license.startswith("This entire file is licensed under a Creative Commons Attribution-ShareAlike")
    assert ds.citation == "Copyright 2016 by the Open Event Data Alliance"
    fight = ds.events["plover-gsr01-fight-0008"]
    assert (fight.kind, fight.plover, fight.plover_version) == (md.EventKind.ASSAULT, "FIGHT", "0.5b1")
    assert fight.plover_mode == ("explosives",)
    assert {(m.kind.value, m.count) for m in fight.magnitudes} == {("dead", 2), ("injured", 5)}
    protest = ds.events["plover-gsr01-protest-0004"]
    assert protest.magnitudes == (md.Magnitude(kind="size", text="Tens of thousands"),)
    demand = ds.events["plover-gsr01-demand-0001"]
    assert (demand.kind, demand.plover_context) == (md.EventKind.REQUEST, ("diplomatic", "historical"))
    assert ds.events["plover-gsr01-disapprove-0001"].kind is md.EventKind.ACCUSE
    agree = ds.events["plover-gsr01-agree-0002"]
    assert [ev.quote for ev in agree.evidence] == ["agreed", "set up", "research center"]
    (apec,) = agree.actors
    assert ds.actors[apec].name == "Asia-Pacific Economic Cooperation"
    assert ds.actors[apec].kind is md.ActorKind.INTERGOVERNMENTAL_ORGANIZATION
    (tokyo,) = agree.targets
    assert [(i.scheme, i.value) for i in ds.actors[tokyo].identifiers] == [("plover-code", "JAP")]


def test_every_problem_names_its_record() -> None:
    """A missing word, a malformed side, a context or mode the version lacks and a duplicated id are all reported."""
    problems = _problems_of(PROBLEMS, "plover")
    assert any(p.startswith("records[0] (PLOVER-GSR01-AGREE-0007).actor[1]") and "'Greek-Cypriot' does not occur" in p
               for p in problems)
    assert any("(PLOVER-GSR01-AGREE-0007).recipient: recipient must be a list" in p for p in problems)
    assert any("(PLOVER-GSR01-AGREE-0001)" in p and "'refugees' is not a context of AGREE in PLOVER 0.5b1" in p
               for p in problems)
    assert any("(PLOVER-GSR01-COERCE-0016)" in p and "'detain' is not a mode of COERCE" in p for p in problems)
    assert any(p.startswith("records[4] (PLOVER-GSR01-COERCE-0004)") and "also the id of records[3]" in p
               for p in problems)


def _record(**fields: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": "R-1", "text": "Rebels attacked the town.", "event": ["ASSAULT"],
        "actor": [{"entity_text": "Rebels", "code": "SYR", "sector": "REB"}],
        "event_text": ["attacked"],
    }  # fmt: skip
    rec.update(fields)
    return rec


def _read(tmp_path: Path, *records: dict[str, Any]) -> md.Dataset:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return md.load(path, format="plover")


def test_current_records_read_from_json_lines(tmp_path: Path) -> None:
    """PLOVER 2.0 keys (actor, recipient, event list, event_text) read; an armed group from its REB sector."""
    ds = _read(tmp_path, _record(mode=["firearms"], context=["terrorism"], dead="dozens"))
    (event,) = ds.events
    assert (event.kind, event.plover, event.plover_version) == (md.EventKind.ASSAULT, "ASSAULT", None)
    assert (event.plover_mode, event.plover_context) == (("firearms",), ("terrorism",))
    assert event.magnitudes == (md.Magnitude(kind="dead", text="dozens"),)
    assert ds.actors[event.actors[0]].kind is md.ActorKind.ARMED_GROUP


def test_a_category_without_a_current_one_is_reported(tmp_path: Path) -> None:
    """CRIME (0.6b1) has no current category: the record is a problem, not a silent drop."""
    with pytest.raises(md.DatasetError, match=r"records\[0\] \(R-1\).event: 'CRIME' of PLOVER 0.6b1 has no current"):
        _read(tmp_path, _record(event="CRIME", version="0.6b1"))


def test_an_event_word_not_in_the_text_is_reported(tmp_path: Path) -> None:
    """Event words are found in the sentence, or the record is a problem naming its id."""
    with pytest.raises(md.DatasetError, match=r"\(R-1\).event_text\[0\]: 'bombed' does not occur"):
        _read(tmp_path, _record(event_text=["bombed"]))


# --------------------------------------------------------------------------- and back


def test_the_sample_reads_back_from_its_export(tmp_path: Path) -> None:
    """Read, written as PLOVER and read again: the same sources, actors and events."""
    ds = md.load(SAMPLE, format="plover")
    out = md.dump(ds, tmp_path / "out.jsonl", format="plover")
    again = md.load(out, format="plover")
    assert again.tables()["sources"].records == ds.sources.records
    assert again.actors.records == ds.actors.records
    assert again.events.records == ds.events.records
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert (first["id"], first["version"], first["event"]) == ("PLOVER-GSR01-AGREE-0002", "0.5b1", ["AGREE"])


_ENTITY_TEXTS = st.sampled_from(["Rebels", "Police", "Hamas", "Israel", "the army"])


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        desc = draw(plover_descriptions().filter(lambda d: d.get("plover_version") is not None or d["kind"] in PLOVER_KINDS))
        if event_kind(desc["plover"], desc["plover_version"]) is None:
            continue
        who, whom = draw(_ENTITY_TEXTS), draw(_ENTITY_TEXTS)
        verb = draw(st.sampled_from(["met", "struck", "asked", "agreed with"]))
        rec: dict[str, Any] = {
            "id": f"Rec-{n}", "text": f"{who} {verb} {whom} on Monday.", "event": [desc["plover"]],
            "actor": [{"entity_text": who, "code": "ISR"}], "recipient": [{"entity_text": whom, "sector": "GOV"}],
            "event_text": [verb], "mode": list(desc["plover_mode"]), "context": list(desc["plover_context"]),
        }  # fmt: skip
        if desc["plover_version"] is not None:
            rec["version"] = desc["plover_version"]
        for m in desc["magnitudes"]:
            rec[m.kind.value] = m.count if m.text is None else m.text
        out.append(rec)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_records())
def test_generated_records_round_trip(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    """Generated PLOVER records read in, written out and read again give the same records."""
    if not records:
        return
    ds = _read(tmp_path, *records)
    assert [e.plover for e in ds.events] == [r["event"][0] for r in records]
    out = md.dump(ds, tmp_path / "out.jsonl", format="plover")
    again = md.load(out, format="plover")
    assert (again.sources.records, again.actors.records, again.events.records) == (
        ds.sources.records, ds.actors.records, ds.events.records)


@settings(max_examples=25, deadline=None)
@given(ds=datasets())
def test_generated_datasets_keep_their_plover_description_in_json(ds: md.Dataset) -> None:
    """Every PLOVER field of generated events survives JSON unchanged."""
    assert md.from_json(md.to_json(ds)).events.records == ds.events.records


def test_the_cli_imports_plover_records(tmp_path: Path) -> None:
    """`mideastdata import --format plover` writes the dataset that md.load reads."""
    out = tmp_path / "gsr.json"
    run = subprocess.run([sys.executable, "-m", "mideastdata", "import", str(SAMPLE), "--format", "plover",
                          "--out", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert md.load(out) == md.load(SAMPLE, format="plover")
    bad = subprocess.run([sys.executable, "-m", "mideastdata", "import", str(PROBLEMS), "--format", "plover",
                          "--out", str(tmp_path / "bad.json")], capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "PLOVER-GSR01-COERCE-0004" in bad.stderr


# --------------------------------------------------------------------------- POLECAT

POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tEvent Intensity\tQuad Code\tContexts\tActor Name\tActor Country"
    "\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\tActor Name Raw\tWikipedia Actor ID"
    "\tRecipient Name\tRecipient Country\tRecipient COW\tPrimary Recipient Sector\tRecipient Sectors"
    "\tRecipient Title\tRecipient Name Raw\tWikipedia Recipient ID\tPlacename\tCity\tDistrict\tProvince\tCountry"
    "\tLatitude\tLongitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\tStory People"
    "\tStory Organizations\tStory Locations\tLanguage\tVersion"
)
"""The header of POLECAT's released files (the columns four public readers of them name)."""


def _polecat_row(event_id: str, event_type: str = "ASSAULT", mode: str = "firearms", contexts: str = "terrorism") -> str:
    cells = dict.fromkeys(POLECAT_HEADER.split("\t"), "None")
    cells.update({
        "Event ID": event_id, "Event Date": "2023-01-01", "Event Type": event_type, "Event Mode": mode,
        "Contexts": contexts, "Actor Name": "Hamas", "Actor Country": "PSE", "Primary Actor Sector": "REB",
        "Actor Name Raw": "Hamas militants", "Recipient Name": "Israel Defense Forces", "Recipient Country": "ISR",
        "Recipient COW": "666", "Primary Recipient Sector": "MIL", "Recipient Name Raw": "Israeli soldiers",
        "Placename": "Gaza", "Source": "A wire", "Publication Date": "2023-01-02", "Language": "en",
    })  # fmt: skip
    return "\t".join(cells.values())


def _polecat(tmp_path: Path, *rows: str, header: str = POLECAT_HEADER) -> Path:
    path = tmp_path / "ngecEvents.sample.txt"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_polecat_rows_read_as_events_quoting_their_own_line(tmp_path: Path) -> None:
    """A POLECAT row is an event with its type, mode and contexts; its evidence quotes cells of its own line."""
    ds = md.load(_polecat(tmp_path, _polecat_row("E-1"), _polecat_row("E-2", "REQUEST", "yield", "diplomatic")),
                 format="polecat")
    first, second = ds.events
    assert (first.kind, first.plover, first.plover_mode, first.plover_context) == (
        md.EventKind.ASSAULT, "ASSAULT", ("firearms",), ("terrorism",))
    assert second.kind is md.EventKind.REQUEST
    source = ds.sources[first.evidence[0].source]
    assert source.text.split("\t")[0] == "E-1"
    assert [e.quote for e in first.evidence] == ["ASSAULT", "firearms", "terrorism"]
    hamas, idf = ds.actors[first.actors[0]], ds.actors[first.targets[0]]
    assert (hamas.name, hamas.kind, hamas.country, hamas.evidence[0].quote) == (
        "Hamas", md.ActorKind.ARMED_GROUP, "PSE", "Hamas militants")
    assert (idf.kind, [(i.scheme, i.value) for i in idf.identifiers]) == (md.ActorKind.GOVERNMENT, [("cow", "666")])
    assert (source.publisher, str(source.published)) == ("A wire", "2023-01-02")


def test_polecat_problems_name_their_line(tmp_path: Path) -> None:
    """A repeated Event ID (both lines), a type PLOVER lacks and a mode of another category are reported."""
    path = _polecat(tmp_path, _polecat_row("E-1"), _polecat_row("E-1"), _polecat_row("E-3", "PARTY"),
                    _polecat_row("E-4", "ASSAULT", "discontinue"))
    problems = _problems_of(path, "polecat")
    assert "line 3 (E-1): Event ID 'E-1' is also the id of line 2" in problems
    assert "line 4 (E-3).Event Type: 'PARTY' is not a current PLOVER category" in problems
    assert any(p.startswith("line 5 (E-4): events[1].plover_mode[0]: 'discontinue' is not a mode of ASSAULT")
               for p in problems)


def test_polecat_needs_its_columns_and_is_read_only(tmp_path: Path) -> None:
    """A file without the Event ID and Event Type columns is refused; dumping as polecat is refused."""
    problems = _problems_of(_polecat(tmp_path, "x\ty", header="Date\tType"), "polecat")
    assert problems == ["line 1: no column 'Event ID', 'Event Type': not a POLECAT file"]
    with pytest.raises(ValueError, match="read only"):
        md.dump(md.load(), tmp_path / "out.txt", format="polecat")


def _problems_of(path: Path, fmt: str) -> list[str]:
    with pytest.raises(md.DatasetError) as info:
        md.load(path, format=fmt)  # type: ignore[call-overload]
    return [str(p) for p in info.value.problems]


def test_the_cli_imports_polecat_files(tmp_path: Path) -> None:
    """`mideastdata import --format polecat` writes the dataset that md.load reads from the file."""
    path = _polecat(tmp_path, _polecat_row("E-1"))
    out = tmp_path / "polecat.json"
    run = subprocess.run([sys.executable, "-m", "mideastdata", "import", str(path), "--format", "polecat",
                          "--out", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert md.load(out) == md.load(path, format="polecat")
