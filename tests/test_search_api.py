"""Dataset.search pages, totals and filters: the best hits first, the count without building every hit."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mideastdata as md
from test_query_strategies import SETTINGS, WORDS, datasets


def _ids(hits: tuple[md.Hit, ...]) -> list[tuple[str, str]]:
    return [(h.table, h.record.id) for h in hits]


def test_default_limit_is_twenty_best_hits() -> None:
    """Without a limit, search returns the 20 best hits; total counts them all."""
    ds = md.load()
    every = ds.search("the", limit=None)
    assert len(every) > 20
    page = ds.search("the")
    assert _ids(page) == _ids(every)[:20]
    assert page.total == len(every) == every.total


@SETTINGS
@given(datasets(), st.sampled_from(WORDS), st.integers(0, 5), st.integers(0, 8))
def test_pages_are_slices_of_the_full_ranking(ds: md.Dataset, word: str, limit: int, offset: int) -> None:
    """Limit and offset cut the same ranking: each page is a slice of all hits, with the same total."""
    every = ds.search(word[:3], limit=None)
    page = ds.search(word[:3], limit=limit, offset=offset)
    assert _ids(page) == _ids(every)[offset : offset + limit]
    assert page.offset == offset
    assert page.total == len(every)


@SETTINGS
@given(datasets(), st.sampled_from(WORDS), st.data())
def test_filters_equal_filtering_all_hits(ds: md.Dataset, word: str, data: st.DataObject) -> None:
    """table=, actor= and topic= return exactly the hits a filter over all hits keeps, in the same order."""
    actor = data.draw(st.sampled_from(ds.actors.ids()))
    topic = data.draw(st.sampled_from(ds.topics.ids()))
    tables = data.draw(st.lists(st.sampled_from(["actors", "statements", "demands", "events"]), min_size=1, unique=True))
    every = ds.search(word, limit=None)
    involving = {(t, r.id) for t in ("statements", "demands", "events") for r in getattr(ds, t).involving(actor)}
    involving.add(("actors", actor))
    about = {(t, r.id) for t in ("statements", "demands", "events") for r in getattr(ds, t).about(topic)}
    assert _ids(ds.search(word, limit=None, table=tables)) == [k for k in _ids(every) if k[0] in tables]
    assert _ids(ds.search(word, limit=None, actor=actor)) == [k for k in _ids(every) if k in involving]
    assert _ids(ds.search(word, limit=None, topic=topic)) == [k for k in _ids(every) if k in about]
    both = ds.search(word, limit=2, actor=actor, topic=topic, table=tables)
    kept = [k for k in _ids(every) if k in involving and k in about and k[0] in tables]
    assert _ids(both) == kept[:2]
    assert both.total == len(kept)


def test_filters_resolve_names_like_the_table_queries() -> None:
    """actor= takes a name or alias and topic= a label, resolved like ds.actor() and ds.topic()."""
    ds = md.load()
    assert _ids(ds.search("plan", actor="Vitikoff")) == _ids(ds.search("plan", actor="steve-witkoff"))
    assert ds.search("plan", actor="steve-witkoff")
    assert ds.search("hostages", table="demands")
    assert all(h.table == "demands" for h in ds.search("hostages", table="demands"))
    with pytest.raises(KeyError, match="did you mean"):
        ds.search("plan", actor="Vitkof")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": -1}, "limit"),
        ({"limit": 2.5}, "limit"),
        ({"offset": -3}, "offset"),
        ({"table": "sources"}, "search covers the tables"),
        ({"table": "statement"}, "did you mean 'statements'"),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs: dict[str, object], message: str) -> None:
    """A bad limit, offset or table is a ValueError that says what is allowed."""
    with pytest.raises(ValueError, match=message):
        md.load().search("plan", **kwargs)  # type: ignore[arg-type]


def test_text_must_be_a_string() -> None:
    """Searching for something other than text is a TypeError."""
    with pytest.raises(TypeError, match="str"):
        md.load().search(b"plan")  # type: ignore[arg-type]


def test_results_are_an_immutable_tuple_that_pickles() -> None:
    """SearchResults is a tuple (equal to a plain one), cannot be changed, and pickles with its total."""
    hits = md.load().search("hostages", limit=2)
    assert isinstance(hits, tuple)
    assert hits == tuple(hits)
    with pytest.raises(AttributeError, match="immutable"):
        hits.offset = 3
    copy = pickle.loads(pickle.dumps(hits))  # noqa: S301 - our own bytes
    assert copy == hits
    assert (copy.total, copy.offset) == (hits.total, 0)


def test_whole_words_rank_above_prefix_matches() -> None:
    """Of two records alike but for the word, the one holding the whole query word ranks first."""
    src = md.Source(id="s", title="t", text="x")
    actor = md.Actor(id="a", name="A", kind=md.ActorKind.STATE, evidence=(src.evidence("x"),))
    statements = [
        md.Statement(id=f"s{i}", speaker="a", kind=md.StatementKind.CLAIM, summary=f"release the {word} now",
                     attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("x"),))
        for i, word in enumerate(["hostages", "hostage"])
    ]
    ds = md.Dataset(name="d", version="1.0.0", sources=(src,), actors=(actor,), statements=statements)
    assert [h.record.id for h in ds.search("hostage")] == ["s1", "s0"]
    assert [h.record.id for h in ds.search("hostages")] == ["s0"]


def test_snippet_highlights_the_matched_words_of_the_best_field() -> None:
    """The snippet is the best matching field's text, its matching words in ** (prefix matches whole)."""
    ds = md.load()
    (top, *_) = ds.search("Vitikoff")
    assert top.snippet == "Steve **Vitikoff**"
    hit = next(h for h in ds.search('"armed resistance"') if h.record.id == "stmt-hamas-armed-resistance")
    assert "**armed resistance**" in hit.snippet
    assert isinstance(hit.record, md.Statement)
    assert hit.snippet.replace("**", "").strip("…") in hit.record.summary
    assert "**hostages**" in ds.search("hostag", table="demands")[0].snippet


