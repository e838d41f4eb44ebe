"""The head of a space's pages as search engines and shared links read it: OpenGraph and social-card
tags, and the page's schema.org JSON-LD."""

from django import template
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from sites.spaces.localize import localize

from ..images import social_image
from ..locales import og_locale
from ..pages import og_type
from ..structured_data import objects_for, render_scripts

register = template.Library()

DESCRIPTION_FIELDS = ("search_description", "summary", "intro")


def _description(page, space, language: str) -> str:
    """The page's search description, else its summary or introduction: what a card shows under the title."""
    if page is None:
        return ""
    for field in DESCRIPTION_FIELDS:
        if hasattr(page, f"{field}_{language}"):
            text = localize(page, field, language, space).text
            if text:
                return Truncator(strip_tags(text)).chars(300)
    return ""


@register.inclusion_tag("discovery/social_meta.html", takes_context=True)
def social_meta(context) -> dict:
    request = context["request"]
    space = context.get("space")
    if space is None:
        return {}
    page = context.get("page")
    language = translation.get_language()
    site_name = localize(space, "name", language, space).text
    title = site_name if page is None else localize(page, "title", language, space).text
    kind = og_type(page)
    return {
        "card": {
            "title": title,
            "description": _description(page, space, language),
            "url": request.build_absolute_uri(request.path),
            "type": kind,
            "modified": page.last_published_at if kind == "article" and page is not None else None,
            "site_name": site_name,
            "locale": og_locale(language, space.country),
            "alternates": [og_locale(code, space.country) for code in space.language_codes if code != language],
            "image": social_image(page, space, request),
        }
    }


@register.simple_tag(takes_context=True)
def structured_data(context) -> str:
    """Every schema.org object describing the page, each in its ``<script type="application/ld+json">``."""
    request = context["request"]
    if getattr(request, "space", None) is None:
        return ""
    return render_scripts(objects_for(context.get("page"), request))
