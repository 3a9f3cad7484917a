# SPDX-License-Identifier: MIT
"""The schema: frozen, slotted, keyword-only attrs classes and their enums.

This module holds the record types and nothing else. Each class checks only
its *local* invariants (a slug id, ``0 <= start < end``, a valid date); checks
that need the whole dataset (references, quotes against their source, unique
ids) live in :mod:`mideastdata._checks` and run when a
:class:`~mideastdata.Dataset` is built.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any, Union

import attrs

from .errors import FieldTypeError, FieldValueError, short_repr

__all__ = [
    "Actor",
    "ActorKind",
    "Attribution",
    "Demand",
    "DemandKind",
    "Event",
    "EventKind",
    "EventStatus",
    "Evidence",
    "PartialDate",
    "Position",
    "Record",
    "Role",
    "Source",
    "Stance",
    "Statement",
    "StatementKind",
    "Topic",
]

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ALPHA3_RE = re.compile(r"[A-Z]{3}")
_ISO_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


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


class EventStatus(_StrEnum):
    """Whether an event happened, is going on, has stalled or is only proposed."""

    OCCURRED = "occurred"
    ONGOING = "ongoing"
    STALLED = "stalled"
    PROPOSED = "proposed"


# --------------------------------------------------------------------------- validators


_KNOWN_SLUGS: set[str] = set()
"""Reference values already found to be slugs: the same few thousand ids are referred to over and over.

Only exact ``str`` values that passed :data:`SLUG_RE` are added, so a value in it is one the
pattern accepts; record ids (unique, never repeated) are not added. Bounded: emptied when full.
"""
_KNOWN_SLUGS_MAX = 1 << 15
_STR_ONLY = {str}


def _is_known_slug(value: str) -> bool:
    if SLUG_RE.fullmatch(value) is None:
        return False
    if len(_KNOWN_SLUGS) >= _KNOWN_SLUGS_MAX:
        _KNOWN_SLUGS.clear()
    _KNOWN_SLUGS.add(value)
    return True


def _slug(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is str and (
        value in _KNOWN_SLUGS
        or (SLUG_RE.fullmatch(value) is not None if attribute.name == "id" else _is_known_slug(value))
    ):
        return  # a reference usually names an id seen before; ids themselves are not remembered
    msg = f"{attribute.name} must be a lowercase slug like 'steve-witkoff', got {short_repr(value)}"
    raise FieldValueError(attribute.name, msg)


def _opt_slug(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _slug(inst, attribute, value)


def _slugs(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of references; in the usual case (every item a known slug) checked without a Python loop."""
    if type(value) is tuple and (
        not value or (set(map(type, value)) == _STR_ONLY and _KNOWN_SLUGS.issuperset(value))
    ):
        return
    if type(value) is not tuple:
        msg = f"{attribute.name} must be a tuple, got {type(value).__name__}"
        raise FieldTypeError(attribute.name, msg)
    for item in value:
        if type(item) is not str or (item not in _KNOWN_SLUGS and not _is_known_slug(item)):
            msg = f"{attribute.name} must hold lowercase slugs, got {short_repr(item)}"
            raise FieldValueError(attribute.name, msg)


def _tuple_of(kind: type) -> Any:
    exact = {kind}

    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            msg = f"{attribute.name} must be a tuple, got {type(value).__name__}"
            raise FieldTypeError(attribute.name, msg)
        if not value or set(map(type, value)) == exact:
            return  # the usual case, without a Python loop
        for item in value:
            if not isinstance(item, kind):
                msg = f"{attribute.name} must hold {kind.__name__}, got {type(item).__name__}"
                raise FieldTypeError(attribute.name, msg)

    return check


