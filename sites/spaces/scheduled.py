"""Scheduled publishing: what an editor set to go live or to expire at a date happens at that date.

Wagtail keeps a scheduled publication as the revision it approved (``approved_go_live_at``) and an
expiry as the object's ``expire_at``, and acts on them only when something runs its
``publish_scheduled`` command. Beat runs ``publish_scheduled`` below every minute (the
``publish-scheduled`` entry of ``CELERY_BEAT_SCHEDULE``). It does what Wagtail's command does,
through the same calls (``Revision.publish``, ``unpublish(set_expired=True)``), so the same signals
follow: the page cache purges the space's pages, an event is announced to the spaces it is shared
with, a value or principle becomes a new version. But each object is published or taken down in a
transaction of its own, under a row lock taken with SKIP LOCKED and re-checked once held: two runs
that overlap (a slow run and the next one) never act twice on the same object, and an object that
fails is logged and tried again at the next run without holding back the others.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)


def scheduled_models() -> list:
    """Pages, and every other model with drafts (values and principles): those Wagtail schedules."""
    drafted = [model for model in apps.get_models() if issubclass(model, DraftStateMixin)]
    return [Page, *(model for model in drafted if not issubclass(model, Page))]


def publish_scheduled(now=None) -> dict[str, int]:
    """Take down what has expired, then publish what is due; how many of each this run did."""
    now = now or timezone.now()
    expired = sum(_expire(model, pk, now) for model, pk in _due_expiries(now))
    published = sum(_publish(pk, now) for pk in _due_revisions(now))
    if expired or published:
        logger.info("Scheduled publishing: %d published, %d expired", published, expired)
    return {"published": published, "expired": expired}


def _due_expiries(now) -> list[tuple]:
    return [
        (model, pk)
        for model in scheduled_models()
        for pk in model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at").values_list("pk", flat=True)
    ]


def _due_revisions(now) -> list[int]:
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    return list(due.values_list("pk", flat=True))


def _expire(model, pk, now) -> bool:
    try:
        with transaction.atomic():
            item = model.objects.select_for_update(skip_locked=True).filter(pk=pk, live=True, expire_at__lt=now).first()
            if item is None:
                return False  # another run holds it, or has taken it down already
            if isinstance(item, Page):
                item = item.specific  # its own unpublish (an event's announces the withdrawal)
            item.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            return True
    except Exception:
        logger.exception("Could not take down %s %s at its expiry date; tried again next run", model._meta.label, pk)
        return False


def _publish(pk, now) -> bool:
    try:
        with transaction.atomic():
            revision = (
                Revision.objects.select_for_update(skip_locked=True).filter(pk=pk, approved_go_live_at__lt=now).first()
            )
            if revision is None:
                return False  # another run holds it, has published it, or the schedule was cancelled
            revision.publish(log_action="wagtail.publish.scheduled")
            return True
    except Exception:
        logger.exception("Could not publish revision %s at its go-live date; tried again next run", pk)
        return False
