"""Readers' search, through the selector: the same tests on SQLite and on PostgreSQL."""

from datetime import date, timedelta

import pytest
import reversion
import time_machine
from django.test import override_settings
from django.utils import timezone
from reversion.models import Version

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from newsdesk.search.analysis import parse_query
from newsdesk.search.selectors import search_results, search_scope
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor
from tests.search.conftest import found, story

pytestmark = pytest.mark.django_db


# Relevance


def test_headline_outranks_summary_outranks_body(land):
    # Same publish time for all, so only relevance orders them.
    when = dict(days_ago=3)
    story("Body once", body="<p>Troops trained near the hypersonic range today.</p>", **when)
    story("Summary", summary="A hypersonic glide vehicle was tested.", **when)
    story("Hypersonic missile tested", **when)
    story(
        "Body thrice",
        body="<p>Hypersonic. The hypersonic programme. More hypersonic news.</p>",
        **when,
    )
    story("Unrelated", body="<p>Nothing about it.</p>", **when)
    assert found("hypersonic") == [
        "Hypersonic missile tested",
        "Summary",
        "Body thrice",
        "Body once",
    ]


def test_newer_of_two_equally_relevant_articles_comes_first(land):
    story("Navy drills, older", body="<p>The navy drills.</p>", days_ago=40)
    story("Navy drills, newer", body="<p>The navy drills.</p>", days_ago=2)
    assert found("navy") == ["Navy drills, newer", "Navy drills, older"]


def test_recency_boost_does_not_bury_a_strong_old_match(land):
    story("Artillery shortage deepens", summary="Artillery shells run short.", days_ago=700)
    story(
        "Budget day",
        body="<p>" + "A long day of budget talks. " * 30 + "One mention of artillery.</p>",
        days_ago=0.1,
    )
    assert found("artillery") == ["Artillery shortage deepens", "Budget day"]


# English and Korean


def test_english_query_finds_other_forms_of_its_words(land):
    story("Drone strikes rise", body="<p>Strikes by drones rose sharply.</p>")
    assert found("drone") == ["Drone strikes rise"]
    assert found("Striking DRONES") == ["Drone strikes rise"]


def test_every_word_of_the_query_must_appear(land):
    story("Navy and army exercise")
    story("Navy alone")
    assert found("navy army") == ["Navy and army exercise"]


def test_quoted_words_must_appear_side_by_side(land):
    story("Missile defense plan", days_ago=1)
    story("Defense of the missile base", days_ago=2)
    assert found('"missile defense"') == ["Missile defense plan"]
    assert found("missile defense") == ["Missile defense plan", "Defense of the missile base"]


def test_two_syllable_korean_query_finds_it_inside_longer_words(land):
    story("국방부는 새 전차를 공개했다", days_ago=1)
    story("합동 훈련 계획", body="<p>국방 예산이 늘었다.</p>", days_ago=2)
    story("해군 소식", days_ago=3)
    assert found("국방") == ["국방부는 새 전차를 공개했다", "합동 훈련 계획"]
    assert found("방부") == ["국방부는 새 전차를 공개했다"]
    assert found("전차") == ["국방부는 새 전차를 공개했다"]


def test_longer_korean_query_matches_only_the_whole_string(land):
    story("미사일 방어 체계", days_ago=1)
    story("사일로와 미사", days_ago=2)  # has 미사 and 사일, but not 미사일
    assert found("미사일") == ["미사일 방어 체계"]
    assert found("미사일 체계") == ["미사일 방어 체계"]
    assert found('"방어 체계"') == ["미사일 방어 체계"]


def test_one_syllable_korean_query_finds_words_that_start_with_it(land):
    story("핵 실험 임박", days_ago=1)
    story("핵잠수함 진수", days_ago=2)
    story("해군 소식", days_ago=3)
    assert found("핵") == ["핵 실험 임박", "핵잠수함 진수"]


def test_mixed_script_words_and_mixed_queries(land):
    story("K2전차 수출 계약", summary="Poland orders more K2 tanks.")
    assert found("K2전차") == ["K2전차 수출 계약"]
    assert found("전차 tanks") == ["K2전차 수출 계약"]
    assert found("k2") == ["K2전차 수출 계약"]


# Only live articles


def test_drafts_reviews_and_unpublished_articles_are_never_found(land):
    for status in (Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED):
        ArticleFactory(headline=f"Secret {status} submarine", status=status)
    story("Public submarine")
    assert found("submarine") == ["Public submarine"]


def test_scheduled_article_is_found_only_from_its_publish_time(land, editor):
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article = ArticleFactory(
        headline="Embargoed carrier news", status=Article.Status.DRAFT, publish_at=None
    )
    article.bylines.create(contributor=make_contributor())
    services.article_publish(article=article, user=editor, publish_at=at)
    assert found("carrier") == []
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert found("carrier") == []
    with time_machine.travel(at, tick=False):
        assert found("carrier") == ["Embargoed carrier news"]


def test_stale_index_never_shows_an_article_that_is_not_live(land):
    article = story("Pulled frigate story")
    # A write that bypasses Django's signals leaves the index behind the article...
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    results = search_results(query=parse_query("frigate"), scope=search_scope())
    # ...yet the page, read from the articles, never shows it.
    assert [hit.article.pk for hit in results[0:20]] == []


# The index follows the newsroom


