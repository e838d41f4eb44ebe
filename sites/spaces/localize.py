"""Read a translated field for a visitor: the page's language, else the space's default.

A field not yet translated falls back to the space's default language (then its other languages,
then the network's), never to an empty string; the caller learns which language it got so the
text can be marked with a ``lang`` attribute for screen readers.
"""

from dataclasses import dataclass

from django.utils.html import format_html

from sites.pagecache.tags import record, tag_for

from .languages import network_languages


@dataclass(frozen=True)
class Localized:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text or ""

    def __bool__(self) -> bool:
        return bool(self.text)

    def __html__(self) -> str:
        # Fallback text is wrapped so assistive technology reads it in its own language.
        if self.is_fallback:
            return format_html('<span lang="{}">{}</span>', self.language, self.text)
        return format_html("{}", self.text)


def fallback_chain(language: str, space=None) -> list[str]:
    chain = [language]
    if space is not None:
        chain += space.language_codes
    chain += network_languages()
    return list(dict.fromkeys(chain))


def has_content(value) -> bool:
    if value is None:
        return False
    text = str(value).strip()
    return text not in ("", "<p></p>", "<p><br/></p>")


def localize(obj, field: str, language: str, space=None) -> Localized:
    """The value of ``obj.<field>`` for a visitor reading ``language`` on ``space``'s site."""
    if getattr(obj, "pk", None) is not None:
        record(tag_for(obj))  # the cached page showing this text is purged when the object changes
    for candidate in fallback_chain(language, space):
        value = getattr(obj, f"{field}_{candidate}", None)
        if has_content(value):
            return Localized(str(value), candidate, candidate != language)
    return Localized("", language, False)
