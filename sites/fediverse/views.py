"""The space's fediverse endpoints, on its own hostname: WebFinger, its actor, inbox, outbox and followers.

The inbox is written to by servers from anywhere: nothing in a request is acted on before its
signature is checked against its actor's key, and every refusal is JSON that names the problem.
"""

import logging

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from sites.events import activitystreams

from . import actors, httpsig, inbox
from .models import Follower

logger = logging.getLogger(__name__)


def _space(request):
    space = getattr(request, "space", None)
    if space is None:
        raise Http404("A space's fediverse actor is served on its own site.")
    return space


@require_GET
def webfinger(request):
    answer = actors.webfinger(_space(request), request.GET.get("resource", ""))
    if answer is None:
        raise Http404("No such account here.")
    response = JsonResponse(answer, content_type="application/jrd+json")
    response["Access-Control-Allow-Origin"] = "*"  # RFC 7033 §5: browsers' clients may ask too
    return response


@require_GET
def actor(request):
    return activitystreams.respond(actors.actor(_space(request)))


@require_GET
def outbox(request):
    """The events the space shares with the network, as ActivityStreams ``Create`` activities."""
    return activitystreams.respond(activitystreams.outbox(_space(request)))


@require_GET
def followers(request):
    """How many follow the space: who they are is theirs to tell, not the space's."""
    space = _space(request)
    return activitystreams.respond({
        "@context": activitystreams.CONTEXT, "type": "OrderedCollection", "id": actors.followers_id(space),
        "totalItems": Follower.objects.filter(space=space).count(),
    })  # fmt: skip


@csrf_exempt
@require_POST
def receive(request):
    space = _space(request)
    try:
        done = inbox.receive(request, space)
    except httpsig.Refused as refusal:
        return JsonResponse({"error": str(refusal)}, status=401)
    except inbox.Unacceptable as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    logger.info("Fediverse inbox of %s: %s", space.slug, done)
    return JsonResponse({"status": done}, status=202)