def test_index_follows_edits_at_once(land, editor):
    article = story("Old headline about tanks", body="<p>About tanks.</p>")
    article.headline = "New headline about frigates"
    article.body = "<p>About frigates now.</p>"
    services.article_save(article=article, user=editor)
    assert found("frigates") == ["New headline about frigates"]
    assert found("tanks") == []


def test_index_follows_unpublishing_and_publishing_again(land, editor):
    article = story("Corvette launch")
    article.bylines.create(contributor=make_contributor())
    services.article_unpublish(article=article, user=editor)
    assert found("corvette") == []
    services.article_publish(article=article, user=editor)
    assert found("corvette") == ["Corvette launch"]


def test_index_follows_a_move_to_another_section(land, sea, editor):
    article = story("Patrol boat order", section=land)
    article.section = sea
    services.article_save(article=article, user=editor)
    assert found("patrol", section=sea) == ["Patrol boat order"]
    assert found("patrol", section=land) == []


def test_index_follows_a_restored_revision(land, editor):
    article = story("Tanker refuelling trial")
    with reversion.create_revision():
        article.headline = "Tanker refuelling trial"
        services.article_save(article=article, user=editor)
    with reversion.create_revision():
        article.headline = "Glider recovery trial"
        services.article_save(article=article, user=editor)
    assert found("tanker") == []
    Version.objects.get_for_object(article)[1].revision.revert()  # the older one
    assert found("tanker") == ["Tanker refuelling trial"]
    assert found("glider") == []


def test_deleted_article_leaves_the_index(land):
    article = story("Deleted destroyer story")
    article.delete()
    assert found("destroyer") == []


def test_saves_of_other_fields_leave_the_index_alone(land, django_assert_num_queries):
    article = story("Radar contract")
    with django_assert_num_queries(1):
        article.save(update_fields=["lead_image_caption"])


# Filters


def test_filters_narrow_by_section_contributor_and_dates(land, sea, writer):
    other = make_contributor(display_name="Lee", slug="lee")
    a = story("Sonar at sea", section=sea, contributors=[writer], days_ago=10)
    story("Sonar on land", section=land, contributors=[other], days_ago=40)
    assert found("sonar", section=sea) == ["Sonar at sea"]
    assert found("sonar", contributor=writer) == ["Sonar at sea"]
    day = timezone.localdate(a.publish_at)
    assert found("sonar", date_from=day, date_to=day) == ["Sonar at sea"]
    assert found("sonar", date_to=day - timedelta(days=1)) == ["Sonar on land"]
    # A reversed range is read the right way round.
    assert found("sonar", date_from=day, date_to=day - timedelta(days=60)) == [
        "Sonar at sea",
        "Sonar on land",
    ]
    assert found("sonar", date_from=date(1, 1, 1), date_to=date(9999, 12, 31)) != []


# Bad input


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"unclosed phrase',
        "drone AND",
        "OR",
        "NOT drone",
        "NEAR(drone navy)",
        "drone*",
        "^drone",
        "headline:drone",
        "(drone",
        "drone)",
        "{drone}",
        "drone\x00",
        "'drone'",
        "drone' OR '1'='1",
        "\\drone",
        "drone:*",
        "!drone & navy | <->",
    ],
)
def test_fts_syntax_typed_by_a_reader_is_plain_text(land, text):
    story("Drone navy news")
    headlines = found(text)
    assert headlines in ([], ["Drone navy news"])


def test_search_syntax_words_match_as_words(land):
    story("Not and or near")
    assert found("NOT AND OR NEAR") == ["Not and or near"]


# Broad queries


@override_settings(NEWSDESK_SEARCH_RANK_WINDOW=2)
def test_a_query_matching_more_than_the_window_ranks_the_newest_matches(land):
    oldest = story("Army one", days_ago=3)
    story("Army two", days_ago=2)
    story("Army three", days_ago=1)
    results = search_results(query=parse_query("army"), scope=search_scope())
    assert results.count() == 2
    assert results.windowed
    assert oldest.headline not in [hit.article.headline for hit in results[0:2]]


@override_settings(NEWSDESK_SEARCH_RANK_WINDOW=2)
def test_a_phrase_window_holds_the_newest_phrase_matches_not_the_newest_with_both_words(land):
    # The window is the newest matches by creation. The articles written last hold both
    # words apart: the window must reach past them to the phrase.
    story("Missile defense, first written", days_ago=10)
    story("Missile defense, second", days_ago=20)
    story("Missile defense, third", days_ago=30)
    for n in range(3):
        story(f"Defense of the missile site {n}", days_ago=n + 1)
    story("Korean 미사일 기사", days_ago=5)
    story("사일로와 미사 (both bigrams, not the word)", days_ago=1)
    results = search_results(query=parse_query('"missile defense"'), scope=search_scope())
    assert results.count() == 2
    assert results.windowed
    assert sorted(hit.article.headline for hit in results[0:2]) == [
        "Missile defense, second",
        "Missile defense, third",
    ]
    korean = search_results(query=parse_query("미사일"), scope=search_scope())
    assert [hit.article.headline for hit in korean[0:2]] == ["Korean 미사일 기사"]
    assert korean.count() == 1


@override_settings(NEWSDESK_SEARCH_RANK_WINDOW=2)
def test_broad_query_page_says_there_are_more_results(client, land):
    for n in range(3):
        story(f"Army {n}", days_ago=n + 1)
    soup = parse(client.get("/search/", {"q": "army"}))
    assert soup.select_one(".search-count").get_text(strip=True) == "More than 2 results for “army”"
    assert "Narrow the search" in soup.select_one(".search-notice").get_text()
