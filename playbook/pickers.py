"""What the "Open a space" wizard offers to pick from, named in the coordinator's admin language.

Names come from CLDR (through Babel): languages, countries and time zones' cities, in whichever
language is active when they are asked for (the admin activates the coordinator's). Countries map
to their time zones through CLDR's territory data, which uses IANA's current zone names.
"""

import unicodedata
import zoneinfo
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import translation

from sites.spaces.languages import language_name, network_languages

# CLDR territories with a two-letter code that are not countries a space can stand in: groupings
# (EU, UN…), pseudo-locales, "unknown", and exceptionally reserved codes for parts of a country.
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})


def locale(language: str | None = None) -> Locale:
    """The Babel locale of a Django language code (the active one by default), English if unknown."""
    try:
        return Locale.parse(translation.to_locale(language or translation.get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def sort_key(text: str) -> str:
    """A collation good enough for names: accents and case aside (Égypte with E, Ёлка with Е)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def match_key(text: str) -> str:
    """How a typed city is compared with a zone's: accents and case aside (open_space.js does the same)."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(char for char in decomposed if not "\u0300" <= char <= "\u036f").lower()


def as_menu_item(name: str) -> str:
    # CLDR writes names as they appear mid-sentence ("russe"); a list item starts with a capital.
    return name[:1].upper() + name[1:]


def language_label(code: str, language: str | None = None) -> tuple[str, str]:
    """A network language named in the reader's language, and its own name (endonym) when that differs."""
    name = as_menu_item(locale(language).languages.get(code) or language_name(code))
    endonym = language_name(code)
    return name, "" if sort_key(endonym) == sort_key(name) else endonym


@lru_cache(maxsize=16)
def _countries(language: str) -> tuple[tuple[str, str], ...]:
    names = locale(language).territories
    countries = [
        (code, names[code]) for code in names if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    return tuple(sorted(countries, key=lambda item: sort_key(item[1])))


def country_choices() -> list[tuple[str, str]]:
    """Every country as (ISO 3166 code, name in the active language), sorted by name."""
    return list(_countries(translation.get_language() or "en"))


def country_name(code: str, language: str | None = None) -> str:
    return locale(language).territories.get(code.upper(), code)


def canonical_zone(zone: str) -> str:
    """IANA's current name of a zone (Asia/Calcutta is Asia/Kolkata)."""
    return get_global("zone_aliases").get(zone, zone)


@lru_cache(maxsize=1)
def _iana_country_zones() -> dict[str, list[str]]:
    """IANA's own country → zones table (zone.tab), from the tzdata package or the system's zoneinfo.

    CLDR's table leaves out a few zones IANA gives a country (Antarctica/Troll); read both.
    """
    sources = [Path(directory) / "zone.tab" for directory in zoneinfo.TZPATH]
    try:
        sources.insert(0, files("tzdata").joinpath("zoneinfo/zone.tab"))
    except ModuleNotFoundError:
        pass
    for source in sources:
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            continue
        table: dict[str, list[str]] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                country, _coordinates, zone, *_comment = line.split("\t")
                table.setdefault(country, []).append(canonical_zone(zone))
        return table
    return {}


def country_zones(country: str) -> list[str]:
    """The IANA time zones used in a country (empty for a code that has none, e.g. XK)."""
    zones = list(get_global("territory_zones").get(country.upper(), []))
    return zones + [zone for zone in _iana_country_zones().get(country.upper(), []) if zone not in zones]


@lru_cache(maxsize=16)
def _zone_cities(language: str) -> dict[str, str]:
    zones = {zone for code, zones in get_global("territory_zones").items() if len(code) == 2 for zone in zones}
    where = locale(language)
    return {zone: get_timezone_location(zone, locale=where, return_city=True) for zone in sorted(zones)}


def zone_city(zone: str, language: str | None = None) -> str:
    """The city a zone is named after, in the reader's language (Asia/Kolkata: "Calcutta" in French)."""
    return _zone_cities(language or translation.get_language() or "en").get(zone) or zone.rsplit("/", 1)[-1]


def zone_label(zone: str) -> str:
    """How a zone is shown beside its IANA name: its city and its country, in the active language."""
    territory = get_global("zone_territories").get(zone, "")
    city = zone_city(zone)
    # "001" and "ZZ" are CLDR's world and unknown, no country to name.
    return f"{city} — {country_name(territory)}" if territory.isalpha() and territory != "ZZ" else city


def city_names(zone: str) -> set[str]:
    """The names a coordinator may type for a zone's city: IANA's and CLDR's in every network language."""
    names = {zone.rsplit("/", 1)[-1].replace("_", " ")}
    names.update(zone_city(zone, language) for language in {"en", *network_languages()})
    return {match_key(name) for name in names}


def main_zone(country: str, city: str = "") -> str:
    """The zone to propose for a country: its only one, or the one named after the space's city; else none.

    A country of several zones has no zone every space there would share; guessing one would put
    the events of a space in Novosibirsk three hours early, so the coordinator chooses.
    """
    zones = country_zones(country)
    if len(zones) == 1:
        return zones[0]
    typed = match_key(city)
    if typed:
        for zone in zones:
            if typed in city_names(zone):
                return zone
    return ""


def zones_by_country() -> dict[str, list[list]]:
    """For the wizard's script: each country's zones as [zone, its city, [names to match a typed city]]."""
    mapping: dict[str, list[list]] = {}
    for code, _name in country_choices():
        zones = country_zones(code)
        mapping[code] = [
            [zone, zone_city(zone), sorted(city_names(zone)) if len(zones) > 1 else []]
            for zone in sorted(zones, key=lambda zone: sort_key(zone_city(zone)))
        ]
    return mapping


def all_zones() -> list[tuple[str, str]]:
    """Every zone of a country, as (IANA name, label), for the searchable list."""
    zones = sorted({zone for code, _name in country_choices() for zone in country_zones(code)})
    return [(zone, zone_label(zone)) for zone in zones]


def served_port(request) -> int:
    """The port the browser reached this admin on: the Host header's, else the scheme's default."""
    host = request.get_host()
    if host.endswith("]"):  # an IPv6 address without a port
        return 443 if request.is_secure() else 80
    _name, colon, port = host.rpartition(":")
    if colon and port.isdigit():
        return int(port)
    return 443 if request.is_secure() else 80
