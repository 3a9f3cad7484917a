# SPDX-License-Identifier: MIT
"""Build the records of the bundled dataset from its one source text.

The source is ``src/mideastdata/data/source.txt``, a byte-for-byte copy of an undated
English article with no named publisher. Every record below is coded from that text
alone and every Evidence span comes from ``Source.evidence`` (offsets are computed,
never counted by hand). The comments are the coding decisions; they double as the
codebook's worked examples (see ``scripts/CODING_NOTES.md`` for the per-record table).

House conventions used throughout:

* ids are lowercase slugs; statements start ``stmt-``, demands ``dem-``, events ``evt-``;
* an actor's ``name`` is a clean canonical name; ``aliases`` are the exact strings the
  text uses to name it (proper names without a leading article, e.g. "EU"; definite
  descriptions kept whole as written, e.g. "the Israeli government"); never possessives;
* CAMEO / PLOVER codes only where CODES.md lists the code and its meaning certainly fits;
  otherwise ``None``. Codes are strings;
* no dates anywhere: the source is undated;
* ``addressee=None`` whenever the text does not say of whom a thing is asked;
* stances sit only on statements and only where the speaker's position follows from
  what the text reports them as saying; every stance topic is also in ``topics``.

Run ``python scripts/build_bundled.py`` to print counts and ids and self-check every span.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FILE = ROOT / "src" / "mideastdata" / "data" / "source.txt"
SOURCE_ID = "gaza-negotiations-article"


sys.path.insert(0, str(ROOT / "src"))
import mideastdata as md
import mideastdata.model as m

Actor, Role, Topic, Source = m.Actor, m.Role, m.Topic, m.Source
Statement, Stance, Demand, Event = m.Statement, m.Stance, m.Demand, m.Event
AK, SK, AT, P = m.ActorKind, m.StatementKind, m.Attribution, m.Position
DK, EK, ES = m.DemandKind, m.EventKind, m.EventStatus


def read_source_text() -> str:
    """The whole source file, exactly as stored (no newline translation)."""
    with SOURCE_FILE.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def build_records() -> dict[str, tuple[Any, ...]]:
    """Return the bundled records, table name -> tuple of records."""
    text = read_source_text()
    src = Source(
        id=SOURCE_ID,
        title=text.splitlines()[0],
        text=text,
        publisher=None,  # the text names no publisher
        url=None,
        published=None,  # undated
        language="en",
    )

    def ev(quote: str, occurrence: int | None = None) -> Any:
        return src.evidence(quote, occurrence=occurrence)

    def ev_in(quote: str, context: str) -> Any:
        """Evidence for *quote* where it occurs inside the (unique) span *context*.

        For short names that occur several times ("Israel" is also inside every
        "Israeli"): the occurrence number is computed from the context, not counted.
        """
        ctx = src.evidence(context)
        if context.count(quote) != 1:
            msg = f"{quote!r} must occur exactly once in context {context!r}"
            raise ValueError(msg)
        target = ctx.start + context.index(quote)
        starts, at = [], text.find(quote)
        while at != -1:
            starts.append(at)
            at = text.find(quote, at + 1)
        return src.evidence(quote, occurrence=starts.index(target) + 1)

    # ------------------------------------------------------------------ actors
    actors = (
        # Role "special envoy" of donald-trump: the text says "Donald Trump's special envoy".
        # Canonical name is the usual English spelling "Steve Witkoff"; the text only uses the
        # transliteration "Vitikoff", so that spelling is in aliases and the canonical one is not.
        # "Vitikoff’s" (curly apostrophe) is a possessive, not a name: not an alias.
        # "The special envoy" (L4, capital T as written: the sentence starts with it) is a definite
        # description that names him, so it is an alias exactly as written, like "the Israeli
        # government"; "Donald Trump's special envoy" (L2) is a description with a possessive, not a name.
        # country USA: the headline says "US and Israel intensify negotiations" and the body's
        # only non-Israeli negotiator is Trump's envoy, so the text itself puts him on the US side.
        # No person-level CAMEO code: CODES.md lists country/government codes only.
        Actor(
            id="steve-witkoff",
            name="Steve Witkoff",
            kind=AK.PERSON,
            aliases=("Steve Vitikoff", "Vitikoff", "The special envoy"),
            roles=(Role(title="special envoy", of="donald-trump"),),
            country="USA",
            evidence=(
                ev("Donald Trump's special envoy, Steve Vitikoff"),
                ev("According to Vitikoff"),
                ev("The special envoy"),
                ev("Vitikoff’s visit"),
            ),
        ),
        # The text gives Trump no title (it never says "President"): no role.
        # country USA on the same headline reasoning as his envoy and his administration.
        Actor(
            id="donald-trump",
            name="Donald Trump",
            kind=AK.PERSON,
            aliases=("Donald Trump", "Trump"),
            country="USA",
            evidence=(ev("Donald Trump"), ev_in("Trump", "Trump’s administration")),
        ),
        # "Trump’s administration" = the US government (USAGOV). The headline's "US" is a separate
        # state actor. No member_of link between a government and its state: member_of is for
        # membership (a minister in a government), and the country code already carries the link.
        Actor(
            id="trump-administration",
            name="Trump administration",
            kind=AK.GOVERNMENT,
            aliases=("Trump’s administration",),
            country="USA",
            cameo="USAGOV",
            evidence=(ev("Trump’s administration"),),
        ),
        Actor(
            id="united-states",
            name="United States",
            kind=AK.STATE,
            aliases=("US",),
            country="USA",
            cameo="USA",
            evidence=(ev("US"),),
        ),
        # Only the bare word "Israel" names the state; "Israeli" (adjective) does not, so each span
        # is located inside its phrase with ev_in rather than by counting occurrences.
        Actor(
            id="israel",
            name="Israel",
            kind=AK.STATE,
            aliases=("Israel",),
            country="ISR",
            cameo="ISR",
            evidence=(
                ev_in("Israel", "US and Israel"),
                ev_in("Israel", "visit to Israel"),
                ev_in("Israel", "Israel’s demands"),
                ev_in("Israel", "weapons trade with Israel"),
            ),
        ),
        # Aliases as written: "the Israeli government" and "Netanyahu’s government" (a name phrase
        # in which the possessive is part of the name, unlike "Vitikoff’s visit").
        Actor(
            id="israeli-government",
            name="Israeli government",
            kind=AK.GOVERNMENT,
            aliases=("the Israeli government", "Netanyahu’s government"),
            country="ISR",
            cameo="ISRGOV",
            evidence=(ev("the Israeli government"), ev("Netanyahu’s government")),
        ),
        # "Israeli Prime Minister Benjamin Netanyahu": role Prime Minister of israel.
        # member_of israeli-government: a prime minister heads, and so belongs to, the government,
        # and the text calls it "Netanyahu’s government" — certain.
        # No CAMEO code for the person (see steve-witkoff).
        Actor(
            id="benjamin-netanyahu",
            name="Benjamin Netanyahu",
            kind=AK.PERSON,
            aliases=("Benjamin Netanyahu", "Netanyahu"),
            roles=(Role(title="Prime Minister", of="israel"),),
            member_of=("israeli-government",),
            country="ISR",
            evidence=(
                ev("Israeli Prime Minister Benjamin Netanyahu"),
                ev_in("Netanyahu", "Netanyahu’s government"),
            ),
        ),
        # Hamas: armed_group, CAMEO PSEREBHMS (CODES.md). country PSE: the Palestinian country part
        # of that very code (PSE is listed in CODES.md); the text never calls Hamas a party, a
        # movement or a government, so no other kind or role is coded.
        Actor(
            id="hamas",
            name="Hamas",
            kind=AK.ARMED_GROUP,
            aliases=("Hamas",),
            country="PSE",
            cameo="PSEREBHMS",
            evidence=(ev_in("Hamas", "Hamas confirmed"), ev_in("Hamas", "disarmament of Hamas")),
        ),
        # The text writes only "the EU"; "EU" is the alias (proper name, article dropped).
        # CAMEO IGOEUREEC, not EUR (GDELT's EUR is Europe). No country: not a state.
        Actor(
            id="european-union",
            name="European Union",
            kind=AK.INTERGOVERNMENTAL_ORGANIZATION,
            aliases=("EU",),
            cameo="IGOEUREEC",
            evidence=(ev("EU"),),
        ),
        # A collective; no country, no CAMEO code (none listed for it).
        # "international concern" (last line) is not a name of this actor, so not in its evidence;
        # it is evidence on the appeal statement that is attributed to this actor.
        Actor(
            id="international-community",
            name="international community",
            kind=AK.COLLECTIVE,
            aliases=("the international community",),
            evidence=(ev("the international community"),),
        ),
        # L11 reports "calls for urgent resolution" and names no one who calls. The speaker is not
        # guessed: it is an anonymous actor that says exactly what the text says, the unnamed
        # source of those calls. COLLECTIVE: "calls" is plural and no organisation is named; the
        # text says nothing more (no country, no code, no member_of). No alias: the text gives no
        # name or description of the callers; the evidence is the words that report the calls.
        Actor(
            id="unnamed-callers-for-urgent-resolution",
            name="unnamed callers for urgent resolution",
            kind=AK.COLLECTIVE,
            anonymous=True,
            evidence=(ev("calls for urgent resolution"),),
        ),
        # Anonymous source: "a high-ranking Israeli official". Person (one official), anonymous=True,
        # country ISR ("Israeli"), role "high-ranking official" of israel. Which institution they
        # serve (government, army, ...) is not said: no member_of.
        Actor(
            id="high-ranking-israeli-official",
            name="high-ranking Israeli official",
            kind=AK.PERSON,
            aliases=("a high-ranking Israeli official",),
            roles=(Role(title="high-ranking official", of="israel"),),
            country="ISR",
            anonymous=True,
            evidence=(ev("a high-ranking Israeli official"),),
        ),
    )

    # ------------------------------------------------------------------ topics
    # Topics are the contested issues the text raises. For a stance, "supports" means
    # supporting what the label names (e.g. supports hamas-disarmament = wants Hamas disarmed).
    topics = (
        Topic(
            id="hostages",
            label="Hostages and captives",
            description=(
                "Freeing the hostages, captives or detainees; the source uses all three words "
                "and does not say who holds them."
            ),
        ),
        Topic(
            id="ceasefire",
            label="Ceasefire or truce",
            description="A temporary or lasting halt to hostilities (ceasefire, truce).",
        ),
        Topic(
            id="end-of-war",
            label="Ending the war",
            description="Ending the Gaza war and its hostilities; resolution of the conflict.",
        ),
        Topic(
            id="hamas-disarmament",
            label="Disarmament of Hamas",
            description=(
                "Whether Hamas disarms or abandons armed resistance; supports = for disarmament."
            ),
        ),
        Topic(
            id="demilitarization",
            label="Regional demilitarization",
            description="Demilitarization of the region; the source does not define the region.",
        ),
        Topic(
            id="palestinian-statehood",
            label="Palestinian statehood",
            description="Establishing an independent, sovereign Palestinian state.",
        ),
        Topic(
            id="jerusalem",
            label="Status of Jerusalem",
            description=(
                "The status of Jerusalem; supports = for Jerusalem as the capital of a "
                "Palestinian state (the only position on it the source reports)."
            ),
        ),
        Topic(
            id="humanitarian-crisis",
            label="Humanitarian crisis in Gaza",
            description="The humanitarian situation in Gaza: destruction and hunger.",
        ),
        Topic(
            id="arms-trade",
            label="Weapons trade with Israel",
            description="Trade in weapons with Israel and bans on it.",
        ),
    )

    # ------------------------------------------------------------------ statements
    statements = (
        # (1) "officially announced": an explicitly public statement, so CAMEO 010 (make statement).
        # PLOVER None (PLOVER drops public statements). PARAPHRASE: the announcement is reported in
        # the source's words. "that could be a decisive step" may be the author's gloss, so the
        # summary hedges it. mentions: only the Israeli government is named in what he announced
        # (Trump is named by the author, as Witkoff's principal). No stance: the collaboration is
        # reported, not an opinion; his end-of-war stance is coded on (3) where he evaluates it.
        Statement(
            id="stmt-witkoff-announces-collaboration",
            speaker="steve-witkoff",
            kind=SK.ANNOUNCEMENT,
            summary=(
                "Steve Witkoff, Donald Trump's special envoy, officially announced active "
                "collaboration with the Israeli government on developing a plan toward ending "
                "hostilities in the Gaza Strip (which, the source says, could be a decisive step)."
            ),
            attribution=AT.PARAPHRASE,
            topics=("end-of-war",),
            mentions=("israeli-government",),
            cameo="010",
            evidence=(
                ev("Steve Vitikoff, officially announced active collaboration with the Israeli government"),
                ev("a plan that could be a decisive step toward ending hostilities in the Gaza Strip"),
            ),
        ),
        # (2) "According to Vitikoff": ACCORDING_TO (named source). CLAIM: it describes the state
        # and content of the plan. Stances SUPPORTS ceasefire / hostages / demilitarization: these
        # are what his plan proposes and he presents the plan favourably. No CAMEO: the text does
        # not say this was a public statement, and no listed code fits a description of a plan.
        # The "long-term solution to key issues" is in the summary but gets no topic of its own:
        # its named parts (hostages, demilitarization) are coded.
        Statement(
            id="stmt-witkoff-plan-final-stages",
            speaker="steve-witkoff",
            kind=SK.CLAIM,
            summary=(
                "According to Steve Witkoff, the plan is in the final stages of discussion and "
                "proposes a temporary ceasefire and a long-term solution to key issues, including "
                "the release of hostages and demilitarization of the region."
            ),
            attribution=AT.ACCORDING_TO,
            topics=("ceasefire", "hostages", "demilitarization"),
            stances=(
                Stance(topic="ceasefire", position=P.SUPPORTS),
                Stance(topic="hostages", position=P.SUPPORTS),
                Stance(topic="demilitarization", position=P.SUPPORTS),
            ),
            evidence=(
                ev("According to Vitikoff, this plan is already in the final stages of discussion"),
                ev("proposes not only a temporary ceasefire but also a long-term solution to key issues"),
                ev("including the release of hostages and demilitarization of the region"),
            ),
        ),
        # (3) DIRECT: the source quotes his words "very good plan" (quote = those words only; the
        # rest is paraphrase inside the same sentence). ASSESSMENT: an evaluation of the plan.
        # CAMEO 013 (make optimistic comment): "very good plan" that "paves the way for the actual
        # end of the war" is optimism about a situation — certain. Who "they" are is not said:
        # not coded. mentions Netanyahu (close cooperation).
        Statement(
            id="stmt-witkoff-very-good-plan",
            speaker="steve-witkoff",
            kind=SK.ASSESSMENT,
            summary=(
                "Steve Witkoff, the special envoy, emphasized that they have a very good plan, "
                "developed in close cooperation with Israeli Prime Minister Benjamin Netanyahu, "
                "which, according to him, paves the way for the actual end of the war."
            ),
            quote="very good plan",
            attribution=AT.DIRECT,
            topics=("end-of-war",),
            mentions=("benjamin-netanyahu",),
            stances=(Stance(topic="end-of-war", position=P.SUPPORTS),),
            cameo="013",
            evidence=(
                ev('The special envoy emphasized that they have a "very good plan"'),
                ev("developed in close cooperation with Israeli Prime Minister Benjamin Netanyahu"),
                ev("according to him, paves the way for the actual end of the war"),
            ),
        ),
        # (4) DIRECT: the source quotes "armed resistance". POSITION, not REJECTION: the text says
        # Hamas "confirmed their unwavering stance"; it reports no proposal that Hamas rejected.
        # CAMEO 1246 / PLOVER REJECT: refusing to abandon armed resistance is refusing to
        # de-escalate (CODES.md: "e.g. rules out disarmament") — certain.
        # hamas-disarmament OPPOSES with the "until" clause as condition. Not CONDITIONAL: the text
        # states a refusal; it does not say Hamas would disarm once the state exists.
        Statement(
            id="stmt-hamas-armed-resistance",
            speaker="hamas",
            kind=SK.POSITION,
            summary=(
                "Hamas confirmed its stance of continuing armed resistance and insists it will not "
                "abandon armed resistance until an independent, fully sovereign Palestinian state "
                "with Jerusalem as its capital is established."
            ),
            quote="armed resistance",
            attribution=AT.DIRECT,
            topics=("hamas-disarmament", "palestinian-statehood", "jerusalem"),
            stances=(
                Stance(
                    topic="hamas-disarmament",
                    position=P.OPPOSES,
                    condition=(
                        "until an independent, fully sovereign Palestinian state with Jerusalem "
                        "as its capital is established"
                    ),
                ),
                Stance(topic="palestinian-statehood", position=P.SUPPORTS),
                Stance(topic="jerusalem", position=P.SUPPORTS),
            ),
            cameo="1246",
            plover="REJECT",
            evidence=(
                ev("Hamas confirmed their unwavering stance on continuing armed resistance"),
                ev(
                    'insist they will not abandon "armed resistance" until an independent, fully '
                    "sovereign Palestinian state with Jerusalem as its capital is established"
                ),
            ),
        ),
        # (5) ACCORDING_TO the anonymous official. CLAIM about where talks stand. Who shares the
        # "common understanding" is not said: no parties coded. "detainees" is read as the
        # hostages (the sentence contrasts "some hostages" with "all detainees"). The closing
        # "claims that are central to Israel’s demands" may be the author's gloss; it is kept as
        # evidence because the demands below rest on it. NO STANCES: the official reports that an
        # understanding "is forming"; reporting where talks stand is not stating one's own
        # support, and the text never says what the official wants. The support for these aims is
        # Israel's, coded as Israel's demands below. mentions Hamas only (Israel is named in the
        # possibly-authorial gloss).
        Statement(
            id="stmt-israeli-official-comprehensive-strategy",
            speaker="high-ranking-israeli-official",
            kind=SK.CLAIM,
            summary=(
                "According to a high-ranking Israeli official, a common understanding is forming "
                "on moving from efforts to free some hostages to a comprehensive strategy: release "
                "of all detainees, disarmament of Hamas and regional demilitarization; the source "
                "calls these central to Israel's demands for ending the war."
            ),
            attribution=AT.ACCORDING_TO,
            topics=("hostages", "hamas-disarmament", "demilitarization", "end-of-war"),
            mentions=("hamas",),
            evidence=(
                ev("According to a high-ranking Israeli official"),
                ev(
                    "a common understanding is forming on moving from efforts to free some hostages "
                    "to a comprehensive strategy involving the release of all detainees, disarmament "
                    "of Hamas, and regional demilitarization"
                ),
                ev("claims that are central to Israel’s demands for ending the war"),
            ),
        ),
        # (6) The text does not say who calls, so the speaker is the anonymous actor
        # unnamed-callers-for-urgent-resolution, not an actor the text names elsewhere (the
        # international community of L6 is not said to make these calls, and "international
        # concern" is not a speaker). PARAPHRASE (no words quoted; not "according to": no source is
        # cited). APPEAL. No CAMEO: "urgent resolution" is not the listed 0256 (appeal for
        # de-escalation) and "appeal to settle dispute" is not in CODES.md.
        Statement(
            id="stmt-calls-for-urgent-resolution",
            speaker="unnamed-callers-for-urgent-resolution",
            kind=SK.APPEAL,
            summary=(
                "Calls for urgent resolution of the conflict with minimal human casualties, which "
                "the source reports alongside international concern over the humanitarian "
                "situation in Gaza. The source does not say who makes these calls."
            ),
            attribution=AT.PARAPHRASE,
            topics=("end-of-war", "humanitarian-crisis"),
            stances=(Stance(topic="end-of-war", position=P.SUPPORTS),),
            evidence=(
                ev("The humanitarian situation in Gaza remains a focus of international concern"),
                ev("calls for urgent resolution of the conflict with minimal human casualties"),
            ),
        ),
    )

    # ------------------------------------------------------------------ demands
    israel_demands = ev("central to Israel’s demands for ending the war")
    hamas_until = ev('will not abandon "armed resistance" until')
    demands = (
        # Israel's demands: by israel (the text says "Israel’s demands"), kind DEMAND, statement =
        # the official's statement where they are stated. Addressee only where the text makes it
        # certain: "disarmament of Hamas" is asked of Hamas; who is to release the detainees, or
        # which region is to be demilitarized, is not said.
        Demand(
            id="dem-israel-release-all-detainees",
            by="israel",
            addressee=None,
            topic="hostages",
            text="Release of all detainees (the hostages), as a demand for ending the war",
            kind=DK.DEMAND,
            statement="stmt-israeli-official-comprehensive-strategy",
            evidence=(ev("the release of all detainees"), israel_demands),
        ),
        Demand(
            id="dem-israel-hamas-disarmament",
            by="israel",
            addressee="hamas",
            topic="hamas-disarmament",
            text="Disarmament of Hamas, as a demand for ending the war",
            kind=DK.DEMAND,
            statement="stmt-israeli-official-comprehensive-strategy",
            evidence=(ev("disarmament of Hamas"), israel_demands),
        ),
        Demand(
            id="dem-israel-regional-demilitarization",
            by="israel",
            addressee=None,
            topic="demilitarization",
            text="Regional demilitarization, as a demand for ending the war",
            kind=DK.DEMAND,
            statement="stmt-israeli-official-comprehensive-strategy",
            evidence=(ev("regional demilitarization"), israel_demands),
        ),
        # Hamas' conditions for abandoning armed resistance: kind CONDITION, one per thing
        # (the state; Jerusalem as its capital). Of whom they are asked is not said: addressee None.
        Demand(
            id="dem-hamas-palestinian-state",
            by="hamas",
            addressee=None,
            topic="palestinian-statehood",
            text=(
                "An independent, fully sovereign Palestinian state is established, before Hamas "
                "abandons armed resistance"
            ),
            kind=DK.CONDITION,
            statement="stmt-hamas-armed-resistance",
            evidence=(hamas_until, ev("an independent, fully sovereign Palestinian state")),
        ),
        Demand(
            id="dem-hamas-jerusalem-capital",
            by="hamas",
            addressee=None,
            topic="jerusalem",
            text="Jerusalem as the capital of that Palestinian state",
            kind=DK.CONDITION,
            statement="stmt-hamas-armed-resistance",
            evidence=(hamas_until, ev("with Jerusalem as its capital")),
        ),
        # The plan's proposals as Witkoff reports them: kind PROPOSAL, by steve-witkoff (his
        # account; the plan is joint with the Israeli government, but a demand has one author and
        # the text attributes the description to him). To whom the plan is proposed is not said.
        # The "long-term solution to key issues" is not a separate record: it is the umbrella whose
        # named parts (hostage release, demilitarization) are coded, and it has no topic of its own.
        Demand(
            id="dem-plan-temporary-ceasefire",
            by="steve-witkoff",
            addressee=None,
            topic="ceasefire",
            text="A temporary ceasefire",
            kind=DK.PROPOSAL,
            statement="stmt-witkoff-plan-final-stages",
            evidence=(ev("proposes not only a temporary ceasefire"),),
        ),
        Demand(
            id="dem-plan-hostage-release",
            by="steve-witkoff",
            addressee=None,
            topic="hostages",
            text="The release of hostages, as part of a long-term solution to key issues",
            kind=DK.PROPOSAL,
            statement="stmt-witkoff-plan-final-stages",
            evidence=(ev("a long-term solution to key issues"), ev("the release of hostages")),
        ),
        Demand(
            id="dem-plan-regional-demilitarization",
            by="steve-witkoff",
            addressee=None,
            topic="demilitarization",
            text="Demilitarization of the region, as part of a long-term solution to key issues",
            kind=DK.PROPOSAL,
            statement="stmt-witkoff-plan-final-stages",
            evidence=(ev("a long-term solution to key issues"), ev("demilitarization of the region")),
        ),
        # The calls (see statement 6: their authors are not named). Addressee not said.
        Demand(
            id="dem-call-urgent-resolution",
            by="unnamed-callers-for-urgent-resolution",
            addressee=None,
            topic="end-of-war",
            text="Urgent resolution of the conflict with minimal human casualties",
            kind=DK.CALL,
            statement="stmt-calls-for-urgent-resolution",
            evidence=(ev("calls for urgent resolution of the conflict with minimal human casualties"),),
        ),
    )

    # ------------------------------------------------------------------ events
    events = (
        # The collaboration on the plan. The headline's "US and Israel intensify negotiations" is
        # the same US–Israeli track, so united-states and israel are actors alongside the envoy,
        # the government and Netanyahu ("close cooperation", which the envoy emphasized: the summary
        # says "according to him"). ONGOING: "active", "intensify".
        # No CAMEO 046: the body describes joint work on a plan, not negotiation between the two;
        # the headline's "negotiations" alone does not make 046 certain.
        Event(
            id="evt-us-israel-plan-collaboration",
            kind=EK.COOPERATION,
            summary=(
                "The US and Israel intensify negotiations to end the Gaza conflict, the headline "
                "says; Trump's special envoy Steve Witkoff officially announced active "
                "collaboration with the Israeli government on a plan developed, according to him, "
                "in close cooperation with Benjamin Netanyahu."
            ),
            actors=(
                "united-states",
                "israel",
                "steve-witkoff",
                "israeli-government",
                "benjamin-netanyahu",
            ),
            status=ES.ONGOING,
            topics=("end-of-war",),
            evidence=(
                ev("US and Israel intensify negotiations to end Gaza conflict"),
                ev("officially announced active collaboration with the Israeli government"),
                ev("close cooperation with Israeli Prime Minister Benjamin Netanyahu"),
            ),
        ),
        # The plan itself: PROPOSED (in "the final stages of discussion", "proposes"). Actors are its
        # authors as the text names them. No location: a plan has no place; Gaza is its subject.
        # What only the envoy says of it (its stage, its content, Netanyahu's part) is his claim,
        # and the summary says "according to" him.
        Event(
            id="evt-plan-to-end-hostilities",
            kind=EK.PEACE_PLAN,
            summary=(
                "A plan toward ending hostilities in the Gaza Strip, on which Steve Witkoff announced "
                "active collaboration with the Israeli government, developed, according to him, in "
                "close cooperation with Benjamin Netanyahu. According to Witkoff, it is in the final "
                "stages of discussion and "
                "proposes a temporary ceasefire and a long-term solution to key issues, including "
                "the release of hostages and demilitarization of the region."
            ),
            actors=("steve-witkoff", "israeli-government", "benjamin-netanyahu"),
            status=ES.PROPOSED,
            topics=("ceasefire", "hostages", "demilitarization", "end-of-war"),
            evidence=(
                ev("active collaboration with the Israeli government on developing a plan"),
                ev("toward ending hostilities in the Gaza Strip"),
                ev('a "very good plan" developed in close cooperation with Israeli Prime Minister Benjamin Netanyahu'),
                ev("this plan is already in the final stages of discussion"),
                ev("proposes not only a temporary ceasefire but also a long-term solution to key issues"),
            ),
        ),
        # "Vitikoff’s visit to Israel occurred": CAMEO 042 (make a visit), PLOVER CONSULT; the host
        # (Israel) is the target, as in CAMEO's source/target convention. No topics: the text does
        # not say what the visit was about.
        Event(
            id="evt-witkoff-visit-israel",
            kind=EK.VISIT,
            summary="Steve Witkoff visited Israel.",
            actors=("steve-witkoff",),
            targets=("israel",),
            location="Israel",
            status=ES.OCCURRED,
            cameo="042",
            plover="CONSULT",
            evidence=(ev("Vitikoff’s visit to Israel occurred"),),
        ),
        # No CAMEO/PLOVER: no listed code for unspecified "pressure". No topics: the text does not
        # say what the pressure is about (the crisis follows in the same sentence, but as what the
        # government focuses on, not as the stated object of the pressure).
        Event(
            id="evt-international-pressure-on-israeli-government",
            kind=EK.PRESSURE,
            summary="The international community puts pressure on Netanyahu's government.",
            actors=("international-community",),
            targets=("israeli-government",),
            status=ES.ONGOING,
            evidence=(ev("Netanyahu’s government, under pressure from the international community"),),
        ),
        # Compromises with whom is not said: no targets. No CAMEO (no listed code fits).
        Event(
            id="evt-israeli-government-seeks-compromises",
            kind=EK.DIPLOMATIC_EFFORT,
            summary=(
                "Netanyahu's government is focused on finding compromises to address the crisis "
                "caused by destruction and hunger in Gaza."
            ),
            actors=("israeli-government",),
            status=ES.ONGOING,
            topics=("humanitarian-crisis",),
            evidence=(
                ev("is focused on finding compromises to address the crisis caused by destruction and hunger in Gaza"),
            ),
        ),
        # No actors: the text names no one as causing the destruction and hunger.
        Event(
            id="evt-gaza-humanitarian-crisis",
            kind=EK.HUMANITARIAN_CRISIS,
            summary=(
                "A humanitarian crisis in Gaza caused by destruction and hunger, which remains a "
                "focus of international concern."
            ),
            location="Gaza",
            status=ES.ONGOING,
            topics=("humanitarian-crisis",),
            evidence=(
                ev("the crisis caused by destruction and hunger in Gaza"),
                ev("The humanitarian situation in Gaza remains a focus of international concern"),
            ),
        ),
        # The war. No actors: the text implies the belligerents (Hamas' "continuing armed
        # resistance", "Israel’s demands for ending the war") but never states who fights whom.
        # ONGOING: every mention is of ending or resolving it. Location as the text names it.
        Event(
            id="evt-gaza-war",
            kind=EK.ARMED_CONFLICT,
            summary="The war and hostilities in the Gaza Strip, which the efforts reported aim to end.",
            location="Gaza Strip",
            status=ES.ONGOING,
            topics=("end-of-war",),
            evidence=(
                ev("the Gaza conflict"),
                ev("hostilities in the Gaza Strip"),
                ev("the Gaza war"),
            ),
        ),
        # An arms-trade ban is an arms embargo: CAMEO 163 (impose embargo, boycott, or sanctions).
        # PLOVER SANCTION, not COERCE: the CAMEO2PLOVER-2021 crosswalk files 163 under COERCE
        # (mode "restrict"), but the PLOVER manual maps CAMEO's whole cue category 16 (reduce
        # relations) to SANCTION, codes international sanctions as SANCTION mode "discontinue",
        # and defines COERCE as repression and restrictions on rights, whose "restrict" mode is
        # about political freedoms and movement, not trade. The manual's meaning fits. OCCURRED
        # ("has ... banned"). "for the first time" is the text's. The "reflecting ..." clause is
        # the source's interpretation and is attributed to it in the summary.
        Event(
            id="evt-eu-arms-trade-ban",
            kind=EK.SANCTION,
            summary=(
                "The EU banned weapons trade with Israel for the first time; the source reads it "
                "as reflecting increasing international tension and a desire for a firmer stance "
                "in the conflict."
            ),
            actors=("european-union",),
            targets=("israel",),
            status=ES.OCCURRED,
            topics=("arms-trade",),
            cameo="163",
            plover="SANCTION",
            evidence=(
                ev("the EU has for the first time banned weapons trade with Israel"),
                ev("reflecting increasing international tension and a desire for a firmer stance in the conflict"),
            ),
        ),
        # OCCURRED: the text's past tense "prioritized". No CAMEO (no listed code for a policy
        # priority).
        Event(
            id="evt-trump-administration-prioritizes-ending-war",
            kind=EK.POLICY,
            summary="Trump's administration prioritized ending the Gaza war.",
            actors=("trump-administration",),
            status=ES.OCCURRED,
            topics=("end-of-war",),
            evidence=(ev("Trump’s administration prioritized ending the Gaza war"),),
        ),
        # STALLED. Between whom is not said ("direct" suggests the warring sides, but that is not
        # stated): no actors. Topic end-of-war: the concessive "Although ... prioritized ending the
        # Gaza war" sets these negotiations against that aim. No CAMEO 046: stalled talks are not
        # "engage in negotiation".
        Event(
            id="evt-direct-negotiations-stalled",
            kind=EK.NEGOTIATION,
            summary="Direct negotiations have stalled; the source does not say between whom.",
            status=ES.STALLED,
            topics=("end-of-war",),
            evidence=(ev("direct negotiations have stalled"),),
        ),
        # Who makes the efforts is not said: no actors. DIPLOMATIC_EFFORT (the text's own words).
        Event(
            id="evt-truce-diplomatic-efforts",
            kind=EK.DIPLOMATIC_EFFORT,
            summary=(
                "Ongoing diplomatic efforts to reach a truce that could last up to 60 days and "
                "enable the release of captives."
            ),
            status=ES.ONGOING,
            topics=("ceasefire", "hostages"),
            evidence=(ev("Diplomatic efforts are ongoing to reach a truce"),),
        ),
        # The truce itself: PROPOSED. A truce that "could last" is sought, not declared or promised,
        # so neither CAMEO 0871 (declare truce) nor PLOVER CONCEDE (promised ceasefire) applies.
        Event(
            id="evt-possible-60-day-truce",
            kind=EK.CEASEFIRE,
            summary="A truce that could last up to 60 days and enable the release of captives.",
            status=ES.PROPOSED,
            topics=("ceasefire", "hostages"),
            evidence=(ev("a truce that could last up to 60 days and enable the release of captives"),),
        ),
    )

    return {
        "sources": (src,),
        "actors": actors,
        "topics": topics,
        "statements": statements,
        "demands": demands,
        "events": events,
    }


# ---------------------------------------------------------------------- the bundle's own rule


EVIDENCED = ("actors", "statements", "demands", "events")
"""The tables whose records carry evidence (sources and topics do not)."""


def aliases_not_in_the_text(ds: md.Dataset) -> list[str]:
    """The bundle's one rule beyond the library's checks: every alias is written in the source text.

    Everything else (ids, references, evidence spans against the text, quotes inside their
    evidence, stances on the statement's topics, attribution and quote together) is checked by
    the library when :func:`build` makes the Dataset, from the model's own declarations.
    """
    text = ds.sources[0].text
    return [f"actors.{a.id}: alias {alias!r} not in the text" for a in ds.actors for alias in a.aliases if alias not in text]


DATA_FILE = ROOT / "src" / "mideastdata" / "data" / "mideastdata.json"

METADATA = {
    "name": "mideastdata-gaza-negotiations",
    "version": "1.1.0",
    "license": "CC-BY-4.0",
    "citation": (
        "mideastdata developers. mideastdata bundled dataset: Gaza ceasefire negotiations, "
        "coded from one undated English-language news text. Version 1.1.0."
    ),
}


def build() -> md.Dataset:
    """The bundled Dataset (checked whole by its constructor)."""
    return md.Dataset(**METADATA, **build_records())


def main() -> int:
    """Write the bundled JSON document, or with --check verify the shipped one is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped JSON differs from a fresh build")
    args = parser.parse_args()
    try:
        ds = build()
    except md.DatasetError as exc:
        print(f"PROBLEM: {exc}", file=sys.stderr)
        return 1
    found = aliases_not_in_the_text(ds)
    for problem in found:
        print("PROBLEM:", problem, file=sys.stderr)
    if found:
        return 1
    text = md.to_json(ds)
    if args.check:
        current = DATA_FILE.read_text(encoding="utf-8") if DATA_FILE.exists() else ""
        if current != text:
            print(f"{DATA_FILE} is stale: run python scripts/build_bundled.py", file=sys.stderr)
            return 1
        print(f"{DATA_FILE.name} is current")
        return 0
    md.dump(ds, DATA_FILE)
    for name, table in ds.tables().items():
        print(f"{name}: {len(table)}")
    spans = sum(len(r.evidence) for name in EVIDENCED for r in getattr(ds, name))
    print(f"{spans} evidence spans, every quote equals text[start:end]; wrote {DATA_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
