"""Publishing the network core: each published revision of a value or principle is a new numbered version.

Coordinators save drafts (revisions that no space sees) and publish them through Wagtail; the
``published`` signal lands in ``publish`` below, inside the publishing transaction, so the version,
its change note and the outbox record that announces it to the spaces are written together.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from sites.pagecache.store import purge
from sites.pagecache.tags import list_tag, tag_for
from sites.spaces.languages import network_languages
from sites.spaces.models import Space
from sites.sync.engine import record_change

from .models import Adoption, CoreVersion, Principle

PRINCIPLE_CHANGE = "core.principle"


def snapshot(item) -> dict:
    """What the item says, in every language: the content a version keeps."""
    content = {
        localized.name: getattr(item, localized.name) or ""
        for original, localized_fields in translator.get_options_for_model(type(item)).all_fields.items()
        if original not in item.translation_state_ignores
        for localized in localized_fields
    }
    content["slug"] = item.slug
    if isinstance(item, Principle):
        content["values"] = sorted(item.values.values_list("slug", flat=True))
    return content


def change_notes(item) -> dict[str, str]:
    """``{"change_note_fr": …, "change_note_ru": …}``: the item's note in each network language."""
    return {
        name: getattr(item, name) or ""
        for name in (build_localized_fieldname("change_note", code) for code in network_languages())
    }


@transaction.atomic
def publish(item, user=None) -> CoreVersion:
    """Record the item's current content as its next version, and announce a principle's to every space.

    Its change note goes with the version, and the item's own note is emptied for the next change.
    """
    model = type(item)
    content_type = ContentType.objects.get_for_model(model)
    model.objects.select_for_update().filter(pk=item.pk).first()  # one publisher at a time per item
    last = CoreVersion.objects.filter(content_type=content_type, object_id=item.pk).aggregate(last=Max("number"))
    number = (last["last"] or 0) + 1
    notes = change_notes(item)
    version = CoreVersion.objects.create(
        content_type=content_type,
        object_id=item.pk,
        number=number,
        content=snapshot(item),
        published_by=user if user is not None and user.is_authenticated else None,
        **notes,
    )
    emptied = dict.fromkeys(notes, "")
    model.objects.filter(pk=item.pk).update(version=number, **emptied)
    item.version = number
    for name in emptied:
        setattr(item, name, "")
    if isinstance(item, Principle):
        record_change(PRINCIPLE_CHANGE, {"principle": item.pk, "version": number})
    return version


def on_revision_published(sender, instance, revision=None, **kwargs) -> None:
    """Wagtail's ``published`` signal for values and principles: the revision becomes a version."""
    publish(instance, getattr(revision, "user", None))
    if not isinstance(instance, Principle):  # a principle's pages are purged as it reaches each space
        transaction.on_commit(lambda: purge_everywhere(instance))


def on_unpublished(sender, instance, **kwargs) -> None:
    """An unpublished value or principle leaves every space's pages at once."""
    transaction.on_commit(lambda: purge_everywhere(instance))


def purge_everywhere(item) -> None:
    space_ids = list(Space.objects.values_list("pk", flat=True))
    purge(space_ids, [tag_for(item), list_tag(type(item))])


def adopt_current_principles(space) -> int:
    """A space starts with every published principle adopted at its current version."""
    adoptions = [
        Adoption(space=space, principle=principle, adopted_version=principle.version, latest_version=principle.version)
        for principle in Principle.objects.published()
    ]
    return len(Adoption.objects.bulk_create(adoptions, ignore_conflicts=True))
