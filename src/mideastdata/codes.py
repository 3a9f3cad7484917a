# SPDX-License-Identifier: MIT
"""CAMEO and PLOVER vocabularies as data, with labels.

This module lets rows of mideastdata join with GDELT, ICEWS, Phoenix and POLECAT
data. The vocabularies are plain literals: nothing is read from disk at import.
Every code is a *string*. CAMEO ``"010"`` is not ``10``: a loader that reads codes
as integers drops the leading zero.

Sources (public repositories; each code below was read in one of them):

* CAMEO event codes and labels: ``openeventdata/text_to_CAMEO``, file
  ``CAMEO_codefile.txt`` (CAMEO codelist 0.7b5). Every ``LABEL:`` line is taken,
  ``1951`` and ``1952`` included; the first label of a code wins. ``LABELi``/``LABELI``
  lines (ICEWS variants) and malformed codes (``0811i``, ``1321i``, ``138i``) are
  left out. Labels are kept exactly as written there, typos included
  (``"Apolgize"``, ``"commment"``), except as follows.
* Every label was checked against the *CAMEO Event and Actor Codebook*, version
  1.1b3 (Philip A. Schrodt, Event Data Project, Pennsylvania State University,
  March 2012; the version GDELT codes with; read in the Markdown copy
  ``RBozydar/py-gdelt`` ``gdelt_docs/cameo_docs/CAMEO.Manual.1.1b3.md``): its verb codebook
  (chapter 2), its list of event codes and its Table 3.1 of role codes. Where that
  codebook gives a code a different or wider meaning than the codefile's label
  says, its wording is used: ``031`` (intent, not agreement), ``0811``, ``1321``
  and ``1721`` (political freedoms, not only speech), ``0863`` (humanitarian
  access), ``1385`` (the verb codebook's name: threats of any category-20 violence,
  mass expulsion and killing included, not only WMD), ``181`` (taking hostages),
  ``1832`` (any vehicle, not only cars); the role codes ``OPP`` (political
  opposition, not mobs) and ``UAF`` (armed forces aligned neither with nor against
  their government, not "unidentified"); ``MOD`` is added from Table 3.1. The other
  differences are wording only ("Decline to" / "Refuse to", "demand" / "request",
  "not specified below", spelling) and keep the codefile's text. Codes that 1.1b3
  adds beyond the codefile (``155``, ``176``, ``1834`` ...) are not listed.
* PLOVER event types: ``openeventdata/PLOVER``, files ``PLOVER_MANUAL.tex`` (the
  short descriptions condense the first sentences of each category's section) and
  ``CAMEO2PLOVER-2021.txt``. ``REQUEST`` was called ``DEMAND`` until the rename of
  September 2021 (commit ``4b2715b``).
* PLOVER versions, modes and contexts, and how older types map to current ones: see
  :data:`PLOVER_VERSIONS` and the comments above each table below.
* CAMEO actor codes:

  - country codes and names: ``openeventdata/text_to_CAMEO``, file
    ``countrynames.txt`` (3-letter codes; its 6-letter codes such as ``PSEGZA``
    supply the territory parts);
  - role (agent) codes: ``openeventdata/petrarch2``, file
    ``petrarch2/data/dictionaries/Phoenix.agents.txt``, with labels from
    ``openeventdata/text_to_CAMEO`` file ``agentnames.txt``;
  - known-group and regional codes: ``openeventdata/petrarch2``, files
    ``petrarch2/data/dictionaries/Phoenix.International.actors.txt`` (the
    United Nations, NATO, World Bank/IMF, European Union, "Other IGOs" and the
    start of the NGO sections) and
    ``petrarch2/data/dictionaries/Phoenix.MilNonState.actors.txt``;
  - non-state prefixes: ``openeventdata/PLOVER`` ``PLOVER_MANUAL.tex`` (table of
    non-state actor codes) and ``agentnames.txt`` (``INT``).

  These lists are what those files use, not the whole CAMEO actor codebook: a
  part that is not listed here is rejected rather than guessed at. Codes in the
  dictionaries that are not well formed (``KKL``, ``CFR``, ``ANG``, ``EIN``,
  ``FRN``) were left out.

A CAMEO actor code joins 3-letter parts: first a country, region, non-state
prefix (``IGO``, ``NGO`` ...) or role, then roles and known groups, e.g.
``ISRMIL`` (Israel, military), ``PSEREBHMS`` (Palestine, rebels, Hamas) or
``IGOEUREEC`` (IGO, Europe, European Union). Beware: GDELT's ``EUR`` means
Europe, while PLOVER's ``EUR`` means the EU.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CAMEO_ACTOR_PREFIXES",
    "CAMEO_COUNTRY_CODES",
    "CAMEO_EVENT_CODES",
    "CAMEO_GROUP_CODES",
    "CAMEO_REGION_CODES",
    "CAMEO_ROLE_CODES",
    "PLOVER_CONTEXTS",
    "PLOVER_CURRENT",
    "PLOVER_MODES",
    "PLOVER_RENAMED",
    "PLOVER_TYPES",
    "PLOVER_VERSIONS",
    "cameo_label",
    "is_cameo_actor_code",
    "is_cameo_event_code",
    "is_plover_type",
    "plover_current_type",
]

#: CAMEO event code -> label, from ``text_to_CAMEO/CAMEO_codefile.txt``, checked
#: against the CAMEO 1.1b3 codebook (see the module docstring).
CAMEO_EVENT_CODES: Mapping[str, str] = MappingProxyType(
    {
        "010": "Make statement",
        "011": "Decline comment",
        "012": "Make pessimistic comment",
        "013": "Make optimistic comment",
        "014": "Consider policy option",
        "015": "Acknowledge or claim responsibility",
        "016": "Deny responsibility",
        "017": "Engage in symbolic act",
        "018": "Make empathetic commment",
        "019": "Express accord",
        "020": "Make an appeal or request",
        "021": "Appeal for material cooperation",
        "0211": "Appeal for economic cooperation",
        "0212": "Appeal for military cooperation",
        "0213": "Appeal for judicial cooperation",
        "0214": "Appeal for intelligence cooperation",
        "022": "Appeal for diplomatic cooperation (such as policy support)",
        "023": "Appeal for aid",
        "0231": "Appeal for economic aid",
        "0232": "Appeal for military aid",
        "0233": "Appeal for humanitarian aid",
        "0234": "Appeal for military protection or peacekeeping",
        "024": "Appeal for political reform",
        "0241": "Appeal for change in leadership",
        "0242": "Appeal for policy change",
        "0243": "Appeal for rights",
        "0244": "Appeal for change in institutions, regime",
        "025": "Appeal for target to yield",
        "0251": "Appeal for easing of administrative sanctions",
        "0252": "Appeal for easing of popular dissent",
        "0253": "Appeal for release of persons or property",
        "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
        "0255": "Appeal for target to allow international involvement (non-mediation)",
        "0256": "Appeal for de-escalation of military engagement",
        "026": "Appeal to others to meet or negotiate",
        "027": "Appeal to others to settle dispute",
        "028": "Appeal to engage mediation",
        "030": "Express intent to cooperate",
        "031": "Express intent to engage in material cooperation",
        "0311": "Express intent to cooperate economically",
        "0312": "Express intent to cooperate militarily",
        "0313": "Express intent to cooperate on judicial matters",
        "0314": "Express intent to cooperate on intelligence",
        "032": "Express intent to engage in diplomatic cooperation (such as policy support)",
        "033": "Express intent to provide material aid",
        "0331": "Express intent to provide economic aid",
        "0332": "Express intent to provide military aid",
        "0333": "Express intent to provide humanitarian aid",
        "0334": "Express intent to provide military protection or peacekeeping",
        "034": "Express intent to bring political reform",
        "0341": "Express intent to change leadership",
        "0342": "Express intent to change policy",
        "0343": "Express intent to provide rights",
        "0344": "Express intent to change institutions, regime",
        "035": "Express intent to yield",
        "0351": "Express intent to ease administrative sanctions",
        "0352": "Express intent to ease popular dissent",
        "0353": "Express intent to release persons or property",
        "0354": "Express intent to ease economic sanctions, boycott, embargo",
        "0355": "Express intent to allow international involvement (non-mediation)",
        "0356": "Express intent to de-escalate military engagement",
        "036": "Express intent to meet or negotiate",
        "037": "Express intent to settle dispute",
        "038": "Express intent to accept mediation",
        "039": "Express intent to mediate",
        "040": "Consult",
        "041": "Discuss by telephone",
        "042": "Make a visit",
        "043": "Host a visit",
        "044": "Meet at a 'third' location",
        "045": "Engage in mediation",
        "046": "Engage in negotiation",
        "050": "Engage in diplomatic cooperation",
        "051": "Praise or endorse",
        "052": "Defend verbally",
        "053": "Rally support on behalf of",
        "054": "Grant diplomatic recognition",
        "055": "Apolgize",
        "056": "Forgive",
        "057": "Sign formal agreement",
        "060": "Engage in material cooperation",
        "061": "Cooperate economically",
        "062": "Cooperate militarily",
        "063": "Engage in judicial cooperation",
        "064": "Share intelligence or information",
        "070": "Provide aid",
        "071": "Provide economic aid",
        "072": "Provide military aid",
        "073": "Provide humanitarian aid",
        "074": "Provide military protection or peacekeeping",
        "075": "Grant asylum",
        "080": "Yield",
        "081": "Ease administrative sanctions",
        "0811": "Ease restrictions on political freedoms",
        "0812": "Ease ban on political parties or politicians",
        "0813": "Ease curfew",
        "0814": "Ease state of emergency or martial law",
        "082": "Ease political dissent",
        "083": "Accede to requests or demands for political reform",
        "0831": "Accede to demands for change in leadership",
        "0832": "Accede to demands for change in policy",
        "0833": "Accede to demands for rights",
        "0834": "Accede to demands for change in institutions, regime",
        "084": "Return, release",
        "0841": "Return, release person(s)",
        "0842": "Return, release property",
        "085": "Ease economic sanctions, boycott, embargo",
        "086": "Allow international involvement",
        "0861": "Receive deployment of peacekeepers",
        "0862": "Receive inspectors",
        "0863": "Allow humanitarian access",
        "087": "De-escalate military engagement",
        "0871": "Declare truce, ceasefire",
        "0872": "Ease military blockade",
        "0873": "Demobilize armed forces",
        "0874": "Retreat or surrender militarily",
        "090": "Investigate",
        "091": "Investigate crime, corruption",
        "092": "Investigate human rights abuses",
        "093": "Investigate military action",
        "094": "Investigate war crimes",
        "100": "Demand",
        "101": "Demand material cooperation",
        "1011": "Demand economic cooperation",
        "1012": "Demand military cooperation",
        "1013": "Demand judicial cooperation",
        "1014": "Demand intelligence cooperation",
        "102": "Demand diplomatic cooperation (such as policy support)",
        "103": "Demand aid",
        "1031": "Demand economic aid",
        "1032": "Demand military aid",
        "1033": "Demand humanitarian aid",
        "1034": "Demand military protection or peacekeeping",
        "104": "Demand political reform",
        "1041": "Demand change in leadership",
        "1042": "Demand policy change",
        "1043": "Demand rights",
        "1044": "Demand change in institutions, regime",
        "105": "Demand that target yields",
        "1051": "Demand easing of adminstrative sanctions",
        "1052": "Demand easing of popular dissent",
        "1053": "Demand release of persons or property",
        "1054": "Demand easing of economic sanctions, boycott, or embargo",
        "1055": "Demand that target allows international involvement (non-mediation)",
        "1056": "Demand de-escalation of military engagement",
        "106": "Demand meeting, negotiation",
        "107": "Demand settling of dispute",
        "108": "Demand mediation",
        "110": "Disapprove",
        "111": "Criticize or denounce",
        "112": "Accuse",
        "1121": "Accuse of crime, corruption",
        "1122": "Accuse of human rights abuses",
        "1123": "Accuse of aggression",
        "1124": "Accuse of war crimes",
        "1125": "Accuse of espionage, treason",
        "113": "Rally opposition against",
        "114": "Complain officially",
        "115": "Bring lawsuit against",
        "116": "Find guilty or liable (legally)",
        "120": "Reject",
        "121": "Reject material cooperation",
        "1211": "Reject economic cooperation",
        "1212": "Reject military cooperation",
        "1213": "Reject judicial cooperation",
        "1214": "Reject intelligence cooperation",
        "122": "Reject request or demand for material aid",
        "1221": "Reject demand for economic aid",
        "1222": "Reject demand for military aid",
        "1223": "Reject demand for humanitarian aid",
        "1224": "Reject demand for military protection or peacekeeping",
        "123": "Reject request or demand for political reform",
        "1231": "Reject demand for change in leadership",
        "1232": "Reject demand for policy change",
        "1233": "Reject demand for rights",
        "1234": "Reject demand for change in institutions, regime",
        "124": "Decline to yield",
        "1241": "Decline to ease administrative sanctions",
        "1242": "Decline to ease popular dissent",
        "1243": "Decline to release persons or property",
        "1244": "Decline to ease economic sanctions, boycott, or embargo",
        "1245": "Decline to allow international involvement (non-mediation)",
        "1246": "Decline to de-escalate military engagement",
        "125": "Reject proposal to meet, discuss, negotiate",
        "126": "Reject mediation",
        "127": "Reject plan, agreement to settle dispute",
        "128": "Defy norms, law",
        "129": "Veto",
        "130": "Threaten",
        "131": "Threaten non-force",
        "1311": "Threaten to reduce or stop aid",
        "1312": "Threaten to boycott, embargo, or sanction",
        "1313": "Threaten to reduce or break relations",
        "132": "Threaten with administrative sanctions",
        "1321": "Threaten with restrictions on political freedoms",
        "1322": "Threaten to ban political parties or politicians",
        "1323": "Threaten to impose curfew",
        "1324": "Threaten to impose state of emergency or martial law",
        "133": "Threaten with political dissent, protest",
        "134": "Threaten to halt negotiations",
        "135": "Threaten to halt mediation",
        "136": "Threaten to halt (expel or withdraw) international involvement (non-mediation)",
        "137": "Threaten with violent repression",
        "138": "Threaten with military force",
        "1381": "Threaten blockade",
        "1382": "Threaten occupation",
        "1383": "Threaten unconventional violence",
        "1384": "Threaten conventional attack",
        "1385": "Threaten unconventional mass violence",
        "139": "Give ultimatum",
        "140": "Engage in political dissent",
        "141": "Demonstrate or rally",
        "1411": "Demonstrate for leadership change",
        "1412": "Demonstrate for policy change",
        "1413": "Demonstrate for rights",
        "1414": "Demonstrate for change in institutions, regime",
        "142": "Conduct hunger strike",
        "1421": "Conduct hunger strike for leadership change",
        "1422": "Conduct hunger strike for policy change",
        "1423": "Conduct hunger strike for rights",
        "1424": "Conduct hunger strike for change in institutions, regime",
        "143": "Conduct strike or boycott",
        "1431": "Conduct strike or boycott for change in leadership",
        "1432": "Conduct strike or boycott for policy change",
        "1433": "Conduct strike or boycott for rights",
        "1434": "Conduct strike or boycott for change in institutions, regime",
        "144": "Obstruct passage, block",
        "1441": "Obstruct passage to demand change in leadership",
        "1442": "Obstruct passage to demand policy change",
        "1443": "Obstruct passage to demand rights",
        "1444": "Ostruct passage to demand change in institutions, regime",
        "145": "Protest violently, riot",
        "1451": "Engage in violent protest for change in leadership",
        "1452": "Engage in violent protest for policy change",
        "1453": "Engage in violent protest for rights",
        "1454": "Engage in violent protest for change in institutions, regime",
        "150": "Demonstrate military or police power",
        "151": "Increase police alert status",
        "152": "Increase military alert status",
        "153": "Mobilize or increase police power",
        "154": "Mobilize or increase armed forces",
        "160": "Reduce relations",
        "161": "Reduce or break diplomatic relations",
        "162": "Reduce or stop aid",
        "1621": "Reduce or stop economic assistance",
        "1622": "Reduce or stop military assistance",
        "1623": "Reduce or stop humanitarian assistance",
        "163": "Impose embargo, boycott, or sanctions",
        "164": "Halt negotiations",
        "165": "Halt mediation",
        "166": "Expel or withdraw",
        "1661": "Expel or withdraw peacekeepers",
        "1662": "Expel or withdraw inspectors, observers",
        "1663": "Expel or withdraw aid agencies",
        "170": "Coerce",
        "171": "Seize or damage property",
        "1711": "Confiscate property",
        "1712": "Destroy property",
        "172": "Impose administrative sanctions",
        "1721": "Impose restrictions on political freedoms",
        "1722": "Ban political parties or politicians",
        "1723": "Impose curfew",
        "1724": "Impose state of emergency or martial law",
        "173": "Arrest, detain, or charge with legal action",
        "174": "Expel or deport individuals",
        "175": "Use violent repression",
        "180": "Use unconventional violence",
        "181": "Abduct, hijack, or take hostage",
        "182": "Physically assault",
        "1821": "Sexually assault",
        "1822": "Torture",
        "1823": "Kill by physical assault",
        "183": "Conduct suicide, car, or other non-military bombing",
        "1831": "Carry out suicide bombing",
        "1832": "Carry out vehicular bombing",
        "1833": "Carry out roadside bombing",
        "184": "Use as human shield",
        "185": "Attempt to assassinate",
        "186": "Assassinate",
        "190": "Use conventional military force",
        "191": "Impose blockade, restrict movement",
        "192": "Occupy territory",
        "193": "Fight with small arms and light weapons",
        "194": "Fight with artillery and tanks",
        "195": "Employ aerial weapons",
        "1951": "Employ precision-guided aerial munitions",
        "1952": "Employ remotely piloted aerial munitions",
        "196": "Violate ceasefire",
        "200": "Use unconventional mass violence",
        "201": "Engage in mass expulsion",
        "202": "Engage in mass killings",
        "203": "Engage in ethnic cleansing",
        "204": "Use weapons of mass destruction",
        "2041": "Use chemical, biological, or radiological weapons",
        "2042": "Detonate nuclear weapons",
    }
)

#: PLOVER event type -> short description, from ``PLOVER/PLOVER_MANUAL.tex``.
PLOVER_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "AGREE": (
            "Agree to, offer, promise, or otherwise indicate willingness or"
            " commitment to cooperate, including promises to sign or ratify"
            " agreements."
        ),
        "CONSULT": (
            "All consultations and meetings, including visiting and hosting"
            " visits, meeting at a neutral location, and consultation by phone"
            " or other media."
        ),
        "SUPPORT": (
            "Initiate, resume, improve, or expand diplomatic, non-material"
            " cooperation; express support for, commend, or approve a policy,"
            " action, or actor; ratify, sign, or finalize an agreement or treaty."
        ),
        "CONCEDE": (
            "Verbal concessions with no immediate material consequences,"
            " including promises of future concessions and declarations (but not"
            " implementations) of ceasefires and withdrawals."
        ),
        "COOPERATE": (
            "Initiate, resume, improve, or expand mutual material cooperation"
            " or exchange."
        ),
        "AID": (
            "Provision of material aid whose benefits primarily accrue to the"
            " recipient."
        ),
        "RETREAT": (
            "Events with immediate (not simply promised) material consequences,"
            " such as releasing prisoners, disarming, observing a ceasefire, or"
            " retreating from territory."
        ),
        "REQUEST": (
            "All demands and orders (the category the 2021 PLOVER manual calls"
            " DEMAND)."
        ),
        "ACCUSE": (
            "Express disapproval; accuse, allege, or charge; sue; investigate."
        ),
        "REJECT": "All rejections and refusals.",
        "THREATEN": (
            "All threats, coercive or forceful warnings with serious potential"
            " repercussions."
        ),
        "PROTEST": (
            "All civilian demonstrations and other collective actions carried"
            " out as protests against the recipient."
        ),
        "SANCTION": (
            "All reductions in existing, routine, or cooperative relations."
        ),
        "MOBILIZE": (
            "All military or police moves that fall short of the actual use of"
            " force."
        ),
        "COERCE": "Repression or restrictions on rights.",
        "ASSAULT": (
            "Deliberate actions which can potentially result in substantial"
            " physical harm."
        ),
    }
)

#: CAMEO country code -> name, from ``text_to_CAMEO/countrynames.txt``.
CAMEO_COUNTRY_CODES: Mapping[str, str] = MappingProxyType(
    {
        "ABW": "Aruba",
        "AFG": "Afghanistan",
        "AGO": "Angola",
        "AIA": "Anguilla",
        "ALB": "Albania",
        "AND": "Andorra",
        "ANT": "Antarctica",
        "ARE": "United Arab Emirates",
        "ARG": "Argentina",
        "ARM": "Armenia",
        "ATG": "Antigua and Barbuda",
        "AUS": "Australia",
        "AUT": "Austria",
        "AZE": "Azerbaijan",
        "BDI": "Burundi",
        "BEL": "Belgium",
        "BEN": "Benin",
        "BFA": "Burkina Faso",
        "BGD": "Bangladesh",
        "BGR": "Bulgaria",
        "BHR": "Bahrain",
        "BHS": "Bahamas",
        "BIH": "Bosnia and Herzegovina",
        "BLR": "Belarus",
        "BLZ": "Belize",
        "BMU": "Bermuda",
        "BOL": "Bolivia",
        "BRA": "Brazil",
        "BRB": "Barbados",
        "BRN": "Brunei Darussalam",
        "BTN": "Bhutan",
        "BWA": "Botswana",
        "CAF": "Central African Republic",
        "CAN": "Canada",
        "CCK": "Cocos Islands",
        "CHE": "Switzerland",
        "CHL": "Chile",
        "CHN": "China",
        "CIV": "Cote d'Ivoire",
        "CMR": "Cameroon",
        "COD": "Democratic Republic of the Congo",
        "COG": "Congo",
        "COK": "Cook Islands",
        "COL": "Colombia",
        "COM": "Comoros",
        "CPV": "Cape Verde",
        "CRI": "Costa Rica",
        "CUB": "Cuba",
        "CUW": "Curaçao",
        "CXR": "Christmas Island",
        "CYM": "Cayman Islands",
        "CYP": "Cyprus",
        "CZE": "Czech Republic",
        "DEU": "Germany",
        "DJI": "Djibouti",
        "DMA": "Dominica",
        "DNK": "Denmark",
        "DOM": "Dominican Republic",
        "DZA": "Algeria",
        "ECU": "Ecuador",
        "EGY": "Egypt",
        "ERI": "Eritrea",
        "ESH": "Western Sahara",
        "ESP": "Spain",
        "EST": "Estonia",
        "ETH": "Ethiopia",
        "FIN": "Finland",
        "FJI": "Fiji",
        "FRA": "France",
        "FSM": "Micronesia",
        "GAB": "Gabon",
        "GBR": "United Kingdom",
        "GEO": "Georgia",
        "GGY": "Guernsey",
        "GHA": "Ghana",
        "GIN": "Guinea",
        "GMB": "Gambia",
        "GNB": "Guinea Bissau",
        "GNQ": "Equatorial Guinea",
        "GRC": "Greece",
        "GRD": "Grenada",
        "GTM": "Guatemala",
        "GUY": "Guyana",
        "HKG": "Hong Kong",
        "HND": "Honduras",
        "HRV": "Croatia",
        "HTI": "Haiti",
        "HUN": "Hungary",
        "IDN": "Indonesia",
        "IND": "India",
        "IOT": "British Indian Ocean Territory",
        "IRL": "Ireland",
        "IRN": "Iran",
        "IRQ": "Iraq",
        "ISL": "Iceland",
        "ISR": "Israel",
        "ITA": "Italy",
        "JAM": "Jamaica",
        "JOR": "Jordan",
        "JPN": "Japan",
        "KAZ": "Kazakhstan",
        "KEN": "Kenya",
        "KGZ": "Kyrgyzstan",
        "KHM": "Cambodia",
        "KIR": "Kiribati",
        "KNA": "Saint Kitts and Nevis",
        "KOR": "South Korea",
        "KSV": "Kosovo",
        "KWT": "Kuwait",
        "LAO": "Laos",
        "LBN": "Lebanon",
        "LBR": "Liberia",
        "LBY": "Libya",
        "LCA": "Saint Lucia",
        "LIE": "Liechtenstein",
        "LKA": "Sri Lanka",
        "LSO": "Lesotho",
        "LTU": "Lithuania",
        "LUX": "Luxembourg",
        "LVA": "Latvia",
        "MAC": "Macao",
        "MAF": "Saint Martin (French part)",
        "MAR": "Morocco",
        "MCO": "Monaco",
        "MDA": "Moldova",
        "MDG": "Madagaskar",
        "MDV": "Maldives",
        "MEX": "Mexico",
        "MHL": "Marshall Islands",
        "MKD": "Macedonia",
        "MLI": "Mali",
        "MLT": "Malta",
        "MMR": "Myanmar",
        "MNE": "Montenegro",
        "MNG": "Mongolia",
        "MNP": "Northern Mariana Islands",
        "MOZ": "Mozambique",
        "MRT": "Mauritania",
        "MTQ": "Martinique",
        "MUS": "Mauritius",
        "MWI": "Malawi",
        "MYS": "Malaysia",
        "NAM": "Namibia",
        "NER": "Niger",
        "NGA": "Nigeria",
        "NIC": "Nicaragua",
        "NLD": "Netherlands",
        "NOR": "Norway",
        "NPL": "Nepal",
        "NRU": "Nauru",
        "NZL": "New Zealand",
        "OMN": "Oman",
        "PAK": "Pakistan",
        "PAN": "Panama",
        "PER": "Peru",
        "PHL": "Philippines",
        "PLW": "Palau",
        "PNG": "Papua New Guinea",
        "POL": "Poland",
        "PRK": "North Korea",
        "PRT": "Portugal",
        "PRY": "Paraguay",
        "PSE": "Occupied Palestinian Territory",
        "QAT": "Qatar",
        "ROU": "Romania",
        "RUS": "Russian Federation",
        "RWA": "Rwanda",
        "SAU": "Saudi Arabia",
        "SDN": "Sudan",
        "SEN": "Senegal",
        "SGP": "Singapore",
        "SLB": "Solomon Islands",
        "SLE": "Sierra Leone",
        "SLV": "El Salvador",
        "SMR": "San Marino",
        "SOM": "Somalia",
        "SRB": "Serbia and Montenegro",
        "SSD": "South Sudan",
        "STP": "Sao Tome and Principe",
        "SUR": "Suriname",
        "SVK": "Slovakia",
        "SVN": "Slovenia",
        "SWE": "Sweden",
        "SWZ": "Swaziland",
        "SXM": "Sint Maarten",
        "SYC": "Seychelles",
        "SYR": "Syria",
        "TCA": "Turks and Caicos Islands",
        "TCD": "Chad",
        "TGO": "Togo",
        "THA": "Thailand",
        "TJK": "Tajikistan",
        "TKM": "Turkmenistan",
        "TMP": "Timor Leste",
        "TON": "Tonga",
        "TTO": "Trinidad and Tobago",
        "TUN": "Tunisia",
        "TUR": "Turkey",
        "TUV": "Tuvalu",
        "TWN": "Taiwan",
        "TZA": "United Republic Of Tanzania",
        "UGA": "Uganda",
        "UKR": "Ukraine",
        "URY": "Uruguay",
        "USA": "United States",
        "UZB": "Uzbekistan",
        "VAT": "Holy See",
        "VCT": "Saint Vincent and the Grenadines",
        "VEN": "Venezuela",
        "VNM": "Vietnam",
        "VUT": "Vanuatu",
        "WSM": "Samoa",
        "YEM": "Yemen",
        "ZAF": "Republic of South Africa",
        "ZMB": "Zambia",
        "ZWE": "Zimbabwe",
    }
)

#: Non-state first parts -> meaning. ``IGO``, ``NGO``, ``ISM``, ``IMG`` and
#: ``MNC`` from the non-state actor table of ``PLOVER_MANUAL.tex``; ``INT``
#: from ``text_to_CAMEO/agentnames.txt``.
CAMEO_ACTOR_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "IGO": "International governmental organization",
        "NGO": "Non-governmental organization",
        "ISM": "International social movement",
        "IMG": "Transnational militarized group",
        "MNC": "Multi-national corporation",
        "INT": "International dissident",
    }
)

#: Regional parts that the petrarch2 dictionaries use as a first part (e.g.
#: ``MEAREB``) or inside an IGO or NGO code (e.g. ``IGOMEAARL``, Arab League).
CAMEO_REGION_CODES: frozenset[str] = frozenset(
    {
        "AFR",
        "ASA",
        "CAS",
        "CRB",
        "EAF",
        "EEU",
        "EUR",
        "LAM",
        "MEA",
        "NAF",
        "NMR",
        "PGS",
        "SAF",
        "SAM",
        "SAS",
        "SEA",
        "WAF",
        "WEU",
        "WST",
    }
)

#: Role (agent) code -> label. Codes from ``petrarch2 Phoenix.agents.txt``
#: (plus ``INS``, ``SEP`` and ``MOS`` from ``text_to_CAMEO/agentnames.txt``, and
#: ``MOD`` from Table 3.1 of the CAMEO 1.1b3 codebook); labels from
#: ``agentnames.txt`` where it names the code, else from the entries that
#: ``Phoenix.agents.txt`` files under it; ``OPP``, ``UAF`` and ``MOD`` read as in
#: Table 3.1 of the 1.1b3 codebook (see the module docstring).
CAMEO_ROLE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "AGR": "Agricultural",
        "BUD": "Buddhist",
        "BUS": "Business",
        "CHR": "Christian",
        "COP": "Police",
        "CRM": "Criminals / Gangs",
        "CTH": "Catholic",
        "CVL": "General Population / Civilian / Social",
        "DEV": "Development",
        "EDU": "Education",
        "ELI": "Elite",
        "ENV": "Environment",
        "GOV": "Government",
        "HIN": "Hindu",
        "HLH": "Medical / Health",
        "HRI": "Human Rights",
        "IMG": "International terrorist",
        "INS": "Insurgents",
        "JEW": "Jewish",
        "JUD": "Judicial",
        "LAB": "Labor",
        "LEG": "Legislative / Parliamentary",
        "MAR": "Maronite",
        "MED": "Media",
        "MIL": "Military",
        "MOD": "Moderate",
        "MOS": "Muslim",
        "MUS": "Muslim",
        "NGO": "Non-governmental organization",
        "OPP": "Political opposition",
        "PPL": "People",
        "PRO": "Protestant",
        "PTY": "Parties",
        "RAD": "Radicals / Extremists / Fundamentalists",
        "REB": "Rebel",
        "REF": "Refugees / Displaced",
        "REL": "Religious",
        "SEP": "Separatists",
        "SPY": "Intelligence",
        "UAF": "Armed forces aligned neither with nor against their government",
    }
)

#: Known-group, ethnic and territory code -> what the source files under it.
#: Organisations from ``petrarch2 Phoenix.International.actors.txt`` (the
#: ``HMS`` and ``ALQ`` groups from ``Phoenix.MilNonState.actors.txt``); ethnic
#: codes from ``text_to_CAMEO/agentnames.txt``; territory parts from the
#: 6-letter codes of ``text_to_CAMEO/countrynames.txt`` (e.g. ``PSEGZA``).
CAMEO_GROUP_CODES: Mapping[str, str] = MappingProxyType(
    {
        # Organisations (Phoenix.International.actors.txt).
        "ABD": "Arab Bank for Economic Development in Africa",
        "ACC": "Arab Cooperation Council",
        "ADB": "Asian Development Bank",
        "AEU": "Arab Economic Unity Council",
        "AFB": "African Development Bank",
        "AFU": "African Union",
        "AIE": "International Energy Agency",
        "AMF": "Arab Monetary Fund",
        "AMU": "Arab Maghreb Union",
        "APE": "Organization of Arab Petroleum Exporting Countries",
        "ARL": "Arab League",
        "ASN": "Association of Southeast Asian Nations",
        "ATD": "Eastern and Southern African Trade and Development Bank",
        "BCA": "Bank of Central African States",
        "BIS": "Bank for International Settlements",
        "CEM": "Monetary and Economic Community of Central Africa",
        "CES": "Common Market for Eastern and Southern Africa",
        "CIS": "Commonwealth of Independent States",
        "COE": "Council of Europe",
        "CPA": "Cocoa Producers' Alliance",
        "CPC": "Association of Coffee Producing Countries",
        "CSS": "Community of Sahel-Saharan States",
        "CWN": "Commonwealth of Nations",
        "DVE": "Developing Eight Countries",
        "EAC": "East African Community",
        "EBR": "European Bank for Reconstruction and Development",
        "ECA": "Economic Community of Central African States",
        "EEC": "European Union",
        "EFT": "European Free Trade Association",
        "FAO": "Food and Agriculture Organization",
        "GCC": "Gulf Cooperation Council",
        "GOE": "Group of Eight",
        "GOS": "Group of Seven",
        "GSS": "Group of Seventy-Seven",
        "HCH": "United Nations Commission for Human Rights",
        "HCR": "United Nations High Commission for Refugees",
        "IAC": "Inter-African Coffee Organization",
        "IAD": "Intergovernmental Authority on Development",
        "IAE": "International Atomic Energy Agency",
        "ICC": "International Criminal Court",
        "ICJ": "International Court of Justice",
        "ICO": "International Cocoa Organization",
        "IDB": "Islamic Development Bank",
        "IGC": "International Grains Council",
        "ILO": "International Labour Organization",
        "IMF": "International Monetary Fund",
        "IPU": "Inter-Parliamentary Union",
        "IRC": "Red Cross and Red Crescent",
        "ITP": "Interpol",
        "KID": "United Nations Children's Fund",
        "NAT": "North Atlantic Treaty Organization",
        "NEP": "New Partnership for Africa's Development",
        "NON": "Organization of Non-Aligned Countries",
        "OAS": "Organization of American States",
        "OAU": "Organization of African Unity",
        "OIC": "Organization of Islamic Conferences",
        "OPC": "Organization of Petroleum Exporting Countries",
        "SAA": "South Asian Association for Regional Cooperation",
        "SAD": "Southern African Development Community",
        "SCE": "Council of Security and Cooperation in Europe",
        "SCN": "Nordic Council",
        "SOT": "South East Asian Treaty Organization",
        "UNO": "United Nations",
        "WAD": "West African Development Bank",
        "WAM": "West Africa Monetary and Economic Union",
        "WAS": "Economic Community of West African States",
        "WBK": "World Bank",
        "WCT": "International War Crimes Tribunal",
        "WFP": "World Food Programme",
        "WHO": "World Health Organization",
        "WTO": "World Trade Organisation",
        # Armed non-state groups (Phoenix.MilNonState.actors.txt).
        "ALQ": "al-Qaeda",
        "HMS": "Hamas",
        # Ethnic groups (agentnames.txt; ARB and TAM also in the dictionaries).
        "ARB": "Arab",
        "BED": "Bedouin",
        "KUR": "Kurd",
        "PAL": "Palestinian",
        "TAM": "Tamil",
        # Territories (second half of the 6-letter codes in countrynames.txt).
        "ANT": "Netherlands Antilles",
        "ASM": "American Samoa",
        "FLK": "Falkland Islands",
        "FRO": "Faeroe Islands",
        "GIB": "Gibraltar",
        "GLP": "Guadeloupe",
        "GRL": "Greenland",
        "GUF": "French Guiana",
        "GUM": "Guam",
        "GZA": "Gaza",
        "IMY": "Isle Of Man",
        "MSR": "Montserrat",
        "NCL": "New Caledonia",
        "NFK": "Norfolk Island",
        "NIU": "Niue",
        "PCN": "Pitcairn",
        "PRI": "Puerto Rico",
        "PYF": "French Polynesia",
        "SHN": "Saint Helena",
        "TKL": "Tokelau",
        "VGB": "British Virgin Islands",
        "VIR": "United States Virgin Islands",
        "WLF": "Wallis and Futuna Islands",
    }
)

# Parts allowed after the first part. After a non-state prefix (``NGOUSA``,
# ``IGOMEAARL``, ``IGOUNOLKAHRI``) country and region parts may follow too.
_FOLLOWING_PARTS: frozenset[str] = frozenset(CAMEO_ROLE_CODES) | frozenset(
    CAMEO_GROUP_CODES
)
_AFTER_PREFIX_PARTS: frozenset[str] = (
    _FOLLOWING_PARTS | frozenset(CAMEO_COUNTRY_CODES) | CAMEO_REGION_CODES
)
_FIRST_PARTS: frozenset[str] = (
    frozenset(CAMEO_COUNTRY_CODES)
    | CAMEO_REGION_CODES
    | frozenset(CAMEO_ACTOR_PREFIXES)
    | frozenset(CAMEO_ROLE_CODES)
)

_MAX_SUGGESTIONS = 5


def is_cameo_event_code(code: object) -> bool:
    """Tell whether ``code`` is a known CAMEO event code.

    Args:
        code: Any value; only a string such as ``"010"`` or ``"0871"`` can be a
            code (the integer ``10`` is not).

    Returns:
        True if ``code`` is a key of :data:`CAMEO_EVENT_CODES`.
    """
    return isinstance(code, str) and code in CAMEO_EVENT_CODES


def _close_event_codes(code: str) -> list[str]:
    """List known event codes close to an unknown one, closest first.

    Args:
        code: A code that is not in :data:`CAMEO_EVENT_CODES`.

    Returns:
        At most five known codes: the code with a lost leading zero restored
        (``"10"`` -> ``"010"``) or a 2-digit root code completed (``"01"`` ->
        ``"010"``), then the codes sharing its longest prefix (numerically
        nearest first), then similar-looking codes.
    """
    import difflib  # noqa: PLC0415 - only needed on the error path.

    found: list[str] = []

    def add(candidate: str) -> None:
        if candidate in CAMEO_EVENT_CODES and candidate not in found:
            found.append(candidate)

    def nearness(candidate: str) -> tuple[bool, int, str]:
        distance = abs(int(candidate) - int(code)) if code.isdigit() else 0
        return (len(candidate) != len(code), distance, candidate)

    if code.isdigit():
        add(code.zfill(3))
        add(code.zfill(4))
        add(code + "0")
    for length in range(min(len(code), 4) - 1, 1, -1):
        stem = code[:length]
        siblings = [c for c in CAMEO_EVENT_CODES if c.startswith(stem)]
        if siblings:
            add(stem)
            for sibling in sorted(siblings, key=nearness):
                add(sibling)
            break
    for candidate in difflib.get_close_matches(code, list(CAMEO_EVENT_CODES), n=_MAX_SUGGESTIONS):
        add(candidate)
    return found[:_MAX_SUGGESTIONS]


def cameo_label(code: str) -> str:
    """Return the label of a CAMEO event code.

    Args:
        code: A CAMEO event code as a string, leading zeros kept (``"010"``).

    Returns:
        The label from ``CAMEO_codefile.txt``, e.g. ``"Make statement"``.

    Raises:
        TypeError: If ``code`` is not a string.
        KeyError: If ``code`` is not a known code; the message names close
            known codes with their labels.
    """
    if not isinstance(code, str):
        raise TypeError(f"CAMEO event codes are strings, got {type(code).__name__}")
    try:
        return CAMEO_EVENT_CODES[code]
    except KeyError:
        near = "; ".join(f"{c} ({CAMEO_EVENT_CODES[c]})" for c in _close_event_codes(code))
        hint = f"close codes: {near}" if near else "no close codes"
        raise KeyError(f"unknown CAMEO event code {code!r}; {hint}") from None


def is_cameo_actor_code(code: object) -> bool:
    """Tell whether ``code`` is a well-formed CAMEO actor code of known parts.

    The code is a run of upper-case 3-letter parts. The first part is a country
    (:data:`CAMEO_COUNTRY_CODES`), a region (:data:`CAMEO_REGION_CODES`), a
    non-state prefix (:data:`CAMEO_ACTOR_PREFIXES`) or a role
    (:data:`CAMEO_ROLE_CODES`). Every following part is a role or a known group
    (:data:`CAMEO_GROUP_CODES`); after a non-state prefix it may also be a
    country or a region, as in ``IGOEUREEC`` or ``NGOUSA``.

    Args:
        code: Any value, e.g. ``"ISRGOV"`` or ``"PSEREBHMS"``.

    Returns:
        True if ``code`` is such a code, False otherwise (for ``"usa"``,
        ``"US"``, ``"ISRX"``, ``"XXXGOV"``, ``""`` or a non-string).
    """
    if not isinstance(code, str) or not code or len(code) % 3:
        return False
    if not (code.isascii() and code.isalpha() and code.isupper()):
        return False
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    first, rest = parts[0], parts[1:]
    if first not in _FIRST_PARTS:
        return False
    allowed = _AFTER_PREFIX_PARTS if first in CAMEO_ACTOR_PREFIXES else _FOLLOWING_PARTS
    return all(part in allowed for part in rest)


def is_plover_type(code: object) -> bool:
    """Tell whether ``code`` is one of the 16 PLOVER event types.

    Args:
        code: Any value; the types are upper-case strings such as ``"AGREE"``.

    Returns:
        True if ``code`` is a key of :data:`PLOVER_TYPES`.
    """
    return isinstance(code, str) and code in PLOVER_TYPES


# --------------------------------------------------------------------------- PLOVER versions
#
# Two versions of the PLOVER specification are known, each from one stored file of
# ``openeventdata/PLOVER`` (git history of https://github.com/openeventdata/PLOVER):
#
# * ``2.0``: ``PLOVER_MANUAL.tex`` at commit ``5e0c24f`` (2024-02-04, "DRAFT Version: 2.0"),
#   the current specification: the event categories of chapter "Event Categories", the mode
#   table of each category, the table "General contexts" and the section "Auxiliary modes"
#   (``historical``, ``future``, ``hypothetical``, ``negation``, which "PLOVER assumes the
#   coding engine will ... put ... in the context").
# * ``0.6b1``: ``plover-manual_draft.0.6b1.pdf`` (added in commit ``b4c42af``, 2016-12-19,
#   "Version of PLOVER manual generally consistent with the coding in the
#   PLOVER_GSR_CAMEO.txt file"): its chapter 2 sections (19 categories, ``DOCUMENT``
#   included), its mode tables 2.1 to 2.8 (table 2.8, "FIGHT modes", sits under ``ASSAULT``),
#   its table 2.9 "General contexts" and table 2.3 "PROTEST contexts" (for ``PROTEST``).
#   ``FIGHT`` is a category of that time: the README of commit ``6a0a414`` (2016-12-20,
#   "Updated to reflect changes in the 0.6b1 manual") lists it among the PLOVER categories,
#   and the manual's CAMEO table maps CAMEO 20 to it.
# * ``0.5b1`` is the version the gold-standard records (``PLOVER_GSR_CAMEO.txt``) state; no
#   document of it is stored, and the repository says those records are coded to the 0.6b1
#   draft (README: "the version of PLOVER being coded is in the older file
#   plover-manual_draft.0.6b1.pdf"; commit ``b4c42af`` above), so a record stating 0.5b1 is
#   checked against the 0.6b1 vocabulary. The record keeps the version it states.

PLOVER_CURRENT = "2.0"
"""The current version of the PLOVER specification (the vocabulary an event without a version is in)."""

_NONE: tuple[str, ...] = ()
_REQUEST_MODES = ("assist", "change", "yield", "meet")  # "These modes are shared with REJECT."

_MODES_2_0: dict[str, tuple[str, ...]] = {
    "AGREE": _NONE,
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": _NONE,
    "CONCEDE": _NONE,
    "COOPERATE": _NONE,
    "AID": _NONE,
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": _REQUEST_MODES,
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": _REQUEST_MODES,
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    ),
}  # fmt: skip
"""PLOVER 2.0: the modes of each category, from each category's mode table (rows left as
LaTeX comments in the file, such as ASSAULT's ``execute`` or ``sideAB``, are not modes)."""

