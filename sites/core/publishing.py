"""Publishing the network core: each publish of a value or principle is a new numbered version."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from modeltranslation.translator import translator

from sites.sync.engine import record_change

from .models import Adoption, CoreVersion, Principle

PRINCIPLE_CHANGE = "core.principle"


def snapshot(item) -> dict:
    """What the item says, in every language: the content a version keeps."""
    content = {
        localized.name: getattr(item, localized.name) or ""
        for localized_fields in translator.get_options_for_model(type(item)).all_fields.values()
        for localized in localized_fields
    }
    content["slug"] = item.slug
    if isinstance(item, Principle):
        content["values"] = sorted(item.values.values_list("slug", flat=True))
    return content


@transaction.atomic
def publish(item, user=None) -> CoreVersion:
    """Record the item's current content as its next version, and announce a principle's to every space."""
    model = type(item)
    content_type = ContentType.objects.get_for_model(model)
    model.objects.select_for_update().filter(pk=item.pk).first()  # one publisher at a time per item
    last = CoreVersion.objects.filter(content_type=content_type, object_id=item.pk).aggregate(last=Max("number"))
    number = (last["last"] or 0) + 1
    model.objects.filter(pk=item.pk).update(version=number)
    item.version = number
    version = CoreVersion.objects.create(
        content_type=content_type,
        object_id=item.pk,
        number=number,
        change_note=item.change_note,
        content=snapshot(item),
        published_by=user if user is not None and user.is_authenticated else None,
    )
    if isinstance(item, Principle):
        record_change(PRINCIPLE_CHANGE, {"principle": item.pk, "version": number})
    return version


def adopt_current_principles(space) -> int:
    """A space starts with every current principle adopted at its current version."""
    adoptions = [
        Adoption(space=space, principle=principle, adopted_version=principle.version, latest_version=principle.version)
        for principle in Principle.objects.all()
    ]
    return len(Adoption.objects.bulk_create(adoptions, ignore_conflicts=True))
