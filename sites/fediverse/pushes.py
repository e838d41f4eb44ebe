"""What a space sends its fediverse followers: ``Create``, ``Update`` and ``Delete`` of its shared events,
and the ``Accept`` of a follow.

Each activity a space owes an inbox is a ``Push`` row, written in the transaction of the change it
tells of (so a change published is never lost to its followers), handed to a worker after commit,
and sent signed as the space. A server that does not take it is asked again with a growing pause
(a minute, then up to a day) for about three days; one that refuses it (a 4xx answer) is not asked
again; one that says the inbox is gone (410) loses its followers of the space. A push the broker
never got or lost is handed again by the re-dispatcher. A follower's server with many followers of
the space gets each activity once, at its shared inbox.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sites.events.activitystreams import CONTEXT, PUBLIC, actor_id, event_id, event_object
from sites.events.models import EventPage
from sites.events.relay import EVENT_CHANGE, shared_with_the_network_before
from sites.federation import client
from sites.spaces.models import Space

from . import httpsig
from .actors import followers_id, signing_key
from .models import Follower, Push

logger = logging.getLogger(__name__)

# Seconds before asking a server again, after each failed attempt; after the last, the push fails.
BACKOFF = (60, 300, 1800, 7200, 21600, 43200, 86400, 86400)


def owe(space, inboxes, activity: dict) -> list[int]:
    """Record ``activity`` as owed to each inbox (in the caller's transaction); hand them after commit."""
    due = timezone.now() + timedelta(seconds=settings.SOCLE_SYNC_LOST_AFTER)  # re-dispatched then, if lost
    rows = Push.objects.bulk_create([Push(space=space, inbox=inbox, activity=activity, retry_at=due)
                                     for inbox in sorted(set(inboxes))])  # fmt: skip
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: [hand(pk) for pk in ids])
    return ids


def hand(push_id: int) -> bool:
    """Hand a push to the broker; whether it took it (if not, the re-dispatcher hands it later)."""
    from .tasks import push_task

    try:
        push_task.delay(push_id)
    except Exception:
        if push_task.app.conf.task_always_eager:
            raise
        logger.warning("Fediverse push %s: the broker refused it; it will be re-dispatched.", push_id, exc_info=True)
        return False
    return True


def event_activity(change, space) -> dict | None:
    """The activity that tells followers of this change of an event, or None if they have nothing to learn."""
    payload = change.payload
    before = shared_with_the_network_before(change)
    event = EventPage.objects.filter(pk=payload["event"]).first()
    if event is None:
        return None
    now = timezone.now().isoformat()
    common = {"@context": CONTEXT, "actor": actor_id(space), "published": now,
              "to": [PUBLIC], "cc": [followers_id(space)]}  # fmt: skip
    address = event_id(event, space)
    if payload["listing"] is not None and payload["targets"] is None:
        shown = event_object(event, space)
        del shown["@context"]
        kind = "Update" if before else "Create"
        return {**common, "id": f"{address}#{kind.lower()}-{payload['sequence']}", "type": kind, "object": shown}
    if before:  # unpublished, deleted, or now shared with chosen spaces only: gone from the fediverse
        tombstone = {"id": address, "type": "Tombstone", "formerType": "Event", "deleted": now}
        return {**common, "id": f"{address}#delete-{payload['sequence']}", "type": "Delete", "object": tombstone}
    return None


def on_change_recorded(sender, instance, created: bool, **kwargs) -> None:
    """``post_save`` of a shared change: a change of one of this install's events is owed to its space's followers."""
    if not created or instance.kind != EVENT_CHANGE or not instance.payload.get("origin_space"):
        return  # another kind, or an event of a linked install's space (its own install tells its followers)
    inboxes = {
        follower.delivery_inbox for follower in Follower.objects.filter(space_id=instance.payload["origin_space"])
    }
    if not inboxes:
        return
    space = Space.objects.select_related("site").get(pk=instance.payload["origin_space"])
    activity = event_activity(instance, space)
    if activity is not None:
        owe(space, inboxes, activity)


def push(push_id: int) -> bool:
    """Send one owed activity (unless it was sent meanwhile); whether it is delivered now."""
    with transaction.atomic():
        row = Push.objects.select_for_update(skip_locked=True).filter(pk=push_id, state=Push.State.PENDING)
        row = row.select_related("space__site").first()
        if row is None:
            return Push.objects.filter(pk=push_id, state=Push.State.DELIVERED).exists()
        body = json.dumps(row.activity, ensure_ascii=False, separators=(",", ":")).encode()
        headers = httpsig.sign("POST", row.inbox, body, *signing_key(row.space))
        headers["Content-Type"] = "application/activity+json"
        row.attempts += 1
        try:
            response = client.request("POST", row.inbox, body, headers, max_size=64 * 1024)
            status = response.status_code
        except client.Unreachable as error:
            status, row.last_error = None, str(error)[:2000]
        if status is not None and 200 <= status < 300:
            row.state, row.delivered_at, row.last_error, row.retry_at = Push.State.DELIVERED, timezone.now(), "", None
        elif status == 410:  # the account, or its whole server, is gone for good: it follows no more
            row.state, row.last_error, row.retry_at = Push.State.FAILED, f"{row.inbox} is gone (410).", None
            Follower.objects.filter(Q(inbox=row.inbox) | Q(shared_inbox=row.inbox), space=row.space).delete()
        elif status is not None and 400 <= status < 500 and status not in (408, 429):
            row.state, row.last_error, row.retry_at = Push.State.FAILED, f"{row.inbox} refused it ({status}).", None
        else:
            if status is not None:
                row.last_error = f"{row.inbox} answered {status}."
            if row.attempts > len(BACKOFF):
                row.state, row.retry_at = Push.State.FAILED, None
            else:
                row.retry_at = timezone.now() + timedelta(seconds=BACKOFF[row.attempts - 1])
        row.save(update_fields=["state", "attempts", "last_error", "retry_at", "delivered_at"])
    if row.state != Push.State.DELIVERED:
        logger.warning("Fediverse push %s to %s: %s", push_id, row.inbox, row.last_error)
    return row.state == Push.State.DELIVERED


def redispatch(now=None) -> int:
    """Hand again every push whose time has come: a retry due, or one the broker never got or lost."""
    now = now or timezone.now()
    due = Push.objects.filter(Q(retry_at__lte=now) | Q(retry_at__isnull=True), state=Push.State.PENDING)
    handed = 0
    for push_id in list(due.values_list("pk", flat=True)[:1000]):
        # Marked first: if this hand-over is lost too, it is handed again after the same wait.
        Push.objects.filter(pk=push_id).update(retry_at=now + timedelta(seconds=settings.SOCLE_SYNC_LOST_AFTER))
        handed += hand(push_id)
    return handed
