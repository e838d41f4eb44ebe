"""A new space's Visit page and accessibility statement, with the texts of ``data/pages.json``.

Its editors then fill in what only they know (hours, contact, the venue's access, the site's known
limitations). Idempotent: a space that has a page of the type keeps it, whatever its slug.
"""

import json
from functools import cache
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Page

from sites.visits.models import AccessibilityStatementPage, VisitPage

DATA = Path(__file__).resolve().parent / "data" / "pages.json"


@cache
def page_texts() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _fields(item: dict, languages: list[str]) -> dict[str, str]:
    """``{"title_ru": …, "intro_ru": …}``: each text in each language it has (a list is paragraphs)."""
    fields = {}
    for key, texts in item.items():
        if not isinstance(texts, dict):
            continue
        for code in languages:
            value = texts.get(code) or texts.get("en", "")
            if isinstance(value, list):
                value = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in value)
            fields[f"{key}_{code}"] = value
    return fields


def _free_slug(home: Page, slug: str) -> str:
    taken = set(home.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def ensure_practical_pages(home: Page, languages: list[str], publish) -> list[Page]:
    """The Visit page and the accessibility statement under ``home``, made (with ``publish``) if missing."""
    made = []
    for page_class, key in ((VisitPage, "visit"), (AccessibilityStatementPage, "accessibility")):
        if page_class.objects.child_of(home).exists():
            continue
        item = page_texts()[key]
        page = page_class(slug=_free_slug(home, item["slug"]), show_in_menus=key == "visit",
                          **_fields(item, languages))  # fmt: skip
        made.append(publish(home, page))
    return made
