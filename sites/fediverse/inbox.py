"""What a space's inbox takes from fediverse servers: a follow, and its undoing.

Every activity is signed by its actor's key (``httpsig``), fetched from the actor itself; an
activity that names another actor than the one that signed it is refused. A follow is accepted at
once (a space's shared events are public) and answered with an ``Accept``, sent like every delivery
(``pushes``). Anything else a server sends (likes, boosts, replies) is taken and ignored. An
account its own server says is gone (410) follows no more.
"""

import hashlib
import json

from django.db import transaction

from sites.events.activitystreams import CONTEXT, actor_id
from sites.federation.schema import SchemaError, web_address

from . import actors, httpsig, pushes
from .models import Follower

MAX_ACTIVITY_SIZE = 256 * 1024


class Unacceptable(Exception):
    """A signed activity this inbox cannot take, named (answered 400, nothing changed)."""


def _id_of(value) -> str:
    return value.get("id", "") if isinstance(value, dict) else value if isinstance(value, str) else ""


def receive(request, space) -> str:
    """Check and apply one activity sent to the space's inbox; what was done, in a few words.

    Raises ``httpsig.Refused`` (401) for a request not signed by its actor, ``Unacceptable`` (400).
    """
    if len(request.body) > MAX_ACTIVITY_SIZE:
        raise Unacceptable("The activity is larger than 256 KB.")
    signer = {}

    def resolve(key_address: str):
        signer["actor"], key = actors.public_key(key_address, space)
        return key

    try:
        httpsig.check(request, resolve)
    except actors.ActorGone as gone:
        # A deleted account's server sends a Delete of it, signed with a key it no longer publishes:
        # the signature cannot be checked, but the account's own server, asked by this one, says it
        # is gone for good, so its follow goes too. The request itself is still refused.
        Follower.objects.filter(space=space, actor=gone.actor).delete()
        raise
    try:
        activity = json.loads(request.body)
    except ValueError:
        raise Unacceptable("The body is not JSON.") from None
    if not isinstance(activity, dict):
        raise Unacceptable("The activity is not a JSON object.")
    if _id_of(activity.get("actor")) != signer["actor"]["id"]:
        raise httpsig.Refused("The activity names another actor than the one whose key signed it.")
    kind = activity.get("type")
    if kind == "Follow":
        return _follow(space, activity, signer["actor"])
    if kind == "Undo" and isinstance(activity.get("object"), (dict, str)):
        return _unfollow(space, activity, signer["actor"])
    return "ignored"


def _follow(space, activity: dict, follower: dict) -> str:
    if _id_of(activity.get("object")) != actor_id(space):
        raise Unacceptable("The follow is for another actor than this space.")
    follow_id = _id_of(activity)
    endpoints = follower.get("endpoints") if isinstance(follower.get("endpoints"), dict) else {}
    try:
        inbox = web_address(str(follower.get("inbox") or ""), "follower's inbox")
        shared_inbox = web_address(str(endpoints.get("sharedInbox") or ""), "follower's shared inbox")
        follow_id = web_address(follow_id, "follow's id")
    except SchemaError as error:
        raise Unacceptable(str(error)) from None
    if not inbox or not follow_id:
        raise Unacceptable("The follower has no inbox, or the follow has no id.")
    with transaction.atomic():
        Follower.objects.update_or_create(
            space=space,
            actor=follower["id"],
            defaults={"inbox": inbox, "shared_inbox": shared_inbox, "follow_id": follow_id},
        )
        digest = hashlib.sha256(follow_id.encode()).hexdigest()[:32]
        accept = {
            "@context": CONTEXT,
            "id": f"{actor_id(space)}#accept-{digest}",
            "type": "Accept",
            "actor": actor_id(space),
            "object": {"id": follow_id, "type": "Follow", "actor": follower["id"], "object": actor_id(space)},
        }
        pushes.owe(space, [inbox], accept)  # to the follower's own inbox: its server files it there
    return "followed"


def _unfollow(space, activity: dict, follower: dict) -> str:
    undone = activity["object"]
    if isinstance(undone, dict) and undone.get("type") not in ("Follow", None):
        return "ignored"  # an undone like or boost: nothing of it was kept
    following = Follower.objects.filter(space=space, actor=follower["id"])
    if isinstance(undone, dict) and undone.get("type") == "Follow":
        if _id_of(undone.get("object")) not in ("", actor_id(space)):
            raise Unacceptable("The undone follow is for another actor than this space.")
    else:
        following = following.filter(follow_id=_id_of(undone))
    following.delete()
    return "unfollowed"
