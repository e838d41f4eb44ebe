"""``{% picture image "card" %}``: an image as a responsive ``<picture>`` with its alt text in the page's language."""

from django import template
from django.utils import translation

from ..pictures import SHAPES, picture_html

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, image, shape: str, eager: bool = False, priority: bool = False) -> str:
    """The image in this shape (``sites.images.pictures.SHAPES``), or nothing without an image.

    The alt text is the image's description in the page's language, else the space's default one,
    marked with its ``lang`` like any fallback text. ``eager`` for an image above the fold,
    ``priority`` for the one the visitor sees first.
    """
    if image is None:
        return ""
    if shape not in SHAPES:
        raise template.TemplateSyntaxError(f"No picture shape {shape!r}: one of {', '.join(SHAPES)}.")
    from sites.spaces.localize import localize

    space = getattr(context.get("request"), "space", None)
    alt = localize(image, "description", translation.get_language(), space)
    return picture_html(image, shape, alt, eager=eager, priority=priority)
