"""Against the real thing: Celery workers on Redis and PostgreSQL, killed and restarted mid-fan-out.

These tests commit to the test database (a worker cannot see a test's transaction), so each one
builds what it needs and removes it afterwards.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from sites.core.models import Adoption, CoreVersion, Notification, PracticePage, Principle, ReviewItem
from sites.core.publishing import publish
from sites.spaces.models import Space
from sites.sync import engine
from sites.sync.models import Change, Delivery
from tests.helpers import add_bare_spaces

from .conftest import Worker, broker, flush_broker, wait_for

SPACES = 200


@pytest.fixture
def network(real_services, django_db_blocker, tmp_path):
    """200 extra spaces and a principle of their own, committed; all removed afterwards."""
    with django_db_blocker.unblock():
        flush_broker(real_services["broker_url"])
        add_bare_spaces(SPACES, prefix="worker")
        principle = Principle.objects.create(slug="worker-test", statement_fr="Tester pour de vrai", version=0)
        # Paris's colunch embodies it (written to the table: the page's own relation saves with the page).
        link = PracticePage.principles.through.objects.create(
            practicepage=PracticePage.objects.get(slug="colunch"), principle=principle
        )
        changes_before = set(Change.objects.values_list("pk", flat=True))
        yield principle
        Change.objects.exclude(pk__in=changes_before).delete()
        CoreVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(Principle), object_id=principle.pk
        ).delete()
        link.delete()
        principle.delete()
        Space.objects.filter(slug__startswith="worker-").delete()
        from wagtail.models import Page, Site

        Site.objects.filter(hostname__startswith="worker-").delete()
        Page.objects.filter(slug="worker-home").delete()
        flush_broker(real_services["broker_url"])


def every_space_has(principle, version: int) -> bool:
    delivered = Delivery.objects.filter(change__payload__principle=principle.pk, change__payload__version=version)
    return (
        delivered.filter(state=Delivery.State.DELIVERED).count() == Space.objects.count()
        and Adoption.objects.filter(principle=principle, latest_version=version).count() == Space.objects.count()
    )


def assert_delivered_exactly_once(principle, version: int) -> None:
    total = Space.objects.count()
    assert Adoption.objects.filter(principle=principle).count() == total
    assert Adoption.objects.filter(principle=principle, latest_version=version).count() == total
    assert Notification.objects.filter(principle=principle, version=version).count() == total
    assert ReviewItem.objects.filter(principle=principle, to_version=version).count() == 1  # Paris's colunch


def test_a_worker_killed_mid_fan_out_loses_nothing_and_duplicates_nothing(
    network, real_services, django_db_blocker, tmp_path
):
    principle = network
    log = tmp_path / "worker.log"
    # One space per task: the fan-out lasts long enough to be interrupted.
    worker = Worker(real_services, log, SOCLE_SYNC_BATCH_SIZE="1")
    try:
        with django_db_blocker.unblock(), broker(real_services["broker_url"]):
            version = publish(principle)  # autocommit: handed to the broker at once
            delivered = Delivery.objects.filter(change__payload__principle=principle.pk, state="delivered")
            wait_for(lambda: delivered.count() >= 5, 60, "the first deliveries")
            worker.kill()
            done_at_kill = delivered.count()
            assert done_at_kill < Space.objects.count(), "the fan-out finished before the kill: nothing was proven"

            worker = Worker(real_services, log)
            # What the beat does every minute: hand again what a dead worker held.
            engine.redispatch(stuck_after=timedelta(0))
            wait_for(lambda: every_space_has(principle, version.number), 120, "every space at the new version")
            assert_delivered_exactly_once(principle, version.number)
    finally:
        worker.stop()


def test_publishing_while_the_broker_is_down_succeeds_and_is_delivered_once_it_is_back(
    network, real_services, django_db_blocker, tmp_path
):
    principle = network
    with django_db_blocker.unblock():
        with broker("redis://127.0.0.1:1/0"):  # nothing listens on port 1
            version = publish(principle)
        change = Change.objects.get(payload__principle=principle.pk, payload__version=version.number)
        assert change.dispatched_at is None
        assert not Delivery.objects.filter(change=change).exists()
        assert not Adoption.objects.filter(principle=principle).exists()

        worker = Worker(real_services, tmp_path / "worker.log")
        try:
            with broker(real_services["broker_url"]):
                engine.redispatch(stuck_after=timedelta(0))
                wait_for(lambda: every_space_has(principle, version.number), 120, "delivery after the broker is back")
            assert_delivered_exactly_once(principle, version.number)
        finally:
            worker.stop()
