# SPDX-License-Identifier: MIT
"""The peers: the same schema as msgspec Structs and as pydantic v2 models.

Both mirror :mod:`mideastdata.model` field for field, with the same optional
fields and defaults, enums for the closed vocabularies, tuples for arrays, and
unknown keys rejected (msgspec ``forbid_unknown_fields=True``, pydantic
``extra="forbid"``). Dates stay ISO strings on the peers' side: neither library
has a reduced-precision date type. Neither peer checks what only a whole
dataset can check (references, quotes against their source), which mideastdata
does on every load; the comparison is therefore conservative for mideastdata.

Choices, stated so the figures can be read:

* msgspec: ``Struct, frozen=True, kw_only=True, forbid_unknown_fields=True``
  (frozen and keyword-only like our attrs classes); default ``gc=True``; no
  ``Meta`` constraints (the fastest typed decode, the issue's "practical limit").
* pydantic v2: ``ConfigDict(strict=True, frozen=True, extra="forbid")``; strict
  mode so ``1`` is not accepted for a string (as in mideastdata), decoded with
  ``Model.model_validate_json`` (pydantic's fastest path, JSON parsed in Rust).
"""

from __future__ import annotations

import enum

import msgspec
import pydantic

__all__ = ["MsgDataset", "PydDataset", "msgspec_decoder"]


class ActorKind(str, enum.Enum):
    PERSON = "person"
    STATE = "state"
    GOVERNMENT = "government"
    ORGANIZATION = "organization"
    ARMED_GROUP = "armed_group"
    INTERGOVERNMENTAL_ORGANIZATION = "intergovernmental_organization"
    COLLECTIVE = "collective"


class StatementKind(str, enum.Enum):
    ANNOUNCEMENT = "announcement"
    CLAIM = "claim"
    ASSESSMENT = "assessment"
    POSITION = "position"
    DEMAND = "demand"
    APPEAL = "appeal"
    REJECTION = "rejection"
    DENIAL = "denial"


class Attribution(str, enum.Enum):
    DIRECT = "direct"
    PARAPHRASE = "paraphrase"
    ACCORDING_TO = "according_to"


class Position(str, enum.Enum):
    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"


class DemandKind(str, enum.Enum):
    DEMAND = "demand"
    CONDITION = "condition"
    CALL = "call"
    PROPOSAL = "proposal"


class EventKind(str, enum.Enum):
    ARMED_CONFLICT = "armed_conflict"
    CEASEFIRE = "ceasefire"
    COOPERATION = "cooperation"
    DIPLOMATIC_EFFORT = "diplomatic_effort"
    HUMANITARIAN_CRISIS = "humanitarian_crisis"
    NEGOTIATION = "negotiation"
    PEACE_PLAN = "peace_plan"
    POLICY = "policy"
    PRESSURE = "pressure"
    RELEASE = "release"
    SANCTION = "sanction"
    VISIT = "visit"


class EventStatus(str, enum.Enum):
    OCCURRED = "occurred"
    ONGOING = "ongoing"
    STALLED = "stalled"
    PROPOSED = "proposed"


# --------------------------------------------------------------------------- msgspec


class _S(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class MsgEvidence(_S, kw_only=True):
    source: str
    start: int
    end: int
    quote: str


class MsgSource(_S, kw_only=True):
    id: str
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"


class MsgRole(_S, kw_only=True):
    title: str
    of: str | None = None


class MsgActor(_S, kw_only=True):
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    roles: tuple[MsgRole, ...] = ()
    member_of: tuple[str, ...] = ()
    country: str | None = None
    cameo: str | None = None
    anonymous: bool = False
    evidence: tuple[MsgEvidence, ...] = ()


class MsgTopic(_S, kw_only=True):
    id: str
    label: str
    description: str = ""


class MsgStance(_S, kw_only=True):
    topic: str
    position: Position
    condition: str | None = None


class MsgStatement(_S, kw_only=True):
    id: str
    speaker: str
    kind: StatementKind
    summary: str
    quote: str | None = None
    attribution: Attribution
    topics: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    stances: tuple[MsgStance, ...] = ()
    date: str | None = None
    cameo: str | None = None
    plover: str | None = None
    evidence: tuple[MsgEvidence, ...] = ()


class MsgDemand(_S, kw_only=True):
    id: str
    by: str
    addressee: str | None = None
    topic: str
    text: str
    kind: DemandKind
    condition: str | None = None
    statement: str | None = None
    evidence: tuple[MsgEvidence, ...] = ()


class MsgEvent(_S, kw_only=True):
    id: str
    kind: EventKind
    summary: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    status: EventStatus
    topics: tuple[str, ...] = ()
    cameo: str | None = None
    plover: str | None = None
    evidence: tuple[MsgEvidence, ...] = ()


class MsgDataset(_S, kw_only=True):
    schema_version: str
    name: str
    version: str
    license: str = ""
    citation: str = ""
    sources: tuple[MsgSource, ...] = ()
    actors: tuple[MsgActor, ...] = ()
    topics: tuple[MsgTopic, ...] = ()
    statements: tuple[MsgStatement, ...] = ()
    demands: tuple[MsgDemand, ...] = ()
    events: tuple[MsgEvent, ...] = ()


def msgspec_decoder() -> msgspec.json.Decoder[MsgDataset]:
    """A reusable msgspec decoder of whole documents (how msgspec is meant to be used)."""
    return msgspec.json.Decoder(MsgDataset)


# --------------------------------------------------------------------------- pydantic


class _P(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, frozen=True, extra="forbid")


class PydEvidence(_P):
    source: str
    start: int
    end: int
    quote: str


class PydSource(_P):
    id: str
    title: str
    text: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"


class PydRole(_P):
    title: str
    of: str | None = None


class PydActor(_P):
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    roles: tuple[PydRole, ...] = ()
    member_of: tuple[str, ...] = ()
    country: str | None = None
    cameo: str | None = None
    anonymous: bool = False
    evidence: tuple[PydEvidence, ...] = ()


class PydTopic(_P):
    id: str
    label: str
    description: str = ""


class PydStance(_P):
    topic: str
    position: Position
    condition: str | None = None


class PydStatement(_P):
    id: str
    speaker: str
    kind: StatementKind
    summary: str
    quote: str | None = None
    attribution: Attribution
    topics: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    stances: tuple[PydStance, ...] = ()
    date: str | None = None
    cameo: str | None = None
    plover: str | None = None
    evidence: tuple[PydEvidence, ...] = ()


class PydDemand(_P):
    id: str
    by: str
    addressee: str | None = None
    topic: str
    text: str
    kind: DemandKind
    condition: str | None = None
    statement: str | None = None
    evidence: tuple[PydEvidence, ...] = ()


class PydEvent(_P):
    id: str
    kind: EventKind
    summary: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    status: EventStatus
    topics: tuple[str, ...] = ()
    cameo: str | None = None
    plover: str | None = None
    evidence: tuple[PydEvidence, ...] = ()


class PydDataset(_P):
    schema_version: str
    name: str
    version: str
    license: str = ""
    citation: str = ""
    sources: tuple[PydSource, ...] = ()
    actors: tuple[PydActor, ...] = ()
    topics: tuple[PydTopic, ...] = ()
    statements: tuple[PydStatement, ...] = ()
    demands: tuple[PydDemand, ...] = ()
    events: tuple[PydEvent, ...] = ()
