"""The endpoints other installs write to: joining with an invitation, and the inbox.

Nothing is read from a request before its signature, age, digest and nonce are checked (the join
request carries the key it is signed with; the invitation's secret is what makes that key trusted).
Every refusal is JSON that names the problem, and changes nothing.
"""

import json
import logging

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import inbox, links, signing
from .keys import key_id, public_key
from .models import Link, Received
from .schema import SchemaError, require

logger = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


def _refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _document(request):
    if len(request.body) > MAX_BODY:
        raise SchemaError("The message is larger than 1 MB.")
    try:
        return json.loads(request.body)
    except ValueError:
        raise SchemaError("The body is not JSON.") from None


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
        return _refusal(401, str(refusal))
    link = pinned["link"]
    if link.state == Link.State.REVOKED:
        return _refusal(403, "This link is revoked: nothing is accepted from it.")
    try:
        message = require(_document(request), {"id": str, "type": str}, "message")
        document = json.loads(request.body)
    except SchemaError as error:
        return _refusal(400, str(error))
    kind = message["type"]
    if link.paused_here and not kind.startswith("link."):
        response = _refusal(503, "This link is paused here: send it again once it is resumed.")
        response["Retry-After"] = "60"
        return response
    try:
        with transaction.atomic():
            receipt, new = Received.objects.get_or_create(
                link=link, message_id=message["id"][:64], defaults={"kind": kind[:80]}
            )
            if new:
                inbox.apply(link, kind, document)
    except inbox.Unknown as error:
        return _refusal(422, str(error))
    except SchemaError as error:
        return _refusal(400, str(error))
    Link.objects.filter(pk=link.pk).update(last_contact_at=timezone.now())
    return JsonResponse({"status": "applied" if new else "already received"})
