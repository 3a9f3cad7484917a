# SPDX-License-Identifier: MIT
"""The closed vocabularies of the schema, and the converters that let a constructor take their values.

Each enum's members are their string values (JSON- and CSV-friendly). Record constructors
take a member or its value (``kind="person"``): each converter below is a plain named
function, so mypy's attrs plugin types the constructor's parameter from it, and the member
itself passes through after one identity test (converters run on every record built). A
value a converter cannot convert is passed on unchanged, for the field's validator to refuse
with the field's name. :mod:`mideastdata.model` re-exports the enums.
"""

from __future__ import annotations

import enum
from typing import Any

__all__ = [
    "ActorKind",
    "Attribution",
    "DemandKind",
    "EventKind",
    "EventStatus",
    "MagnitudeKind",
    "Position",
    "StatementKind",
]


class _StrEnum(str, enum.Enum):
    """An enum whose members are their string values (JSON- and CSV-friendly)."""

    def __str__(self) -> str:
        return str(self.value)


class ActorKind(_StrEnum):
    """What sort of actor a record is."""

    PERSON = "person"
    STATE = "state"
    GOVERNMENT = "government"
    ORGANIZATION = "organization"
    ARMED_GROUP = "armed_group"
    INTERGOVERNMENTAL_ORGANIZATION = "intergovernmental_organization"
    COLLECTIVE = "collective"


class StatementKind(_StrEnum):
    """What a statement does (see the codebook for the rule behind each)."""

    ANNOUNCEMENT = "announcement"
    CLAIM = "claim"
    ASSESSMENT = "assessment"
    POSITION = "position"
    DEMAND = "demand"
    APPEAL = "appeal"
    REJECTION = "rejection"
    DENIAL = "denial"


class Attribution(_StrEnum):
    """How the source attributes a statement to its speaker."""

    DIRECT = "direct"
    """The source quotes the speaker's words (in full or in part)."""
    PARAPHRASE = "paraphrase"
    """The source reports the speaker's words in its own."""
    ACCORDING_TO = "according_to"
    """The source relays a claim "according to" a (usually unnamed) source."""


class Position(_StrEnum):
    """An actor's position on a topic."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"


class DemandKind(_StrEnum):
    """What sort of ask a demand record is."""

    DEMAND = "demand"
    CONDITION = "condition"
    CALL = "call"
    PROPOSAL = "proposal"


class EventKind(_StrEnum):
    """What sort of thing happened or is happening."""

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
    # PLOVER's event categories without a kind of ours above (``sanction`` is both): the kind of
    # an event read from PLOVER-coded data, always with that category as its ``plover`` type.
    AGREE = "agree"
    CONSULT = "consult"
    SUPPORT = "support"
    CONCEDE = "concede"
    COOPERATE = "cooperate"
    AID = "aid"
    RETREAT = "retreat"
    REQUEST = "request"
    ACCUSE = "accuse"
    REJECT = "reject"
    THREATEN = "threaten"
    PROTEST = "protest"
    MOBILIZE = "mobilize"
    COERCE = "coerce"
    ASSAULT = "assault"


class MagnitudeKind(_StrEnum):
    """What a PLOVER magnitude counts."""

    DEAD = "dead"
    """People killed."""
    INJURED = "injured"
    """People injured."""
    SIZE = "size"
    """How large the event is, in participants of a protest or in all casualties when only a total is given."""


class EventStatus(_StrEnum):
    """Whether an event happened, is going on, has stalled or is only proposed."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    STALLED = "stalled"
    PROPOSED = "proposed"


# --------------------------------------------------------------------------- converters


def _member(kind: type[enum.Enum], value: object) -> Any:
    if type(value) is str:
        try:
            return kind(value)
        except ValueError:
            return value
    return value


def _actor_kind(value: ActorKind | str) -> ActorKind:
    return value if type(value) is ActorKind else _member(ActorKind, value)


def _statement_kind(value: StatementKind | str) -> StatementKind:
    return value if type(value) is StatementKind else _member(StatementKind, value)


def _attribution(value: Attribution | str) -> Attribution:
    return value if type(value) is Attribution else _member(Attribution, value)


def _position(value: Position | str) -> Position:
    return value if type(value) is Position else _member(Position, value)


def _demand_kind(value: DemandKind | str) -> DemandKind:
    return value if type(value) is DemandKind else _member(DemandKind, value)


def _event_kind(value: EventKind | str) -> EventKind:
    return value if type(value) is EventKind else _member(EventKind, value)


def _magnitude_kind(value: MagnitudeKind | str) -> MagnitudeKind:
    return value if type(value) is MagnitudeKind else _member(MagnitudeKind, value)


def _event_status(value: EventStatus | str) -> EventStatus:
    return value if type(value) is EventStatus else _member(EventStatus, value)
