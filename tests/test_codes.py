"""The CAMEO and PLOVER vocabularies: codes from shared/CODES.md, labels, actor codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mideastdata import codes
from mideastdata.codes import (
    CAMEO_EVENT_CODES,
    PLOVER_TYPES,
    cameo_label,
    is_cameo_actor_code,
    is_cameo_event_code,
    is_plover_type,
)

# Every CAMEO event code in the tables of shared/CODES.md, with its label in
# openeventdata/text_to_CAMEO CAMEO_codefile.txt.
CODES_MD_EVENT_LABELS = {
    "010": "Make statement",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "019": "Express accord",
    "0253": "Appeal for release of persons or property",
    "0256": "Appeal for de-escalation of military engagement",
    "036": "Express intent to meet or negotiate",
    "0356": "Express intent to de-escalate military engagement",
    "0353": "Express intent to release persons or property",
    "042": "Make a visit",
    "043": "Host a visit",
    "046": "Engage in negotiation",
    "045": "Engage in mediation",
    "100": "Demand",
    "1053": "Demand release of persons or property",
    "1056": "Demand de-escalation of military engagement",
    "1246": "Decline to de-escalate military engagement",
    "127": "Reject plan, agreement to settle dispute",
    "163": "Impose embargo, boycott, or sanctions",
    "0871": "Declare truce, ceasefire",
    "0841": "Return, release person(s)",
    "0873": "Demobilize armed forces",
}

# Every CAMEO actor code in shared/CODES.md.
CODES_MD_ACTORS = ["USA", "USAGOV", "ISR", "ISRGOV", "ISRMIL", "PSE", "PSEREBHMS", "IGOEUREEC", "IGOUNO"]

# Every PLOVER type named in the CODES.md table.
CODES_MD_PLOVER = ["AGREE", "CONSULT", "REQUEST", "REJECT", "SANCTION", "RETREAT", "CONCEDE", "COERCE"]

ALL_PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.mark.parametrize(("code", "label"), sorted(CODES_MD_EVENT_LABELS.items()))
def test_codes_md_event_codes_are_known_with_their_labels(code: str, label: str) -> None:
    """Every CAMEO event code of CODES.md is known and carries the codefile's label."""
    assert is_cameo_event_code(code)
    assert cameo_label(code) == label
    assert CAMEO_EVENT_CODES[code] == label


def test_brief_examples() -> None:
    """The labels other code relies on read exactly as in the codefile."""
    assert cameo_label("163") == "Impose embargo, boycott, or sanctions"
    assert cameo_label("0871") == "Declare truce, ceasefire"
    assert cameo_label("1246") == "Decline to de-escalate military engagement"


def test_codes_are_strings_with_leading_zeros() -> None:
    """Codes are 3- or 4-digit strings, and a code that lost its leading zero is not a code."""
    assert all(type(code) is str and code.isdigit() and len(code) in {3, 4} for code in CAMEO_EVENT_CODES)
    assert "010" in CAMEO_EVENT_CODES
    assert "0871" in CAMEO_EVENT_CODES
    assert not is_cameo_event_code("10")
    assert not is_cameo_event_code("871")
    assert not is_cameo_event_code(10)
    assert not is_cameo_event_code(871)


def test_codefile_rules() -> None:
    """The first LABEL of a code wins, LABELi variants and malformed codes are left out, nothing is fixed."""
    assert len(CAMEO_EVENT_CODES) == 295
    assert cameo_label("018") == "Make empathetic commment"  # the first of two LABEL lines, typo kept
    assert cameo_label("055") == "Apolgize"  # the LABELi spelling is not used
    assert cameo_label("175") == "Use violent repression"
    assert not cameo_label("1246").startswith("Refuse")  # ICEWS wording
    for malformed in ("13y", "0811i", "138i", "1321i"):
        assert not is_cameo_event_code(malformed)


def test_aerial_munitions_codes_of_the_codefile_are_known() -> None:
    """1951 and 1952, the two sub-codes of 195 in the codefile and in CAMEO 1.1b3, are known."""
    assert cameo_label("1951") == "Employ precision-guided aerial munitions"
    assert cameo_label("1952") == "Employ remotely piloted aerial munitions"
    with pytest.raises(KeyError, match="1951"):
        cameo_label("1953")


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("1385", "Threaten unconventional mass violence"),
        ("181", "Abduct, hijack, or take hostage"),
        ("031", "Express intent to engage in material cooperation"),
        ("0811", "Ease restrictions on political freedoms"),
        ("1321", "Threaten with restrictions on political freedoms"),
        ("1721", "Impose restrictions on political freedoms"),
        ("0863", "Allow humanitarian access"),
        ("1832", "Carry out vehicular bombing"),
    ],
)
def test_labels_whose_meaning_cameo_1_1b3_states_otherwise(code: str, label: str) -> None:
    """Where the CAMEO 1.1b3 codebook gives a code another meaning than the codefile label, its words are used."""
    assert cameo_label(code) == label


def test_role_labels_follow_cameo_1_1b3_table_3_1_where_the_meaning_differs() -> None:
    """UAF is unaligned (not unidentified) armed forces, OPP the political opposition, and MOD is a role."""
    assert codes.CAMEO_ROLE_CODES["UAF"] == "Armed forces aligned neither with nor against their government"
    assert codes.CAMEO_ROLE_CODES["OPP"] == "Political opposition"
    assert codes.CAMEO_ROLE_CODES["MOD"] == "Moderate"
    assert is_cameo_actor_code("ISRUAF")
    assert is_cameo_actor_code("PSEOPPMOD")


