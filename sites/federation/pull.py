"""Pulling from a linked install what it owes this one, since the last cursor, in order: the core and
events from the network's install, events from a member install.

Beat runs it every ``SOCLE_LINK_PULL_EVERY`` seconds, and it runs right after linking: an install
that was down, or missed a push, catches up in one pass when it returns, each message applied once
(by its id, whatever road it came by) and in the order the changes were made.
"""

import logging
from urllib.parse import urlencode

from . import client, inbox
from .models import Link
from .schema import SchemaError, require

logger = logging.getLogger(__name__)


class NotPulled(Exception):
    pass


def pull(link: Link) -> int:
    """Apply what ``link`` owes this install since its cursor; how many messages were new."""
    applied = 0
    while True:
        path = "/link/outbox/?" + urlencode({"after": link.pulled_up_to})
        try:
            response = client.send(link.address, path, None, method="GET")
            page = client.answer(response)
            if response.status_code != 200:
                raise NotPulled(f"{link.address} answered {response.status_code}: {page.get('error', '')}")
            fields = require(page, {"messages": list, "cursor": int, "more": bool}, "feed")
            for item in fields["messages"]:
                entry = require({"schema": 1, **item}, {"cursor": int, "message": dict}, "feed entry")
                applied += inbox.receive(link, entry["message"])
                _advance(link, entry["cursor"])
            _advance(link, fields["cursor"])
        except (client.Unreachable, SchemaError, inbox.Unknown) as error:
            Link.objects.filter(pk=link.pk).update(last_error=f"pull: {error}"[:2000])
            raise NotPulled(str(error)) from error
        if not fields["more"]:
            return applied


def _advance(link: Link, cursor: int) -> None:
    if cursor > link.pulled_up_to:
        link.pulled_up_to = cursor
        Link.objects.filter(pk=link.pk, pulled_up_to__lt=cursor).update(pulled_up_to=cursor)


def pull_every_link() -> int:
    """Pull from every active link; logs what fails."""
    applied = 0
    for link in Link.objects.filter(state=Link.State.ACTIVE):
        try:
            applied += pull(link)
        except NotPulled as error:
            logger.warning("Pulling from %s failed: %s", link.address, error)
    return applied
