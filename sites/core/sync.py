"""What a new principle version asks of each space, applied by the sync engine one batch at a time.

Idempotent and monotonic: delivering a version twice changes nothing the second time, and a
version older than one a space already received never takes its adoption backwards.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F

from sites.pagecache.store import purge
from sites.pagecache.tags import list_tag, tag_for
from sites.spaces.trees import SpaceTrees
from sites.sync.registry import register

from .models import Adoption, Notification, PracticePage, Principle, ReviewItem
from .notify import email_principle_update
from .publishing import PRINCIPLE_CHANGE


@register(PRINCIPLE_CHANGE)
def deliver_principle_version(change, spaces) -> None:
    principle_id = change.payload["principle"]
    version = change.payload["version"]
    space_ids = [space.pk for space in spaces]

    raised = Adoption.objects.filter(
        space_id__in=space_ids, principle_id=principle_id, latest_version__lt=version
    ).update(latest_version=version)
    if raised < len(space_ids):
        # Some spaces have never received the principle (or are past this version already: the
        # conflict leaves them as they are). Usually none: every space has it after the first version.
        Adoption.objects.bulk_create(
            [Adoption(space_id=pk, principle_id=principle_id, latest_version=version) for pk in space_ids],
            ignore_conflicts=True,
        )
    purge_principle_pages(space_ids, principle_id)
    # Spaces for which this is the newest version and that have not adopted it yet.
    behind = dict(
        Adoption.objects.filter(
            space_id__in=space_ids, principle_id=principle_id, latest_version=version, adopted_version__lt=version
        ).values_list("space_id", "adopted_version")
    )
    if not behind:
        return

    already = set(
        Notification.objects.filter(space_id__in=behind, principle_id=principle_id, version=version).values_list(
            "space_id", flat=True
        )
    )
    new = [pk for pk in behind if pk not in already]
    Notification.objects.bulk_create(
        [Notification(space_id=pk, principle_id=principle_id, version=version) for pk in new],
        ignore_conflicts=True,
    )
    if new and settings.SOCLE_NOTIFY_BY_EMAIL:
        # After commit: a delivery rolled back sends nothing, and a redelivery finds the notice made.
        transaction.on_commit(lambda: email_principle_update(new, principle_id, version))

    trees = SpaceTrees(space for space in spaces if space.pk in behind)
    items = []
    for practice_id, path in PracticePage.objects.filter(principles=principle_id).values_list("pk", "path"):
        space_id = trees.space_id(path)
        if space_id is not None:
            items.append(
                ReviewItem(
                    space_id=space_id,
                    practice_id=practice_id,
                    principle_id=principle_id,
                    from_version=behind[space_id],
                    to_version=version,
                )
            )
    ReviewItem.objects.bulk_create(items, ignore_conflicts=True)


def purge_principle_pages(space_ids: list[int], principle_id: int) -> None:
    """Forget the cached pages of these spaces that show the principle or list the principles.

    Purged now and again after commit: a page rendered from the old text between the two is not kept.
    """
    tags = [f"{list_tag(Principle)}:{principle_id}", list_tag(Principle)]
    purge(space_ids, tags)
    transaction.on_commit(lambda: purge(space_ids, tags))


def purge_reading_pages(sender, instance, **kwargs) -> None:
    """A space's reading of a principle changed: its pages that show the reading are purged."""
    transaction.on_commit(lambda: purge([instance.space_id], [tag_for(instance)]))


def acknowledge(space, principle, user=None) -> int:
    """A local editor has reviewed the space's practices: the space takes up the latest version."""
    from django.utils import timezone

    adoption = Adoption.objects.get(space=space, principle=principle)
    Adoption.objects.filter(pk=adoption.pk).update(adopted_version=F("latest_version"))
    Notification.objects.filter(space=space, principle=principle, read_at__isnull=True).update(read_at=timezone.now())
    return ReviewItem.objects.filter(
        space=space, principle=principle, to_version__lte=adoption.latest_version, acknowledged_at__isnull=True
    ).update(acknowledged_at=timezone.now(), acknowledged_by=user)