def _nonempty_str(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or not value or value.isspace():  # as `not value.strip()`, without a copy
        msg = f"{attribute.name} must be a non-empty string, got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _opt_str(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and type(value) is not str:
        msg = f"{attribute.name} must be a string or None, got {type(value).__name__}"
        raise FieldTypeError(attribute.name, msg)


def _opt_alpha3(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not str or _ALPHA3_RE.fullmatch(value) is None):
        msg = f"{attribute.name} must be an ISO 3166-1 alpha-3 code like 'ISR', got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _enum(kind: type[enum.Enum]) -> Any:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not kind:
            msg = f"{attribute.name} must be a {kind.__name__}, got {short_repr(value)}"
            raise FieldTypeError(attribute.name, msg)

    return check


def _opt_date(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and type(value) is not PartialDate:
        msg = f"{attribute.name} must be a PartialDate or None, got {type(value).__name__}"
        raise FieldTypeError(attribute.name, msg)


# --------------------------------------------------------------------------- values


@attrs.frozen(kw_only=True)
class Evidence:
    """A span of a source's text, ``source.text[start:end] == quote``.

    Offsets count Python ``str`` characters (Unicode code points), end-exclusive,
    like the W3C Web Annotation ``TextPositionSelector``. Build one with
    :meth:`Source.evidence` rather than by counting characters.
    """

    source: str = attrs.field(validator=_slug)
    start: int = attrs.field()
    end: int = attrs.field()
    quote: str = attrs.field(validator=_nonempty_str)

    @start.validator
    def _check_start(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < 0:
            msg = f"start must be an int >= 0, got {short_repr(value)}"
            raise FieldValueError("start", msg)

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value <= self.start:
            msg = f"end must be an int > start ({self.start}), got {short_repr(value)}"
            raise FieldValueError("end", msg)
        if value - self.start != len(self.quote):
            msg = (
                f"quote has {len(self.quote)} characters but the span "
                f"[{self.start}, {value}) has {value - self.start}"
            )
            raise FieldValueError("end", msg)


@attrs.frozen(kw_only=True)
class Source:
    """A text that records are anchored in."""

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_nonempty_str)
    text: str = attrs.field(validator=_nonempty_str, repr=False)
    publisher: str | None = attrs.field(default=None, validator=_opt_str)
    url: str | None = attrs.field(default=None, validator=_opt_str)
    published: PartialDate | None = attrs.field(default=None, validator=_opt_date)
    language: str = attrs.field(default="en", validator=_nonempty_str)

    def evidence(self, quote: str, *, occurrence: int | None = None) -> Evidence:
        """Return the :class:`Evidence` for *quote* in this source's text.

        Args:
            quote: the exact words, as they appear in the text.
            occurrence: which match to take (1 is the first) when the quote
                appears more than once.

        Raises:
            ValueError: the quote is absent, or ambiguous and no occurrence is
                given, or there are fewer matches than *occurrence*.
        """
        if not quote:
            msg = "quote must not be empty"
            raise ValueError(msg)
        starts: list[int] = []
        at = self.text.find(quote)
        while at != -1:
            starts.append(at)
            at = self.text.find(quote, at + 1)
        if not starts:
            msg = f"{quote!r} does not occur in source {self.id!r}"
            raise ValueError(msg)
        if occurrence is None:
            if len(starts) > 1:
                msg = (
                    f"{quote!r} occurs {len(starts)} times in source {self.id!r}; "
                    "pass occurrence= to choose one"
                )
                raise ValueError(msg)
            occurrence = 1
        if not 1 <= occurrence <= len(starts):
            msg = f"{quote!r} occurs {len(starts)} times in source {self.id!r}, not {occurrence}"
            raise ValueError(msg)
        start = starts[occurrence - 1]
        return Evidence(source=self.id, start=start, end=start + len(quote), quote=quote)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """The days in *month* of *year*, Gregorian calendar (as ``calendar.monthrange``, without importing it)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


@attrs.frozen(kw_only=True, eq=True, order=False)
class PartialDate:
    """A date of year, month or day precision (ISO 8601 reduced precision).

    ``PartialDate.parse("2025-08")`` is August 2025; ``str()`` gives the ISO form
    back. Dates order by their earliest day, then by precision (``2025`` sorts
    before ``2025-01`` which sorts before ``2025-01-01``).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        y, m, d = self.year, self.month, self.day
        if type(y) is not int or not 1 <= y <= 9999:
            msg = f"year must be an int in 1..9999, got {y!r}"
            raise FieldValueError("year", msg)
        if m is not None and (type(m) is not int or not 1 <= m <= 12):
            msg = f"month must be an int in 1..12, got {m!r}"
            raise FieldValueError("month", msg)
        if d is not None:
            if m is None:
                msg = "a day needs a month"
                raise FieldValueError("day", msg)
            last = _days_in_month(y, m)
            if type(d) is not int or not 1 <= d <= last:
                msg = f"day must be an int in 1..{last} for {y:04d}-{m:02d}, got {d!r}"
                raise FieldValueError("day", msg)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: *text* is not one of those forms, or names no real date.
        """
        match = _ISO_DATE_RE.fullmatch(text) if type(text) is str else None
        if match is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise ValueError(msg)
        y, m, d = match.groups()
        return cls(year=int(y), month=None if m is None else int(m), day=None if d is None else int(d))

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    @property
    def earliest(self) -> dt.date:
        """The first day this date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date covers."""
        month = self.month or 12
        day = self.day or _days_in_month(self.year, month)
        return dt.date(self.year, month, day)

    def _key(self) -> tuple[int, int, int, int]:
        return (self.year, self.month or 0, self.day or 0, 0)

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


# --------------------------------------------------------------------------- records


@attrs.frozen(kw_only=True)
class Role:
    """A title an actor holds, optionally *of* another actor (``Prime Minister`` of ``israel``)."""

    title: str = attrs.field(validator=_nonempty_str)
    of: str | None = attrs.field(default=None, validator=_opt_slug)


@attrs.frozen(kw_only=True)
class Actor:
    """A person, government, state, organisation or collective that speaks or acts."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_nonempty_str)
    kind: ActorKind = attrs.field(validator=_enum(ActorKind))
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_tuple_of(str))
    roles: tuple[Role, ...] = attrs.field(default=(), validator=_tuple_of(Role))
    member_of: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    country: str | None = attrs.field(default=None, validator=_opt_alpha3)
    cameo: str | None = attrs.field(default=None, validator=_opt_str)
    anonymous: bool = False
    evidence: tuple[Evidence, ...] = attrs.field(default=(), validator=_tuple_of(Evidence))


@attrs.frozen(kw_only=True)
class Topic:
    """A contested issue that records refer to by id."""

    id: str = attrs.field(validator=_slug)
    label: str = attrs.field(validator=_nonempty_str)
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class Stance:
    """A speaker's position on a topic; *condition* says on what, when conditional."""

    topic: str = attrs.field(validator=_slug)
    position: Position = attrs.field(validator=_enum(Position))
    condition: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(kw_only=True)
class Statement:
    """Something an actor said, as the source reports it."""

    id: str = attrs.field(validator=_slug)
    speaker: str = attrs.field(validator=_slug)
    kind: StatementKind = attrs.field(validator=_enum(StatementKind))
    summary: str = attrs.field(validator=_nonempty_str)
    quote: str | None = attrs.field(default=None, validator=_opt_str)
    attribution: Attribution = attrs.field(validator=_enum(Attribution))
    topics: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    mentions: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    stances: tuple[Stance, ...] = attrs.field(default=(), validator=_tuple_of(Stance))
    date: PartialDate | None = attrs.field(default=None, validator=_opt_date)
    cameo: str | None = attrs.field(default=None, validator=_opt_str)
    plover: str | None = attrs.field(default=None, validator=_opt_str)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), validator=_tuple_of(Evidence))