_CONTEXTS_2_0 = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
    "historical", "future", "hypothetical", "negation",
)  # fmt: skip
"""PLOVER 2.0: the 37 names of the table "General contexts" (spelt as in its first column,
``\\_`` read as ``_``), then the four auxiliary modes, which the manual puts in the context."""

_FIGHT_MODES_0_6 = (
    "beat", "torture", "execute", "sexual", "assassinate", "primitive", "firearms", "explosives",
    "suicide-attack", "heavy-weapons", "other",
)  # fmt: skip
_MODES_0_6: dict[str, tuple[str, ...]] = {
    "AGREE": _NONE,
    "CONSULT": ("host", "visit", "third-party", "multilateral", "phone"),
    "SUPPORT": _NONE,
    "CONCEDE": _NONE,
    "COOPERATE": _NONE,
    "AID": _NONE,
    "RETREAT": _NONE,
    "INVESTIGATE": _NONE,
    "DEMAND": _NONE,
    "DISAPPROVE": _NONE,
    "REJECT": _NONE,
    "THREATEN": ("restrict", "ban", "arrest", "relations", "political", "expel", "territory", "violence"),
    "PROTEST": (
        "demo-org", "demo-spon", "riot-org", "riot-spon", "strike-gen", "strike-lim", "strike-hun",
        "boycott", "obstruct",
    ),
    "CRIME": (
        "murder", "assault", "sex-violence", "sex-work", "robbery", "kidnap", "narcotics", "smuggling",
        "trafficking", "trespass", "extortion", "corruption", "financial", "cyber", "war",
    ),
    "SANCTION": _NONE,
    "MOBILIZE": ("troops", "weapons", "police"),
    "COERCE": ("confiscate", "destroy", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport"),
    "ASSAULT": _FIGHT_MODES_0_6,
    "FIGHT": _FIGHT_MODES_0_6,
    "DOCUMENT": _NONE,
}  # fmt: skip
"""PLOVER 0.6b1: the modes of each category, from the draft's tables 2.1 to 2.8."""

_CONTEXTS_0_6 = (
    "political", "military", "economic", "diplomatic", "resource", "culture", "disease", "disaster",
    "refugee", "legal", "terrorism", "government", "election", "legislative", "cbrn", "cyber",
    "historical", "hypothetical",
)  # fmt: skip
"""PLOVER 0.6b1: table 2.9 "General contexts"."""

_PROTEST_CONTEXTS_0_6 = (
    "election", "political", "economic", "food", "environment", "discrimination", "religion",
    "education", "foreign", "war", "rights", "pro-govt", "assets", "other", "unknown",
)  # fmt: skip
"""PLOVER 0.6b1: table 2.3 "PROTEST contexts" (the context of a PROTEST record)."""

PLOVER_VERSIONS: tuple[str, ...] = ("0.5b1", "0.6b1", "2.0")
"""The PLOVER versions whose vocabularies are known (see the comment above), oldest first."""

PLOVER_MODES: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "0.5b1": MappingProxyType(_MODES_0_6),
        "0.6b1": MappingProxyType(_MODES_0_6),
        "2.0": MappingProxyType(_MODES_2_0),
    }
)
"""Version -> category -> its modes. The categories of a version are the keys."""

