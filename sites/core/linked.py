"""The core on linked installs (Socle Link, ``sites/federation``).

On the network's install, each new version of a principle is also sent to every install linked as a
member, with the values it names, as they were published: never a draft. There it becomes the same
version, with its change note in every language, and is delivered to that install's own spaces
through the same road as here (adoption lag, review items, the editors' to-do). A version never goes
backwards: one older than, or equal to, what the install has is ignored, so messages that arrive
twice or out of order change nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from modeltranslation.translator import translator

from sites.federation import inbox
from sites.federation.models import Link
from sites.federation.schema import SCHEMA_VERSION, SchemaError, require
from sites.sync.engine import record_change
from sites.sync.models import Change
from sites.sync.registry import exports
from sites.sync.remote import deliver_earlier_changes

from .models import CoreVersion, Principle, Value
from .publishing import PRINCIPLE_CHANGE


def _latest(model, item) -> CoreVersion | None:
    content_type = ContentType.objects.get_for_model(model)
    return CoreVersion.objects.filter(content_type=content_type, object_id=item.pk).order_by("-number").first()


def _notes(version: CoreVersion) -> dict[str, str]:
    return {name: getattr(version, name) or "" for name in _translated_names(CoreVersion, "change_note")}


def _translated_names(model, field: str) -> list[str]:
    return [localized.name for localized in translator.get_options_for_model(model).all_fields[field]]


@exports(PRINCIPLE_CHANGE)
def principle_version_message(change: Change, link=None) -> dict | None:
    principle = Principle.objects.filter(pk=change.payload["principle"]).first()
    content_type = ContentType.objects.get_for_model(Principle)
    version = CoreVersion.objects.filter(
        content_type=content_type, object_id=change.payload["principle"], number=change.payload["version"]
    ).first()
    if principle is None or version is None:
        return None  # deleted since: nothing to send
    values = []
    for value in Value.objects.filter(slug__in=version.content.get("values", [])):
        published = _latest(Value, value)
        if published is not None:
            values.append({"slug": value.slug, "number": published.number, "content": published.content,
                           "notes": _notes(published)})  # fmt: skip
    return {
        "schema": SCHEMA_VERSION,
        "id": f"core.principle.{principle.slug}.v{version.number}",
        "type": "core.version",
        "slug": principle.slug,
        "number": version.number,
        "content": version.content,
        "notes": _notes(version),
        "values": values,
    }


@inbox.accepts("core.version")
def apply_principle_version(link: Link, document: dict) -> None:
    if link.role != Link.Role.NETWORK:
        raise SchemaError("Only the network's install publishes the core: this install does not take it from yours.")
    fields = require(
        document, {"slug": str, "number": int, "content": dict, "notes": dict, "values": list}, "core version"
    )
    for value in fields["values"]:
        _apply(Value, require({"schema": SCHEMA_VERSION, **value}, {"slug": str, "number": int, "content": dict,
                                                                  "notes": dict}, "value"))  # fmt: skip
    principle, new = _apply(Principle, fields)
    if new:
        record_change(PRINCIPLE_CHANGE, {"principle": principle.pk, "version": fields["number"]})


def _apply(model, fields: dict):
    """The item at this version (made or updated); whether the version is new here."""
    item = model.objects.select_for_update().filter(slug=fields["slug"]).first()
    if item is not None and item.version >= fields["number"]:
        return item, False
    if fields["number"] < 1:
        raise SchemaError(f"The {model.__name__.lower()} {fields['slug']!r} has no valid version number.")
    options = translator.get_options_for_model(model)
    known = {
        localized.name
        for original, localized_fields in options.all_fields.items()
        if original not in model.translation_state_ignores
        for localized in localized_fields
    }
    content = {name: text for name, text in fields["content"].items() if name in known and isinstance(text, str)}
    item = item or model(slug=fields["slug"], sort_order=_next_order(model))
    for name, text in content.items():
        setattr(item, name, text)
    item.version = fields["number"]
    item.live, item.has_unpublished_changes = True, False
    item.save()
    if model is Principle:
        item.values.set(Value.objects.filter(slug__in=fields["content"].get("values", [])))
    note_names = _translated_names(CoreVersion, "change_note")
    notes = {name: str(text)[:255] for name, text in fields["notes"].items() if name in note_names}
    CoreVersion.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=item.pk,
        number=fields["number"],
        defaults={"content": fields["content"], **notes},
    )
    return item, True


def _next_order(model) -> int:
    return (model.objects.aggregate(last=Max("sort_order"))["last"] or 0) + 1


def send_the_core_to(sender, link: Link, **kwargs) -> None:
    """``federation.signals.linked``: an install just linked as a member gets the current version of
    every principle (handed to the broker after commit)."""
    if link.role != Link.Role.MEMBER:
        return
    latest = {}
    for change in Change.objects.filter(kind=PRINCIPLE_CHANGE).order_by("pk"):
        latest[change.payload.get("principle")] = change.pk
    current = set(Principle.objects.filter(live=True).values_list("pk", flat=True))
    deliver_earlier_changes([pk for principle, pk in latest.items() if principle in current], link)