def test_event_codes_form_a_hierarchy() -> None:
    """Each 4-digit code has its 3-digit parent and each 2-digit root has its x0 code."""
    for code in CAMEO_EVENT_CODES:
        assert code[:3] in CAMEO_EVENT_CODES
        assert code[:2] + "0" in CAMEO_EVENT_CODES


@pytest.mark.parametrize(
    ("unknown", "suggested"),
    [("10", "010"), ("871", "0871"), ("01", "010"), ("1247", "1246"), ("0870", "0871"), ("0811i", "0811")],
)
def test_unknown_code_raises_keyerror_naming_close_codes(unknown: str, suggested: str) -> None:
    """An unknown code raises KeyError whose message names it and suggests near known codes."""
    with pytest.raises(KeyError) as info:
        cameo_label(unknown)
    message = str(info.value)
    assert repr(unknown) in message
    assert f"{suggested} ({CAMEO_EVENT_CODES[suggested]})" in message


def test_unknown_code_without_neighbours_still_raises_keyerror() -> None:
    """A code with no close known code raises KeyError saying so."""
    with pytest.raises(KeyError, match="no close codes"):
        cameo_label("999")


def test_cameo_label_rejects_non_strings() -> None:
    """An integer code is a type error, not a lookup of some other code."""
    with pytest.raises(TypeError):
        cameo_label(10)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", CODES_MD_ACTORS)
def test_codes_md_actor_codes_are_accepted(code: str) -> None:
    """Every CAMEO actor code of CODES.md is a valid actor code."""
    assert is_cameo_actor_code(code)


@pytest.mark.parametrize("code", ["MEAREB", "LBNREB", "IGOMEAARL", "NGOUSAHLH", "PSEGZA", "IMGMUSALQ", "IGO"])
def test_dictionary_style_actor_codes_are_accepted(code: str) -> None:
    """Codes of the shapes used in the petrarch2 dictionaries are accepted."""
    assert is_cameo_actor_code(code)


@pytest.mark.parametrize(
    "code",
    ["usa", "US", "ISRX", "XXXGOV", "", "Isr", "ISR GOV", "ISRGOVX", "USAISR", "GOVUSA", "ISRXYZ", None, 840, b"USA"],
)
def test_malformed_or_unknown_actor_codes_are_rejected(code: object) -> None:
    """Lower case, wrong length, unknown parts, a country after a country, and non-strings are rejected."""
    assert not is_cameo_actor_code(code)


def test_unknown_first_part_is_rejected_only_when_unknown() -> None:
    """XXXGOV is rejected while XXX is no known code, and accepted for a known country."""
    assert "XXX" not in codes.CAMEO_COUNTRY_CODES
    assert not is_cameo_actor_code("XXXGOV")
    assert all(is_cameo_actor_code(country + "GOV") for country in codes.CAMEO_COUNTRY_CODES)


def test_actor_part_vocabularies_are_three_upper_case_letters() -> None:
    """Every part in the actor vocabularies is three upper-case ASCII letters."""
    parts = (
        set(codes.CAMEO_COUNTRY_CODES)
        | set(codes.CAMEO_ACTOR_PREFIXES)
        | set(codes.CAMEO_REGION_CODES)
        | set(codes.CAMEO_ROLE_CODES)
        | set(codes.CAMEO_GROUP_CODES)
    )
    assert all(len(part) == 3 and part.isascii() and part.isalpha() and part.isupper() for part in parts)


@given(st.text(max_size=12))
def test_accepted_actor_codes_are_runs_of_three_letter_parts(text: str) -> None:
    """Anything accepted as an actor code is upper-case ASCII letters in a multiple of three."""
    if is_cameo_actor_code(text):
        assert text
        assert len(text) % 3 == 0
        assert text.isascii()
        assert text.isalpha()
        assert text.isupper()


def test_plover_has_exactly_the_sixteen_types() -> None:
    """PLOVER_TYPES holds exactly the 16 event types, each with a description."""
    assert set(PLOVER_TYPES) == ALL_PLOVER
    assert len(PLOVER_TYPES) == 16
    assert all(isinstance(text, str) and text for text in PLOVER_TYPES.values())


@pytest.mark.parametrize("name", CODES_MD_PLOVER)
def test_codes_md_plover_types_are_known(name: str) -> None:
    """Every PLOVER type named in CODES.md is a PLOVER type."""
    assert is_plover_type(name)


@pytest.mark.parametrize("name", ["agree", "DEMAND", "FIGHT", "CRIME", "", None, 1])
def test_non_plover_names_are_rejected(name: object) -> None:
    """Lower case, older PLOVER names (DEMAND, FIGHT, CRIME) and non-strings are not PLOVER types."""
    assert not is_plover_type(name)


@pytest.mark.parametrize(
    "mapping",
    [
        CAMEO_EVENT_CODES,
        PLOVER_TYPES,
        codes.CAMEO_COUNTRY_CODES,
        codes.CAMEO_ACTOR_PREFIXES,
        codes.CAMEO_ROLE_CODES,
        codes.CAMEO_GROUP_CODES,
    ],
)
def test_vocabularies_are_read_only(mapping: object) -> None:
    """The vocabularies cannot be changed in place."""
    with pytest.raises(TypeError):
        mapping["XYZ"] = "x"  # type: ignore[index]


def test_public_names() -> None:
    """Everything in __all__ exists in the module."""
    assert all(hasattr(codes, name) for name in codes.__all__)
