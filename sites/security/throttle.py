"""Count failed sign-ins per account and per address, in the shared cache.

Each counter lives in a fixed window: the first failure opens it for ``SOCLE_LOGIN_COOL_OFF_SECONDS``,
later failures add to it without extending it, and when the window ends the counter is gone. So a
cool-off always ends on its own: an attacker can slow an editor down for one window at most, never
lock them out for good, and no one has to unlock accounts by hand.

The account counter is keyed by the name typed, whether or not such an account exists, so being
throttled says nothing about which accounts exist.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches

PREFIX = "socle:login-failures"


def _cache():
    return caches[settings.SOCLE_LOGIN_THROTTLE_CACHE]


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
    return f"{PREFIX}:{kind}:{digest}"


def account_key(username: str) -> str:
    # Case-insensitive: "Moscow" and "moscow" share one budget, so case variants buy no attempts.
    return _key("account", (username or "").strip().casefold())


def address_key(address: str) -> str:
    return _key("address", address or "unknown")


def client_address(request) -> str:
    """The visitor's address, read past the number of proxies the deployment says it has.

    Behind ``SOCLE_TRUSTED_PROXIES`` proxies, each appends the address it saw to X-Forwarded-For: the
    client is that many entries from the right. Entries further left were written by the client and
    are never trusted.
    """
    if request is None:
        return "unknown"
    proxies = settings.SOCLE_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _count(key: str) -> int:
    return int(_cache().get(key, 0))


def is_throttled(username: str, address: str) -> bool:
    """Whether this account or this address has used up its failures for the current window."""
    return (
        _count(account_key(username)) >= settings.SOCLE_LOGIN_FAILURES_PER_ACCOUNT
        or _count(address_key(address)) >= settings.SOCLE_LOGIN_FAILURES_PER_ADDRESS
    )


def _add_failure(key: str) -> None:
    cache = _cache()
    # add() opens the window with its timeout; incr() keeps that timeout (Redis INCR and the local
    # memory cache both leave the expiry alone), so failures never prolong the cool-off.
    if not cache.add(key, 1, timeout=settings.SOCLE_LOGIN_COOL_OFF_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.add(key, 1, timeout=settings.SOCLE_LOGIN_COOL_OFF_SECONDS)


def record_failure(username: str, address: str) -> None:
    _add_failure(account_key(username))
    _add_failure(address_key(address))


def record_success(username: str) -> None:
    """A right password ends the account's window; the address keeps its count (one valid account
    must not buy an address fresh attempts against the others)."""
    _cache().delete(account_key(username))
