# SPDX-License-Identifier: MIT
"""The actor crosswalk: the keys that identify an actor across datasets and authorities.

An actor's *identity keys* are written ``scheme:value``: ``wikidata:Q801`` for its Wikidata
item, ``iso3166:ISR`` for a state's ISO 3166-1 alpha-3 code (a state only: a person's
``country`` says where they belong, not who they are), and one per
:class:`~mideastdata.Identifier` (``ucdp:234``). Two actors that share a key are the same
actor; one id for actors whose keys of one scheme differ is two actors. A CAMEO actor code
names a class of actors (``ISRGOV`` is any Israeli government actor), so it resolves an
actor only when one actor carries it and never identifies one across datasets.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Actor, ActorKind

__all__ = ["different_actors", "identity_keys", "key_index", "lookup", "query_keys"]


def identity_keys(actor: Actor) -> tuple[str, ...]:
    """The ``scheme:value`` keys that identify *actor* (see the module docstring)."""
    keys: list[str] = []
    if actor.wikidata is not None:
        keys.append(f"wikidata:{actor.wikidata}")
    if actor.kind is ActorKind.STATE and actor.country is not None:
        keys.append(f"iso3166:{actor.country}")
    keys.extend(f"{ident.scheme}:{ident.value}" for ident in actor.identifiers)
    return tuple(keys)


def _by_scheme(keys: Iterable[str]) -> dict[str, set[str]]:
    schemes: dict[str, set[str]] = {}
    for key in keys:
        scheme, _, value = key.partition(":")
        schemes.setdefault(scheme, set()).add(value)
    return schemes


def different_actors(one: Actor, other: Actor) -> str | None:
    """Why *one* and *other* cannot be one actor (a scheme on which their keys share no value), or None."""
    mine, theirs = _by_scheme(identity_keys(one)), _by_scheme(identity_keys(other))
    for scheme in sorted(mine.keys() & theirs.keys()):
        if not mine[scheme] & theirs[scheme]:
            a, b = sorted(mine[scheme]), sorted(theirs[scheme])
            return f"{scheme} {', '.join(a)} and {', '.join(b)} name different actors"
    return None


def query_keys(query: str) -> tuple[str, ...]:
    """The identity keys a user's *query* may stand for: itself, and as a QID or an ISO code."""
    text = query.strip()
    keys = [text] if ":" in text else []
    if text[:1] in "Qq" and text[1:].isdigit():
        keys.append(f"wikidata:Q{text[1:]}")
    if len(text) == 3 and text.isascii() and text.isalpha():
        keys.append(f"iso3166:{text.upper()}")
    return tuple(keys)


def key_index(actors: Iterable[Actor]) -> dict[str, tuple[str, ...]]:
    """Every identity key (and ``cameo:CODE``) of *actors*, with the ids of the actors that carry it."""
    collected: dict[str, list[str]] = {}
    for actor in actors:
        for key in (*identity_keys(actor), *([f"cameo:{actor.cameo}"] if actor.cameo else [])):
            collected.setdefault(key, []).append(actor.id)
    return {k: tuple(dict.fromkeys(v)) for k, v in collected.items()}


def lookup(index: dict[str, tuple[str, ...]], query: str) -> tuple[str, ...]:
    """The ids that *query* names in *index*: by an identity key first, then by a CAMEO code."""
    for key in (*query_keys(query), f"cameo:{query.strip().upper()}"):
        if key in index:
            return index[key]
    return ()
