"""The evidence promise: every record has evidence, quotes are their evidence's words, stances fit their topics."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import attrs
import pytest

import mideastdata as md
from mideastdata import _schema


def _problems(**records: Any) -> list[str]:
    with pytest.raises(md.DatasetError) as info:
        md.Dataset(**records)
    return [str(p) for p in info.value.problems]


def _direct(records: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The small dataset with its statement made direct (quote 'will not disarm'), then *changes* applied."""
    stmt = attrs.evolve(records["statements"][0], attribution=md.Attribution.DIRECT, quote="will not disarm")
    records["statements"] = (attrs.evolve(stmt, **changes),)
    return records


def test_direct_statement_quoting_its_evidence_is_valid(records: dict[str, Any]) -> None:
    """A direct statement whose quote is words of its evidence passes."""
    ds = md.Dataset(**_direct(records))
    assert ds.statements[0].quote == "will not disarm"


def test_quote_must_occur_in_the_statement_s_evidence(records: dict[str, Any]) -> None:
    """A quote the evidence does not hold is reported at its path; the fix names where the words are."""
    problems = _problems(**_direct(records, quote="a terrible plan"))
    assert problems == [
        ("statements[0].quote: quote 'a terrible plan' occurs in none of the statement's evidence quotes; "
        "add the span of the source that holds it to the evidence"),
    ]
    src = records["sources"][0]
    elsewhere = _problems(**_direct(records, quote="banned arms sales"))
    at = src.text.index("banned arms sales")
    assert elsewhere == [
        ("statements[0].quote: quote 'banned arms sales' occurs in none of the statement's evidence quotes; "
        f"it occurs in source 'src' at [{at}, {at + 17}): add that span to the evidence "
        "(Source.evidence(words) computes it)"),
    ]


def test_quote_near_its_evidence_names_the_exact_words(records: dict[str, Any]) -> None:
    """A quote that differs from its evidence only in case and spacing is shown the exact words and offsets."""
    (problem,) = _problems(**_direct(records, quote="WILL  not disarm"))
    at = records["sources"][0].text.index("will not disarm")
    assert problem.endswith(
        f"evidence[0] has 'will not disarm' at [{at}, {at + 15}) (differs in spacing, case) of source 'src': "
        "copy those exact words"
    )


def test_quote_if_and_only_if_direct(records: dict[str, Any]) -> None:
    """A direct statement needs a quote, and only a direct statement may have one."""
    assert _problems(**_direct(records, quote=None)) == [
        "statements[0].quote: quote must be set when attribution is 'direct': give it, or change attribution",
    ]
    assert _problems(**_direct(records, attribution=md.Attribution.PARAPHRASE)) == [
        ("statements[0].quote: quote may be set only when attribution is 'direct', not 'paraphrase': "
        "set quote to None, or attribution to 'direct'"),
    ]


@pytest.mark.parametrize("table", ["actors", "statements", "demands", "events"])
def test_every_record_needs_evidence(records: dict[str, Any], table: str) -> None:
    """An actor, statement, demand or event without evidence is reported, with the fix."""
    first = attrs.evolve(records[table][0], evidence=())
    records[table] = (first, *records[table][1:])
    what = {"actors": "an actor", "statements": "a statement", "demands": "a demand", "events": "an event"}[table]
    assert _problems(**records) == [
        (f"{table}[0].evidence: {what} needs at least one evidence span: "
        "add the source words behind it with Source.evidence(words)"),
    ]


def test_evidence_required_is_declared_once_and_in_the_json_schema() -> None:
    """The tables whose records need evidence are the ones whose field declares it; the JSON Schema says minItems 1."""
    needing = {name for name, cls in _schema.TABLES.items() for s in _schema.fields(cls) if s.meta.min_items}
    assert needing == {"actors", "statements", "demands", "events"}
    defs = md.json_schema()["$defs"]
    for name in ("Actor", "Statement", "Demand", "Event"):
        assert defs[name]["properties"]["evidence"]["minItems"] == 1
    assert "minItems" not in defs["Statement"]["properties"]["topics"]


