# SPDX-License-Identifier: MIT
"""How the model declares what a field means: one declaration gives its validator and its metadata.

A record field is declared in :mod:`mideastdata.model` with one of the makers below,
spread into :func:`attrs.field`::

    speaker: str = attrs.field(**ref("actors", role="by"))
    topics: tuple[str, ...] = attrs.field(default=(), **refs("topics"))

Each maker returns the field's local validator *and* a :class:`FieldMeta` (under the
key :data:`META`) that says what the field means: its pattern, the table it refers to,
the query role it plays, the code vocabulary it is checked against. The validator is
chosen from the same facts, so the two cannot drift. :mod:`mideastdata._schema` reads
the metadata (never a validator's identity) and everything else reads
:mod:`mideastdata._schema`.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from typing import Any, Literal

import attrs

from .errors import FieldTypeError, FieldValueError, a_or_an, short_repr

__all__ = [
    "META",
    "PATTERNS",
    "SLUG_RE",
    "FieldMeta",
    "code",
    "country",
    "digest",
    "enum_of",
    "identifier",
    "offset",
    "opt_count",
    "opt_date",
    "opt_enum",
    "opt_number",
    "opt_pattern",
    "opt_ref",
    "opt_text",
    "records",
    "ref",
    "refs",
    "slugify",
    "strings",
    "text",
]

META = "mideastdata"
"""The key of a field's :class:`FieldMeta` in its attrs metadata."""

PATTERNS: dict[str, str] = {
    "slug": r"[a-z0-9]+(-[a-z0-9]+)*",
    "alpha3": r"[A-Z]{3}",
    "date": r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?",
    "wikidata": r"Q[1-9][0-9]*",
    "sha256": r"([0-9a-f]{64})?",
    "schema_version": r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)",
    "semver": (  # SemVer 2.0.0 exactly: ASCII digits (\d would take any script's), no leading zero
        r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
        r"(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
        r"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
    ),
}
"""Every text pattern of the schema, by name: ASCII only, matched whole, in the syntax that Python,
ECMA 262 (JSON Schema) and XML Schema (Table Schema) read alike. The JSON Schema and the Table
Schema write them; the validators below and :class:`~mideastdata.PartialDate` apply them."""

