"""Go-live and expiry dates are honoured by beat's task, and the cached pages that showed the page follow.

Pages are scheduled the way the admin schedules them (a revision published with a go-live date in
the future; a live page with an expiry date), then the task runs as beat runs it, once the date has
passed on the clock.
"""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.users.models import UserProfile

from sites.spaces.models import Space, StandardPage
from sites.spaces.tasks import publish_scheduled_task
from tests.events.conftest import new_event
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

TASK = "sites.spaces.tasks.publish_scheduled_task"


@pytest.fixture
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def in_a_moment() -> timezone.datetime:
    return timezone.now() + timedelta(seconds=1)


def wait_past(moment) -> None:
    """The clock reaches a scheduled date (a second away at most)."""
    while timezone.now() <= moment:
        time.sleep(0.05)


def visit(host: str, path: str):
    response = client_for(host).get(path)
    return response.status_code, response.headers.get("X-Socle-Cache"), response.content.decode()


def run_as_beat(capture) -> dict:
    """What beat sends, run here (no broker in the tests: tasks run in-process), commit and all."""
    with capture(execute=True):
        return publish_scheduled_task.delay().get()


def moscow_page(slug: str, **fields) -> StandardPage:
    home = Space.objects.get(slug="moscow").site.root_page
    page = StandardPage(slug=slug, title_ru="Субботник весной", title_en="Spring subbotnik", live=False, **fields)
    home.add_child(instance=page)
    return page


def test_beat_schedules_the_task_every_minute_in_the_database_scheduler():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    from sites.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]
    assert entry["task"] == TASK and TASK in app.tasks
    # What `celery beat` writes into its tables at start, from the settings (DatabaseScheduler.update_from_dict).
    ModelEntry.from_entry("publish-scheduled", app=app, **entry)
    task = PeriodicTask.objects.get(name="publish-scheduled")
    assert task.task == TASK and task.enabled
    assert (task.interval.every, task.interval.period) == (60, "seconds")
    assert task.expire_seconds == 60  # a run still waiting when the next is due is dropped


def test_a_page_goes_live_at_its_go_live_date(django_capture_on_commit_callbacks):
    page = moscow_page("spring-subbotnik")
    go_live = in_a_moment()
    page.go_live_at = go_live
    page.save_revision().publish()  # what the admin's Publish does with a go-live date in the future
    page.refresh_from_db()
    assert not page.live and page.revisions.filter(approved_go_live_at=go_live).exists()
    assert visit("moscow.localhost", "/ru/spring-subbotnik/")[0] == 404

    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 0, "expired": 0}  # not yet
    wait_past(go_live)
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 1, "expired": 0}
    status, _cache, html = visit("moscow.localhost", "/ru/spring-subbotnik/")
    assert status == 200 and "Субботник весной" in html
    # Once is enough: the next run finds nothing to do, and the history says it once, as scheduled.
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 0, "expired": 0}
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1


def test_an_event_going_live_appears_in_the_cached_listings(page_cache, django_capture_on_commit_callbacks):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=20)
    event = new_event("moscow", "spring-cleanup", scope="local", start=start, title_ru="Весенняя уборка двора")
    for path in ("/ru/", "/ru/events/"):
        visit("moscow.localhost", path)
        assert visit("moscow.localhost", path)[1] == "hit"  # cached before the event goes live
    event.go_live_at = in_a_moment()
    event.save_revision().publish()
    wait_past(event.go_live_at)
    run_as_beat(django_capture_on_commit_callbacks)
    for path in ("/ru/", "/ru/events/", "/ru/events/spring-cleanup/"):
        status, state, html = visit("moscow.localhost", path)
        assert status == 200 and state == "miss" and "Весенняя уборка двора" in html, path


def test_an_expired_event_leaves_its_url_its_spaces_listings_and_other_spaces_calendars(
    page_cache, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=20)
    event = new_event("moscow", "open-doors", start=start, title_ru="День открытых дверей", title_en="Open doors day")
    with django_capture_on_commit_callbacks(execute=True):  # published now, shared with the network
        event.save_revision().publish()
    expire = in_a_moment()
    event.expire_at = expire
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    pages = [
        ("moscow.localhost", "/ru/events/open-doors/", "День открытых дверей"),
        ("moscow.localhost", "/ru/events/", "День открытых дверей"),
        ("moscow.localhost", "/ru/", "День открытых дверей"),
        ("moscow.localhost", "/en/network-calendar/", "Open doors day"),
        ("paris.localhost", "/en/network-calendar/", "Open doors day"),  # the network's copy, relayed
    ]
    for host, path, title in pages:
        visit(host, path)
        status, state, html = visit(host, path)
        assert (status, state) == (200, "hit") and title in html, (host, path)
    visit("paris.localhost", "/fr/")  # Paris's home, which never showed the event

    wait_past(expire)
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 0, "expired": 1}
    event.refresh_from_db()
    assert not event.live and event.expired
    assert visit("moscow.localhost", "/ru/events/open-doors/")[0] == 404
    for host, path, title in pages[1:]:
        status, _state, html = visit(host, path)
        assert status == 200 and title not in html, (host, path)
    assert visit("paris.localhost", "/fr/")[1] == "hit"  # Paris's pages that never showed it stay cached
    assert PageLogEntry.objects.filter(page=event, action="wagtail.unpublish.scheduled").count() == 1


