"""What visitors read: the practical block first on each home, the Visit page, the statement; the
cached home kept no longer than its open-now line holds, and purged when the Visit page changes."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.test import RequestFactory
from django.utils import translation

from sites.pagecache import store
from sites.pagecache.tags import tag_for
from sites.spaces.models import Space
from sites.visits.models import AccessibilityStatementPage, VisitPage
from sites.visits.structured_data import place_objects
from tests.helpers import client_for, reads_in_order

pytestmark = pytest.mark.django_db


def visit_of(slug: str) -> VisitPage:
    return VisitPage.objects.child_of(Space.objects.get(slug=slug).site.root_page).get()


def main_of(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_practical_block_comes_first_on_the_home_in_the_visitors_language():
    main = main_of(client_for("moscow.localhost").get("/ru/"))
    sections = re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', main)
    # The home's own content first: its title, its Cause, its photos.
    contributed = [name for name in sections if name not in ("home-title", "cause-title", "gallery-title")]
    assert contributed[0] == "practical-title" and len(contributed) > 1, sections
    block = main.split('class="practical"', 1)[1].split("</section>", 1)[0]
    assert "Приходите к нам" in block and "Берсеневская набережная" in block
    assert re.search(r"(Открыто|Закрыто|Сегодня закрыто)", block)
    assert 'href="/ru/first-visit/"' in block and "mailto:privet@numa-moscow.example.org" in block


def test_the_visit_page_shows_the_week_as_a_table_the_exceptions_and_the_way_out_to_openstreetmap():
    main = main_of(client_for("bangalore.localhost").get("/kn/visit/"))
    table = main.split('<table class="hours">', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table and table.count('<th scope="row">') == 7
    assert reads_in_order(text_of(table), ["ಶುಕ್ರವಾರ", "09:00", "01:00"])  # Friday evening runs past midnight
    assert 'aria-current="date"' in table
    assert "ಕ್ರಿಸ್‌ಮಸ್, ಸಾರ್ವಜನಿಕ ರಜೆ" in main  # the coming public holiday, in Kannada
    assert "https://www.openstreetmap.org/?mlat=12.971700&amp;mlon=77.604900" in main
    assert "<iframe" not in main and "<script" not in main  # nothing loads from a third party
    assert 'href="/kn/accessibility/"' in main


def test_the_accessibility_statement_says_what_it_aims_for_how_it_is_checked_and_whom_to_tell():
    response = client_for("paris.localhost").get("/fr/accessibility/")
    assert response.status_code == 200
    main = main_of(response)
    for words in ("WCAG 2.2 AA", "axe-core", "Limites connues", "bonjour@numa-paris.example.org", "Dernière révision"):
        assert words in main, words
    assert isinstance(
        AccessibilityStatementPage.objects.get(pk=response.context["page"].pk), AccessibilityStatementPage
    )


def test_the_cached_home_expires_when_its_open_now_line_changes(settings, monkeypatch):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    recorded = {}
    real_put = store.put

    def put(space_id, key, tags, response, **kwargs):
        recorded[key] = set(tags)
        real_put(space_id, key, tags, response, **kwargs)

    monkeypatch.setattr(store, "put", put)
    client_for("paris.localhost").get("/fr/")
    tags = recorded[store.page_key("http", "paris.localhost", "/fr/")]
    _tags, until = store.split_until(tags)
    assert until is not None  # kept no longer than the line holds: the next opening, closing or midnight
    assert until <= int(datetime.now(UTC).timestamp()) + 24 * 3600
    page = visit_of("paris")
    assert tag_for(page) in tags  # an edit of the Visit page purges the home
    assert any(tag.startswith("visits.openinghours:") for tag in tags)


def test_publishing_the_visit_page_changes_the_cached_home(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    client = client_for("paris.localhost")
    assert client.get("/fr/").headers.get("X-Socle-Cache") == "miss"
    assert client.get("/fr/").headers.get("X-Socle-Cache") == "hit"
    page = visit_of("paris")
    page.email = "accueil@numa-paris.example.org"
    page.save_revision().publish()
    response = client.get("/fr/")
    assert response.headers.get("X-Socle-Cache") == "miss"
    assert "accueil@numa-paris.example.org" in response.content.decode()


def request_for(host: str, path: str):
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.space = Space.objects.select_related("site__root_page").get(site__hostname=host)
    return request


def place_for(host: str, path: str, language: str, page) -> dict:
    request = request_for(host, path)
    with translation.override(language):
        (place,) = place_objects(page, request)
    return json.loads(json.dumps(place))  # what the tag writes must be JSON


def test_the_home_and_the_visit_page_describe_the_space_as_a_local_business():
    space = Space.objects.get(slug="moscow")
    place = place_for("moscow.localhost", "/ru/", "ru", space.site.root_page.specific)
    assert place["@context"] == "https://schema.org" and place["@type"] == "LocalBusiness"
    assert place["name"] == space.name_ru
    assert place["url"] == "http://moscow.localhost/ru/" and place["@id"].endswith("#place")
    assert place["address"]["@type"] == "PostalAddress" and place["address"]["addressCountry"] == "RU"
    assert "Берсеневская" in place["address"]["streetAddress"]
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 55.7409, "longitude": 37.6091}
    assert place["telephone"] == "+7 495 000-42-42" and place["email"] == "privet@numa-moscow.example.org"
    assert "sameAs" not in place
    regular = [spec for spec in place["openingHoursSpecification"] if "dayOfWeek" in spec]
    assert {"@type": "OpeningHoursSpecification", "opens": "10:00", "closes": "21:00",
            "dayOfWeek": [f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday",
                                                                  "Friday")]} in regular  # fmt: skip
    assert not any("Sunday" in day for spec in regular for day in spec["dayOfWeek"])  # closed on Sundays
    special = [spec for spec in place["openingHoursSpecification"] if "validFrom" in spec]
    holidays = next(spec for spec in special if spec["validFrom"].endswith("-01-01"))
    assert holidays["validThrough"].endswith("-01-08") and holidays["opens"] == holidays["closes"] == "00:00"
    visit = place_for("moscow.localhost", "/en/first-visit/", "en", visit_of("moscow"))
    assert visit["@id"] == place["@id"].replace("/ru/", "/en/") and "Bersenevskaya" in visit["address"]["streetAddress"]


def test_other_pages_describe_no_place_and_midnight_closes_at_the_last_minute():
    space = Space.objects.get(slug="bangalore")
    events = space.site.root_page.get_children().get(slug="events").specific
    assert place_objects(events, request_for("bangalore.localhost", "/en/events/")) == []
    place = place_for("bangalore.localhost", "/en/visit/", "en", visit_of("bangalore"))
    friday = next(spec for spec in place["openingHoursSpecification"]
                  if spec.get("dayOfWeek") == ["https://schema.org/Friday"])  # fmt: skip
    assert (friday["opens"], friday["closes"]) == ("09:00", "23:59")


def test_the_place_is_offered_through_the_structured_data_hook():
    from wagtail import hooks

    space = Space.objects.select_related("site__root_page").get(slug="paris")
    request = request_for("paris.localhost", "/fr/")
    with translation.override("fr"):
        found = [
            item
            for hook in hooks.get_hooks("socle_structured_data")
            for item in hook(space.site.root_page.specific, request)
        ]
    assert [item["@type"] for item in found if item.get("@id", "").endswith("#place")] == ["LocalBusiness"]
