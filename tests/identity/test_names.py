"""The footer, the feeds and the emails name the network by the name its coordinators set, in the reader's language."""

import json

import pytest
from django.core import mail
from icalendar import Calendar

from sites.identity.models import NetworkIdentity
from sites.identity.snapshot import network_name
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

# The demo network's name (sites/demo/data/network.json).
NAMES = {"fr": "Réseau NUMA", "en": "NUMA Network", "ru": "Сеть NUMA", "hi": "NUMA नेटवर्क", "kn": "NUMA ಜಾಲ"}
PAGES = [("paris", "fr"), ("paris", "en"), ("moscow", "ru"), ("moscow", "en"), ("bangalore", "hi"), ("bangalore", "kn")]


def footer(host: str, language: str) -> str:
    page = client_for(f"{host}.localhost").get(f"/{language}/").content.decode()
    return page[page.index('<footer class="site-footer">') :]


@pytest.mark.parametrize(("host", "language"), PAGES)
def test_every_footer_names_the_network_in_the_pages_language_with_its_logo(host, language):
    text = footer(host, language)
    assert f"<strong>{NAMES[language]}</strong>" in text
    assert f'<a class="network-brand" href="/{language}/network/"><img src="' in text
    assert "Socle" not in text


def test_a_name_not_written_in_a_language_falls_back_marked_with_its_language():
    network = NetworkIdentity.load()
    network.name_kn = ""
    network.save()
    # Bangalore's own languages first (English), then the network's (French first).
    assert '<strong><span lang="en">NUMA Network</span></strong>' in footer("bangalore", "kn")
    assert network_name("kn").text == "Réseau NUMA" and network_name("kn").language == "fr"


def test_without_a_name_the_network_is_the_network():
    NetworkIdentity.objects.update(**{f"name_{code}": "" for code in NAMES})
    NetworkIdentity.load().save()  # its change forgets the names read before
    assert "<strong>Сеть</strong>" in footer("moscow", "ru")
    assert "<strong>ಜಾಲ</strong>" in footer("bangalore", "kn")


@pytest.mark.parametrize("language", ["fr", "ru", "kn"])
def test_the_network_calendar_is_named_after_the_network(language):
    host = {"fr": "paris", "ru": "moscow", "kn": "bangalore"}[language]
    client = client_for(f"{host}.localhost")
    calendar = Calendar.from_ical(client.get(f"/{language}/calendar/network.ics").content)
    expected = {"fr": "Réseau NUMA : événements", "ru": "Сеть NUMA: события", "kn": "NUMA ಜಾಲ: ಕಾರ್ಯಕ್ರಮಗಳು"}
    assert str(calendar["X-WR-CALNAME"]) == expected[language]
    listing = json.loads(client.get(f"/{language}/calendar/network.json").content)
    assert listing["name"] == expected[language]


def test_a_spaces_json_listing_is_named_after_the_space():
    listing = json.loads(client_for("moscow.localhost").get("/ru/calendar.json").content)
    assert listing["name"] == "NUMA Москва: события"


def test_an_email_to_editors_says_which_network_it_comes_from():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from sites.core.models import Principle
    from sites.core.notify import email_principle_update
    from sites.spaces.models import Space

    olga = get_user_model().objects.create_user("olga-identity", "olga@example.org")
    olga.groups.add(Group.objects.get(name="moscow editors"))
    moscow = Space.objects.get(slug="moscow")
    principle = Principle.objects.first()
    email_principle_update([moscow.pk], principle.pk, 1)
    assert mail.outbox and all(message.subject.startswith("[Сеть NUMA] ") for message in mail.outbox)
