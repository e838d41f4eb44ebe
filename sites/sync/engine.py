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
    Change.objects.filter(pk=change.pk, dispatched_at__isnull=True).update(dispatched_at=timezone.now())
    return list(Delivery.objects.filter(change=change, state=Delivery.State.PENDING).values_list("space_id", flat=True))


def fan_out(change_id: int) -> int:
    """Create the change's deliveries and hand them to the workers in batches."""
    pending = create_deliveries(change_id)
    enqueue_batches(change_id, pending)
    return len(pending)


def enqueue_batches(change_id: int, space_ids: list[int]) -> None:
    from .tasks import deliver_batch_task

    size = batch_size()
    for start in range(0, len(space_ids), size):
        batch = sorted(space_ids[start : start + size])
        Delivery.objects.filter(change_id=change_id, space_id__in=batch).update(enqueued_at=timezone.now())
        deliver_batch_task.delay(change_id, batch)


def deliver_to_spaces(change_ids: list[int], space_ids: list[int]) -> None:
    """Deliver earlier changes to spaces that did not exist when they were fanned out (a space just opened)."""
    Delivery.objects.bulk_create(
        [Delivery(change_id=change_id, space_id=space_id) for change_id in change_ids for space_id in space_ids],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: [enqueue_batches(change_id, list(space_ids)) for change_id in change_ids])


def deliver_batch(change_id: int, space_ids: list[int]) -> int:
    """Apply a change to the spaces of a batch that have not received it yet. Returns how many did."""
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
            if not waiting:
                return 0
            handler(change, list(Space.objects.filter(pk__in=waiting).select_related("site__root_page")))
            Delivery.objects.filter(change=change, space_id__in=waiting).update(
                state=Delivery.State.DELIVERED,
                delivered_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
    except Exception as error:
        _record_failure(change, space_ids, error)  # after the rollback, so the record stays
        raise
    return len(waiting)


def _record_failure(change: Change, space_ids: list[int], error: Exception) -> None:
    deliveries = Delivery.objects.filter(change=change, space_id__in=space_ids, state=Delivery.State.PENDING)
    deliveries.update(attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000])
    deliveries.filter(attempts__gte=MAX_ATTEMPTS).update(state=Delivery.State.FAILED)


def redispatch(stuck_after: timedelta | None = None) -> dict[str, int]:
    """Hand again to the broker what never reached it, or what was handed but never delivered."""
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.SOCLE_SYNC_STUCK_AFTER)
    threshold = timezone.now() - stuck_after
    undispatched = list(
        Change.objects.filter(dispatched_at__isnull=True, created_at__lt=threshold).values_list("pk", flat=True)
    )
    for change_id in undispatched:
        fan_out(change_id)
    stuck = (
        Delivery.objects.filter(state=Delivery.State.PENDING, change__dispatched_at__isnull=False)
        .filter(enqueued_at__lt=threshold)
        .values_list("change_id", "space_id")
    )
    by_change: dict[int, list[int]] = {}
    for change_id, space_id in stuck:
        by_change.setdefault(change_id, []).append(space_id)
    for change_id, space_ids in by_change.items():
        enqueue_batches(change_id, space_ids)
    return {"changes": len(undispatched), "deliveries": sum(len(ids) for ids in by_change.values())}
