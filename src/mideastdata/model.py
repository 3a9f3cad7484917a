# SPDX-License-Identifier: MIT
"""The schema: frozen, slotted, keyword-only attrs classes and their enums.

This module holds the record types and nothing else. Each class checks only
its *local* invariants (a slug id, ``0 <= start < end``, a valid date); checks
that need the whole dataset (references, quotes against their source, unique
ids) live in :mod:`mideastdata._checks` and run when a
:class:`~mideastdata.Dataset` is built.
"""

from __future__ import annotations

from typing import Union

import attrs

from . import _fields as f
from ._dates import PartialDate, _date
from ._display import _HtmlRepr
from ._enums import (
    ActorKind,
    Attribution,
    DemandKind,
    EventKind,
    EventStatus,
    MagnitudeKind,
    Position,
    StatementKind,
    _actor_kind,
    _attribution,
    _demand_kind,
    _event_kind,
    _event_status,
    _magnitude_kind,
    _position,
    _statement_kind,
)
from ._fields import SLUG_RE
from ._nearmatch import near_match
from ._normalize import text_sha256
from .errors import FieldValueError, short_repr

__all__ = [
    "SLUG_RE",
    "Actor",
    "ActorKind",
    "Attribution",
    "Demand",
    "DemandKind",
    "Event",
    "EventKind",
    "EventStatus",
    "Evidence",
    "Identifier",
    "Magnitude",
    "MagnitudeKind",
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


# --------------------------------------------------------------------------- values


@attrs.frozen(kw_only=True)
class Evidence:
    """A span of a source's text, ``source.text[start:end] == quote``.

    Offsets count Python ``str`` characters (Unicode code points), end-exclusive,
    like the W3C Web Annotation ``TextPositionSelector``. Build one with
    :meth:`Source.evidence` rather than by counting characters.
    """

    source: str = attrs.field(**f.ref("sources"))
    start: int = attrs.field(**f.offset(0))
    end: int = attrs.field(**f.offset(1))
    quote: str = attrs.field(**f.text())

    @start.validator
    def _check_start(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < 0:
            msg = f"start must be an int >= 0, got {short_repr(value)}"
            raise FieldValueError("start", msg)

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value <= self.start:
            msg = f"end must be an int > start ({short_repr(self.start)}), got {short_repr(value)}"
            raise FieldValueError("end", msg)
        if value - self.start != len(self.quote):
            msg = (
                f"quote has {len(self.quote)} characters but the span "
                f"[{short_repr(self.start)}, {short_repr(value)}) has {short_repr(value - self.start)}"
            )
            raise FieldValueError("end", msg)


@attrs.frozen(kw_only=True)
class Source(_HtmlRepr):
    """A text that records are anchored in."""

    id: str = attrs.field(**f.identifier())
    title: str = attrs.field(**f.text())
    text: str = attrs.field(repr=False, **f.text())
    publisher: str | None = attrs.field(default=None, **f.opt_text())
    url: str | None = attrs.field(default=None, **f.opt_text())
    published: PartialDate | None = attrs.field(default=None, converter=_date, **f.opt_date(PartialDate))
    language: str = attrs.field(default="en", **f.text())
    retrieved: PartialDate | None = attrs.field(default=None, converter=_date, **f.opt_date(PartialDate))
    """When the text was retrieved (from *url*, or from wherever it was copied)."""
    sha256: str = attrs.field(default="", **f.digest())
    """The SHA-256 (lowercase hex) of the text after NFC and ``\\n`` line ends.

    Always set once the source is built: computed from the text when not given (or
    given as ``""``), and
    checked against the text when given, so a text edited after its digest was taken
    does not load. Annotation-tool exports record it too, so a source edited after the
    export is caught when the annotations come back.
    """

    def __attrs_post_init__(self) -> None:
        digest = text_sha256(self.text)
        if not self.sha256:
            object.__setattr__(self, "sha256", digest)
        elif self.sha256 != digest:
            msg = (
                f"sha256 {self.sha256[:12]}... is not the SHA-256 of the text ({digest[:12]}...): "
                "the text differs from the one the digest was taken of (pass sha256='' to take it again)"
            )
            raise FieldValueError("sha256", msg)

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
            msg = f"{short_repr(quote)} does not occur in source {self.id!r}"
            near = near_match(self.text, self.text, quote)
            if near is not None:
                msg += f"; the text has {near.describe()}: pass those exact words"
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


# --------------------------------------------------------------------------- records


class _Reported:
    """A record anchored in evidence: it knows the sources that report it."""

    __slots__ = ()
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the sources this record's evidence comes from, each once, in evidence order."""
        return tuple(dict.fromkeys(ev.source for ev in self.evidence))


@attrs.frozen(kw_only=True)
class Role:
    """A title an actor holds, optionally *of* another actor (``Prime Minister`` of ``israel``)."""

    title: str = attrs.field(**f.text())
    of: str | None = attrs.field(default=None, **f.opt_ref("actors"))


@attrs.frozen(kw_only=True)
class Identifier:
    """An actor's key in another dataset or authority (``ucdp``, ``acled``, ``cow``...): *scheme* and *value*."""

    scheme: str = attrs.field(**f.identifier())
    value: str = attrs.field(**f.text())


@attrs.frozen(kw_only=True)
class Magnitude:
    """A PLOVER magnitude of an event: a *count*, the text's own *text* where it gives no plain number, or both."""

    kind: MagnitudeKind = attrs.field(converter=_magnitude_kind, **f.enum_of(MagnitudeKind))
    count: int | None = attrs.field(default=None, **f.opt_count())
    text: str | None = attrs.field(default=None, **f.opt_text())
    """The wording of the text or of the coder where it is not a plain number (``"dozens"``)."""


@attrs.frozen(kw_only=True)
class Actor(_Reported, _HtmlRepr):
    """A person, government, state, organisation or collective that speaks or acts."""

    id: str = attrs.field(**f.identifier())
    name: str = attrs.field(**f.text())
    kind: ActorKind = attrs.field(converter=_actor_kind, **f.enum_of(ActorKind))
    aliases: tuple[str, ...] = attrs.field(default=(), **f.strings())
    roles: tuple[Role, ...] = attrs.field(default=(), **f.records(Role))
    member_of: tuple[str, ...] = attrs.field(default=(), **f.refs("actors"))
    country: str | None = attrs.field(default=None, **f.country())
    cameo: str | None = attrs.field(default=None, **f.code("cameo-actor"))
    anonymous: bool = False
    evidence: tuple[Evidence, ...] = attrs.field(default=(), **f.records(Evidence, min_items=1))
    wikidata: str | None = attrs.field(default=None, **f.opt_pattern("wikidata", "Q801"))
    """The Wikidata item (QID) of this actor, where one has been verified."""
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), **f.records(Identifier))
    """Keys of this actor in other datasets (UCDP, ACLED, COW...)."""


