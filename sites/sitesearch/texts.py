"""Keep ``PageText`` equal to what a reader of each language is shown of each live public page.

Any page type is covered without a list to maintain: its title, then every field that
django-modeltranslation translates for it (rich text read as plain text), then its search
description. Which page types exist is none of this module's business.
"""

import re

from django.db import connection, transaction
from django.db.models import F
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from sites.spaces.localize import fallback_chain, has_content
from sites.spaces.models import Space

from .configs import config_for
from .excerpts import MARKERS, folded
from .models import PageText

# Translated Page fields a reader never sees as text of the page (the title is indexed on its own).
NOT_READ = {"title", "seo_title", "slug", "url_path", "search_description"}
_MARKER_CHARACTERS = re.compile("[" + "".join(MARKERS) + "]")


def read_fields(model) -> list:
    """The translated fields a reader of ``model``'s pages reads, in the model's order, the search
    description (written as the page's summary for search engines) last."""
    try:
        names = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        names = set()
    fields = [field for field in model._meta.fields if field.name in names - NOT_READ]
    return fields + [model._meta.get_field("search_description")]


def plain(field, value) -> str:
    if not has_content(value):
        return ""
    text = get_text_for_indexing(str(value)) if isinstance(field, RichTextField) else str(value)
    # The excerpt's marks are made of these characters: a text may not bring its own.
    return _MARKER_CHARACTERS.sub("", text).strip()


def text_in(page, fields, language: str) -> tuple[str, str] | None:
    """``(title, body)`` of the page in ``language``, or None if nothing of it is written in it."""
    title = plain(None, getattr(page, f"title_{language}", ""))
    parts = [plain(field, getattr(page, f"{field.name}_{language}", "")) for field in fields]
    body = "\n".join(part for part in parts if part)
    return (title, body) if title or body else None


def texts_of(page, space: Space) -> list[PageText]:
    """One row per language of the space. A language the page is not written in at all is read in
    the space's default language (as the reader is shown it); a language it is written in counts
    alone, even where some of its fields still fall back."""
    fields = read_fields(type(page))
    # The space's default language, else (a page moved in from another space) the next one a
    # reader is shown, as ``localize`` does.
    default, default_text = next(
        (
            (code, text)
            for code in fallback_chain(space.default_language, space)
            if (text := text_in(page, fields, code))
        ),
        (space.default_language, None),
    )
    default_title = default_text[0] if default_text else ""
    rows = []
    for language in space.language_codes:
        own = text_in(page, fields, language)
        text, text_language = (own, language) if own else (default_text, default)
        if text is None:
            continue
        title, body = text
        title_language = text_language if title else default
        title = title or default_title
        rows.append(
            PageText(
                page_id=page.pk,
                language=language,
                text_language=text_language,
                title=title,
                title_language=title_language,
                body=body,
                folded=folded(f"{title}\n{body}"),
                config=config_for(text_language),
            )
        )
    return rows


def fill_documents(page_ids) -> None:
    """PostgreSQL builds the documents of these pages' rows, the title weighing more than the body."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    config = F("config")
    PageText.objects.filter(page_id__in=page_ids).update(
        document=SearchVector("title", config=config, weight="A") + SearchVector("body", config=config, weight="B")
    )


@transaction.atomic
def index_pages(pages) -> int:
    """Write the texts of ``pages`` (any pages: those not live or outside every space lose theirs)."""
    pages = list(pages)
    if not pages:
        return 0
    ids = [page.pk for page in pages]
    PageText.objects.filter(page_id__in=ids).delete()
    spaces = Space.objects.by_page(pages)
    live = [page for page in pages if page.live and page.pk in spaces]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[page.pk for page in live]).specific()}
    rows = [row for page in live if page.pk in specific for row in texts_of(specific[page.pk], spaces[page.pk])]
    PageText.objects.bulk_create(rows)
    fill_documents(ids)
    return len(rows)


def index_page(page) -> int:
    return index_pages([page])


def forget_page(page) -> None:
    PageText.objects.filter(page_id=page.pk).delete()


def index_subtree(page) -> int:
    return index_pages(Page.objects.descendant_of(page, inclusive=True))


def index_space(space: Space) -> int:
    return index_subtree(space.site.root_page)


@transaction.atomic
def rebuild() -> int:
    """Every space's texts, from nothing (the texts of pages outside every space go too)."""
    PageText.objects.all().delete()
    return sum(index_space(space) for space in Space.objects.select_related("site__root_page"))
