"""Visitors' pages come from the page cache, and leave it as soon as what they show changes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches

from sites.core.models import Adoption, Principle, Value
from sites.core.publishing import publish
from sites.pagecache import store
from sites.spaces.models import Space
from sites.sync import engine
from sites.sync.models import Change
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def visit(host: str, path: str):
    response = client_for(host).get(path)
    assert response.status_code == 200
    return response.headers.get("X-Socle-Cache"), response.content.decode()


def test_a_second_visit_is_served_from_the_cache():
    assert visit("paris.localhost", "/fr/principles/")[0] == "miss"
    state, html = visit("paris.localhost", "/fr/principles/")
    assert state == "hit" and "<html" in html


def test_a_new_principle_version_purges_each_space_as_it_reaches_it(django_capture_on_commit_callbacks):
    principle = Principle.objects.get(slug="transparency")
    for host, language in (("paris.localhost", "fr"), ("moscow.localhost", "ru")):
        visit(host, f"/{language}/principles/")
        visit(host, f"/{language}/programmes/")  # shows no principle
    principle.statement_fr = "La transparence de l'argent et de l'information, toujours"
    principle.statement_ru = "Прозрачность денег и информации — всегда"
    principle.save()
    with django_capture_on_commit_callbacks(execute=False):
        publish(principle)  # the delivery waits: no space has received the version yet
    change = Change.objects.get(kind="core.principle", payload__version=principle.version)
    assert visit("moscow.localhost", "/ru/principles/")[0] == "hit"

    engine.create_deliveries(change.pk)
    paris = Space.objects.get(slug="paris")
    with django_capture_on_commit_callbacks(execute=True):
        engine.deliver_batch(change.pk, [paris.pk])
    state, html = visit("paris.localhost", "/fr/principles/")
    assert state == "miss" and "toujours" in html
    assert visit("paris.localhost", "/fr/programmes/")[0] == "hit"  # a page without the principle stays
    state, html = visit("moscow.localhost", "/ru/principles/")
    assert state == "hit" and "всегда" not in html  # Moscow has not received it yet

    moscow = Space.objects.get(slug="moscow")
    with django_capture_on_commit_callbacks(execute=True):
        engine.deliver_batch(change.pk, [moscow.pk])
    state, html = visit("moscow.localhost", "/ru/principles/")
    assert state == "miss" and "всегда" in html


def test_a_published_value_purges_every_space_that_shows_values(django_capture_on_commit_callbacks):
    value = Value.objects.get(slug="ouverture")
    visit("bangalore.localhost", "/en/")
    value.word_en = "Openness to all"
    value.save()
    revision = value.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    state, html = visit("bangalore.localhost", "/en/")
    assert state == "miss" and "Openness to all" in html


def test_publishing_a_page_purges_its_own_space_only(django_capture_on_commit_callbacks):
    visit("paris.localhost", "/fr/")
    visit("moscow.localhost", "/ru/")
    home = Space.objects.get(slug="paris").site.root_page.specific
    home.title_fr = "NUMA Paris, 39 rue du Caire"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert visit("paris.localhost", "/fr/")[0] == "miss"
    assert visit("moscow.localhost", "/ru/")[0] == "hit"


def test_a_spaces_reading_of_a_principle_purges_its_principles_page(django_capture_on_commit_callbacks):
    visit("moscow.localhost", "/ru/principles/")
    adoption = Adoption.objects.get(space__slug="moscow", principle__slug="listen")
    adoption.local_reading_ru = "Сначала чай, потом решения."
    with django_capture_on_commit_callbacks(execute=True):
        adoption.save()
    state, html = visit("moscow.localhost", "/ru/principles/")
    assert state == "miss" and "Сначала чай, потом решения." in html


def test_signed_in_editors_and_searches_are_never_served_from_the_cache():
    visit("paris.localhost", "/fr/")
    editor = client_for("paris.localhost")
    editor.force_login(get_user_model().objects.create_user("reader"))
    assert "X-Socle-Cache" not in editor.get("/fr/").headers
    visit("paris.localhost", "/fr/search/?q=colunch")
    assert "X-Socle-Cache" not in client_for("paris.localhost").get("/fr/search/?q=colunch").headers


def test_the_cache_is_off_when_its_duration_is_zero(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 0
    visit("paris.localhost", "/fr/")
    assert visit("paris.localhost", "/fr/")[0] is None


def test_a_page_from_the_cache_is_served_with_the_headers_of_a_fresh_one():
    def headers(response):
        return {name: value for name, value in response.headers.items() if name not in ("X-Socle-Cache",)}

    client = client_for("moscow.localhost")
    fresh = client.get("/ru/programmes/")
    cached = client.get("/ru/programmes/")
    assert (fresh.headers["X-Socle-Cache"], cached.headers["X-Socle-Cache"]) == ("miss", "hit")
    assert headers(cached) == headers(fresh)
    assert {"Content-Security-Policy", "X-Frame-Options", "Content-Language"} <= set(cached.headers)


def test_a_page_listing_events_is_not_served_from_the_cache_once_the_first_of_them_has_ended(monkeypatch):
    import time
    from datetime import datetime, timedelta
    from datetime import time as hour
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from tests.events.conftest import new_event
    from tests.events.conftest import publish as publish_event

    # The home also leaves the cache when the space opens or closes and at midnight: the clock is set
    # to a weekday's late morning in Paris, so the event's end is the first change these pages see.
    paris = ZoneInfo("Europe/Paris")
    today = timezone.now().astimezone(paris).date() + timedelta(days=7)
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7)
    clock = {"now": datetime.combine(wednesday, hour(11), tzinfo=paris)}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    monkeypatch.setattr(time, "time", lambda: clock["now"].timestamp())

    ends = clock["now"] + timedelta(minutes=5)
    publish_event(new_event("paris", "ends-soon", scope="local", start=ends - timedelta(hours=1), hours=1))
    start = clock["now"]
    for path in ("/fr/events/", "/fr/", "/fr/network-calendar/"):
        clock["now"] = start
        assert visit("paris.localhost", path)[0] == "miss"
        assert visit("paris.localhost", path)[0] == "hit"
        clock["now"] = ends - timedelta(seconds=10)
        assert visit("paris.localhost", path)[0] == "hit", path
        clock["now"] = ends + timedelta(seconds=1)
        assert visit("paris.localhost", path)[0] == "miss", path


def count_cache_reads(monkeypatch) -> list[str]:
    """The calls made to the cache by its users (not those its own methods make: the in-process
    cache's get_many calls its get)."""
    calls, inside = [], []
    backend = caches["default"]

    def counted(name, real):
        def call(*args, **kwargs):
            if not inside:
                calls.append(name)
            inside.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                inside.pop()

        return call

    for name in ("get", "get_many"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return calls


def test_a_page_from_the_cache_is_read_with_the_versions_of_its_tags_in_one_call(monkeypatch):
    assert visit("paris.localhost", "/fr/principles/")[0] == "miss"
    calls = count_cache_reads(monkeypatch)
    assert visit("paris.localhost", "/fr/principles/")[0] == "hit"
    assert calls == ["get_many"]  # not the page, then its tags' versions: one round trip to Redis


def test_a_page_whose_tags_the_process_knows_is_still_purged_with_its_space():
    space = Space.objects.get(slug="paris")
    visit("paris.localhost", "/fr/principles/")
    assert visit("paris.localhost", "/fr/principles/")[0] == "hit"
    store.purge_spaces([space.pk])
    assert visit("paris.localhost", "/fr/principles/")[0] == "miss"
    assert visit("paris.localhost", "/fr/principles/")[0] == "hit"
