"""HTTP Signatures as fediverse servers speak them (draft-cavage-http-signatures-12, RSA-SHA256).

Mastodon, Mobilizon and Gancio sign and check this draft, not RFC 9421 (which Socle Link uses
between installs, ``federation.signing``), and http-message-signatures implements only the RFC.
The signing and checking themselves are cryptography's (RSA PKCS#1 v1.5 over SHA-256); this module
builds the signed string the draft defines and decides what must be covered: the method and path,
the host, the date, and for a request with a body its SHA-256 digest. A signature is accepted once,
within 5 minutes of its date.
"""

import base64
import hashlib
import re
from email.utils import format_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils import timezone

from sites.federation.signing import Refused, check_date, use_nonce

__all__ = ["Refused", "check", "digest", "sign"]

ALGORITHMS = {"rsa-sha256", "hs2019"}  # hs2019: the algorithm is the key's (here always RSA-SHA256)
_PARAMETER = re.compile(r'\s*([a-zA-Z]+)\s*=\s*"([^"]*)"\s*(?:,|$)')


def digest(body: bytes) -> str:
    """The Digest header of a body (RFC 3230, as the draft and fediverse servers use it)."""
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def _signed_string(covered: list[str], target: str, headers: dict[str, str]) -> bytes:
    lines = []
    for name in covered:
        if name == "(request-target)":
            lines.append(f"(request-target): {target}")
        else:
            lines.append(f"{name}: {headers[name]}")
    return "\n".join(lines).encode()


def sign(method: str, url: str, body: bytes, key_id: str, private_key: rsa.RSAPrivateKey) -> dict:
    """The headers that sign a request to ``url`` with ``private_key`` (named ``key_id``)."""
    parts = urlsplit(url)
    target = f"{method.lower()} {parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
    headers = {"host": parts.netloc, "date": format_datetime(timezone.now(), usegmt=True)}
    covered = ["(request-target)", "host", "date"]
    if method.upper() != "GET":
        headers["digest"] = digest(body)
        covered.append("digest")
    signature = private_key.sign(_signed_string(covered, target, headers), padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(covered)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return {name.title(): value for name, value in headers.items()}


def _parameters(header: str) -> dict[str, str]:
    parameters, position = {}, 0
    while position < len(header):
        match = _PARAMETER.match(header, position)
        if match is None:
            raise Refused("The Signature header is malformed.")
        parameters[match.group(1)] = match.group(2)
        position = match.end()
    return parameters


def check(request, resolve) -> str:
    """The key id that signed ``request``, once what it covers, its date, digest and signature are right.

    ``resolve(key_id)`` gives the RSA public key of that id (fetched from its actor) or raises
    ``Refused``; it is called only once everything that costs nothing to check is right.
    """
    header = request.headers.get("Signature", "")
    if not header and request.headers.get("Authorization", "").startswith("Signature "):
        header = request.headers["Authorization"][len("Signature ") :]
    if not header:
        raise Refused("The request is not signed: a Signature header is required.")
    parameters = _parameters(header)
    for name in ("keyId", "headers", "signature"):
        if not parameters.get(name):
            raise Refused(f"The signature has no {name}.")
    if parameters.get("algorithm", "hs2019").lower() not in ALGORITHMS:
        raise Refused(f"The signature's algorithm {parameters['algorithm'][:30]!r} is not rsa-sha256.")
    covered = parameters["headers"].lower().split()
    required = ["(request-target)", "host", "date"] + (["digest"] if request.method != "GET" else [])
    if missing := [name for name in required if name not in covered]:
        raise Refused(f"The signature must cover {', '.join(missing)}.")
    headers = {name.lower(): value for name, value in request.headers.items()}
    if unknown := [name for name in covered if name != "(request-target)" and name not in headers]:
        raise Refused(f"The signature covers headers the request lacks: {', '.join(unknown)}.")
    check_date(headers["date"])
    if request.method != "GET" and digest(request.body) not in [part.strip() for part in headers["digest"].split(",")]:
        raise Refused("The body does not match its Digest: it was changed on the way.")
    try:
        signature = base64.b64decode(parameters["signature"], validate=True)
    except ValueError:
        raise Refused("The signature is not base64.") from None
    public_key = resolve(parameters["keyId"])
    target = f"{request.method.lower()} {request.get_full_path()}"
    try:
        public_key.verify(signature, _signed_string(covered, target, headers), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise Refused("The signature is not valid for this request and key.") from None
    # Remembered by digests: a key id is an address of any length, the nonce column holds 64 characters.
    use_nonce(hashlib.sha256(parameters["keyId"].encode()).hexdigest(), hashlib.sha256(signature).hexdigest())
    return parameters["keyId"]
