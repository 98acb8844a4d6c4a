"""``{% picture image sizes="main" priority=True %}``: markup.picture in a template."""

from django import template

from newsdesk.images import markup

register = template.Library()


@register.simple_tag
def picture(image, sizes="main", lazy=True, priority=False, square_side=None, alt=None):
    if not image:
        return ""
    return markup.picture(
        image, sizes=sizes, lazy=lazy, priority=priority, square_side=square_side, alt=alt
    )
