"""Test data builders. Articles come out live unless a test says otherwise."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Byline, Section, Tag


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


def make_contributor(n: int | None = None, **kwargs):
    n = n if n is not None else Counter.next()
    return services.contributor_create(
        display_name=kwargs.pop("display_name", f"Writer {n}"),
        slug=kwargs.pop("slug", f"writer-{n}"),
        **kwargs,
    )


class Counter:
    value = 0

    @classmethod
    def next(cls) -> int:
        cls.value += 1
        return cls.value


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} about readiness")
    slug = factory.Sequence(lambda n: f"story-{n}")
    summary = "A short summary of the story."
    body = "<p>The first paragraph.</p><p>The second paragraph.</p>"
    section = factory.SubFactory(SectionFactory, slug="land", name="Land")
    status = Article.Status.PUBLISHED
    publish_at = factory.Sequence(lambda n: timezone.now() - timedelta(minutes=10 + n))

    @factory.post_generation
    def contributors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, contributor in enumerate(extracted or []):
            Byline.objects.create(article=self, contributor=contributor, position=position)


def make_user(username: str, *, role: str | None = None, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(
            username, f"{username}@example.test", "pw-irrelevant-1"
        )
    user = User.objects.create_user(
        username, f"{username}@example.test", "pw-irrelevant-1", is_staff=True
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)


def picture_bytes(size: tuple[int, int] = (1600, 900), fmt: str = "JPEG", mode: str = "RGB"):
    """A plain picture's bytes (a gradient, so encoders have something to do)."""
    import io

    from PIL import Image as PILImage

    gradient = PILImage.linear_gradient("L").resize(size)
    picture = PILImage.merge("RGB", (gradient, gradient.rotate(90).resize(size), gradient))
    if mode != "RGB":
        picture = picture.convert(mode)
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


def make_image(*, size=(1600, 900), fmt="JPEG", mode="RGB", data: bytes | None = None, **fields):
    """A library image through the upload service (checked, stripped, renditions made)."""
    from newsdesk.images import services as image_services

    fields.setdefault("alt_text", "A patrol boat at dawn")
    fields.setdefault("credit", "Newsdesk")
    filename = fields.pop("filename", f"picture.{fmt.lower()}")
    return image_services.image_create(
        data=data if data is not None else picture_bytes(size, fmt, mode),
        filename=filename,
        **fields,
    )
