"""``{% picture image sizes="main" priority=True %}``: markup.picture in a template."""

from django import template

from newsdesk.images import body, markup

register = template.Library()


@register.simple_tag
def picture(image, sizes="main", lazy=True, priority=False, square_side=None, alt=None):
    if not image:
        return ""
    return markup.picture(
        image, sizes=sizes, lazy=lazy, priority=priority, square_side=square_side, alt=alt
    )


@register.simple_tag
def article_body(article):
    """The article's body with its library pictures (body.rendered); the pictures come from
    the selector that read the article (``body_images``), so this runs no query."""
    return body.rendered(article.body, getattr(article, "body_images", None) or {})
