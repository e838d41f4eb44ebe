"""Redis is a cache, not a condition of serving: with it down every site and the admin work, and when
it comes back no page that changed meanwhile is served from it.

Each test runs a redis-server of its own under the production cache backend, then kills it (its
data saved, as a disk keeps it) or pauses it (it accepts connections and answers nothing). A paused
Redis keeps serving the pages that did not change; a restarted one is emptied, since its snapshot
may predate purges it acknowledged.
"""

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sites.pagecache import store
from sites.pagecache.models import MissedInvalidation
from sites.pagecache.redis import SocleRedisCache
from sites.spaces.models import Space
from tests.deploy.test_serve import form_with, replaced
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

HOMES = {"paris.localhost": "/fr/", "moscow.localhost": "/ru/", "bangalore.localhost": "/en/"}
SKIP_SECONDS = 5  # the production cache's SKIP_AFTER_FAILURE_SECONDS, as the fixture sets it


@pytest.fixture(autouse=True)
def page_cache(settings, production_cache):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600


def visit(host: str, path: str) -> tuple[str | None, str]:
    response = client_for(host).get(path)
    assert response.status_code == 200, (host, path, response.status_code)
    return response.headers.get("X-Socle-Cache"), response.content.decode()


def warm(*pages) -> None:
    for host, path in pages:
        visit(host, path)
        assert visit(host, path)[0] == "hit", (host, path)


def readyz():
    return Client(HTTP_HOST="10.0.0.7").get("/readyz")


def sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302 and response.url == "/admin/", response.status_code
    return client


def publish_through_the_admin(client: Client, page, **fields) -> None:
    edit = f"/admin/pages/{page.pk}/edit/"
    html = client.get(edit).content.decode()
    form = replaced(form_with(html, next(iter(fields))), **fields, **{"action-publish": "publish"})
    response = client.post(edit, dict(form))
    assert response.status_code == 302, response.content.decode()[:3000]