@attrs.frozen(kw_only=True)
class Topic(_HtmlRepr):
    """A contested issue that records refer to by id."""

    id: str = attrs.field(**f.identifier())
    label: str = attrs.field(**f.text())
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class Stance:
    """A speaker's position on a topic; *condition* says on what, when conditional."""

    topic: str = attrs.field(**f.ref("topics"))
    position: Position = attrs.field(converter=_position, **f.enum_of(Position))
    condition: str | None = attrs.field(default=None, **f.opt_text(set_when=("position", Position.CONDITIONAL)))


_DIRECT = ("attribution", Attribution.DIRECT)
"""A statement has a quote if and only if it is direct."""


@attrs.frozen(kw_only=True)
class Statement(_Reported, _HtmlRepr):
    """Something an actor said, as the source reports it."""

    id: str = attrs.field(**f.identifier())
    speaker: str = attrs.field(**f.ref("actors", role="by"))
    kind: StatementKind = attrs.field(converter=_statement_kind, **f.enum_of(StatementKind))
    summary: str = attrs.field(**f.text())
    quote: str | None = attrs.field(
        default=None, **f.opt_text(quoted_in="evidence", set_when=_DIRECT, only_when=_DIRECT)
    )
    attribution: Attribution = attrs.field(converter=_attribution, **f.enum_of(Attribution))
    topics: tuple[str, ...] = attrs.field(default=(), **f.refs("topics"))
    mentions: tuple[str, ...] = attrs.field(default=(), **f.refs("actors"))
    stances: tuple[Stance, ...] = attrs.field(default=(), **f.records(Stance, key="topic", key_among="topics"))
    date: PartialDate | None = attrs.field(default=None, converter=_date, **f.opt_date(PartialDate))
    cameo: str | None = attrs.field(default=None, **f.code("cameo-event"))
    plover: str | None = attrs.field(default=None, **f.code("plover"))
    evidence: tuple[Evidence, ...] = attrs.field(default=(), **f.records(Evidence, min_items=1))
    same_as: str | None = attrs.field(default=None, **f.opt_ref("statements"))
    """The statement that this record reports from another source, when the reports disagree (see the codebook)."""


