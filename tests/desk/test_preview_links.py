"""Preview links: an editor shares a draft with someone without an account through a signed,
expiring address that shows it as its preview, is never cached or indexed, and can be revoked;
any address that does not name an open link is the site's 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from newsdesk.desk import services
from newsdesk.desk.errors import NotYours
from newsdesk.desk.models import PREVIEW_LINK_SALT, PreviewLink
from newsdesk.newsroom.models import Article
from newsdesk.site.errors import BadRequest
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor, make_user
from tests.formdata import form_fields

# The page cache's own test helpers: a request through newsdesk.wsgi.application, and the
# fixture that empties the cache's stores around each test of this module.
from tests.pagecache.conftest import _empty_page_cache, call  # noqa: F401

pytestmark = pytest.mark.django_db

HEADLINE = "Depot closure plans seen by the desk"
NOT_FOUND = "We could not find that page"


@pytest.fixture
def ed():
    user = make_user("ed", role="Editor")
    user.first_name, user.last_name = "Edith", "Keller"
    user.save()
    return user


@pytest.fixture
def draft():
    return ArticleFactory(
        headline=HEADLINE,
        status=Article.Status.IN_REVIEW,
        publish_at=None,
        contributors=[make_contributor()],
    )


@pytest.fixture
def link(ed, draft):
    return services.preview_link_create(user=ed, article=draft, shared_with="A fact-checker")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_never_kept(response) -> None:
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"


def assert_refused(response) -> None:
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    assert HEADLINE not in response.content.decode()
    assert_never_kept(response)


def test_a_reader_without_an_account_sees_the_draft_with_the_preview_banner(client, link):
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one("article.article h1").get_text() == HEADLINE
    banner = page.select_one(".preview-banner").get_text(" ", strip=True)
    assert banner.startswith("Preview shared by Edith Keller for review: this article is in review")
    until = timezone.localtime(link.expires_at).strftime("%-d %B %Y, %H:%M")
    assert banner.endswith(f"This link expires on {until} .")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert_never_kept(response)
    # No view is counted and no comment can be posted on a preview.
    assert page.select_one("[data-count-views]") is None
    assert page.select_one("#comments form") is None


def test_a_link_lasts_three_days_unless_the_editor_says_otherwise(ed, draft):
    made = services.preview_link_create(user=ed, article=draft, shared_with="Source", days=3)
    assert made.expires_at - made.created_at == timedelta(days=3)
    longest = services.preview_link_create(user=ed, article=draft, shared_with="Lawyer", days=30)
    assert longest.expires_at - longest.created_at == timedelta(days=30)
    assert (made.created_by, made.revoked_at) == (ed, None)


@pytest.mark.parametrize("days", [0, -1, 31, 365, True, "3", 2.5])
def test_a_lifetime_outside_one_to_thirty_days_is_refused(ed, draft, days):
    with pytest.raises(BadRequest, match="lasts from 1 to 30 days"):
        services.preview_link_create(user=ed, article=draft, shared_with="Source", days=days)
    assert PreviewLink.objects.count() == 0


@pytest.mark.parametrize("shared_with", ["", "   ", "x" * 201])
def test_a_link_says_whom_it_is_for(ed, draft, shared_with):
    with pytest.raises(BadRequest, match="Say whom the link is for"):
        services.preview_link_create(user=ed, article=draft, shared_with=shared_with)
    assert PreviewLink.objects.count() == 0


def test_contributors_may_neither_make_nor_revoke_links_even_on_their_own_pieces(ed):
    casey = make_user("casey", role="Contributor")
    own = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=casey)
    with pytest.raises(NotYours):
        services.preview_link_create(user=casey, article=own, shared_with="My source")
    assert PreviewLink.objects.count() == 0
    made = services.preview_link_create(user=ed, article=own, shared_with="Fact-checker")
    with pytest.raises(NotYours):
        services.preview_link_revoke(user=casey, link=made)
    made.refresh_from_db()
    assert made.revoked_at is None
    moderator = make_user("mo", role="Moderator")
    with pytest.raises(NotYours):
        services.preview_link_create(user=moderator, article=own, shared_with="Anyone")


def test_a_revoked_link_is_refused_and_its_first_revocation_is_the_record(client, ed, link):
    url = link.get_absolute_url()
    assert client.get(url).status_code == 200
    services.preview_link_revoke(user=ed, link=link)
    first = link.revoked_at
    assert (first is not None, link.revoked_by) == (True, ed)
    assert_refused(client.get(url))
    jo = make_user("jo", role="Editor")
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        services.preview_link_revoke(user=jo, link=link)
    link.refresh_from_db()
    assert (link.revoked_at, link.revoked_by) == (first, ed)


def test_a_link_works_until_it_expires_and_not_a_moment_after(client, link):
    url = link.get_absolute_url()
    with time_machine.travel(link.expires_at - timedelta(seconds=1)):
        assert client.get(url).status_code == 200
    with time_machine.travel(link.expires_at):
        assert_refused(client.get(url))
    with time_machine.travel(link.expires_at + timedelta(days=400)):
        assert_refused(client.get(url))


def test_a_link_dies_with_its_makers_right_to_preview(client, ed, link):
    ed.is_active = False
    ed.save()
    assert_refused(client.get(link.get_absolute_url()))


def hostile_tokens(link: PreviewLink) -> list[str]:
    good = link.token
    pk, key, signature = good.split(".")
    signer = signing.Signer(salt=PREVIEW_LINK_SALT, sep=".")
    return [
        "x",
        "0",
        ".",
        "..",
        f"{pk}.{key}",  # no signature
        f"{pk}.{key}.{signature[:-1]}{'B' if signature.endswith('A') else 'A'}",  # changed
        f"{int(pk) + 1}.{key}.{signature}",  # another link's number, this one's signature
        good.upper(),
        good + "x",
        signer.sign(f"{pk}.not-its-key"),  # signed, but not the stored key
        signer.sign(f"{int(pk) + 1}.{key}"),  # signed, no such link
        signer.sign("9" * 40 + ".k"),  # signed, a number no database holds
        signer.sign(f"{pk}"),  # signed, no key at all
        signer.sign(f"-{pk}.{key}"),
        signer.sign(f"{pk}.{key}".replace(pk, "\u0661")),  # an Arabic-Indic digit
        signing.Signer(salt="another-salt", sep=".").sign(f"{pk}.{key}"),
        signing.dumps({"id": int(pk)}),  # something else the site signs
        "a" * 5000,
        "%00",
        "\u00e9\u00e8",
    ]


def test_a_malformed_forged_or_unknown_token_is_the_sites_404(client, link):
    for token in hostile_tokens(link):
        response = client.get(f"/preview/{token}/")
        assert response.status_code == 404, token
        assert HEADLINE not in response.content.decode(), token
        if response.resolver_match is not None:  # answered by the preview view
            assert_refused(response)
    assert client.get(link.get_absolute_url()).status_code == 200  # the real one still works


def test_only_reading_is_allowed(client, link):
    assert client.post(link.get_absolute_url()).status_code == 405
    assert client.head(link.get_absolute_url()).status_code == 200


def test_a_link_to_a_story_published_since_leads_to_its_public_page(client, ed, link, draft):
    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now() - timedelta(minutes=1)
    )
    draft.refresh_from_db()
    response = client.get(link.get_absolute_url())
    assert (response.status_code, response["Location"]) == (302, draft.get_absolute_url())
    assert_never_kept(response)


@pytest.mark.usefixtures("keep_test_connection")
def test_the_page_cache_never_keeps_nor_serves_a_preview(ed, link):
    url = link.get_absolute_url()
    for _ in range(2):
        reply = call(url)
        assert reply.status == 200 and HEADLINE.encode() in reply.body
        assert reply.cache is None  # passed through, never a HIT or a stored MISS
        assert reply.headers["cache-control"] == "private, no-store"
    services.preview_link_revoke(user=ed, link=link)
    refused = call(url)
    assert refused.status == 404 and HEADLINE.encode() not in refused.body


def test_the_preview_pages_query_budget(client, link, django_assert_num_queries):
    # The link with its maker and the article's slug (1); the article with its bylines, tags
    # and corrections (4); the maker's permissions, for rules.can_preview (2); then what every
    # article page reads: the comment count and page (2), the four lists (5), the sections (1).
    client.get(link.get_absolute_url())  # per-process caches warm, as on a running site
    with django_assert_num_queries(15):
        assert client.get(link.get_absolute_url()).status_code == 200
    # The 404 page reads the sections for its navigation; a token we did not sign costs no
    # other query, one we signed naming no link the one lookup.
    with django_assert_num_queries(1):
        assert client.get("/preview/nothing-we-signed/").status_code == 404
    with django_assert_num_queries(2):
        forged = signing.Signer(salt=PREVIEW_LINK_SALT, sep=".").sign("123456.nope")
        assert client.get(f"/preview/{forged}/").status_code == 404


# The admin: the article form's "preview links" rows.

PREFIX = "desk_preview_links"


def change_url(article) -> str:
    return f"/admin/newsroom/article/{article.pk}/change/"


def form_of(client, article) -> dict[str, list[str]]:
    return form_fields(parse(client.get(change_url(article))).find("form", id="article_form"))


def test_an_editor_makes_a_link_on_the_form_copies_it_and_revokes_it(client, ed, draft):
    editor = signed_in(ed)
    data = form_of(editor, draft)
    assert data[f"{PREFIX}-TOTAL_FORMS"] == ["0"]
    data.update(
        {
            f"{PREFIX}-TOTAL_FORMS": ["1"],
            f"{PREFIX}-0-id": [""],
            f"{PREFIX}-0-article": [str(draft.pk)],
            f"{PREFIX}-0-shared_with": ["Dr Rana, fact-checker"],
            f"{PREFIX}-0-valid_for": ["7"],
        }
    )
    assert editor.post(change_url(draft), data).status_code == 302
    made = PreviewLink.objects.get()
    assert (made.shared_with, made.created_by) == ("Dr Rana, fact-checker", ed)
    assert made.expires_at - made.created_at == timedelta(days=7)

    page = parse(editor.get(change_url(draft)))
    address = page.select_one("a.preview-link-url")
    assert address.get_text().endswith(made.get_absolute_url())
    assert client.get(made.get_absolute_url()).status_code == 200

    data = form_of(editor, draft)
    assert data[f"{PREFIX}-0-id"] == [str(made.pk)]
    data[f"{PREFIX}-0-revoke"] = ["on"]
    assert editor.post(change_url(draft), data).status_code == 302
    made.refresh_from_db()
    assert made.revoked_by == ed
    row = parse(editor.get(change_url(draft))).select_one(f"#{PREFIX}-0")
    assert "Revoked" in row.get_text() and row.select_one("a.preview-link-url") is None
    assert row.select_one("input[name$=revoke]").has_attr("disabled")  # revoked for good
    assert_refused(client.get(made.get_absolute_url()))


def test_a_contributor_sees_no_preview_links_and_cannot_post_one():
    casey = make_user("casey", role="Contributor")
    own = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=casey)
    writer = signed_in(casey)
    data = form_of(writer, own)
    assert f"{PREFIX}-TOTAL_FORMS" not in data
    data.update(
        {
            f"{PREFIX}-TOTAL_FORMS": ["1"],
            f"{PREFIX}-INITIAL_FORMS": ["0"],
            f"{PREFIX}-0-article": [str(own.pk)],
            f"{PREFIX}-0-shared_with": ["My source"],
            f"{PREFIX}-0-valid_for": ["3"],
        }
    )
    writer.post(change_url(own), data)
    assert PreviewLink.objects.count() == 0


def test_an_expired_link_stays_listed_as_expired_without_its_address(ed, link, draft):
    with time_machine.travel(link.expires_at + timedelta(minutes=1)):
        row = parse(signed_in(ed).get(change_url(draft))).select_one(f"#{PREFIX}-0")
    assert "Expired" in row.get_text() and row.select_one("a.preview-link-url") is None
    assert not row.select_one("input[name$=revoke]").has_attr("checked")


def test_an_editor_may_share_a_new_piece_as_it_is_first_saved(ed):
    from newsdesk.newsroom.models import Section

    Section.objects.create(name="Land", slug="land")
    editor = signed_in(ed)
    add = parse(editor.get("/admin/newsroom/article/add/"))
    data = form_fields(add.find("form", id="article_form"))
    data.update(
        {
            "headline": ["Brand new piece"],
            "slug": ["brand-new-piece"],
            "section": [str(Section.objects.get().pk)],
            "body": ["<p>Words.</p>"],
            f"{PREFIX}-TOTAL_FORMS": ["1"],
            f"{PREFIX}-0-shared_with": ["Legal"],
            f"{PREFIX}-0-valid_for": ["1"],
        }
    )
    assert editor.post("/admin/newsroom/article/add/", data).status_code == 302
    made = PreviewLink.objects.get()
    assert (made.article.slug, made.shared_with) == ("brand-new-piece", "Legal")
