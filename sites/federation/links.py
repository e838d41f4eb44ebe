"""Making, pausing, resuming and revoking links between installs.

An invitation code carries the inviting install's address, name and public key, and a one-time
secret: the invited install pins that key from the code, proves the secret in a request signed
with its own key, and the inviting install pins that key in turn. Pausing and revoking take effect
here at once, in both directions, and are told to the other install in a signed message.
"""

import json
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import client
from .keys import BadKey, b64, key_id, own_public_text, public_key, unb64
from .models import Invitation, Link, secret_digest
from .schema import SCHEMA_VERSION, SchemaError, require
from .signals import linked, revoked

logger = logging.getLogger(__name__)

CODE_PREFIX = "socle-link-1."


class LinkError(Exception):
    """A link that cannot be made or changed, with a message for the coordinator."""


def own_address() -> str:
    return settings.SOCLE_LINK_ADDRESS.rstrip("/")


def invite(note: str = "", user=None) -> tuple[Invitation, str]:
    """A new invitation and its code, to give to the other install's coordinator (shown once)."""
    client.endpoint(own_address(), "/")  # refuse to invite with an address nobody could reach
    invitation, secret = Invitation.issue(note, user)
    document = {"a": own_address(), "n": settings.SOCLE_LINK_NAME, "k": own_public_text(), "s": secret}
    return invitation, CODE_PREFIX + b64(json.dumps(document, separators=(",", ":")).encode())


def read_code(code: str) -> dict:
    """The inviting install's address, name, key and the secret, from a pasted code."""
    code = "".join(code.split())  # a code pasted from an email may be broken over lines
    if not code.startswith(CODE_PREFIX):
        raise LinkError(_("This is not a Socle Link invitation code: it should begin with “%(prefix)s”.")
                        % {"prefix": CODE_PREFIX})
    try:
        document = json.loads(unb64(code[len(CODE_PREFIX) :]))
        fields = require({"schema": 1, **document}, {"a": str, "n": str, "k": str, "s": str}, "invitation code")
        public_key(fields["k"])
    except (ValueError, SchemaError, BadKey):
        raise LinkError(_("This invitation code is damaged: copy it again, whole.")) from None
    try:
        client.endpoint(fields["a"], "/")
    except client.Unreachable:
        raise LinkError(_("This invitation code is damaged: copy it again, whole.")) from None
    return fields


def join(code: str) -> Link:
    """Link this install to the network that gave ``code``: its key is pinned from the code."""
    invitation = read_code(code)
    their_id = key_id(invitation["k"])
    if Link.objects.filter(peer_key_id=their_id).exclude(state=Link.State.REVOKED).exists():
        raise LinkError(_("This install is already linked to %(name)s.") % {"name": invitation["n"]})
    request = {
        "schema": SCHEMA_VERSION,
        "secret": invitation["s"],
        "name": settings.SOCLE_LINK_NAME,
        "address": own_address(),
        "key": own_public_text(),
    }
    try:
        response = client.send(invitation["a"], "/link/join/", request)
        document = client.answer(response)
    except client.Unreachable as error:
        raise LinkError(
            _("%(address)s could not be reached: %(error)s") % {"address": invitation["a"], "error": error}
        ) from error
    if response.status_code != 201:
        reason = document.get("error", response.status_code)
        refused = _("%(address)s refused the invitation: %(reason)s")
        raise LinkError(refused % {"address": invitation["a"], "reason": reason})
    try:
        answered = require(document, {"key": str, "name": str}, "answer to the invitation")
    except SchemaError as error:
        raise LinkError(_("%(address)s answered in a form this install does not read: %(error)s")
                        % {"address": invitation["a"], "error": error}) from error
    if answered["key"] != invitation["k"]:
        raise LinkError(_("The install that answered does not hold the key in the invitation: nothing was linked."))
    link = _pin(their_id, invitation["k"], answered["name"], invitation["a"], Link.Role.NETWORK)
    from .pull import NotPulled, pull  # here: pull → inbox → links

    try:
        pull(link)  # what it pushed at once (the core) came before its key was pinned here: take it now
    except NotPulled:
        pass  # the next pull (beat's, every few seconds) catches up; the link says what failed
    return link


