"""The feed a linked install pulls: what this install owes it, after its cursor, in the order the
changes were made, a page at a time. Asking for what comes after a cursor says that everything up to
it was received: those deliveries are done."""

from sites.sync.models import Delivery
from sites.sync.registry import export_for
from sites.sync.remote import acknowledged

from .models import Link
from .schema import SCHEMA_VERSION

PAGE = 50


def since(link: Link, after: int) -> dict:
    if after > 0:
        acknowledged(link, after)
    owed = list(
        Delivery.objects.filter(link=link, change_id__gt=after)
        .exclude(state=Delivery.State.SKIPPED)
        .select_related("change")
        .order_by("change_id")[: PAGE + 1]
    )
    messages = []
    for delivery in owed[:PAGE]:
        export = export_for(delivery.change.kind)
        message = export(delivery.change, link) if export is not None else None
        if message is not None:  # nothing to send any more (the item was deleted): skipped over
            messages.append({"cursor": delivery.change_id, "message": message})
    cursor = owed[: PAGE][-1].change_id if owed else after
    return {"schema": SCHEMA_VERSION, "messages": messages, "cursor": cursor, "more": len(owed) > PAGE}
