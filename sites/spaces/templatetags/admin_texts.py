"""Names and titles in the admin, in the reader's language (``{% load admin_texts %}``).

``{{ page|admin_name }}``, ``{{ principle|admin_name }}``, ``{{ space|admin_name }}`` and
``{% admin_text space "city" %}`` give a text marked with its ``lang`` when it is a fallback.
"""

from django import template
from wagtail.models import Page

from ..admin_titles import admin_title, reader_language
from ..localize import Localized, localize
from ..models import Space

register = template.Library()


@register.filter
def admin_name(obj) -> Localized | str:
    """A page's title, a core item's name or a space's name, for the admin's reader."""
    if obj is None:
        return ""
    if isinstance(obj, Page):
        return admin_title(obj)
    if isinstance(obj, Space):
        return localize(obj, "name", reader_language(), obj)
    if hasattr(obj, "admin_name"):
        return obj.admin_name()
    return str(obj)


@register.simple_tag
def admin_text(space: Space, field: str) -> Localized:
    """A translated field of a space, in the reader's language, else the space's own."""
    return localize(space, field, reader_language(), space)