def test_empty_evidence_in_a_csv_row_does_not_load(tmp_path: Path, small: md.Dataset) -> None:
    """A demand whose CSV evidence cell is [] fails to load, naming the record."""
    folder = md.dump(small, tmp_path / "csv", format="csv")
    path = Path(folder) / "demands.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    rows[0]["evidence"] = "[]"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(md.DatasetError) as info:
        md.load(folder)
    assert "demands[0].evidence: a demand needs at least one evidence span" in str(info.value)


def test_stance_topic_must_be_among_the_statement_s_topics(records: dict[str, Any]) -> None:
    """A stance on a known topic the statement does not list is reported, with the fix."""
    stmt = records["statements"][0]
    stances = (*stmt.stances, md.Stance(topic="hostages", position=md.Position.SUPPORTS))
    records["statements"] = (attrs.evolve(stmt, stances=stances),)
    assert _problems(**records) == [
        ("statements[0].stances[1].topic: topic 'hostages' is not among the topics ('hamas-disarmament'): "
        "add it to topics"),
    ]


def test_one_stance_per_topic(records: dict[str, Any]) -> None:
    """Two stances on one topic (here opposite ones) are reported at the second."""
    stmt = records["statements"][0]
    stances = (*stmt.stances, md.Stance(topic="hamas-disarmament", position=md.Position.SUPPORTS))
    records["statements"] = (attrs.evolve(stmt, stances=stances),)
    assert _problems(**records) == [
        ("statements[0].stances[1].topic: a second stance on topic 'hamas-disarmament' (the first is stances[0]): "
        "one stance per topic; merge them"),
    ]


def test_all_rules_reported_together_in_record_order(records: dict[str, Any]) -> None:
    """Problems of several rules and records come in one error, in record order, then field order."""
    records = _direct(records, quote=None, evidence=())
    records["events"] = (attrs.evolve(records["events"][0], evidence=()),)
    paths = [p.split(":")[0] for p in _problems(**records)]
    assert paths == ["statements[0].quote", "statements[0].evidence", "events[0].evidence"]


def test_the_issue_s_evolved_statement_is_refused() -> None:
    """Changing the bundled direct statement's quote to words the source never says does not build."""
    ds = md.load()
    stmt = ds.statements["stmt-witkoff-very-good-plan"]
    statements = tuple(attrs.evolve(s, quote="a terrible plan") if s is stmt else s for s in ds.statements)
    with pytest.raises(md.DatasetError, match="quote 'a terrible plan' occurs in none"):
        ds.evolve(statements=statements)


def test_conditional_stance_says_on_what(records: dict[str, Any]) -> None:
    """A conditional stance without a condition is reported at the stance's condition."""
    stmt = records["statements"][0]
    stance = md.Stance(topic="hamas-disarmament", position=md.Position.CONDITIONAL)
    records["statements"] = (attrs.evolve(stmt, stances=(stance,)),)
    assert _problems(**records) == [
        ("statements[0].stances[0].condition: condition must be set when position is 'conditional': "
        "give it, or change position"),
    ]
    records["statements"] = (attrs.evolve(stmt, stances=(attrs.evolve(stance, condition="if asked"),)),)
    assert md.Dataset(**records).statements[0].stances[0].condition == "if asked"


def test_condition_demand_has_no_condition_of_its_own(records: dict[str, Any]) -> None:
    """A demand of kind condition keeps condition None: the demanded thing is the condition."""
    demand = attrs.evolve(records["demands"][0], kind=md.DemandKind.CONDITION, condition="before talks")
    records["demands"] = (demand,)
    assert _problems(**records) == [
        "demands[0].condition: condition must be None when kind is 'condition': set it to None, or change kind",
    ]
    records["demands"] = (attrs.evolve(demand, kind=md.DemandKind.DEMAND),)
    assert md.Dataset(**records).demands[0].condition == "before talks"
