"""Spaces across a link: how this install describes one of its spaces, and what it keeps of a linked
install's spaces (``RemoteSpace``) from those descriptions. A description holds what the space's
public site shows already (its name, city, languages, address), nothing about its people."""

import zoneinfo

from django.conf import settings
from wagtail.models import Site

from .models import Link, RemoteSpace
from .schema import SchemaError, require_part, texts_by_language, web_address

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def describe(space) -> dict:
    """A space of this install, for a linked install."""
    return {
        "hostname": space.site.hostname,
        "slug": space.slug,
        "name": {code: text for code in LANGUAGES if (text := getattr(space, f"name_{code}", None))},
        "city": {code: text for code in LANGUAGES if (text := getattr(space, f"city_{code}", None))},
        "country": space.country,
        "time_zone": space.time_zone,
        "languages": space.language_codes,
        "url": space.site.root_url,
    }


def remember(link: Link, description) -> RemoteSpace:
    """The linked install's space a description names, made or brought up to date."""
    fields = require_part(
        description,
        {"hostname": str, "slug": str, "name": dict, "city": dict, "country": str, "time_zone": str,
         "languages": list, "url": str},  # fmt: skip
        "space",
    )
    hostname = fields["hostname"].lower()
    if not hostname or len(hostname) > 255 or Site.objects.filter(hostname__iexact=hostname).exists():
        raise SchemaError(f"The space's hostname “{hostname[:255]}” is not one a linked install can speak for.")
    if fields["time_zone"] not in zoneinfo.available_timezones():
        raise SchemaError(f"The space's time zone “{fields['time_zone'][:64]}” is not an IANA time zone.")
    names = texts_by_language(fields["name"], "space's name", 120)
    if not any(names.values()):
        raise SchemaError("The space has no name.")
    cities = texts_by_language(fields["city"], "space's city", 120)
    languages = [code for code in fields["languages"] if isinstance(code, str) and len(code) <= 10][:10]
    values = {
        "slug": fields["slug"][:60],
        "country": fields["country"][:2].upper(),
        "time_zone": fields["time_zone"],
        "languages": languages,
        "home_url": web_address(fields["url"], "space's address"),
    }
    for code in LANGUAGES:  # a language the description leaves out is emptied: it was taken back there
        values[f"name_{code}"] = names.get(code) or None
        values[f"city_{code}"] = cities.get(code) or None
    remote, _made = RemoteSpace.objects.update_or_create(link=link, hostname=hostname, defaults=values)
    return remote
