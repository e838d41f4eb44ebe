"""The delivery engine: record a change, fan it out to every space in batches, deliver, re-dispatch.

Tasks (``tasks.py``) are thin wrappers over these functions; tests and commands call them directly.
Every step is idempotent: running one twice leaves the same state as running it once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sites.spaces.models import Space

from .models import Change, Delivery
from .registry import handler_for
from .remote import create_link_deliveries, enqueue_link_deliveries

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def batch_size() -> int:
    return settings.SOCLE_SYNC_BATCH_SIZE


def record_change(kind: str, payload: dict) -> Change:
    """Write a change to the outbox, in the caller's transaction; hand it to the broker after commit."""
    handler_for(kind)  # refuse a change nobody could deliver, before anything is written
    change = Change.objects.create(kind=kind, payload=payload)
    transaction.on_commit(lambda: _hand_to_broker(change.pk))
    return change


def _hand_to_broker(change_id: int) -> None:
    from .tasks import fan_out_task

    try:
        fan_out_task.delay(change_id)
    except Exception:  # the broker is down: the change stays in the outbox for the re-dispatcher
        logger.warning(
            "Change %s could not be handed to the broker; it will be re-dispatched.", change_id, exc_info=True
        )


def create_deliveries(change_id: int) -> list[int]:
    """A pending delivery for every open space that has none yet; the spaces still waiting."""
    change = Change.objects.filter(pk=change_id).first()
    if change is None:
        return []
    spaces = Space.objects.exclude(status=Space.Status.CLOSED).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(change=change, space_id=space_id) for space_id in spaces],
        ignore_conflicts=True,
        batch_size=1000,
    )
    create_link_deliveries(change)
    Change.objects.filter(pk=change.pk, dispatched_at__isnull=True).update(dispatched_at=timezone.now())
    return list(Delivery.objects.filter(change=change, state=Delivery.State.PENDING).values_list("space_id", flat=True))


def fan_out(change_id: int) -> int:
    """Create the change's deliveries and hand to the workers, in batches, those never handed over yet.

    Run again (a fan-out redelivered after its worker died), it hands over only what the first run
    did not: what was handed and then lost is the re-dispatcher's to find (``repair``).
    """
    create_deliveries(change_id)
    enqueue_link_deliveries(change_id)
    never_handed = list(
        Delivery.objects.filter(change_id=change_id, state=Delivery.State.PENDING, enqueued_at__isnull=True)
        .exclude(space=None)
        .values_list("space_id", flat=True)
    )
    return enqueue_batches(change_id, never_handed)


def enqueue_batches(change_id: int, space_ids: list[int]) -> int:
    """Hand the deliveries to the broker in batches; how many it accepted.

    A delivery is marked handed over only once the broker has accepted its batch. If the broker
    fails, the rest stay as they were (never handed over, or handed long ago) and the
    re-dispatcher hands them on its next run: this never raises for a broker's failure.
    """
    from .tasks import deliver_batch_task

    size = batch_size()
    ordered = sorted(space_ids)
    for start in range(0, len(ordered), size):
        batch = ordered[start : start + size]
        try:
            deliver_batch_task.delay(change_id, batch)
        except Exception:
            if deliver_batch_task.app.conf.task_always_eager:
                raise  # no broker: the batch ran here, and it is the delivery that failed
            logger.warning(
                "Change %s: the broker refused %s deliveries; they will be re-dispatched.",
                change_id,
                len(ordered) - start,
                exc_info=True,
            )
            return start
        Delivery.objects.filter(change_id=change_id, space_id__in=batch, state=Delivery.State.PENDING).update(
            enqueued_at=timezone.now(), retry_at=None
        )
    return len(ordered)


def deliver_to_spaces(change_ids: list[int], space_ids: list[int]) -> None:
    """Deliver earlier changes to spaces that did not exist when they were fanned out (a space just opened)."""
    Delivery.objects.bulk_create(
        [Delivery(change_id=change_id, space_id=space_id) for change_id in change_ids for space_id in space_ids],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: [enqueue_batches(change_id, list(space_ids)) for change_id in change_ids])


def skip_deliveries(space: Space, reason: str) -> int:
    """The space will never receive what it still waits for: say why, and keep its name."""
    return Delivery.objects.filter(space=space, state=Delivery.State.PENDING).update(
        state=Delivery.State.SKIPPED, skip_reason=reason, space_slug=space.slug, space_name=space.name
    )


def space_closed(space: Space) -> int:
    """A closed space is left out of every fan-out from now on, and of the deliveries it waits for."""
    return skip_deliveries(space, Delivery.SkipReason.CLOSED)


def space_deleted(sender, instance: Space, **kwargs) -> None:
    """``pre_delete`` of a space: its deliveries stay, with its name, and what it waited for is skipped."""
    skip_deliveries(instance, Delivery.SkipReason.DELETED)
    Delivery.objects.filter(space=instance).update(space_slug=instance.slug, space_name=instance.name)


def deliver_batch(change_id: int, space_ids: list[int], retry_in: float | None = None) -> int:
    """Apply a change to the spaces of a batch that have not received it yet. Returns how many did.

    ``retry_in``: the most seconds the caller will wait before trying a failed batch again (a
    worker's retry with backoff), recorded so that the re-dispatcher leaves the batch to it.
    """
    change = Change.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    handler = handler_for(change.kind)
    try:
        with transaction.atomic():
            # Lock this batch's deliveries: a re-dispatched copy of the batch waits, then finds them done.
            waiting = list(
                Delivery.objects.select_for_update()
                .filter(change=change, space_id__in=space_ids, state=Delivery.State.PENDING)
                .values_list("space_id", flat=True)
            )
            spaces = list(Space.objects.filter(pk__in=waiting).select_related("site__root_page"))
            closed = [space for space in spaces if space.status == Space.Status.CLOSED]
            for space in closed:  # it closed after the fan-out began
                skip_deliveries(space, Delivery.SkipReason.CLOSED)
                waiting.remove(space.pk)
            if not waiting:
                return 0
            handler(change, [space for space in spaces if space.pk in waiting])
            Delivery.objects.filter(change=change, space_id__in=waiting).update(
                state=Delivery.State.DELIVERED,
                delivered_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
    except Exception as error:
        _record_failure(change, space_ids, error, retry_in)  # after the rollback, so the record stays
        raise
    return len(waiting)


def _record_failure(change: Change, space_ids: list[int], error: Exception, retry_in: float | None) -> None:
    deliveries = Delivery.objects.filter(change=change, space_id__in=space_ids, state=Delivery.State.PENDING)
    deliveries.update(
        attempts=F("attempts") + 1,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        retry_at=timezone.now() + timedelta(seconds=retry_in) if retry_in is not None else None,
    )
    deliveries.filter(attempts__gte=MAX_ATTEMPTS).update(state=Delivery.State.FAILED)
