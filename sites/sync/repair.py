"""The re-dispatcher: what the broker never got, or got and then lost, is handed to it again.

Celery beat runs ``redispatch`` every ``SOCLE_SYNC_REDISPATCH_EVERY`` seconds (10 by default). It
hands again:

- changes never fanned out, recorded more than ``SOCLE_SYNC_LOST_AFTER`` seconds ago (15 by default:
  the hand-off after commit takes milliseconds, or the broker was down);
- pending deliveries never handed to the broker (it failed part way through a fan-out), recorded
  more than ``SOCLE_SYNC_LOST_AFTER`` ago;
- pending deliveries handed more than ``SOCLE_SYNC_LOST_AFTER`` ago while the broker's delivery
  queue is empty: the broker lost them (it restarted without its data, its queues were flushed, or
  a killed worker holds one unacknowledged). A batch being delivered right now has its rows locked
  and is left alone; one a worker will retry after a backoff is left to that retry until it is due;
- past ``SOCLE_SYNC_STUCK_AFTER`` (300 s), any pending delivery handed over and still not delivered,
  whatever the queue says: the fallback for a busy queue that hides a loss;
- what a linked install is still owed (``remote``): never handed, handed and not delivered within
  ``SOCLE_SYNC_LOST_AFTER``, or held while its link was paused.

Handing a batch twice is harmless: the engine locks the batch's rows and skips what is delivered.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import engine
from .models import Change, Delivery
from .remote import redispatch_link_deliveries

logger = logging.getLogger(__name__)


def queued_batches() -> int | None:
    """Messages waiting in the broker's delivery queue; None if the broker cannot say.

    Messages a worker holds (running, or waiting for a retry's countdown) are not counted.
    """
    from sites.celery import app

    if app.conf.task_always_eager:
        return 0  # tasks run in-process: nothing ever waits in a queue
    try:
        with app.connection_for_write() as connection:
            channel = connection.channel()
            try:
                return channel.queue_declare(queue=settings.SOCLE_SYNC_QUEUE, passive=True).message_count
            except connection.channel_errors:
                return 0  # no such queue: Redis drops an empty one, a flushed broker lost it
            finally:
                channel.close()
    except Exception:
        logger.warning("The broker's delivery queue could not be measured.", exc_info=True)
        return None


def redispatch(now: datetime | None = None) -> dict[str, int]:
    """Hand again to the broker what it never got or lost; how many changes and deliveries."""
    now = now or timezone.now()
    lost_before = now - timedelta(seconds=settings.SOCLE_SYNC_LOST_AFTER)
    stuck_before = now - timedelta(seconds=settings.SOCLE_SYNC_STUCK_AFTER)

    undispatched = list(
        Change.objects.filter(dispatched_at__isnull=True, created_at__lt=lost_before).values_list("pk", flat=True)
    )
    for change_id in undispatched:
        engine.fan_out(change_id)

    pending = Delivery.objects.filter(state=Delivery.State.PENDING).exclude(space=None)
    # Idle: handed over, and not failed with a worker's retry still to come.
    idle = pending.filter(enqueued_at__isnull=False).filter(Q(retry_at__isnull=True) | Q(retry_at__lt=lost_before))
    # Batches are owed but none waits: the broker lost them. A queue that still holds messages may
    # hide a loss among them (workers hold some too, uncounted): then only the stuck delay tells.
    queued = queued_batches() if idle.filter(enqueued_at__lt=lost_before).exists() else None
    lost_since = lost_before if queued == 0 else stuck_before

    # The rows handed again stay locked until they are: a re-dispatcher running beside this one skips
    # them, as it skips a batch being delivered right now (the engine locks its rows).
    with transaction.atomic():
        never_handed = list(
            pending.filter(enqueued_at__isnull=True, created_at__lt=lost_before)
            .select_for_update(skip_locked=True)
            .values_list("change_id", "space_id")
        )
        lost = list(
            idle.filter(enqueued_at__lt=lost_since)
            .select_for_update(skip_locked=True)
            .values_list("change_id", "space_id")
        )
        by_change: dict[int, list[int]] = {}
        for change_id, space_id in never_handed + lost:
            by_change.setdefault(change_id, []).append(space_id)
        for change_id, space_ids in by_change.items():
            engine.enqueue_batches(change_id, space_ids)
    to_links = redispatch_link_deliveries(now)
    if undispatched or never_handed or lost or to_links:
        logger.info(
            "Re-dispatched %s change(s), %s delivery(ies) never handed over and %s lost (%s message(s) queued); "
            "%s owed to linked installs.",
            len(undispatched),
            len(never_handed),
            len(lost),
            queued,
            to_links,
        )
    return {"changes": len(undispatched), "never_handed": len(never_handed), "lost": len(lost), "links": to_links}