def test_a_page_that_failed_does_not_hold_back_the_others(monkeypatch, django_capture_on_commit_callbacks):
    failing, working = moscow_page("failing"), moscow_page("working")
    for page in (failing, working):
        page.go_live_at = in_a_moment()
        page.save_revision().publish()
    wait_past(working.go_live_at)
    original = StandardPage.publish

    def publish(self, *args, **kwargs):
        if self.slug == "failing":
            raise RuntimeError("the database refused this one")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "publish", publish)
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 1, "expired": 0}
    failing.refresh_from_db()
    working.refresh_from_db()
    assert working.live and not failing.live
    assert failing.revisions.exclude(approved_go_live_at=None).exists()  # still scheduled: tried next run

    monkeypatch.setattr(StandardPage, "publish", original)
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 1, "expired": 0}
    failing.refresh_from_db()
    assert failing.live


def moscow_editor() -> Client:
    user = get_user_model().objects.create_user("moscow-scheduler")
    user.groups.add(Group.objects.get(name="moscow editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"  # and no time zone of their own: the admin's is UTC
    profile.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("slug", ["first-visit", "open-budget-evening"])
def test_a_go_live_date_is_typed_and_shown_on_the_spaces_clock_and_saving_again_keeps_it(slug):
    page = Page.objects.get(slug=slug, url_path__startswith="/moscow/").specific
    if slug == "open-budget-evening":  # an event at a venue in another zone: its dates stay on Moscow's clock
        page.time_zone = "Europe/Paris"
        page.save_revision().publish()
    client = moscow_editor()
    edit = f"/admin/pages/{page.pk}/edit/"
    # The schedule dialog's "Save schedule" saves a draft; the form comes back with the dates shown.
    data = admin_form_data(client, edit, go_live_at="2030-12-01 10:00", expire_at="2030-12-31 18:00")
    assert client.post(edit, data).status_code == 302
    form = client.get(edit).content.decode()
    assert 'value="2030-12-01 10:00"' in form and 'value="2030-12-31 18:00"' in form

    # Then Publish sends the form back as shown: the dates must not move.
    shown = admin_form_data(client, edit)
    assert client.post(edit, {**shown, "action-publish": "action-publish"}).status_code == 302
    moscow = ZoneInfo("Europe/Moscow")
    scheduled = page.revisions.exclude(approved_go_live_at=None).get()
    assert scheduled.approved_go_live_at == datetime(2030, 12, 1, 10, 0, tzinfo=moscow)  # 07:00 UTC
    assert scheduled.as_object().expire_at == datetime(2030, 12, 31, 18, 0, tzinfo=moscow)
    assert 'value="2030-12-01 10:00"' in client.get(edit).content.decode()


def test_a_value_scheduled_to_change_becomes_its_next_version_at_the_date(django_capture_on_commit_callbacks):
    # Values and principles have drafts too: Wagtail schedules them the same way, and so does beat.
    from django.contrib.contenttypes.models import ContentType

    from sites.core.models import CoreVersion, Value

    value = Value.objects.get(slug="ouverture")
    before = value.version
    value.word_en = "Openness, from tomorrow"
    value.go_live_at = go_live = in_a_moment()
    value.save_revision().publish()  # a live value: the new text waits for its date
    value.refresh_from_db()
    assert value.version == before and value.word_en != "Openness, from tomorrow"

    wait_past(go_live)
    assert run_as_beat(django_capture_on_commit_callbacks) == {"published": 1, "expired": 0}
    value.refresh_from_db()
    assert value.version == before + 1 and value.word_en == "Openness, from tomorrow"
    kind = ContentType.objects.get_for_model(Value)
    assert CoreVersion.objects.filter(content_type=kind, object_id=value.pk, number=before + 1).exists()


def test_the_demo_runs_scheduled_publishing_without_a_broker(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    page = moscow_page("demo-subbotnik")
    page.go_live_at = in_a_moment()
    page.save_revision().publish()
    wait_past(page.go_live_at)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduled_publishing", "--once", stdout=out)
    assert out.getvalue().strip() == "scheduled publishing: 1 published, 0 expired"
    page.refresh_from_db()
    assert page.live
