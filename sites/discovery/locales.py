"""Locale codes for OpenGraph (``og:locale``): a language as it is written in the space's country.

OpenGraph wants ``language_TERRITORY`` (``fr_FR``, ``kn_IN``). A language official in the space's
country (CLDR's territory data, through Babel) takes that country: English in Bangalore is
``en_IN``. Elsewhere a language takes the territory it is most written in, except English, which
the network writes as British English ("programme", "neighbourhood"): ``en_GB`` in Paris and Moscow.
"""

from babel.core import get_global
from babel.languages import get_official_languages

NETWORK_DEFAULT_TERRITORY = {"en": "GB"}


def og_locale(language: str, country: str) -> str:
    country = country.upper()
    if language in get_official_languages(country, regional=True, de_facto=True):
        return f"{language}_{country}"
    if language in NETWORK_DEFAULT_TERRITORY:
        return f"{language}_{NETWORK_DEFAULT_TERRITORY[language]}"
    # CLDR's likely subtags: "ru" is most likely "ru_Cyrl_RU"; the territory is the last part.
    likely = get_global("likely_subtags").get(language, language)
    territory = likely.split("_")[-1]
    return f"{language}_{territory}" if territory.isupper() and len(territory) == 2 else language
