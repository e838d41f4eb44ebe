"""What a translator of the network core reads above each field: the French source, and where
their translation is stale, what changed in the source since they wrote it.

A translation's stamp (``translation.state``) holds the fingerprint of the source it was written
against; each published version keeps the whole source (``CoreVersion.content``). The version
whose source has that fingerprint is the one the translation was made from: the change is the
source of that version against the source as it is now.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sites.security.rich_text import render_rich_text
from sites.translation.models import TranslationStamp
from sites.translation.state import STALE, fields_by_language, words

from .history import inline_diff
from .models import CoreVersion


def source_fingerprint_of(content: dict, names: list[str]) -> str:
    """``translation.state.fingerprint`` of a version's content rather than a live object."""
    return hashlib.sha256("\x1f".join(words(content.get(name)) for name in sorted(names)).encode()).hexdigest()


def source_when_translated(item, language: str) -> tuple[int, dict] | None:
    """(version number, content) of the published version ``language`` was translated from, if known."""
    stamp = (
        TranslationStamp.objects.filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk, language=language
        )
        .values_list("source_fingerprint", flat=True)
        .first()
    )
    if stamp is None:
        return None
    names = fields_by_language(type(item))[item.translation_source_language()]
    versions = CoreVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
    ).order_by("-number")
    for version in versions:
        if source_fingerprint_of(version.content, names) == stamp:
            return version.number, version.content
    return None


def source_help(item, name: str, language: str, state: str) -> str:
    """The help above a translated field: the source text, and the source's change since a stale
    translation was written."""
    source = item.translation_source_language()
    original = name[: -len(language) - 1]
    source_name = f"{original}_{source}"
    text = getattr(item, source_name, "") or ""
    shown = render_rich_text(text) if "<" in text else text
    parts = [
        format_html(
            '<div class="socle-source" lang="{}"><strong>{}</strong><div class="socle-source__text">{}</div></div>',
            source,
            _("French source (to read):"),
            shown or "—",
        )
    ]
    if state == STALE:
        parts.append(stale_change(item, language, source_name))
    return format_html("{}" * len(parts), *parts)


def stale_change(item, language: str, source_name: str) -> str:
    found = source_when_translated(item, language)
    if found is None:
        return format_html(
            '<p class="socle-source__change">{}</p>',
            _("The source changed since this translation was written; the earlier source is not known."),
        )
    number, content = found
    before, now = content.get(source_name, ""), getattr(item, source_name, "") or ""
    if words(before) == words(now):
        return format_html(
            '<p class="socle-source__change">{}</p>',
            _("This field's source is as it was in version %(number)s, which was translated; another field changed.")
            % {"number": number},
        )
    return format_html(
        '<div class="socle-source__change"><strong>{}</strong> <span class="socle-diff">{}</span></div>',
        _("Changed in the source since version %(number)s, which was translated:") % {"number": number},
        inline_diff(str(before), now),
    )