@attrs.frozen(kw_only=True)
class Demand(_Reported, _HtmlRepr):
    """One demanded thing: who asks it, of whom, about which topic."""

    id: str = attrs.field(**f.identifier())
    by: str = attrs.field(**f.ref("actors", role="by"))
    addressee: str | None = attrs.field(default=None, **f.opt_ref("actors", role="of"))
    topic: str = attrs.field(**f.ref("topics"))
    text: str = attrs.field(**f.text())
    kind: DemandKind = attrs.field(converter=_demand_kind, **f.enum_of(DemandKind))
    condition: str | None = attrs.field(default=None, **f.opt_text(unset_when=("kind", DemandKind.CONDITION)))
    statement: str | None = attrs.field(default=None, **f.opt_ref("statements"))
    evidence: tuple[Evidence, ...] = attrs.field(default=(), **f.records(Evidence, min_items=1))
    same_as: str | None = attrs.field(default=None, **f.opt_ref("demands"))
    """The demand that this record reports from another source, when the reports disagree (see the codebook)."""


@attrs.frozen(kw_only=True)
class Event(_Reported, _HtmlRepr):
    """Something that happened, is going on, stalled or is proposed."""

    id: str = attrs.field(**f.identifier())
    kind: EventKind = attrs.field(converter=_event_kind, **f.enum_of(EventKind))
    summary: str = attrs.field(**f.text())
    actors: tuple[str, ...] = attrs.field(default=(), **f.refs("actors", role="by"))
    targets: tuple[str, ...] = attrs.field(default=(), **f.refs("actors", role="of"))
    location: str | None = attrs.field(default=None, **f.opt_text())
    date: PartialDate | None = attrs.field(default=None, converter=_date, **f.opt_date(PartialDate))
    status: EventStatus = attrs.field(converter=_event_status, **f.enum_of(EventStatus))
    topics: tuple[str, ...] = attrs.field(default=(), **f.refs("topics"))
    cameo: str | None = attrs.field(default=None, **f.code("cameo-event"))
    plover: str | None = attrs.field(default=None, **f.code("plover-event"))
    """The PLOVER category, as coded in :attr:`plover_version`'s vocabulary."""
    evidence: tuple[Evidence, ...] = attrs.field(default=(), **f.records(Evidence, min_items=1))
    same_as: str | None = attrs.field(default=None, **f.opt_ref("events"))
    plover_version: str | None = attrs.field(default=None, **f.code("plover-version"))
    """The PLOVER version the PLOVER fields are coded in, or None for the current one (``codes.PLOVER_CURRENT``)."""
    plover_mode: tuple[str, ...] = attrs.field(default=(), **f.strings())
    """PLOVER modes of the category (the how), each one of its version's modes for that category."""
    plover_context: tuple[str, ...] = attrs.field(default=(), **f.strings())
    """PLOVER contexts (the why), each one of its version's contexts."""
    magnitudes: tuple[Magnitude, ...] = attrs.field(default=(), **f.records(Magnitude, key="kind"))
    """PLOVER's dead, injured and size, each at most once."""
    """The event that this record reports from another source, when the reports disagree (see the codebook)."""


Record = Union[Source, Actor, Topic, Statement, Demand, Event]
"""Any record that lives in a dataset table."""