SLUG_RE = re.compile(PATTERNS["slug"])
ALPHA3_RE = re.compile(PATTERNS["alpha3"])
ISO_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""The shape of a date (ASCII digits only); :class:`~mideastdata.PartialDate` checks the ranges."""

Role = Literal["by", "of"]
Vocabulary = Literal["cameo-actor", "cameo-event", "plover", "plover-event", "plover-version"]
Condition = tuple[str, str]
"""A field of the same record and a value of it (an enum's value compares equal to its member)."""


@attrs.frozen
class FieldMeta:
    """What a field means, beyond its type."""

    pattern: str | None = None
    """The name in :data:`PATTERNS` of the pattern a text (or each text of a tuple) matches."""
    nonempty: bool = False
    """A text must hold a non-space character."""
    ref: str | None = None
    """The table whose ids the field (or each item of it) refers to."""
    role: Role | None = None
    """The query role: ``by`` (who acts) or ``of`` (acted upon); every actor reference is ``involving``."""
    vocabulary: Vocabulary | None = None
    """The code vocabulary of :mod:`mideastdata.codes` the value is checked against."""
    minimum: int | None = None
    """The least value of an integer (its validator is the record's own, as for offsets)."""
    min_items: int = 0
    """The least number of items of a tuple (checked with the whole dataset, so a record can be built first)."""
    quoted_in: str | None = None
    """The record's field of evidence spans one of whose quotes holds this text (or each text) verbatim."""
    set_when: Condition | None = None
    """``(field, value)``: this field must be set (not None) when the record's *field* holds *value*."""
    only_when: Condition | None = None
    """``(field, value)``: this field may be set only when the record's *field* holds *value*."""
    unset_when: Condition | None = None
    """``(field, value)``: this field must be None when the record's *field* holds *value*."""
    key: str | None = None
    """For a tuple of nested records: the field of theirs that no two items may share."""
    key_among: str | None = None
    """For a tuple of nested records with a :attr:`key`: the record's field that holds every item's key."""


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
    msg = f"{attribute.name} must be a lowercase slug like 'steve-witkoff', got {short_repr(value)}{_slug_hint(value)}"
    raise FieldValueError(attribute.name, msg)


_HINT_MAX = 200
"""Values longer than this get no suggestion: a hint costs time linear in the value, and a long value is no slug."""


def slugify(text: str) -> str:
    """*text* as a slug: accents dropped, lowercase, other characters one hyphen a run (``'My Actor'``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _slug_hint(value: Any) -> str:
    if type(value) is not str or len(value) > _HINT_MAX:
        return ""
    slug = slugify(value)
    return f" — did you mean {slug!r}?" if slug and slug != value else ""


def _opt_slug(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _slug(inst, attribute, value)


def _slugs(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of references; in the usual case (every item a known slug) checked without a Python loop."""
    if type(value) is tuple and (not value or (set(map(type, value)) == _STR_ONLY and _KNOWN_SLUGS.issuperset(value))):
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
    if value is not None and (type(value) is not str or ALPHA3_RE.fullmatch(value) is None):
        msg = f"{attribute.name} must be an ISO 3166-1 alpha-3 code like 'ISR', got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _opt_match(name: str, example: str) -> Any:
    compiled = re.compile(PATTERNS[name])

    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (type(value) is not str or compiled.fullmatch(value) is None):
            msg = f"{attribute.name} must be a text like {example!r} or None, got {short_repr(value)}"
            raise FieldValueError(attribute.name, msg)

    return check


_SHA256_RE = re.compile(PATTERNS["sha256"])


def _digest_or_empty(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or _SHA256_RE.fullmatch(value) is None:
        msg = f"{attribute.name} must be 64 lowercase hexadecimal digits (a SHA-256), got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _enum(kind: type[enum.Enum]) -> Any:
    values = ", ".join(repr(m.value) for m in kind)

    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not kind:  # the field's converter has turned a value of the enum into its member
            what = f"{a_or_an(kind.__name__)} or one of its values ({values})"
            msg = f"{attribute.name} must be {what}, got {short_repr(value)}"
            raise FieldTypeError(attribute.name, msg)

    return check


def _opt_finite(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not float or not math.isfinite(value)):
        msg = f"{attribute.name} must be a finite float or None, got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _opt_count(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not int or value < 0):
        msg = f"{attribute.name} must be a whole number of at least 0 or None, got {short_repr(value)}"
        raise FieldValueError(attribute.name, msg)


def _opt_instance(kind: type) -> Any:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and type(value) is not kind:
            msg = f"{attribute.name} must be {a_or_an(kind.__name__)} or None, got {type(value).__name__}"
            raise FieldTypeError(attribute.name, msg)

    return check


# --------------------------------------------------------------------------- makers


def _spec(validator: Any, **meta: Any) -> dict[str, Any]:
    return {"validator": validator, "metadata": {META: FieldMeta(**meta)}}


def identifier() -> dict[str, Any]:
    """A record's id: a slug, unique in its table."""
    return _spec(_slug, pattern="slug", nonempty=True)


def ref(table: str, *, role: Role | None = None) -> dict[str, Any]:
    """The id of a record of *table*."""
    return _spec(_slug, pattern="slug", nonempty=True, ref=table, role=role)


def opt_ref(table: str, *, role: Role | None = None) -> dict[str, Any]:
    """The id of a record of *table*, or None."""
    return _spec(_opt_slug, pattern="slug", nonempty=True, ref=table, role=role)


def refs(table: str, *, role: Role | None = None) -> dict[str, Any]:
    """A tuple of ids of records of *table*."""
    return _spec(_slugs, pattern="slug", nonempty=True, ref=table, role=role)


def text() -> dict[str, Any]:
    """A text with at least one non-space character."""
    return _spec(_nonempty_str, nonempty=True)


def opt_text(
    *,
    quoted_in: str | None = None,
    set_when: Condition | None = None,
    only_when: Condition | None = None,
    unset_when: Condition | None = None,
) -> dict[str, Any]:
    """A text, or None; when it must or must not be set, and where it is quoted, are checked with the dataset."""
    return _spec(_opt_str, quoted_in=quoted_in, set_when=set_when, only_when=only_when, unset_when=unset_when)


def code(vocabulary: Vocabulary) -> dict[str, Any]:
    """A code of *vocabulary* (checked with the whole dataset), or None."""
    return _spec(_opt_str, vocabulary=vocabulary)


def country() -> dict[str, Any]:
    """An ISO 3166-1 alpha-3 code, or None."""
    return _spec(_opt_alpha3, pattern="alpha3")


def opt_pattern(name: str, example: str) -> dict[str, Any]:
    """A text matching the pattern *name* of :data:`PATTERNS` (*example* shows one in messages), or None."""
    return _spec(_opt_match(name, example), pattern=name)


def digest() -> dict[str, Any]:
    """A SHA-256 digest (64 lowercase hex digits), or ``""`` for one the record computes itself."""
    return _spec(_digest_or_empty, pattern="sha256")


def enum_of(kind: type[enum.Enum]) -> dict[str, Any]:
    """A member of *kind*."""
    return _spec(_enum(kind))


def opt_enum(kind: type[enum.Enum]) -> dict[str, Any]:
    """A member of *kind*, or None."""
    return _spec(_opt_instance(kind))


def opt_number() -> dict[str, Any]:
    """A finite number (a float; an integer in a document reads as one), or None."""
    return _spec(_opt_finite)


def opt_count() -> dict[str, Any]:
    """A count: a whole number of at least 0, or None."""
    return _spec(_opt_count, minimum=0)


def _opt_date(kind: type) -> Any:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None or type(value) is kind:
            return
        forms = f"{a_or_an(kind.__name__)}, a datetime.date or ISO text (YYYY, YYYY-MM or YYYY-MM-DD)"
        if type(value) is str:  # text the field's converter could not read
            msg = f"{attribute.name} must be {forms} naming a real date, got {short_repr(value)}"
            raise FieldValueError(attribute.name, msg)
        msg = f"{attribute.name} must be {forms} or None, got {type(value).__name__}"
        raise FieldTypeError(attribute.name, msg)

    return check


def opt_date(kind: type) -> dict[str, Any]:
    """A :class:`~mideastdata.PartialDate` (passed as *kind*: it is defined after this module), or None."""
    return _spec(_opt_date(kind), pattern="date")


def records(kind: type, *, min_items: int = 0, key: str | None = None, key_among: str | None = None) -> dict[str, Any]:
    """A tuple of nested records of *kind*.

    With the whole dataset, checks that it holds at least *min_items* of them, that no two share their
    *key* field, and that every key is among the values of the record's *key_among* field.
    """
    return _spec(_tuple_of(kind), min_items=min_items, key=key, key_among=key_among)


def offset(minimum: int) -> dict[str, Any]:
    """An integer of at least *minimum*, checked by the record's own validator (it compares fields)."""
    return {"metadata": {META: FieldMeta(minimum=minimum)}}


def strings(*, quoted_in: str | None = None) -> dict[str, Any]:
    """A tuple of texts; with *quoted_in*, each occurs in a quote of that evidence field (checked with the dataset)."""
    return _spec(_tuple_of(str), quoted_in=quoted_in)
