"""A space's configuration is validated with messages that name the problem."""

import pytest
from django.core.exceptions import ValidationError

from sites.spaces.languages import parse_language_list, preferred_language
from sites.spaces.models import Space

pytestmark = pytest.mark.django_db


def errors_of(**changes) -> dict:
    space = Space.objects.get(slug="moscow")
    for name, value in changes.items():
        setattr(space, name, value)
    with pytest.raises(ValidationError) as caught:
        space.full_clean()
    return caught.value.message_dict


def test_an_unknown_time_zone_is_refused_by_name():
    assert "“Europe/Atlantis” is not an IANA time zone" in errors_of(time_zone="Europe/Atlantis")["time_zone"][0]


def test_an_unknown_country_is_refused():
    assert "not a two-letter ISO 3166 country code" in errors_of(country="XX")["country"][0]


def test_an_unknown_or_repeated_language_is_refused():
    assert "Unknown language: de" in errors_of(languages="ru,de")["languages"][0]
    assert "only once" in errors_of(languages="ru,en,ru")["languages"][0]
    assert "at least one language" in errors_of(languages=" , ")["languages"][0]


def test_the_first_language_is_the_default():
    space = Space.objects.get(slug="bangalore")
    assert space.default_language == "en"
    assert parse_language_list("kn, hi ,en") == ["kn", "hi", "en"]


def test_accept_language_quality_values_are_honoured():
    assert preferred_language("en;q=0.5,kn;q=0.9", ["en", "hi", "kn"]) == "kn"
    assert preferred_language("*", ["ru", "en"]) == "ru"


def test_a_space_needs_its_name_and_city_in_its_default_language():
    errors = errors_of(name_ru="", city_ru="")
    assert set(errors) >= {"name_ru", "city_ru"}
    space = Space.objects.get(slug="moscow")
    space.name_en = ""
    space.full_clean()  # English is not Moscow's default language: it may wait


def test_the_core_requires_its_french_source_only():
    from sites.core.models import Principle

    fields = {field.name: field for field in Principle._meta.get_fields() if field.name.startswith("statement_")}
    assert not fields["statement_fr"].blank
    assert all(fields[f"statement_{code}"].blank for code in ("en", "ru", "hi", "kn"))
