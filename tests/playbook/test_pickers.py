"""What the wizard proposes: zones from a country or a city, the port the admin is served on."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from playbook.opening import zone_problem
from playbook.pickers import _iana_country_zones, country_choices, main_zone, served_port, sort_key, zone_label


@pytest.mark.parametrize(
    ("country", "city", "zone"),
    [
        ("IN", "", "Asia/Kolkata"),  # the only zone of the country
        ("GE", "Tbilisi", "Asia/Tbilisi"),
        ("RU", "Moscow", "Europe/Moscow"),  # the city, by IANA's name
        ("RU", "Москва", "Europe/Moscow"),  # by CLDR's, in a network language
        ("RU", "  moscou ", "Europe/Moscow"),  # or in French, case and spaces aside
        ("RU", "Новосибирск", "Asia/Novosibirsk"),
        ("US", "New York", "America/New_York"),
        ("BR", "São Paulo", "America/Sao_Paulo"),
        ("BR", "Sao Paulo", "America/Sao_Paulo"),  # accents aside
        ("RU", "", ""),  # several zones and no city: the coordinator chooses
        ("RU", "Dubna", ""),  # a city no zone is named after
        ("FR", "Moscow", "Europe/Paris"),  # a country's only zone, whatever the city
    ],
)
def test_the_zone_proposed_for_a_country_and_a_city(country, city, zone):
    assert main_zone(country, city) == zone


def test_zones_are_labelled_with_their_city_and_country_in_the_readers_language():
    with translation.override("ru"):
        assert zone_label("Asia/Kolkata") == "Калькутта — Индия"
    with translation.override("kn"):
        assert zone_label("Europe/Moscow") == "ಮಾಸ್ಕೋ — ರಷ್ಯಾ"


def test_countries_are_sorted_by_their_name_in_russian_with_yo_among_ye():
    with translation.override("ru"):
        names = [name for _code, name in country_choices()]
    assert names == sorted(names, key=sort_key) and names[0] == "Австралия"


@pytest.mark.parametrize(
    ("host", "secure", "port"),
    [("localhost:8801", False, 8801), ("localhost:8000", False, 8000), ("socle.example.org", False, 80),
     ("socle.example.org", True, 443), ("[::1]:8824", False, 8824), ("[::1]", False, 80)],
)  # fmt: skip
def test_the_port_is_the_one_the_browser_reached_the_admin_on(host, secure, port, settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/admin/playbook/open/", HTTP_HOST=host, secure=secure)
    assert served_port(request) == port


def test_every_zone_iana_gives_a_country_is_accepted_for_it_and_refused_for_another():
    table = _iana_country_zones()
    assert len(table) > 200 and "Antarctica/Troll" in table["AQ"]  # one CLDR leaves out
    refused = [(country, zone) for country, zones in table.items() for zone in zones if zone_problem(zone, country)]
    assert refused == []
    assert zone_problem("Antarctica/Troll", "IN") and zone_problem("Etc/UTC", "FR") and zone_problem("EST5EDT", "US")
    assert zone_problem("Asia/Calcutta", "IN") == ""  # an old name of the country's zone