def test_with_redis_killed_sites_and_the_admin_work_and_no_stale_page_comes_back(
    redis_server, production_cache, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("coordinator", "c@example.org", "right-password-42")
    paris = Space.objects.get(slug="paris")
    visit_page = paris.site.root_page.get_children().get(slug="visit").specific
    warm(*HOMES.items(), ("paris.localhost", "/fr/visit/"))

    redis_server.kill()

    for host, path in HOMES.items():
        state, html = visit(host, path)
        assert state != "hit" and "<html" in html  # rendered afresh, from the database
    response = readyz()
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["failed"] == ["cache"]

    coordinator = sign_in("coordinator", "right-password-42")
    with django_capture_on_commit_callbacks(execute=True):
        publish_through_the_admin(coordinator, visit_page, title_fr="Venir au NUMA pendant la panne")
    state, html = visit("paris.localhost", "/fr/visit/")
    assert state != "hit" and "Venir au NUMA pendant la panne" in html
    assert MissedInvalidation.objects.filter(replayed_at=None).exists()  # the purges Redis missed

    redis_server.start()  # with everything it held: the old /fr/visit/ too
    assert redis.Redis.from_url(redis_server.url).exists(
        caches["default"].make_key(store.page_key("http", "paris.localhost", "/fr/visit/"))
    )
    production_cache.advance(SKIP_SECONDS)

    state, html = visit("paris.localhost", "/fr/visit/")
    assert state == "miss" and "Venir au NUMA pendant la panne" in html
    # A restarted Redis is not trusted (its snapshot may predate purges it acknowledged): every page
    # is rendered afresh once, then served from the cache again.
    for host, path in HOMES.items():
        assert visit(host, path)[0] == "miss"
        assert visit(host, path)[0] == "hit"
    assert not MissedInvalidation.objects.filter(replayed_at=None).exists()
    assert readyz().json()["status"] == "ok"


def test_with_redis_paused_pages_answer_and_a_change_made_meanwhile_is_not_served_stale_after(
    redis_server, production_cache, django_capture_on_commit_callbacks
):
    warm(("paris.localhost", "/fr/"), ("moscow.localhost", "/ru/"))
    moscow_home = Space.objects.get(slug="moscow").site.root_page.specific

    redis_server.pause()
    assert visit("moscow.localhost", "/ru/")[0] != "hit"  # the call timed out: rendered afresh
    moscow_home.title_ru = "NUMA Москва — во время сбоя"
    with django_capture_on_commit_callbacks(execute=True):
        moscow_home.save_revision().publish()
    assert readyz().json()["failed"] == ["cache"]

    redis_server.resume()
    production_cache.advance(SKIP_SECONDS)
    state, html = visit("moscow.localhost", "/ru/")
    assert state == "miss" and "во время сбоя" in html
    assert visit("paris.localhost", "/fr/")[0] == "hit"


def test_a_process_that_saw_no_failure_stops_serving_a_page_changed_meanwhile_within_its_check_interval(
    redis_server, production_cache, settings, django_capture_on_commit_callbacks
):
    """Another process (here: another cache backend with a breaker of its own) could not reach Redis
    while it published; this one never saw Redis fail."""
    from sites.pagecache import outage

    warm(("moscow.localhost", "/ru/"))  # this process looked for missed purges on its first use
    this_process = caches["default"]
    other_process = SocleRedisCache(redis_server.url, settings.CACHES["default"])
    other_process._breaker = outage.Breaker("other process", SKIP_SECONDS, 5)
    moscow_home = Space.objects.get(slug="moscow").site.root_page.specific

    redis_server.pause()
    caches["default"] = other_process
    moscow_home.title_ru = "NUMA Москва — изменено другим процессом"
    with django_capture_on_commit_callbacks(execute=True):
        moscow_home.save_revision().publish()
    caches["default"] = this_process
    redis_server.resume()
    assert MissedInvalidation.objects.filter(replayed_at=None).exists()

    production_cache.advance(5)  # CHECK_MISSED_SECONDS
    state, html = visit("moscow.localhost", "/ru/")
    assert state == "miss" and "изменено другим процессом" in html
    assert not MissedInvalidation.objects.filter(replayed_at=None).exists()


def round_trips(monkeypatch) -> list:
    from redis.connection import AbstractConnection

    sent = []
    real = AbstractConnection.send_packed_command
    monkeypatch.setattr(
        AbstractConnection, "send_packed_command", lambda self, *args, **kw: sent.append(1) or real(self, *args, **kw)
    )
    return sent


def test_a_page_from_the_cache_costs_one_round_trip_to_redis(monkeypatch):
    warm(("paris.localhost", "/fr/principles/"))
    sent = round_trips(monkeypatch)
    monkeypatch.setattr(SocleRedisCache, "get_many", lambda *args, **kwargs: pytest.fail("versions read back"))
    assert visit("paris.localhost", "/fr/principles/")[0] == "hit"
    assert len(sent) == 1  # the page, on condition that its tags' versions are those last seen


def test_a_page_stored_anew_by_another_process_is_served_at_its_new_versions(
    monkeypatch, django_capture_on_commit_callbacks
):
    warm(("paris.localhost", "/fr/visit/"))
    seen_before = dict(store._seen)  # what a process that served the page before the publication knows
    visit_page = Space.objects.get(slug="paris").site.root_page.get_children().get(slug="visit").specific
    visit_page.title_fr = "Venir à la Cantine, version du jour"
    with django_capture_on_commit_callbacks(execute=True):
        visit_page.save_revision().publish()
    assert visit("paris.localhost", "/fr/visit/")[0] == "miss"  # stored anew, under new versions

    monkeypatch.setattr(store, "_seen", seen_before)
    sent = round_trips(monkeypatch)
    state, html = visit("paris.localhost", "/fr/visit/")
    assert state == "hit" and "version du jour" in html
    assert len(sent) == 2  # the versions it knew were gone: the page and its new versions, read together
    assert visit("paris.localhost", "/fr/visit/")[0] == "hit" and len(sent) == 3  # then known again


def test_storing_a_page_costs_one_round_trip_to_redis_whatever_the_number_of_its_tags(monkeypatch):
    space = Space.objects.get(slug="paris")
    store.get("socle:page:stored")  # the first use of Redis in this process looks for missed purges
    tags = {"a:1", "b:2", "c:3"}
    store.purge([space.pk], [*tags, store.WHOLE_SPACE, store.PAGES])  # as after a publication
    sent = round_trips(monkeypatch)
    store.put(space.pk, "socle:page:stored", tags, {"content": b"<html>", "headers": {}})
    assert len(sent) == 1  # new versions, the page, and the versions read back, in one pipeline
    assert store.get("socle:page:stored")["content"] == b"<html>"
    store.purge([space.pk], ["b:2"])
    assert store.get("socle:page:stored") is None


def test_a_page_showing_tags_that_already_have_versions_is_stored_under_them(monkeypatch):
    space = Space.objects.get(slug="paris")
    store.put(space.pk, "socle:page:first", {"a:1", "b:2"}, {"content": b"<first>", "headers": {}})
    sent = round_trips(monkeypatch)
    store.put(space.pk, "socle:page:second", {"a:1", "b:2"}, {"content": b"<second>", "headers": {}})
    assert len(sent) == 2  # versions this request had not read: the page is written again under them
    assert store.get("socle:page:second")["content"] == b"<second>"
    store.purge([space.pk], ["a:1"])
    assert store.get("socle:page:first") is None and store.get("socle:page:second") is None


def test_a_purge_made_while_a_page_renders_leaves_what_it_rendered_unserved():
    from sites import request_memo

    space = Space.objects.get(slug="paris")
    store.put(space.pk, "socle:page:racing", {"a:1"}, {"content": b"<old>", "headers": {}})
    request_memo._request_started()  # a request begins (the signal's own receiver)
    try:
        assert store.get("socle:page:racing")["content"] == b"<old>"  # it reads the tag's version
        # Meanwhile another process publishes (the version goes) and stores a page (a new version).
        caches["default"].delete(f"socle:tag:{space.pk}:a:1")
        caches["default"].set(f"socle:tag:{space.pk}:a:1", "the next version", None)
        # This request stores what it rendered from what it read before the publication.
        store.put(space.pk, "socle:page:racing", {"a:1"}, {"content": b"<old again>", "headers": {}})
    finally:
        request_memo._request_finished()
    assert store.get("socle:page:racing") is None  # never served
    # The positive control: the same page rendered after the publication is kept and served.
    store.put(space.pk, "socle:page:racing", {"a:1"}, {"content": b"<new>", "headers": {}})
    assert store.get("socle:page:racing")["content"] == b"<new>"


def test_a_page_rendered_afresh_stores_itself_and_its_fragments_in_one_round_trip(monkeypatch):
    from sites.pagecache import batch
    from sites.spaces import hosts

    space = Space.objects.get(slug="paris")
    warm(("paris.localhost", "/fr/principles/"))
    store.purge_spaces([space.pk])  # as a change to the space does: the page and its fragments go
    hosts.start_new_generation()  # and the hostnames' answers
    real, writes = batch.add_set_and_get, []
    monkeypatch.setattr(
        store, "add_set_and_get", lambda cache, adds, sets, reads: writes.append(sets) or real(cache, adds, sets, reads)
    )
    assert visit("paris.localhost", "/fr/principles/")[0] == "miss"
    assert len(writes) == 1
    stored = set(writes[0])
    assert store.page_key("http", "paris.localhost", "/fr/principles/") in stored
    assert any(key.startswith(f"socle:fragment:{space.pk}:") for key in stored)  # its menu, its route...
    assert "socle:host:paris.localhost:80" in stored  # the hostname's answer, read from the database
    assert visit("paris.localhost", "/fr/principles/")[0] == "hit"
    with CaptureQueriesContext(connection) as captured:
        assert client_for("paris.localhost").get("/fr/principles/?again").status_code == 200
    assert not any("spaces_space" in query["sql"] for query in captured.captured_queries)  # it was kept


def test_a_page_rendered_afresh_reads_its_fragments_in_one_round_trip(monkeypatch):
    client = client_for("paris.localhost")
    client.get("/fr/principles/?first")  # renders it, and stores its fragments
    calls = []
    for method in ("get", "get_many"):
        real = getattr(SocleRedisCache, method)
        monkeypatch.setattr(
            SocleRedisCache,
            method,
            lambda self, keys, *args, real=real, **kwargs: calls.append(keys if isinstance(keys, list) else [keys])
            or real(self, keys, *args, **kwargs),
        )
    response = client.get("/fr/principles/?again")  # a query string: rendered afresh, from the fragments
    assert response.status_code == 200
    reading_fragments = [keys for keys in calls if any(key.startswith("socle:fragment:") for key in keys)]
    assert len(reading_fragments) == 1
    assert len([key for key in reading_fragments[0] if key.startswith("socle:fragment:")]) >= 3  # route, menu...