PLOVER_CONTEXTS: Mapping[str, Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        version: MappingProxyType(
            {
                category: frozenset(general + (protest if category == "PROTEST" else ()))
                for category in PLOVER_MODES[version]
            }
        )
        for version, general, protest in (
            ("0.5b1", _CONTEXTS_0_6, _PROTEST_CONTEXTS_0_6),
            ("0.6b1", _CONTEXTS_0_6, _PROTEST_CONTEXTS_0_6),
            ("2.0", _CONTEXTS_2_0, ()),
        )
    }
)
"""Version -> category -> the contexts a record of that category may carry."""

_RENAMED_0_6 = {
    "DEMAND": "REQUEST",  # commit 4b2715b (2021-09-01) "rename DEMAND -> REQUEST"
    # commit 0711e39 (2021-07-29), section ACCUSE: "This section merges in the older
    # DISAPPROVE and INVESTIGATE categories."
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    # commit bb3c9f9 (2017-12-28) "Eliminated FIGHT category": the README maps CAMEO 19
    # (FIGHT) and 20 from the FIGHT category to ASSAULT and drops FIGHT from the quad table.
    "FIGHT": "ASSAULT",
}
PLOVER_RENAMED: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"0.5b1": MappingProxyType(_RENAMED_0_6), "0.6b1": MappingProxyType(_RENAMED_0_6)}
)
"""Version -> older category -> the current category it became, exactly where the
specification's history says so (the commits named beside each). A category of an older
version that keeps its name in the current one maps to itself; ``CRIME`` (removed: see the
manual's "A note on CRIME") and ``DOCUMENT`` (documentation records, not events) map to
nothing, and neither does a mode or a context: those are kept as coded."""


def plover_current_type(category: str, version: str | None = None) -> str | None:
    """The current PLOVER category of *category* coded in *version* (None: the current version).

    Returns:
        the category itself when it is current, the category it became where the
        specification's history says so (:data:`PLOVER_RENAMED`), else None.
    """
    if version is None or version == PLOVER_CURRENT:
        return category if category in _MODES_2_0 else None
    if category in PLOVER_RENAMED.get(version, {}):
        return PLOVER_RENAMED[version][category]
    return category if category in _MODES_2_0 and category in PLOVER_MODES.get(version, {}) else None
