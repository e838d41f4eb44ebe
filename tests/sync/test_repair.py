"""The re-dispatcher hands again what the broker never got or lost, and leaves alone what it still holds.

The broker is stood in for here (what it accepted is recorded, what its queue holds is given); the
real-worker tests run the same repairs against Redis and RabbitMQ.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from sites.core.models import Principle
from sites.spaces.models import Space
from sites.sync import engine, repair, tasks
from sites.sync.models import Change, Delivery

from .flaky_change import FLAKY_CHANGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def change():
    principle = Principle.objects.get(slug="listen")
    return Change.objects.create(
        kind="core.principle", payload={"principle": principle.pk, "version": 2}, dispatched_at=timezone.now()
    )


@pytest.fixture
def broker(monkeypatch):
    """A broker that records the batches it accepts (and refuses them while ``down``), holding ``queued``."""

    class Broker:
        accepted: list[tuple[int, list[int]]] = []
        down = False
        queued = 0

        def delay(self, change_id, space_ids):
            if self.down:
                raise ConnectionError("broker unreachable")
            self.accepted.append((change_id, space_ids))

    stand_in = Broker()
    stand_in.accepted = []
    monkeypatch.setitem(tasks.deliver_batch_task.app.conf, "task_always_eager", False)  # a broker stands in
    monkeypatch.setattr(tasks.deliver_batch_task, "delay", stand_in.delay)
    monkeypatch.setattr(repair, "queued_batches", lambda: stand_in.queued)
    return stand_in


def later(seconds: float):
    return timezone.now() + timedelta(seconds=seconds)


def handed_spaces(broker) -> set[int]:
    return {space_id for _change_id, space_ids in broker.accepted for space_id in space_ids}


def test_a_batch_the_broker_refused_is_never_marked_handed_and_is_handed_on_the_next_run(change, broker):
    spaces = sorted(Space.objects.values_list("pk", flat=True))
    Delivery.objects.bulk_create([Delivery(change=change, space_id=pk) for pk in spaces])
    broker.down = True
    assert engine.enqueue_batches(change.pk, spaces) == 0
    assert not Delivery.objects.filter(change=change, enqueued_at__isnull=False).exists()

    broker.down = False
    assert repair.redispatch()["never_handed"] == 0  # within the grace a hand-off may still be under way
    assert repair.redispatch(now=later(settings.SOCLE_SYNC_LOST_AFTER + 1))["never_handed"] == len(spaces)
    assert handed_spaces(broker) == set(spaces)
    assert not Delivery.objects.filter(change=change, enqueued_at__isnull=True).exists()


def test_a_fan_out_cut_short_by_the_broker_hands_over_the_rest_once_it_answers(change, broker, settings, monkeypatch):
    settings.SOCLE_SYNC_BATCH_SIZE = 1
    change.dispatched_at = None
    change.save()
    accepted_before_failing = 1

    def fails_after_one(change_id, space_ids):
        if len(broker.accepted) >= accepted_before_failing:
            raise ConnectionError("broker gone")
        broker.accepted.append((change_id, space_ids))

    monkeypatch.setattr(tasks.deliver_batch_task, "delay", fails_after_one)
    assert engine.fan_out(change.pk) == 1
    deliveries = Delivery.objects.filter(change=change)
    assert deliveries.filter(enqueued_at__isnull=False).count() == 1

    accepted_before_failing = 100
    result = repair.redispatch(now=later(settings.SOCLE_SYNC_LOST_AFTER + 1))
    assert result["never_handed"] == Space.objects.count() - 1
    assert handed_spaces(broker) == set(Space.objects.values_list("pk", flat=True))


def test_deliveries_lost_by_the_broker_are_handed_again_but_not_while_its_queue_holds_them(change, broker):
    spaces = sorted(Space.objects.values_list("pk", flat=True))
    handed_at = timezone.now()
    Delivery.objects.bulk_create([Delivery(change=change, space_id=pk, enqueued_at=handed_at) for pk in spaces])
    after_grace = later(settings.SOCLE_SYNC_LOST_AFTER + 1)

    broker.queued = 1  # batches owed, a message waiting: the loss is not certain
    assert repair.redispatch(now=after_grace)["lost"] == 0
    assert broker.accepted == []

    broker.queued = 0  # the broker restarted empty, or its queues were flushed
    assert repair.redispatch(now=after_grace)["lost"] == len(spaces)
    assert handed_spaces(broker) == set(spaces)


def test_a_busy_queue_hides_no_loss_past_the_stuck_delay(change, broker):
    space = Space.objects.get(slug="paris")
    Delivery.objects.create(change=change, space=space, enqueued_at=timezone.now())
    broker.queued = 50  # other batches wait: this one may be among them
    assert repair.redispatch(now=later(settings.SOCLE_SYNC_LOST_AFTER + 1))["lost"] == 0
    assert repair.redispatch(now=later(settings.SOCLE_SYNC_STUCK_AFTER + 1))["lost"] == 1
    assert handed_spaces(broker) == {space.pk}


def test_a_batch_awaiting_its_workers_retry_is_left_to_it_until_the_retry_is_overdue(change, broker):
    space = Space.objects.get(slug="moscow")
    retry_at = timezone.now() + timedelta(seconds=60)
    Delivery.objects.create(change=change, space=space, enqueued_at=timezone.now(), attempts=3, retry_at=retry_at)
    broker.queued = 0  # the worker holds the retry itself: the queue is empty
    assert repair.redispatch(now=later(settings.SOCLE_SYNC_LOST_AFTER + 1))["lost"] == 0
    assert repair.redispatch(now=later(60 + settings.SOCLE_SYNC_LOST_AFTER + 1))["lost"] == 1


def test_a_failed_attempt_records_when_the_workers_retry_is_due():
    change = Change.objects.create(kind=FLAKY_CHANGE, payload={}, dispatched_at=timezone.now())
    space = Space.objects.get(slug="bangalore")
    delivery = Delivery.objects.create(change=change, space=space, enqueued_at=timezone.now())
    with pytest.raises(RuntimeError):
        engine.deliver_batch(change.pk, [space.pk], retry_in=tasks.retry_countdown_at_most(1))
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.state == Delivery.State.PENDING
    assert timezone.now() < delivery.retry_at <= timezone.now() + timedelta(seconds=4)
