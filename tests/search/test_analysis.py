"""The analyzer: what a text's terms are, how a query is read, how matches are marked."""

import pytest

from newsdesk.search.analysis import (
    MAX_QUERY_LENGTH,
    Group,
    document_terms,
    highlight,
    html_to_text,
    parse_query,
    snippet,
)


def test_english_words_are_folded_and_stemmed():
    assert document_terms("The Drones were RUNNING") == "the drone were run"
    assert document_terms("Café naïve ＡＢＣ") == "cafe naiv abc"


def test_hangul_runs_become_overlapping_bigrams():
    assert document_terms("국방부는 발표했다") == "국방 방부 부는 발표 표했 했다"


def test_a_word_splits_where_the_script_changes():
    assert document_terms("K2전차 F-35A") == "k2 전차 f 35a"


def test_decomposed_hangul_jamo_index_as_the_syllables_they_make():
    decomposed = "\u1100\u1161\u11a8\u1107\u1161\u11bc"  # 각방 typed as jamo
    assert document_terms(decomposed) == document_terms("각방")


def test_body_html_gives_its_text_without_tags_or_script():
    html = "<p>One <strong>two</strong></p><p>three &amp; four</p><script>evil()</script>"
    assert html_to_text(html) == "One two three & four"


def test_words_of_a_query_are_each_required():
    query = parse_query("drones navy")
    assert query.groups == (Group(("drone",)), Group(("navi",)))


def test_quoted_words_are_a_phrase():
    assert parse_query('"missile defense" army').groups == (
        Group(("missil", "defens")),
        Group(("armi",)),
    )


def test_korean_query_word_is_the_phrase_of_its_bigrams():
    assert parse_query("국방부").groups == (Group(("국방", "방부")),)
    assert parse_query("국방").groups == (Group(("국방",)),)


def test_one_syllable_korean_query_is_a_prefix():
    assert parse_query("핵").groups == (Group(("핵",), prefix=True),)


@pytest.mark.parametrize(
    "raw",
    [
        '"',
        '"""',
        "(",
        "*",
        "^",
        ":",
        "AND",
        "OR NOT",
        "NEAR(a b, 2)",
        "a:b",
        "col:value*",
        "'; DROP TABLE newsroom_article; --",
        "\x00",
        "a\x00b",
        "{}[]<>",
        "\\",
        "%_%",
        "-drone +navy",
        "🚀",
        "\ufeff\u200b",
    ],
)
def test_any_text_parses_into_plain_terms(raw):
    query = parse_query(raw)
    for group in query.groups:
        for term in group.terms:
            assert term.isalnum(), term


def test_empty_and_punctuation_only_queries_have_nothing_to_search():
    assert not parse_query("")
    assert not parse_query("   ")
    assert not parse_query(None)
    assert not parse_query('"*()^:"')


def test_queries_are_cut_at_500_characters():
    query = parse_query("navy " * 200)
    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert not parse_query("navy " * 99).truncated


def test_nul_and_control_characters_are_dropped():
    assert parse_query("na\x00vy\x07").text == "na vy"


def test_the_last_word_may_be_a_prefix_for_search_as_you_type():
    assert parse_query("drone stri", prefix_last=True).groups[-1] == Group(("stri",), True)
    assert not parse_query('"drone stri"', prefix_last=True).groups[-1].prefix


def test_highlight_marks_matches_and_escapes_everything_else():
    html = highlight('<script>alert("x")</script> Drones & 국방부는', parse_query("drone 국방"))
    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Drones</mark> &amp; "
        "<mark>국방</mark>부는"
    )


def test_snippet_is_cut_around_the_first_match():
    text = "filler " * 100 + "the hypersonic test " + "tail " * 100
    html = snippet(text, parse_query("hypersonic"))
    assert "<mark>hypersonic</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 300


def test_postgres_literals_carry_weights_positions_and_quoting():
    from newsdesk.search.backends import Terms
    from newsdesk.search.backends.postgres import tsquery_text, tsvector_text

    row = Terms(1, 1, None, headline="drone", summary="drone navi", body="국방 방부")
    assert tsvector_text(row) == "'drone':1A,2B 'navi':3B '국방':4 '방부':5"
    query = parse_query('국방부 "navy drones" 핵')
    assert tsquery_text(query) == "('국방' <-> '방부') & ('navi' <-> 'drone') & ('핵':*)"
