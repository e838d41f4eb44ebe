"""A shared-link card shows an image's crop and alt text: when the image changes (a new file, focal
point or description) or is deleted, the pages and card fragments that recorded it are purged.

An image may be shown by any space (a network event's), so its tag is purged in every space: one
cache delete for them all.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model

from sites.pagecache.store import enabled, purge
from sites.pagecache.tags import tag_for
from sites.spaces.models import Space


def purge_image(sender, instance, **kwargs) -> None:
    tag = tag_for(instance)

    def purge_everywhere():
        if enabled():
            purge(list(Space.objects.values_list("pk", flat=True)), [tag])

    purge_everywhere()
    transaction.on_commit(purge_everywhere)  # and again once the change is seen by every process


def connect_image_purges() -> None:
    image_model = get_image_model()
    post_save.connect(purge_image, sender=image_model, dispatch_uid="discovery-image-saved")
    post_delete.connect(purge_image, sender=image_model, dispatch_uid="discovery-image-deleted")