def test_long_fields_are_cut_around_the_first_match() -> None:
    """A snippet of a long text is at most about 200 characters, starts near the match and marks the cuts."""
    text = " ".join(["filler"] * 100) + " the Ceasefire holds " + " ".join(["padding"] * 100)
    src = md.Source(id="s", title="t", text="x")
    actor = md.Actor(id="a", name="A", kind=md.ActorKind.STATE, evidence=(src.evidence("x"),))
    st_ = md.Statement(id="s0", speaker="a", kind=md.StatementKind.CLAIM, summary=text,
                       attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("x"),))
    ds = md.Dataset(name="d", version="1.0.0", sources=(src,), actors=(actor,), statements=(st_,))
    (hit,) = ds.search("ceasefire")
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert "**Ceasefire**" in hit.snippet
    assert len(hit.snippet) <= 210


def test_a_bare_word_is_asked_for_in_the_forms_the_index_holds() -> None:
    """The FTS5 query asks for a word whole and as a prefix only where the index holds both forms."""
    from mideastdata import _search

    src = md.Source(id="s", title="t", text="x")
    actor = md.Actor(id="a", name="A", kind=md.ActorKind.STATE, evidence=(src.evidence("x"),))
    statements = [
        md.Statement(id=f"s{i}", speaker="a", kind=md.StatementKind.CLAIM, summary=summary,
                     attribution=md.Attribution.PARAPHRASE, evidence=(src.evidence("x"),))
        for i, summary in enumerate(["release the hostages now", "the hostage"])
    ]
    ds = md.Dataset(name="d", version="1.0.0", sources=(src,), actors=(actor,), statements=statements)
    index = _search._index_of(ds)
    assert _search.fts_query([(("hostages",), True)], index) == '"hostages"'
    assert _search.fts_query([(("hostag",), True)], index) == '"hostag" *'
    assert _search.fts_query([(("hostage",), True), (("the", "hostage"), False)], index) == (
        '("hostage" OR "hostage" *) AND "the hostage"'
    )
    assert _search.fts_query([(("hostages",), True)]) == '("hostages" OR "hostages" *)'
    assert [h.record.id for h in ds.search("hostage")] == ["s1", "s0"]
