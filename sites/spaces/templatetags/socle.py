"""Template tags for a space's public pages: translated fields with fallback, languages, menu."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Page

from sites import precompiled
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import children_tag, record, record_objects
from sites.security.rich_text import render_rich_text

from ..languages import language_name, replace_language_prefix
from ..localize import Localized, localize
from ..routing import path_in_space

register = template.Library()


def _space(context):
    request = context.get("request")
    return getattr(request, "space", None)


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str) -> Localized:
    """A translated field in the page's language, or the space's fallback marked with ``lang``."""
    return localize(obj, field, translation.get_language(), _space(context))


@register.simple_tag(takes_context=True)
def tr_rich(context, obj, field: str) -> str:
    """A translated rich text field, rendered; a fallback is wrapped in an element with ``lang``."""
    value = localize(obj, field, translation.get_language(), _space(context))
    if not value:
        return ""
    html = render_rich_text(value.text)
    if value.is_fallback:
        return format_html('<div class="rich-text" lang="{}">{}</div>', value.language, html)
    return format_html('<div class="rich-text">{}</div>', html)


@register.simple_tag(takes_context=True)
def space_languages(context) -> list[dict]:
    """The space's languages, each with the current page's URL in it (for the switcher and hreflang)."""
    request = context["request"]
    space = _space(context)
    if space is None:
        return []
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    for code in space.language_codes:
        path = replace_language_prefix(request.path, code) + (f"?{query}" if query else "")
        links.append(
            {
                "code": code,
                "name": language_name(code),
                "path": path,
                "url": request.build_absolute_uri(path),
                "is_current": code == current,
            }
        )
    return links


def menu_pages(home) -> list:
    """The home's children shown in menus (a fragment of the space: their titles are read on each render)."""
    pages = precompiled.run(("socle.menu",), _menu_pages, home.path, home.depth + 1)
    record(children_tag(home))
    record_objects(pages)
    return pages


def _menu_pages(home_path: str, depth: int):
    return Page.objects.filter(path__startswith=home_path, depth=depth).live().in_menu().order_by("path")


@register.simple_tag(takes_context=True)
def space_menu(context) -> list[dict]:
    """The space's top-level pages shown in menus, with titles in the page's language."""
    space = _space(context)
    if space is None:
        return []
    current = context.get("page")
    language = translation.get_language()
    home = space.site.root_page
    items = [{"url": f"/{language}/", "title": gettext("Home"), "is_current": current == home}]
    for child in fragment(space, "menu", lambda: menu_pages(home)):
        items.append(
            {
                "url": path_in_space(child, space),
                "title": localize(child, "title", language, space),
                "is_current": current is not None and current.path.startswith(child.path),
            }
        )
    return items


@register.simple_tag(takes_context=True)
def space_country(context) -> str:
    space = _space(context)
    return space.country_name(translation.get_language()) if space else ""
