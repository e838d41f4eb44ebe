"""The network core's names (a value's word, a principle's statement) as the admin shows them.

In the reader's language, else in French: the core is written in French first and every
translation is measured against it, so French is the one text always there and never stale (a
fallback to another translation could show what the source no longer says). The public sites keep
their own fallback (``spaces.localize``: the space's languages first).

A coordinator's draft keeps every language in its latest revision: the admin's headers and
breadcrumbs show the draft's name (``admin_name(item, draft=True)``), listings of the published
core its published one.
"""

from sites.spaces.admin_titles import reader_language
from sites.spaces.localize import Localized, has_content

from .models.network import SOURCE_LANGUAGE


def core_text(item, field: str, language: str | None = None, draft: bool = False) -> Localized:
    """``item.<field>`` for a reader of ``language`` (the admin's active one by default)."""
    language = language or reader_language()
    texts = draft_texts(item, field) if draft else None
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        value = texts.get(f"{field}_{code}") if texts else getattr(item, f"{field}_{code}", None)
        if has_content(value):
            return Localized(str(value), code, code != language)
    return Localized(str(getattr(item, field, "") or ""), language, False)


def draft_texts(item, field: str) -> dict | None:
    """The item's latest revision's content when it has unpublished changes (one query), else None."""
    if not getattr(item, "has_unpublished_changes", False) or not getattr(item, "latest_revision_id", None):
        return None
    content = item.latest_revision.content or {}
    return content if any(has_content(content.get(key)) for key in content if key.startswith(f"{field}_")) else None


def admin_name(item, language: str | None = None, draft: bool = False) -> Localized:
    return core_text(item, item.name_field, language, draft)