@attrs.frozen(kw_only=True)
class Demand:
    """One demanded thing: who asks it, of whom, about which topic."""

    id: str = attrs.field(validator=_slug)
    by: str = attrs.field(validator=_slug)
    addressee: str | None = attrs.field(default=None, validator=_opt_slug)
    topic: str = attrs.field(validator=_slug)
    text: str = attrs.field(validator=_nonempty_str)
    kind: DemandKind = attrs.field(validator=_enum(DemandKind))
    condition: str | None = attrs.field(default=None, validator=_opt_str)
    statement: str | None = attrs.field(default=None, validator=_opt_slug)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), validator=_tuple_of(Evidence))


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, is going on, stalled or is proposed."""

    id: str = attrs.field(validator=_slug)
    kind: EventKind = attrs.field(validator=_enum(EventKind))
    summary: str = attrs.field(validator=_nonempty_str)
    actors: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    targets: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    location: str | None = attrs.field(default=None, validator=_opt_str)
    date: PartialDate | None = attrs.field(default=None, validator=_opt_date)
    status: EventStatus = attrs.field(validator=_enum(EventStatus))
    topics: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    cameo: str | None = attrs.field(default=None, validator=_opt_str)
    plover: str | None = attrs.field(default=None, validator=_opt_str)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), validator=_tuple_of(Evidence))


Record = Union[Source, Actor, Topic, Statement, Demand, Event]
"""Any record that lives in a dataset table."""
