"""Against the real thing: Celery workers and beat on PostgreSQL, and on Redis and RabbitMQ.

These tests commit to the test database (a worker cannot see a test's transaction), so each one
builds what it needs and removes it afterwards. No test hands anything to the broker again itself:
only the worker, its retries and the beat's re-dispatcher repair.
"""

import time

from django.contrib.auth import get_user_model
from django.test import Client

from sites.core.models import Value
from sites.core.publishing import publish
from sites.spaces.models import Space
from sites.sync.engine import record_change
from sites.sync.models import Change, Delivery
from tests.helpers import admin_form_data

from .conftest import Worker, assert_delivered_exactly_once, broker, every_space_has, wait_for
from .flaky_change import FAILURES, FLAKY_CHANGE


def test_a_worker_killed_mid_fan_out_loses_nothing_and_duplicates_nothing(
    network, repairing, proxy, real_database, django_db_blocker, tmp_path
):
    principle, worker = network, repairing
    with django_db_blocker.unblock(), broker(proxy.through):
        version = publish(principle)  # autocommit: handed to the broker at once
        delivered = Delivery.objects.filter(change__payload__principle=principle.pk, state="delivered")
        wait_for(lambda: delivered.count() >= 5, 60, "the first deliveries")
        worker.kill()  # what it held unacknowledged stays with the broker (Redis: for an hour)
        assert delivered.count() < Space.objects.count(), "the fan-out finished before the kill: nothing was proven"

        worker = Worker(real_database, proxy.through, tmp_path / "worker-2.log", SOCLE_SYNC_LOST_AFTER="4")
        try:
            wait_for(lambda: every_space_has(principle, version.number), 60, "every space at the new version")
            assert_delivered_exactly_once(principle, version.number)
        finally:
            worker.stop()


def test_publishing_on_a_hung_broker_returns_at_once_and_is_delivered_once_it_answers(
    network, repairing, proxy, django_db_blocker
):
    principle = network
    with django_db_blocker.unblock(), broker(proxy.through):
        coordinator = get_user_model().objects.create_superuser("hung-broker", "c@example.org", "pw")
        try:
            proxy.hang()  # connections accepted, never answered
            # A coordinator publishes in code, then through the admin: neither waits on the broker.
            started = time.monotonic()
            publish(principle)
            assert time.monotonic() - started < 2, "publishing waited on the hung broker"

            client = Client(HTTP_HOST="localhost")
            client.force_login(coordinator)
            edit = f"/admin/snippets/core/principle/edit/{principle.pk}/"
            form = admin_form_data(
                client,
                edit,
                values=[Value.objects.values_list("pk", flat=True).first()],
                change_note_fr="Une deuxième fois",
                **{"action-publish": "1"},
            )
            started = time.monotonic()
            response = client.post(edit, form)
            assert time.monotonic() - started < 2, "the admin's Publish waited on the hung broker"
            assert response.status_code == 302, response.context["form"].errors
            principle.refresh_from_db()
            assert principle.version == 2
            changes = Change.objects.filter(payload__principle=principle.pk)
            assert changes.count() == 2 and not changes.exclude(dispatched_at=None).exists(), "left the outbox"

            proxy.restart()
            wait_for(lambda: every_space_has(principle, 2), 60, "delivery once the broker answers")
            assert_delivered_exactly_once(principle, 2)
        finally:
            coordinator.delete()


def test_a_delivery_that_fails_twice_is_retried_by_the_worker_with_backoff(
    real_database, proxy, django_db_blocker, tmp_path
):
    # No beat: only the worker's own retries can deliver it.
    worker = Worker(
        real_database, proxy.through, tmp_path / "worker.log", SOCLE_TEST_CELERY_IMPORTS="tests.sync.flaky_change"
    )
    try:
        with django_db_blocker.unblock(), broker(proxy.through):
            change = record_change(FLAKY_CHANGE, {})
            deliveries = Delivery.objects.filter(change=change)
            try:
                wait_for(
                    lambda: deliveries.exists() and not deliveries.exclude(state=Delivery.State.DELIVERED).exists(),
                    60,
                    "the third attempt's success",
                )
                assert deliveries.count() == Space.objects.count()
                assert set(deliveries.values_list("attempts", flat=True)) == {FAILURES + 1}
                assert set(deliveries.values_list("last_error", flat=True)) == {""}
                assert b"Retry in" in worker.log.read_bytes()  # Celery's autoretry, with its countdown
            finally:
                change.delete()
    finally:
        worker.stop()