def accept(document: dict, signed_by) -> tuple[int, dict]:
    """The inviting side of ``join``: the status and document to answer.

    ``signed_by(key)`` checks that the request was signed with ``key`` (the one it presents) and
    raises if not; the secret is checked and spent in the same transaction as the link is made.
    """
    try:
        fields = require(document, {"secret": str, "name": str, "address": str, "key": str}, "request to join")
        public_key(fields["key"])
        client.endpoint(fields["address"], "/")
    except (SchemaError, BadKey, client.Unreachable) as error:
        return 400, {"error": str(error)}
    signed_by(fields["key"])
    their_id = key_id(fields["key"])
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(secret_digest=secret_digest(fields["secret"])).first()
        )
        if invitation is not None and invitation.link_id and invitation.link.peer_key_id == their_id:
            return 201, _welcome()  # the same install asking again (its first answer was lost)
        if invitation is None or invitation not in Invitation.objects.open():
            return 403, {"error": "This invitation is unknown, used, cancelled or expired: ask for a new one."}
        if Link.objects.filter(peer_key_id=their_id).exclude(state=Link.State.REVOKED).exists():
            return 409, {"error": "An install with this key is already linked."}
        link = _pin(their_id, fields["key"], fields["name"], fields["address"], Link.Role.MEMBER)
        invitation.used_at = timezone.now()
        invitation.link = link
        invitation.save(update_fields=["used_at", "link"])
        linked.send(sender=Link, link=link)
    return 201, _welcome()


def _pin(their_id: str, key: str, name: str, address: str, role: str) -> Link:
    """The link to the install holding ``key``, made (or made anew after a revocation), active."""
    now = timezone.now()
    link, _created = Link.objects.update_or_create(
        peer_key_id=their_id,
        defaults={
            "name": name[:120] or address, "address": address.rstrip("/"), "role": role, "peer_key": key,
            "state": Link.State.ACTIVE, "paused_here": False, "paused_there": False,
            "state_changed_at": now, "last_contact_at": now, "last_error": "",
        },
    )  # fmt: skip
    return link


def _welcome() -> dict:
    return {"schema": SCHEMA_VERSION, "name": settings.SOCLE_LINK_NAME, "key": own_public_text()}


# --- Pausing, resuming, revoking ---------------------------------------------------------------


def _settle(link: Link) -> None:
    if link.state != Link.State.REVOKED:
        link.state = Link.State.PAUSED if (link.paused_here or link.paused_there) else Link.State.ACTIVE
    link.state_changed_at = timezone.now()
    link.save(update_fields=["state", "paused_here", "paused_there", "state_changed_at"])


def pause(link: Link) -> bool:
    """Stop the link both ways from here until a coordinator here resumes it; whether the other install heard."""
    _refuse_if_revoked(link)
    link.paused_here = True
    _settle(link)
    return tell(link, "link.paused")


def resume(link: Link) -> bool:
    _refuse_if_revoked(link)
    link.paused_here = False
    _settle(link)
    return tell(link, "link.resumed")


def revoke(link: Link) -> bool:
    """End the link for good: from now on nothing is sent to it, and what it sends is refused."""
    if link.state == Link.State.REVOKED:
        return True
    with transaction.atomic():
        link.state = Link.State.REVOKED
        _settle(link)
        revoked.send(sender=Link, link=link)
    return tell(link, "link.revoked")


def _refuse_if_revoked(link: Link) -> None:
    if link.state == Link.State.REVOKED:
        raise LinkError(
            _("The link with %(name)s is revoked: link the installs again with a new invitation.") % {"name": link.name}
        )


def told(link: Link, kind: str) -> None:
    """The other install paused, resumed or revoked the link (a signed message, checked by the inbox)."""
    if kind == "link.revoked":
        link.state = Link.State.REVOKED
    elif link.state != Link.State.REVOKED:
        link.paused_there = kind == "link.paused"
    _settle(link)
    if kind == "link.revoked":
        revoked.send(sender=Link, link=link)


def tell(link: Link, kind: str) -> bool:
    """Tell the other install that this side changed the link; whether it heard (logged when not)."""
    message = {"schema": SCHEMA_VERSION, "id": str(uuid.uuid4()), "type": kind, "sent_at": timezone.now().isoformat()}
    try:
        response = client.send(link.address, "/link/inbox/", message)
        if response.status_code != 200:
            raise client.Unreachable(f"answered {response.status_code}: {response.text[:200]}")
    except client.Unreachable as error:
        logger.warning("%s could not be told of %s: %s", link.address, kind, error)
        Link.objects.filter(pk=link.pk).update(last_error=f"{kind}: {error}"[:2000])
        return False
    Link.objects.filter(pk=link.pk).update(last_contact_at=timezone.now(), last_error="")
    return True
