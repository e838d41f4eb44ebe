"""The interface is translated into every network language, completely, and the sites use it."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.helpers import client_for

LOCALE = Path(__file__).resolve().parents[2] / "locale"
TRANSLATED = ["fr", "ru", "hi", "kn"]  # English is the source language
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def catalog(language: str, domain: str = "django"):
    with (LOCALE / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle, locale=language)


# The server's messages, and the admin scripts' (sites/translation/admin_messages.js).
@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language, domain):
    messages = [message for message in catalog(language, domain) if message.id]
    assert messages
    for message in messages:
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: untranslated {ids[0]!r}"
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, f"{language}: {ids[0]!r} -> {string!r}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_russian_plurals_have_three_forms(domain):
    ru = catalog("ru", domain)
    assert ru.num_plurals == 3
    plurals = [message for message in ru if message.pluralizable]
    assert plurals
    assert all(len(message.string) == 3 and all(message.string) for message in plurals)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host,language,expected",
    [
        ("paris.localhost", "fr", "Événements à venir"),
        ("moscow.localhost", "ru", "Ближайшие события"),
        ("bangalore.localhost", "hi", "आने वाले आयोजन"),
        ("bangalore.localhost", "kn", "ಮುಂಬರುವ ಕಾರ್ಯಕ್ರಮಗಳು"),
    ],
)
def test_the_sites_show_the_interface_in_the_pages_language(host, language, expected):
    html = client_for(host).get(f"/{language}/events/").content.decode()
    assert expected in html
    assert "Upcoming events" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "count,expected",
    [(1, "1 страница"), (3, "3 страницы"), (5, "5 страниц"), (11, "11 страниц"), (21, "21 страница"), (0, "0 страниц")],
)
def test_russian_result_counts_use_the_right_plural(count, expected):
    from django.utils import translation

    with translation.override("ru"):
        text = translation.ngettext(
            "%(counter)s page found for “%(query)s”", "%(counter)s pages found for “%(query)s”", count
        )
    assert (text % {"counter": count, "query": "x"}).startswith(expected)
