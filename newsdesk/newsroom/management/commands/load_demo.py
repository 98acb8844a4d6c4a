"""Fills an empty database with the demo newsroom: a defense-and-security desk.

Idempotent: a database that already holds a section is left alone. The demo data
(newsroom/demo/content, read by demo.loader) is checked before anything is written, and the
load is one transaction, so neither a bad data file nor an interrupted run leaves anything
half made.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from newsdesk.images import services as image_services
from newsdesk.newsroom import services
from newsdesk.newsroom.demo import images, loader
from newsdesk.newsroom.models import Article, Section, Tag

ROLE_USERS = [
    ("editor", "Editor", "Edits, schedules, publishes; manages Must-Reads."),
    ("contributor", "Contributor", "Writes own drafts and submits them for review."),
    ("moderator", "Moderator", "Works the comment queue."),
]


class Command(BaseCommand):
    help = "Load the demo newsroom into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--no-images", action="store_true", help="Skip generating pictures.")

    def handle(self, *args, no_images: bool = False, **options):
        if Section.objects.exists():
            self.stdout.write("The database already has content: demo not loaded again.")
            return
        try:
            demo = loader.load()
        except loader.DemoDataError as error:
            raise CommandError(f"Demo not loaded: {error}") from error
        with transaction.atomic():
            logins = self._users()
            self._content(demo, with_images=not no_images)
        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded."))
        self.stdout.write(
            "Demo logins (shown this once; change with `newsdesk changepassword NAME`):"
        )
        for username, password, role in logins:
            self.stdout.write(f"  {username:<12} {password}   {role}")

    def _users(self) -> list[tuple[str, str, str]]:
        User = get_user_model()
        logins = []
        admin_password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@newsdesk.example", admin_password)
        logins.append(("admin", admin_password, "Superuser"))
        for username, group, summary in ROLE_USERS:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username, f"{username}@newsdesk.example", password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=group))
            logins.append((username, password, f"{group}: {summary}"))
        return logins

    def _lead_image(self, spec: dict, *, seed: int, section: Section, user, now):
        """The article's picture, into the image library with its credit and rights."""
        about = spec["image"]
        if about.get("picture") == "photo":
            data = images.render_photo(seed=seed)
        else:
            data = images.render_lead_image(seed=seed, title=spec["headline"], section=section.name)
        hours = about.get("rights_expire_hours")
        return image_services.image_create(
            data=data,
            filename=f"{spec['slug']}.jpg",
            alt_text=about["alt"],
            caption=about["caption"],
            credit=about["credit"],
            source=about.get("source", "illustration"),
            rights_note=about.get("rights_note", ""),
            rights_expire_at=now + timedelta(hours=hours) if hours is not None else None,
            title=spec["headline"][:200],
            user=user,
            tags=[section.name],
        )

    def _content(self, demo: loader.Newsroom, *, with_images: bool) -> None:
        User = get_user_model()
        editor = User.objects.get(username="editor")
        sections = {
            s["slug"]: Section.objects.create(
                name=s["name"], slug=s["slug"], description=s["description"], position=s["position"]
            )
            for s in demo.sections
        }
        tags = {t["slug"]: Tag.objects.create(name=t["name"], slug=t["slug"]) for t in demo.tags}
        contributors = {}
        writer = User.objects.get(username="contributor")
        for i, c in enumerate(demo.contributors):
            contributor = services.contributor_create(
                display_name=c["display_name"],
                slug=c["slug"],
                bio=c["bio"],
                year=c["year"],
                user=writer if i == 0 else None,
            )
            if with_images:
                initials = "".join(part[0] for part in c["display_name"].split()[:2])
                contributor.photo = image_services.image_create(
                    data=images.render_portrait(seed=i, initials=initials),
                    filename=f"{c['slug']}.jpg",
                    alt_text=f"Portrait of {c['display_name']}",
                    title=f"{c['display_name']}, portrait",
                    credit="Newsdesk",
                    source="staff",
                    user=editor,
                    tags=["portraits"],
                )
                contributor.save(update_fields=["photo"])
            contributors[c["slug"]] = contributor

        now = timezone.now()
        for i, spec in enumerate(tqdm(demo.articles, desc="Demo articles", unit="article")):
            article = Article(
                headline=spec["headline"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=spec["body"],
                section=sections[spec["section"]],
            )
            if with_images:
                article.lead_image = self._lead_image(
                    spec, seed=i, section=sections[spec["section"]], user=editor, now=now
                )
            author = writer if spec["kind"] in {"draft", "in_review"} else editor
            services.article_save(
                article=article,
                user=editor,
                contributors=[contributors[slug] for slug in spec["contributors"]],
            )
            if spec["kind"] in {"draft", "in_review"}:
                Article.objects.filter(pk=article.pk).update(created_by=author)
            article.tags.set(tags[slug] for slug in spec["tags"])
            if spec["kind"] == "in_review":
                services.article_submit(article=article, user=editor)
            elif spec["kind"] in {"published", "scheduled"}:
                when = now - timedelta(hours=spec["age_hours"])
                services.article_publish(article=article, user=editor, publish_at=when)
                if spec.get("correction"):
                    services.correction_add(article=article, user=editor, text=spec["correction"])
