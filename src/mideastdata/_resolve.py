# SPDX-License-Identifier: MIT
"""Actor resolution beyond exact names: a person's surname, and suggestions ranked by shared words.

Everything here works on names already folded by ``dataset.normalize_name`` (case, accents,
apostrophes and spacing unified), so it needs nothing from the dataset module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ActorKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import Actor

__all__ = ["fallback_keys", "rank_close"]

# Words that say nothing about which actor is meant ("the" in "the Israeli government";
# "s" is what is left of a possessive once apostrophes are folded).
_STOP_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "s", "the", "to"})

# Two words are the same word misspelt when difflib finds them this alike ("vitkoff" and
# "vitikoff" 0.93, "isreal" and "israel" 0.83), which "israel" and "israeli" (0.77) are not.
_WORD_CUTOFF = 0.8
_NAME_CUTOFF = 0.6


def fallback_keys(actor: Actor, folded_name: str) -> list[str]:
    """The keys *actor* answers to after its id, names, aliases and identifiers, folded like them.

    Args:
        actor: the actor.
        folded_name: its canonical name, folded.

    Returns:
        A named person's surname, the last word of the canonical name (``witkoff`` for Steve
        Witkoff); none for an anonymous person, a one-word name or any other kind of actor.
        (CAMEO codes are resolved with the crosswalk identifiers, before surnames.)
    """
    words = folded_name.split()
    if actor.kind is ActorKind.PERSON and not actor.anonymous and len(words) > 1:
        return [words[-1]]
    return []


def _alike_words(word: str, vocabulary: set[str]) -> dict[str, float]:
    """The words of *vocabulary* that are *word* (1.0) or *word* misspelt (their likeness)."""
    import difflib  # noqa: PLC0415 - only needed when a name is not found

    found = {word: 1.0} if word in vocabulary else {}
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    for other in vocabulary:
        matcher.set_seq1(other)
        if other != word and matcher.real_quick_ratio() >= _WORD_CUTOFF and matcher.quick_ratio() >= _WORD_CUTOFF:
            likeness = matcher.ratio()
            if likeness >= _WORD_CUTOFF:
                found[other] = likeness
    return found


def rank_close(query: str, names: Iterable[str], *, n: int) -> list[str]:
    """The folded names closest to the folded *query*, best first.

    A name that shares words with the query (``hamas`` with ``hamas movement``) comes before
    any that only looks alike: most shared words first, then the most alike as a whole. When
    no name has any of the query's words as typed, misspelt words count as their likeness
    (``vitkoff`` for ``vitikoff``); when none shares even those, look-alikes as a whole do
    (difflib, cutoff 0.6).
    """
    import difflib  # noqa: PLC0415 - only needed when a name is not found

    candidates = list(names)
    words = set(query.split()) - _STOP_WORDS
    if words:
        vocabulary = {word for name in candidates for word in name.split()}
        exact = words & vocabulary
        matches = [{word: 1.0} for word in exact] or [_alike_words(word, vocabulary) for word in words]
        sharing = []
        for name in candidates:
            name_words = name.split()
            score = sum(max((m.get(w, 0.0) for w in name_words), default=0.0) for m in matches)
            if score > 0:
                sharing.append((-score, -difflib.SequenceMatcher(None, query, name).ratio(), name))
        if sharing:
            return [name for *_, name in sorted(sharing)[:n]]
    return difflib.get_close_matches(query, candidates, n=n, cutoff=_NAME_CUTOFF)
