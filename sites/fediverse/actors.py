"""A space as a fediverse actor (a ``Group``), found by WebFinger, and the actors of other servers.

Each space is ``@slug@its-hostname``: its actor document names its inbox, its outbox of shared
events, its followers and the public key its deliveries are signed with. Another server's actor is
fetched only to check a signature or to learn where its inbox is, through the same guarded client
as Socle Link (no redirect, no private address, timeouts, a size limit).
"""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import IntegrityError, transaction
from django.urls import reverse

from sites.events.activitystreams import ACTIVITY_TYPES, CONTEXT, actor_id, outbox_id
from sites.federation import client
from sites.federation.schema import SchemaError, web_address
from sites.spaces.localize import has_content, localize

from . import httpsig
from .models import SpaceKey

SECURITY = "https://w3id.org/security/v1"
MAX_ACTOR_SIZE = 256 * 1024


def _absolute(space, name: str) -> str:
    return space.site.root_url.rstrip("/") + reverse(name)


def inbox_id(space) -> str:
    return _absolute(space, "activitypub_inbox")


def followers_id(space) -> str:
    return _absolute(space, "activitypub_followers")


def key_id(space) -> str:
    return actor_id(space) + "#main-key"


def handle(space) -> str:
    """The space's fediverse address, as a visitor types it in Mastodon's or Mobilizon's search."""
    return f"@{space.slug}@{space.site.hostname}"


def space_key(space) -> SpaceKey:
    """The space's key pair, made the first time it is needed."""
    row = SpaceKey.objects.filter(space=space).first()
    if row is None:
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        try:
            with transaction.atomic():
                row = SpaceKey.objects.create(
                    space=space,
                    private_key=private.private_bytes(
                        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                    ).decode(),
                    public_key=private.public_key()
                    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
                    .decode(),
                )
        except IntegrityError:
            row = SpaceKey.objects.get(space=space)  # another request made it first: theirs is the key
    return row


def signing_key(space) -> tuple[str, rsa.RSAPrivateKey]:
    return key_id(space), serialization.load_pem_private_key(space_key(space).private_key.encode(), password=None)


def actor(space) -> dict:
    """The space's actor document: who it is, where to write to it, the key that signs what it sends."""
    language = space.default_language
    document = {
        "@context": [*CONTEXT, SECURITY],
        "type": "Group",
        "id": actor_id(space),
        "preferredUsername": space.slug,
        "name": localize(space, "name", language, space).text,
        "url": space.site.root_url.rstrip("/") + "/",
        "inbox": inbox_id(space),
        "outbox": outbox_id(space),
        "followers": followers_id(space),
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {"id": key_id(space), "owner": actor_id(space), "publicKeyPem": space_key(space).public_key},
    }
    city = localize(space, "city", language, space).text
    if has_content(city):
        document["summary"] = city
    return document


def webfinger(space, resource: str) -> dict | None:
    """The WebFinger answer (RFC 7033) for ``acct:slug@hostname`` or the actor's address, else None."""
    if resource not in (f"acct:{space.slug}@{space.site.hostname}", actor_id(space)):
        return None
    return {
        "subject": f"acct:{space.slug}@{space.site.hostname}",
        "aliases": [actor_id(space)],
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": actor_id(space)},
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": space.site.root_url.rstrip("/") + "/",
            },  # fmt: skip
        ],
    }


class Gone(client.Unreachable):
    """The server says the object is gone for good (410 Gone): a deleted account."""


class ActorGone(httpsig.Refused):
    """A request signed with the key of an account its own server says is gone."""

    def __init__(self, actor: str, message: str):
        super().__init__(message)
        self.actor = actor


def fetch(address: str, space) -> dict:
    """Another server's actor (or any ActivityStreams object), fetched signed as the space.

    Raises ``client.Unreachable`` naming what went wrong: the address, the network, the answer.
    """
    try:
        address = web_address(address, "actor's address") if isinstance(address, str) and address else None
    except SchemaError as error:
        raise client.Unreachable(str(error)) from None
    if address is None:
        raise client.Unreachable("The actor's address is missing.")
    headers = httpsig.sign("GET", address, b"", *signing_key(space))
    headers["Accept"] = f'{ACTIVITY_TYPES[0]}, {ACTIVITY_TYPES[1]}; profile="https://www.w3.org/ns/activitystreams"'
    response = client.request("GET", address, b"", headers, max_size=MAX_ACTOR_SIZE)
    if response.status_code == 410:
        raise Gone(f"{address} is gone (410).")
    if response.status_code != 200:
        raise client.Unreachable(f"{address} answered {response.status_code}.")
    try:
        document = json.loads(response.content)
    except ValueError:
        raise client.Unreachable(f"{address} did not answer JSON.") from None
    if not isinstance(document, dict) or document.get("id") != address:
        raise client.Unreachable(f"{address} answered with another object than the one asked for.")
    return document


def public_key(key_address: str, space) -> tuple[dict, rsa.RSAPublicKey]:
    """The actor that owns ``key_address`` and the RSA key it publishes under that id.

    Raises ``httpsig.Refused`` when the key cannot be had or is not the actor's own.
    """
    actor_address = key_address.split("#", 1)[0]
    try:
        document = fetch(actor_address, space)
    except Gone as error:
        raise ActorGone(actor_address, f"The signing key could not be fetched: {error}") from None
    except client.Unreachable as error:
        raise httpsig.Refused(f"The signing key could not be fetched: {error}") from None
    keys = document.get("publicKey")
    keys = keys if isinstance(keys, list) else [keys]
    for key in keys:
        if isinstance(key, dict) and key.get("id") == key_address and key.get("owner") == document["id"]:
            try:
                loaded = serialization.load_pem_public_key(str(key.get("publicKeyPem", "")).encode())
            except ValueError:
                raise httpsig.Refused("The actor's public key is not a PEM key.") from None
            if not isinstance(loaded, rsa.RSAPublicKey):
                raise httpsig.Refused("The actor's public key is not an RSA key.")
            return document, loaded
    raise httpsig.Refused(f"{actor_address} does not publish the key {key_address[:200]}.")
