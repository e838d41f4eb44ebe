"""Names and titles in the admin, in the reader's language (``{% load admin_texts %}``).

``{{ page|admin_name }}`` (``{{ page|published_name }}`` for another space's page),
``{{ principle|admin_name }}``, ``{{ space|admin_name }}`` and ``{% admin_text space "city" %}`` give
the text as HTML, wrapped in a ``<span lang>`` when it is a fallback so screen readers pronounce it in
its own language (``|striptags`` where only text fits: an ``<option>``, an attribute).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from wagtail.models import Page

from ..admin_titles import admin_title, reader_language
from ..localize import Localized, localize
from ..models import Space

register = template.Library()


def as_html(text: Localized | str) -> SafeString:
    # Django's rendering turns a value into a string before escaping it: the lang mark is made here.
    return text.__html__() if isinstance(text, Localized) else conditional_escape(text)


@register.filter
def admin_name(obj) -> SafeString:
    """A page's title, a core item's name or a space's name, for the admin's reader."""
    if obj is None:
        return as_html("")
    if isinstance(obj, Page):
        return as_html(admin_title(obj))
    if isinstance(obj, Space):
        return as_html(localize(obj, "name", reader_language(), obj))
    if hasattr(obj, "admin_name"):
        return as_html(obj.admin_name())
    return as_html(str(obj))


@register.filter
def published_name(page: Page) -> SafeString:
    """A page's published title for the reader: another space's page, whose drafts are its own."""
    return as_html(admin_title(page, published=True))


@register.simple_tag
def admin_text(space: Space, field: str) -> SafeString:
    """A translated field of a space, in the reader's language, else the space's own."""
    return as_html(localize(space, field, reader_language(), space))
