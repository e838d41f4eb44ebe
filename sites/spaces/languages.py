"""The network's languages, and the choice of one of a space's languages for a visitor."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header


def network_languages() -> list[str]:
    """Every language the network writes in, in the network's order."""
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    """The language's own name for itself (an endonym), as a visitor looks for it."""
    return dict(settings.LANGUAGES).get(code, code)


def language_name_for_reader(code: str) -> str:
    """The language's name in the active language (an editor's admin language): "Английский" for
    ``en`` in the Russian admin, "ಹಿಂದಿ" for ``hi`` in the Kannada one; its own name if Django does not
    know it."""
    try:
        return str(get_language_info(code)["name_translated"]).strip()
    except KeyError:
        return language_name(code)


def parse_language_list(value: str) -> list[str]:
    """Read "ru,en" into ["ru", "en"], refusing unknown or repeated languages."""
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    if not codes:
        raise ValidationError(_("Choose at least one language."), code="empty")
    known = network_languages()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s. The network's languages are %(known)s."),
            code="unknown",
            params={"codes": ", ".join(unknown), "known": ", ".join(known)},
        )
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each language may be listed only once."), code="repeated")
    return codes


def preferred_language(accept_language: str, served: list[str]) -> str:
    """The served language the visitor prefers (Accept-Language), else the space's default."""
    for tag, _quality in parse_accept_lang_header(accept_language or ""):
        if tag == "*":
            break
        primary = tag.split("-")[0].lower()
        if primary in served:
            return primary
    return served[0]


def language_prefix(path: str) -> str | None:
    """The network language that starts a URL path (``/ru/...`` gives ``ru``), if any."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in network_languages() else None


def replace_language_prefix(path: str, language: str) -> str:
    """The same path under another language's prefix."""
    rest = path.lstrip("/").split("/", 1)
    tail = rest[1] if len(rest) > 1 else ""
    return f"/{language}/{tail}"
