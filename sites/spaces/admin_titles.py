"""A page's title as the admin shows it: in the reader's language, else its space's default.

Wagtail shows ``draft_title`` everywhere in the admin (explorer, breadcrumbs, headers, choosers,
reports, notifications). That is one untranslated column, written in whichever language the last
editor's admin was in, so a Moscow tree read in Russian would list English and Russian titles
depending on who saved last. Here the title is read from the page's per-language columns
(``title_ru``…), or, when the page has unpublished changes, from its latest revision's content,
which keeps every language's title of the draft: no extra storage, and the draft title is the
draft's own. The language tried first is the reader's (the admin's active language, which Wagtail
sets from the user's preferred admin language), then the space's languages, default first, then
the network's.

A listing primes the draft titles of all its pages in one query (``draft_titles_annotation`` in
the explorer's and the chooser's querysets, else ``prime_draft_titles``), so it costs no query per
page; a single page with a draft costs one.
"""

from django.db.models.fields.json import KT, KeyTextTransform
from django.db.models.functions import JSONObject
from django.utils import translation

from .languages import network_languages
from .localize import Localized, has_content

# Where a listing's queryset (``draft_titles_annotation``) or ``prime_draft_titles`` leaves the
# titles of a page's latest revision: ``{language: title}``.
DRAFT_TITLES = "socle_draft_titles"


def title_columns() -> list[str]:
    """What ``admin_title`` reads of a page: ``Page.objects.only(*title_columns())`` is enough."""
    return [
        "path", "depth", "title", "draft_title", "has_unpublished_changes", "latest_revision",
        *[f"title_{code}" for code in network_languages()],
    ]  # fmt: skip


def reader_language() -> str:
    """The language the admin is read in (Wagtail activates the user's preferred admin language)."""
    active = (translation.get_language() or "").split("-")[0].lower()
    return active if active in network_languages() else network_languages()[0]


def page_space_languages(page) -> list[str]:
    """The languages of the space whose tree holds ``page`` (none outside every space)."""
    if not page.path:
        return []
    from .models.space import languages_by_root

    roots = languages_by_root()
    step = page.steplen
    for end in range(len(page.path), 0, -step):
        if page.path[:end] in roots:
            return roots[page.path[:end]]
    return []


def draft_titles_annotation() -> dict:
    """An annotation that brings each page's latest revision titles with the page, in one join."""
    return {
        DRAFT_TITLES: JSONObject(
            **{code: KeyTextTransform(f"title_{code}", "latest_revision__content") for code in network_languages()}
        )
    }


def prime_draft_titles(pages) -> None:
    """Read the draft titles of every page that has unpublished changes, in one query."""
    from wagtail.models import Revision

    wanted: dict[int, list] = {}
    for page in pages:
        if needs_draft_titles(page):
            wanted.setdefault(page.latest_revision_id, []).append(page)
    if not wanted:
        return
    codes = network_languages()
    rows = (
        Revision.objects.filter(pk__in=wanted)
        .annotate(**{f"title_{code}": KT(f"content__title_{code}") for code in codes})
        .values("pk", *[f"title_{code}" for code in codes])
    )
    found = {row["pk"]: {code: row[f"title_{code}"] for code in codes} for row in rows}
    for revision_id, holders in wanted.items():
        for page in holders:
            page.__dict__[DRAFT_TITLES] = found.get(revision_id, {})


def needs_draft_titles(page) -> bool:
    return (
        bool(page.has_unpublished_changes)
        and page.latest_revision_id is not None
        and page.__dict__.get(DRAFT_TITLES) is None
    )


def stored_titles(page) -> dict[str, str]:
    """The titles in the page's own columns: the published ones (a page never published: its first)."""
    return {code: getattr(page, f"title_{code}", None) for code in network_languages()}


def page_titles(page) -> dict[str, str]:
    """The page's title in each language: its latest draft's when it has unpublished changes."""
    stored = stored_titles(page)
    if not page.has_unpublished_changes or page.latest_revision_id is None:
        return stored
    if needs_draft_titles(page):
        prime_draft_titles([page])
    draft = page.__dict__.get(DRAFT_TITLES) or {}
    if not any(has_content(draft.get(code)) for code in network_languages()):
        return stored  # a revision written before the page was translated keeps no per-language title
    return draft


def admin_title(page, language: str | None = None, published: bool = False) -> Localized:
    """The title ``page`` shows in the admin to a reader of ``language`` (the active one by default):
    its draft's, or with ``published`` its published one (another space's page, whose drafts are its own)."""
    language = language or reader_language()
    titles = stored_titles(page) if published else page_titles(page)
    if has_content(titles.get(language)):
        return Localized(str(titles[language]), language, False)
    for code in [*page_space_languages(page), *network_languages()]:
        if has_content(titles.get(code)):
            return Localized(str(titles[code]), code, True)
    # A page with no translated title at all (made in code before translation): Wagtail's own columns.
    return Localized(page.draft_title or page.title or "", language, False)
