"""Every message between installs is signed (RFC 9421, Ed25519) over its method, address, date and
body digest (RFC 9530), and checked before anything in it is read.

The signing and checking are http-message-signatures' and cryptography's; this module decides what
is covered, how old a signature may be, and that a nonce is accepted once.
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from http_message_signatures import (
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
)
from http_message_signatures.algorithms import ED25519

from .keys import own_key
from .models import SeenNonce

TAG = "socle-link"
LABEL = "socle"
COVERED = ("@method", "@authority", "@path", "@query", "date", "content-digest")
# A signature older than this is refused; its nonce is remembered a little longer than that.
MAX_AGE = timedelta(minutes=5)


class Refused(Exception):
    """A request that is not signed as a linked install signs: answered 401, nothing changed."""


@dataclass
class Message:
    """The shape http-message-signatures reads: an uppercase method, an absolute URL, headers."""

    method: str
    url: str
    headers: dict = field(default_factory=dict)


class _Verifier(HTTPMessageVerifier):
    # Two servers' clocks, both kept by NTP, may still differ by a few seconds.
    max_clock_skew = timedelta(seconds=30)


class _Keys(HTTPSignatureKeyResolver):
    def __init__(self, resolve, private: dict | None = None):
        self.resolve = resolve
        self.private = private or {}

    def resolve_public_key(self, key_id: str):
        return self.resolve(key_id)

    def resolve_private_key(self, key_id: str):
        return self.private[key_id]


def sign(method: str, url: str, body: bytes, key=None) -> dict:
    """The headers that make a request to ``url`` a signed message of this install (or of ``key``:
    a key id and private key)."""
    key_id, private = key or own_key()
    now = timezone.now()
    message = Message(method.upper(), url, {"Date": format_datetime(now, usegmt=True)})
    signer = HTTPMessageSigner(signature_algorithm=ED25519, key_resolver=_Keys(lambda kid: None, {key_id: private}))
    signer.sign(
        message,
        key_id=key_id,
        created=now,
        nonce=secrets.token_urlsafe(24),
        label=LABEL,
        tag=TAG,
        covered_component_ids=COVERED[:-1],
        body=body,  # adds Content-Digest, and covers it
    )
    return message.headers


def check(request, resolve) -> str:
    """The key id that signed ``request``, once its signature, age, digest and nonce are all right.

    ``resolve(key_id)`` gives the pinned public key of that id, or None. Raises ``Refused`` with a
    message that names the problem.
    """
    if "Signature" not in request.headers or "Signature-Input" not in request.headers:
        raise Refused("The request is not signed: Signature and Signature-Input headers are required.")
    message = Message(request.method, request.build_absolute_uri(), dict(request.headers.items()))
    verifier = _Verifier(signature_algorithm=ED25519, key_resolver=_Keys(resolve))
    try:
        [result] = verifier.verify(
            message, max_age=MAX_AGE, expect_tag=TAG, require_components=COVERED, body=request.body
        )
    except (InvalidSignature, HTTPMessageSignaturesException) as error:
        raise Refused(f"The signature is not valid: {error}") from error
    except ValueError as error:  # more than one signature with our tag
        raise Refused("The request must carry exactly one Socle Link signature.") from error
    check_date(request.headers.get("Date", ""))
    if not result.nonce:
        raise Refused("The signature has no nonce.")
    key_id = str(result.parameters["keyid"])
    use_nonce(key_id, result.nonce)
    return key_id


def check_date(value: str) -> None:
    """Refuse a Date header that is malformed or more than ``MAX_AGE`` away from this install's clock."""
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise Refused("The Date header is missing or malformed.") from None
    if sent.tzinfo is None or abs(timezone.now() - sent) > MAX_AGE:
        raise Refused("The request's Date is more than 5 minutes away from this install's clock.")


def use_nonce(key_id: str, nonce: str) -> None:
    """Accept a signature's nonce once per key: a second request with it is a replay, refused."""
    if len(nonce) > 64:
        raise Refused("The signature's nonce is too long.")
    try:
        with transaction.atomic():
            SeenNonce.objects.create(key_id=key_id, nonce=nonce)
    except IntegrityError:
        raise Refused("This request was already received: a replay is refused.") from None
    # Forget what can no longer be replayed (older than any signature still accepted).
    SeenNonce.objects.filter(seen_at__lt=timezone.now() - 2 * MAX_AGE).delete()
