"""Datasets for the viewer's tests: hostile text everywhere, right-to-left sources, nested and overlapping spans."""

from __future__ import annotations

import mideastdata as md

PWN = "window.__pwned"


def hostile_strings(leak_url: str) -> tuple[str, ...]:
    """Texts that would run a script, load something or break out of an element if not escaped."""
    return (
        f"<script>{PWN}=1</script>",
        f"</script><script>{PWN}=2</script>",
        f'</textarea><img src=x onerror="{PWN}=3">',
        f'<img src="{leak_url}/img" onerror={PWN}=4>',
        f"javascript:{PWN}=5",
        "<!--<script>",
        f"<svg onload={PWN}=6>",
        f'"><iframe src="javascript:{PWN}=7"></iframe>',
        f"';{PWN}=8;//",
        f"<link rel=stylesheet href={leak_url}/css><style>@import '{leak_url}/imp';</style>",
        f'<a href="javascript:{PWN}=9">x</a>',
        "\u2028\u2029&amp;&lt;",
        f"</SCRIPT ><script >{PWN}=11</script >",
        f"</script/><svg/onload={PWN}=12>",
    )


def hostile_dataset(leak_url: str = "http://127.0.0.1:9/leak") -> md.Dataset:
    """A valid dataset whose every text field holds markup, script and remote references."""
    bad = hostile_strings(leak_url)
    text = "\n".join(f"Line {i}: {s} end." for i, s in enumerate(bad))
    src = md.Source(
        id="hostile-source", title=bad[0] + bad[1], text=text, publisher=bad[2],
        url=f"javascript:{PWN}=10", language="en",
    )
    safe = md.Source(id="linked-source", title="A source with a real address", text="Plain words here.",
                     url=f"{leak_url}/page")
    spans = tuple(src.evidence(s) for s in bad if text.count(s) == 1)
    actor = md.Actor(id="hostile-actor", name=bad[3], kind=md.ActorKind.PERSON, aliases=(bad[4], bad[5]),
                     roles=(md.Role(title=bad[6]),), wikidata="Q801",
                     identifiers=(md.Identifier(scheme="ucdp", value=bad[9]),), evidence=spans[:2])
    other = md.Actor(id="other-actor", name=bad[7], kind=md.ActorKind.STATE, evidence=spans[2:3])
    topic = md.Topic(id="hostile-topic", label=bad[8], description=bad[9])
    stmt = md.Statement(
        id="stmt-hostile", speaker="hostile-actor", kind=md.StatementKind.CLAIM, summary=" ".join(bad),
        quote=bad[1], attribution=md.Attribution.DIRECT, topics=("hostile-topic",), mentions=("other-actor",),
        stances=(md.Stance(topic="hostile-topic", position=md.Position.CONDITIONAL, condition=bad[2]),),
        evidence=spans,
    )
    against = md.Statement(
        id="stmt-hostile-against", speaker="other-actor", kind=md.StatementKind.REJECTION, summary=bad[10],
        attribution=md.Attribution.PARAPHRASE, topics=("hostile-topic",),
        stances=(md.Stance(topic="hostile-topic", position=md.Position.OPPOSES),),
        evidence=spans[3:5],
    )
    demand = md.Demand(id="dem-hostile", by="hostile-actor", addressee="other-actor", topic="hostile-topic",
                       text=bad[3], kind=md.DemandKind.DEMAND, condition=bad[4], statement="stmt-hostile",
                       evidence=spans[5:7])
    event = md.Event(id="evt-hostile", kind=md.EventKind.PRESSURE, summary=bad[6], actors=("hostile-actor",),
                     targets=("other-actor",), location=bad[7], status=md.EventStatus.ONGOING,
                     evidence=(safe.evidence("Plain words"), *spans[7:9]))
    return md.Dataset(name=bad[0], version="1.0.0", license=bad[2], citation=bad[3], sources=(src, safe),
                      actors=(actor, other), topics=(topic,), statements=(stmt, against), demands=(demand,),
                      events=(event,))


ARABIC = "قالت حماس إنها لن تتخلى عن المقاومة المسلحة حتى عام 2025.\nوقف إطلاق النار لمدة 60 يومًا."
HEBREW = "ישראל דרשה את שחרור כל החטופים (all hostages) עד 2025."
MIXED = "The talks continued.\nالمفاوضات مستمرة في الدوحة.\nNegotiators met in Doha."


def rtl_dataset() -> md.Dataset:
    """Arabic and Hebrew sources, and an English one with an Arabic line; each with a span."""
    ar = md.Source(id="arabic-source", title="مصدر عربي", text=ARABIC, language="ar")
    he = md.Source(id="hebrew-source", title="מקור עברי", text=HEBREW, language="he")
    en = md.Source(id="mixed-source", title="Mixed", text=MIXED, language="en")
    hamas = md.Actor(id="hamas", name="Hamas", kind=md.ActorKind.ARMED_GROUP, aliases=("حماس",),
                     evidence=(ar.evidence("حماس"),))
    israel = md.Actor(id="israel", name="Israel", kind=md.ActorKind.STATE, aliases=("ישראל",),
                      evidence=(he.evidence("ישראל"),))
    stmt = md.Statement(id="stmt-arabic", speaker="hamas", kind=md.StatementKind.POSITION,
                        summary="Hamas will not give up armed resistance.", attribution=md.Attribution.PARAPHRASE,
                        evidence=(ar.evidence("لن تتخلى عن المقاومة المسلحة حتى عام 2025"),))
    demand = md.Demand(id="dem-hebrew", by="israel", topic="hostages", text="release of all hostages",
                       kind=md.DemandKind.DEMAND, evidence=(he.evidence("שחרור כל החטופים (all hostages)"),))
    event = md.Event(id="evt-mixed", kind=md.EventKind.NEGOTIATION, summary="Talks continue in Doha.",
                     status=md.EventStatus.ONGOING, evidence=(en.evidence("المفاوضات مستمرة"),))
    return md.Dataset(name="rtl", version="1.0.0", sources=(ar, he, en), actors=(hamas, israel),
                      topics=(md.Topic(id="hostages", label="Hostages"),), statements=(stmt,), demands=(demand,),
                      events=(event,))


NESTED = "The EU banned arms sales to Israel, the ministers said."


def nested_dataset() -> md.Dataset:
    """Spans that nest (a name inside a sentence) and overlap (two phrases sharing words)."""
    src = md.Source(id="nested", title="Nested spans", text=NESTED)
    eu = md.Actor(id="european-union", name="European Union", kind=md.ActorKind.INTERGOVERNMENTAL_ORGANIZATION,
                  aliases=("EU",), evidence=(src.evidence("EU"),))
    israel = md.Actor(id="israel", name="Israel", kind=md.ActorKind.STATE, evidence=(src.evidence("Israel"),))
    event = md.Event(id="evt-ban", kind=md.EventKind.SANCTION, summary="The EU banned arms sales to Israel.",
                     actors=("european-union",), targets=("israel",), status=md.EventStatus.OCCURRED,
                     evidence=(src.evidence("The EU banned arms sales to Israel"),))
    stmt = md.Statement(id="stmt-ministers", speaker="european-union", kind=md.StatementKind.ANNOUNCEMENT,
                        summary="Ministers announced the ban.", attribution=md.Attribution.PARAPHRASE,
                        evidence=(src.evidence("banned arms sales"), src.evidence("arms sales to Israel, the ministers")))
    return md.Dataset(name="nested", version="1.0.0", sources=(src,), actors=(eu, israel), events=(event,),
                      statements=(stmt,))
