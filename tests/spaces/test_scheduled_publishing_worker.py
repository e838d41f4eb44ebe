"""Against the real thing: a ``celery beat`` and a worker publish a scheduled page at its date, and
take it down at its expiry; two runs that overlap publish it once.

These tests commit to the test database (a worker cannot see a test's transaction): each builds its
page and removes it afterwards.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from sites.spaces.models import Space, StandardPage
from sites.spaces.scheduled import publish_scheduled
from tests.helpers import client_for
from tests.sync.conftest import Beat, Worker, stop_beat_and_worker, wait_for

# Beat runs scheduled publishing every second here (every minute in production).
EVERY_SECOND = {"SOCLE_PUBLISH_SCHEDULED_EVERY": "1"}


@pytest.fixture
def committed_page(real_database, django_db_blocker):
    """A draft page of Moscow's, committed; removed afterwards with its revisions and history."""
    with django_db_blocker.unblock():
        home = Space.objects.get(slug="moscow").site.root_page
        page = StandardPage(slug="scheduled-subbotnik", title_ru="Субботник по расписанию", live=False)
        home.add_child(instance=page)
        yield page
        PageLogEntry.objects.filter(page_id=page.pk).delete()
        StandardPage.objects.filter(pk=page.pk).delete()


@pytest.fixture
def beat_and_worker(real_services, django_db_blocker, tmp_path):
    services = real_services
    worker = Worker(services["database_url"], services["broker_url"], tmp_path / "worker.log", **EVERY_SECOND)
    beat = Beat(services["database_url"], services["broker_url"], tmp_path / "beat.log", **EVERY_SECOND)
    yield worker
    stop_beat_and_worker(beat, worker, django_db_blocker)


def is_live(page) -> bool:
    return StandardPage.objects.filter(pk=page.pk, live=True).exists()


def test_beat_publishes_a_page_at_its_go_live_date_and_takes_it_down_at_its_expiry(
    committed_page, beat_and_worker, django_db_blocker
):
    page = committed_page
    with django_db_blocker.unblock():
        page.go_live_at = timezone.now() + timedelta(seconds=2)
        page.save_revision().publish()  # scheduled, as the admin's Publish with a go-live date does
        assert not is_live(page)
        assert client_for("moscow.localhost").get("/ru/scheduled-subbotnik/").status_code == 404

        wait_for(lambda: is_live(page), 30, "the page to go live")
        assert timezone.now() >= page.go_live_at  # not before its date
        response = client_for("moscow.localhost").get("/ru/scheduled-subbotnik/")
        assert response.status_code == 200 and "Субботник по расписанию" in response.content.decode()

        page.refresh_from_db()
        page.expire_at = timezone.now() + timedelta(seconds=2)
        page.save_revision().publish()
        assert is_live(page)
        wait_for(lambda: not is_live(page), 30, "the page to come down at its expiry")
        page.refresh_from_db()
        assert page.expired
        assert client_for("moscow.localhost").get("/ru/scheduled-subbotnik/").status_code == 404
        actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert actions.count("wagtail.publish.scheduled") == 1
        assert actions.count("wagtail.unpublish.scheduled") == 1


def test_a_run_that_overlaps_another_skips_what_the_other_holds(committed_page, django_db_blocker):
    page = committed_page
    with django_db_blocker.unblock():
        page.go_live_at = timezone.now() + timedelta(seconds=1)
        page.save_revision().publish()
        revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
        wait_for(lambda: timezone.now() > page.go_live_at, 5, "the go-live date to pass")

        other_run = {}

        def run_beside():
            try:
                other_run["done"] = publish_scheduled()
            finally:
                connection.close()  # this thread's own connection

        with transaction.atomic():
            Revision.objects.select_for_update().get(pk=revision.pk)  # a first run is publishing it
            thread = threading.Thread(target=run_beside)
            thread.start()
            thread.join(timeout=10)
            assert not thread.is_alive(), "the second run waited on the first one's lock"
        assert other_run["done"] == {"published": 0, "expired": 0}
        assert not is_live(page)

        assert publish_scheduled() == {"published": 1, "expired": 0}
        assert is_live(page)
        assert publish_scheduled() == {"published": 0, "expired": 0}
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
