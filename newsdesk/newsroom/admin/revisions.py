"""Revisions side by side, and a draft revision published, in the article admin (issue 19,
item 6; docs/desk.md, "Draft revisions of live stories"). The reads and writes are
``newsroom.drafts``; these are the admin's pages around them."""

from __future__ import annotations

import contextlib
import html
import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from reversion.errors import RevertError
from reversion.models import Version

from newsdesk.newsroom import conflicts, drafts, history, rules
from newsdesk.newsroom.models import Article, Byline, Contributor
from newsdesk.site.errors import NewsdeskError

NOW = "now"  # a side of the comparison that is the article as stored: what readers see
DIFFED = {"headline", "summary", "body"}
BLOCK_END = re.compile(r"</(p|h[1-6]|li|figcaption|blockquote)>")


@dataclass
class Side:
    article: Article
    version: Version | None  # None: the article as stored now
    bylines: str

    @property
    def is_draft(self) -> bool:
        return self.version is not None and drafts.is_draft(self.version)

    @property
    def title(self) -> str:
        if self.version is None:
            return "As stored now (what readers see)" if self.article.is_live() else "As stored now"
        revision = self.version.revision
        who = revision.user.get_username() if revision.user else "someone"
        kind = "Draft revision" if self.is_draft else "Revision"
        return f"{kind} of {history.when(revision.date_created)} by {who}"


@dataclass
class Row:
    label: str
    a: str
    b: str
    diff: SafeString | None

    @property
    def changed(self) -> bool:
        return self.a != self.b


def _shown(article: Article, name: str) -> str:
    value = getattr(article, name)
    if name == "body":  # its words, a block a line: never the stored markup itself
        return html.unescape(strip_tags(BLOCK_END.sub("\n", value or ""))).strip()
    if name == "tags":
        return ", ".join(sorted(tag.name for tag in value.all()))
    if name == "publish_at":
        return history.when(value) if value else "-"
    if name == "comments_open":
        return "Yes" if value else "No"
    return "" if value is None else str(value)


def _bylines(article: Article, version: Version | None) -> str:
    """The byline as stored now, or as the revision followed it. One or two queries."""
    if version is None:
        ids = list(article.bylines.values_list("contributor_id", flat=True))
    else:
        kind = ContentType.objects.get_for_model(Byline)
        kept = version.revision.version_set.filter(content_type=kind)
        pairs = []
        for byline in kept:
            with contextlib.suppress(RevertError, ValueError, LookupError):  # unreadable: left out
                fields = byline.field_dict
                pairs.append((fields.get("position") or 0, fields.get("contributor_id")))
        ids = [contributor for _position, contributor in sorted(pairs)]
    names = dict(Contributor.objects.filter(pk__in=ids).values_list("pk", "display_name"))
    return ", ".join(names[i] for i in ids if i in names)


def side(article: Article, ref: str) -> Side:
    """``ref`` is NOW or a version id of this article; NoSuchRevision otherwise."""
    if ref == NOW:
        return Side(article, None, _bylines(article, None))
    version = drafts.revision_of(version_id=ref, article_id=article.pk)
    return Side(drafts.as_of(article, version), version, _bylines(article, version))


def rows(a: Side, b: Side) -> list[Row]:
    out = []
    for name in [*drafts.FIELDS[:6], "bylines", *drafts.FIELDS[6:]]:
        if name == "bylines":
            out.append(Row("bylines", a.bylines, b.bylines, None))
            continue
        label = str(Article._meta.get_field(name).verbose_name)
        left, right = _shown(a.article, name), _shown(b.article, name)
        diff = None
        if name in DIFFED and left != right:
            diff = conflicts.word_diff(getattr(a.article, name), getattr(b.article, name))
        out.append(Row(label, left, right, diff))
    return out


def compare_view(model_admin, request: HttpRequest, article: Article) -> HttpResponse:
    """Two revisions (or one and the stored article) side by side: ``?a=&b=``, each a
    version id of this article or "now". About ten queries; 404 for anything else."""
    refs = [request.GET.get("a", ""), request.GET.get("b", NOW)]
    try:
        a, b = (side(article, ref) for ref in refs)
    except NewsdeskError as error:
        raise Http404(error.message) from error
    draft = next((s for s in (b, a) if s.is_draft), None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"Compare revisions: {article}",
        "a": a,
        "b": b,
        "rows": rows(a, b),
        "draft": draft,
        "draft_current": draft is not None
        and drafts.values(draft.version)["version"] == article.version
        and article.is_live(),
        "can_publish": rules.can_publish(request.user),
        "substantive": draft is not None and drafts.is_substantive(draft.version),
    }
    return TemplateResponse(request, "admin/newsroom/article/revision_compare.html", context)


def publish_view(model_admin, request: HttpRequest, article: Article, version_id: str):
    """GET: the draft beside the stored article, with the button. POST (CSRF, editors):
    publishes it (drafts.draft_publish); refused with a message and nothing changed."""
    compare = reverse("admin:newsroom_article_compare", args=[article.pk])
    if request.method != "POST":
        return HttpResponseRedirect(f"{compare}?a={NOW}&b={version_id}")
    if not rules.can_publish(request.user):
        raise PermissionDenied
    change = reverse("admin:newsroom_article_change", args=[article.pk])
    try:
        version = drafts.revision_of(version_id=version_id, article_id=article.pk)
        published = drafts.draft_publish(
            article_id=article.pk,
            version=version,
            user=request.user,
            substantive_update=request.POST.get("substantive_update") == "on",
        )
    except drafts.NoSuchRevision as error:
        raise Http404(error.message) from error
    except (NewsdeskError, PermissionDenied, ValidationError) as error:
        text = getattr(error, "message", None) or "; ".join(getattr(error, "messages", []))
        model_admin.message_user(request, text or str(error), messages.ERROR)
        return HttpResponseRedirect(f"{compare}?a={NOW}&b={version_id}")
    model_admin.message_user(
        request,
        f"Draft revision published at {history.when(published.modified_at)}: readers see it now.",
        messages.SUCCESS,
    )
    return HttpResponseRedirect(change)


@dataclass
class HistoryRow:
    version: Version
    previous: Version | None

    @property
    def is_draft(self) -> bool:
        return drafts.is_draft(self.version)


def history_rows(article: Article) -> list[HistoryRow]:
    """Each revision of the article, oldest first, with the one before it. One query."""
    versions = list(
        Version.objects.get_for_object(article).select_related("revision__user").order_by("pk")
    )
    return [HistoryRow(v, versions[i - 1] if i else None) for i, v in enumerate(versions)]
