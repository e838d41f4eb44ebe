"""Deliveries to linked installs: a change whose kind crosses (``registry.exports``) is pushed to each
install linked as a member (and up to the network's install, for a kind that goes both ways),
signed, with the outbox's guarantees: recorded in the change's transaction, pushed in the order the
changes were made, asked again while the install is away, re-dispatched when lost, and applied once
on the other side (the message's id). A paused link keeps its deliveries pending until it is
resumed; a revoked one skips them. The same deliveries are what the install pulls
(``federation.feed``).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from sites.federation import outbox
from sites.federation.models import Link

from .models import Change, Delivery
from .registry import export_for, goes_both_ways

logger = logging.getLogger(__name__)

# An install that did not take a message is asked again this many seconds later, as long as it takes:
# a short pause, because asking a stopped server costs little and it must catch up soon after it returns.
RETRY_AFTER = 10

# In a change's payload, the link it came in by (a linked install's message recorded here): not sent back.
CAME_FROM = "came_from_link"


def create_link_deliveries(change: Change) -> None:
    """A pending delivery for each install linked as a member (and the network's install, for a kind
    that goes both ways) when this kind of change crosses; never back to the install it came from."""
    if export_for(change.kind) is None:
        return
    links = Link.objects.exclude(state=Link.State.REVOKED)
    if not goes_both_ways(change.kind):
        links = links.filter(role=Link.Role.MEMBER)
    if change.payload.get(CAME_FROM):
        links = links.exclude(pk=change.payload[CAME_FROM])
    links = links.values_list("pk", flat=True)
    Delivery.objects.bulk_create([Delivery(change=change, link_id=pk) for pk in links], ignore_conflicts=True)


def deliver_earlier_changes(change_ids: list[int], link: Link) -> None:
    """Earlier changes for an install just linked (what it must catch up on), after commit."""
    Delivery.objects.bulk_create(
        [Delivery(change_id=change_id, link=link) for change_id in change_ids], ignore_conflicts=True
    )
    transaction.on_commit(lambda: [enqueue_link_deliveries(change_id, [link.pk]) for change_id in change_ids])


def enqueue_link_deliveries(change_id: int, link_ids: list[int] | None = None) -> int:
    """Hand the change's pending link deliveries to the broker; how many it accepted."""
    from .tasks import deliver_to_link_task

    pending = Delivery.objects.filter(change_id=change_id, state=Delivery.State.PENDING, link__isnull=False)
    if link_ids is not None:
        pending = pending.filter(link_id__in=link_ids)
    handed = 0
    for link_id in list(pending.values_list("link_id", flat=True)):
        # Marked before it is handed over: the task may run (and fail, and set its retry) at once.
        owed = Delivery.objects.filter(change_id=change_id, link_id=link_id, state=Delivery.State.PENDING)
        owed.update(enqueued_at=timezone.now(), retry_at=None)
        try:
            deliver_to_link_task.delay(change_id, link_id)
        except Exception:
            if deliver_to_link_task.app.conf.task_always_eager:
                raise
            owed.update(enqueued_at=None)  # never handed over, as far as the re-dispatcher can tell
            logger.warning("Change %s for link %s: the broker refused it; it will be re-dispatched.",
                           change_id, link_id, exc_info=True)  # fmt: skip
            return handed
        handed += 1
    return handed


def deliver_to_link(change_id: int, link_id: int) -> bool:
    """Push what the linked install is owed, in order, up to this change; whether this one is delivered.

    Earlier changes still owed go first: the other install receives each in the order it was made,
    and two pushers of one link keep that order (each delivery's row is locked while it is pushed, and
    a pusher stops at the first that is not taken). An install that does not take one (down, or
    refusing) is asked again by the re-dispatcher ``RETRY_AFTER`` seconds later, for as long as it
    takes, since an install may be down for hours: the delivery never turns failed, its last error
    says what happens. A paused link keeps its deliveries pending; a revoked one skips them.
    """
    link = Link.objects.filter(pk=link_id).first()
    if link is None:
        return False
    if link.state == Link.State.REVOKED:
        Delivery.objects.filter(link=link, state=Delivery.State.PENDING).update(
            state=Delivery.State.SKIPPED, skip_reason=Delivery.SkipReason.REVOKED
        )
        return False
    if link.state == Link.State.PAUSED:
        return False
    owed = Delivery.objects.filter(link=link, state=Delivery.State.PENDING, change_id__lte=change_id)
    for owed_change in list(owed.order_by("change_id").values_list("change_id", flat=True)):
        if not _push_one(owed_change, link):
            return False
    return Delivery.objects.filter(change_id=change_id, link=link, state=Delivery.State.DELIVERED).exists()


def _push_one(change_id: int, link: Link) -> bool:
    """Push one owed change (unless another pusher just did); whether it is delivered now."""
    try:
        with transaction.atomic():
            delivery = (
                Delivery.objects.select_for_update()
                .filter(change_id=change_id, link=link, state=Delivery.State.PENDING)
                .select_related("change")
                .first()
            )
            if delivery is None:
                return True  # delivered meanwhile by another pusher
            message = export_for(delivery.change.kind)(delivery.change, link)
            if message is not None:
                outbox.push(link, message)
            delivery.state, delivery.delivered_at, delivery.last_error = Delivery.State.DELIVERED, timezone.now(), ""
            delivery.attempts += 1
            delivery.save(update_fields=["state", "delivered_at", "last_error", "attempts"])
    except outbox.NotDelivered as error:
        # After the rollback, so that the record stays.
        Delivery.objects.filter(change_id=change_id, link=link, state=Delivery.State.PENDING).update(
            attempts=F("attempts") + 1,
            last_error=str(error)[:2000],
            retry_at=timezone.now() + timedelta(seconds=RETRY_AFTER),
        )
        Link.objects.filter(pk=link.pk).update(last_error=str(error)[:2000])
        logger.warning("Change %s was not delivered to link %s: %s", change_id, link.pk, error)
        return False
    return True


def acknowledged(link: Link, up_to: int) -> int:
    """The linked install pulled everything up to this change: what it was owed so far is delivered."""
    return Delivery.objects.filter(link=link, state=Delivery.State.PENDING, change_id__lte=up_to).update(
        state=Delivery.State.DELIVERED, delivered_at=timezone.now(), last_error=""
    )


def redispatch_link_deliveries(now: datetime) -> int:
    """Hand again what a linked install is still owed: never handed, lost, or waiting for a resumed link."""
    lost_before = now - timedelta(seconds=settings.SOCLE_SYNC_LOST_AFTER)
    owed = Delivery.objects.filter(state=Delivery.State.PENDING, link__state=Link.State.ACTIVE).filter(
        Q(enqueued_at__isnull=True, created_at__lt=lost_before)  # never handed over
        | Q(retry_at__lt=now)  # not taken, and its time to ask again has come
        | Q(retry_at__isnull=True, enqueued_at__lt=lost_before)  # handed over, then lost (or held while paused)
    )
    handed = 0
    for change_id, link_id in owed.values_list("change_id", "link_id"):
        handed += enqueue_link_deliveries(change_id, [link_id])
    return handed
