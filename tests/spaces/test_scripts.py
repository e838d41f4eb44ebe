"""Each city's pages carry text in its own scripts: Cyrillic, Devanagari, Kannada."""

import re

import pytest

from tests.helpers import client_for

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04FF]{4,}")
DEVANAGARI = re.compile(r"[\u0900-\u097F]{3,}")
KANNADA = re.compile(r"[\u0C80-\u0CFF]{3,}")
PAGES = ["/", "principles/", "practices/", "programmes/", "events/"]


def visible_text(html: str) -> str:
    main = html.split('<main id="main"', 1)[1].split("</main>")[0]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("path", PAGES)
def test_moscow_in_russian_is_written_in_cyrillic(path):
    text = visible_text(client_for("moscow.localhost").get(f"/ru/{path.lstrip('/')}").content.decode())
    assert len(CYRILLIC.findall(text)) > 10


@pytest.mark.parametrize("path", PAGES)
def test_bangalore_in_hindi_is_written_in_devanagari(path):
    text = visible_text(client_for("bangalore.localhost").get(f"/hi/{path.lstrip('/')}").content.decode())
    assert len(DEVANAGARI.findall(text)) > 10
    assert not KANNADA.search(text)


@pytest.mark.parametrize("path", PAGES)
def test_bangalore_in_kannada_is_written_in_kannada_script(path):
    text = visible_text(client_for("bangalore.localhost").get(f"/kn/{path.lstrip('/')}").content.decode())
    assert len(KANNADA.findall(text)) > 10
    assert not DEVANAGARI.search(text)


def test_paris_in_french_shows_no_other_script():
    text = visible_text(client_for("paris.localhost").get("/fr/principles/").content.decode())
    assert not CYRILLIC.search(text) and not DEVANAGARI.search(text) and not KANNADA.search(text)
