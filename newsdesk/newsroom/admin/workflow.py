"""The workflow on the article form (issue 19, item 6; docs/desk.md, "Workflow on the form"):
which buttons a person sees beside Save, and what pressing one does after the form is saved.
Each button calls the same service as the list's actions; the message says what happened and
when. No query of its own beyond the service's."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from newsdesk.newsroom import history, rules, services
from newsdesk.newsroom.models import Article

FIELD = "_workflow"  # the name of every workflow button; its value is the step
DRAFT = "draft"  # the step that keeps a live story's edits as a draft revision (drafts.py)


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    hint: str


def buttons(user, article: Article | None) -> list[Step]:
    """The steps ``user`` may take from the article's state (None: a new piece)."""
    status = article.status if article is not None else Article.Status.DRAFT
    editor = rules.can_publish(user)
    ahead = article is not None and article.publish_at and article.publish_at > timezone.now()
    publish = Step(
        "publish",
        "Schedule" if ahead else "Publish now",
        "Saves, then publishes; with a publish time ahead it is scheduled for that time.",
    )
    steps: list[Step] = []
    if status == Article.Status.DRAFT:
        steps.append(Step("submit", "Submit for review", "Saves, then asks an editor to review."))
        if editor:
            steps.append(publish)
    elif status == Article.Status.IN_REVIEW and editor:
        steps += [
            publish,
            Step("return", "Send back to draft", "Saves, then returns it to its writer."),
        ]
    elif status == Article.Status.PUBLISHED and editor:
        if article.is_live():
            steps.append(
                Step(
                    DRAFT,
                    "Save as draft revision",
                    "Keeps your changes as a revision to preview and publish later; readers "
                    "still see the published text.",
                )
            )
        label = "Cancel the schedule" if article.is_scheduled else "Unpublish"
        steps.append(Step("unpublish", label, "Saves, then takes it off the site."))
    elif status == Article.Status.UNPUBLISHED and editor:
        steps.append(publish)
    return steps


def requested(request: HttpRequest) -> str | None:
    """The step a workflow button asked for, or None (the service checks who may take it)."""
    step = request.POST.get(FIELD)
    return step if step in {"submit", "publish", "unpublish", "return"} else None


def drafting(request: HttpRequest) -> bool:
    """The form was sent with "Save as draft revision" (drafts.draft_keep decides whether)."""
    return request.method == "POST" and request.POST.get(FIELD) == DRAFT


def draft_kept(version, article: Article) -> str:
    """What the editor is told after a draft revision, with its preview and its publishing."""
    preview = reverse("newsroom:revision-preview", args=[version.pk])
    publish = reverse("admin:newsroom_article_revision_publish", args=[article.pk, version.pk])
    return format_html(
        "Draft revision kept at {}: readers still see the published text. "
        '<a href="{}" target="_blank" rel="noopener" class="draft-preview">Preview the draft</a>'
        ' or <a href="{}" class="draft-publish">compare and publish it</a>.',
        history.when(version.revision.date_created),
        preview,
        publish,
    )


SERVICES = {
    "submit": (services.article_submit, "Submitted for review"),
    "publish": (services.article_publish, "Published"),
    "unpublish": (services.article_unpublish, "Unpublished"),
    "return": (services.article_return_to_draft, "Sent back to draft"),
}


def run(request: HttpRequest, article: Article, step: str) -> tuple[bool, str]:
    """Takes ``step`` on the saved article through its service, inside the form's revision
    (History: the form's change message, then what the step did). Returns (done, message)."""
    service, done = SERVICES[step]
    try:
        history.recorded_step(request.user, article, service, done)
    except (PermissionDenied, ValidationError) as error:
        reason = "; ".join(getattr(error, "messages", [str(error)]))
        return False, f"Saved, but not {done.lower()}: {reason}"
    return True, said(article, step)


def said(article: Article, step: str) -> str:
    """What happened and when, in the words the newsroom uses."""
    now = history.when(timezone.now())
    if step == "publish" and article.is_scheduled:
        return (
            f"Saved and scheduled: it goes live by itself at {history.when(article.publish_at)} "
            "(the time set under Publishing)."
        )
    if step == "publish":
        return f"Saved and published at {history.when(article.publish_at)}: readers see it now."
    if step == "submit":
        return f"Saved and submitted for review at {now}: an editor will look at it."
    if step == "unpublish":
        return f"Saved and taken off the site at {now}: its address now answers 404."
    return f"Saved and sent back to draft at {now}: its writer can edit it again."


def schedules_on_save(request: HttpRequest, article: Article, publish_at_changed: bool) -> bool:
    """An editor who sets a publish time ahead on a draft or a piece in review and saves has
    scheduled it (the issue's rule): the time was set to be used."""
    return (
        publish_at_changed
        and article.status in (Article.Status.DRAFT, Article.Status.IN_REVIEW)
        and article.publish_at is not None
        and article.publish_at > timezone.now()
        and rules.can_publish(request.user)
    )
