"""The endpoints other installs write to and read: joining with an invitation, the inbox, and the
feed of what each linked install is owed (its pull).

Nothing is read from a request before its signature, age, digest and nonce are checked (the join
request carries the key it is signed with; the invitation's secret is what makes that key trusted).
Every refusal is JSON that names the problem, and changes nothing.
"""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import feed, inbox, links, signing
from .keys import key_id, public_key
from .models import Link
from .schema import SchemaError, require

MAX_BODY = 1024 * 1024


def _refusal(status: int, message: str, retry_after: int | None = None) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _document(request):
    if len(request.body) > MAX_BODY:
        raise SchemaError("The message is larger than 1 MB.")
    try:
        return json.loads(request.body)
    except ValueError:
        raise SchemaError("The body is not JSON.") from None


def _signed_link(request):
    """The live link whose pinned key signed ``request``, or the refusal to answer instead."""
    pinned = {}

    def resolve(kid: str):
        link = Link.objects.filter(peer_key_id=kid).first()
        if link is None:
            return None
        pinned["link"] = link
        return public_key(link.peer_key)

    try:
        signing.check(request, resolve)
    except signing.Refused as refusal:
        return None, _refusal(401, str(refusal))
    if pinned["link"].state == Link.State.REVOKED:
        return None, _refusal(403, "This link is revoked: nothing is accepted from it.")
    return pinned["link"], None


@csrf_exempt
@require_POST
def join(request):
    try:
        document = _document(request)
    except SchemaError as error:
        return _refusal(400, str(error))

    def signed_by(key_text: str) -> None:
        presented = key_id(key_text)
        signing.check(request, lambda kid: public_key(key_text) if kid == presented else None)

    try:
        status, answer = links.accept(document, signed_by)
    except signing.Refused as refusal:
        return _refusal(401, str(refusal))
    return JsonResponse(answer, status=status)


@csrf_exempt
@require_POST
def receive(request):
    link, refusal = _signed_link(request)
    if refusal is not None:
        return refusal
    try:
        document = _document(request)
        kind = require(document, {"id": str, "type": str}, "message")["type"]
    except SchemaError as error:
        return _refusal(400, str(error))
    if link.paused_here and not kind.startswith("link."):
        return _refusal(503, "This link is paused here: send it again once it is resumed.", retry_after=60)
    try:
        new = inbox.receive(link, document)
    except inbox.Unknown as error:
        return _refusal(422, str(error))
    except SchemaError as error:
        return _refusal(400, str(error))
    return JsonResponse({"status": "applied" if new else "already received"})


@require_GET
def outbox(request):
    """What this install owes the linked install that asks, after its cursor, in order."""
    link, refusal = _signed_link(request)
    if refusal is not None:
        return refusal
    if link.paused_here:
        return _refusal(503, "This link is paused here: ask again once it is resumed.", retry_after=60)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return _refusal(400, "“after” must be the cursor of the last message received, an integer.")
    return JsonResponse(feed.since(link, after))
