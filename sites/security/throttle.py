"""Count failed sign-ins per name typed and per address, in the database.

Each counter lives in a fixed window: the first failure opens it for ``SOCLE_LOGIN_COOL_OFF_SECONDS``,
later failures add to it without extending it, and when the window ends the counter starts again.
So a cool-off always ends on its own: an attacker can slow an editor down for one window at most,
never lock them out for good, and no one has to unlock accounts by hand.

The account counter is keyed by the name typed, whether or not such an account exists, so being
throttled says nothing about which accounts exist.

The counters are in the database, not the cache: signing in needs the database anyway, while the
cache may be down (Redis is a cache, not a condition of serving), and a throttle must neither stop
counting nor refuse everyone then.

Why not django-axes (8.3, which also counts in the database): three of our rules it does not keep.
- Its cool-off runs from the latest failure (``attempt_time`` moves with each one, and
  ``AXES_USE_ATTEMPT_EXPIRATION`` pushes ``expires_at`` forward): a sliding window, where ours is
  fixed from the first failure.
- One ``AXES_FAILURE_LIMIT`` holds for every lockout parameter (the most failures of
  ``["username", "ip_address"]`` against one limit; a callable limit is not told which parameter
  counted): no 10 per name and 50 per address, which an office or a coworking sharing one address
  needs.
- ``AXES_RESET_ON_SUCCESS`` deletes the attempts of every lockout parameter, the address's too: one
  valid account would buy its address fresh attempts against all the others.
Its lockout is also an answer of its own (a 429, or ``AXES_LOCKOUT_CALLABLE`` to make it read like
a wrong password), and it brings a middleware, a log row per sign-in and python-ipware.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils.timezone import now

from .models import FailedSignIns


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def account_digest(username: str) -> str:
    # Case-insensitive: "Moscow" and "moscow" share one budget, so case variants buy no attempts.
    return _digest((username or "").strip().casefold())


def address_digest(address: str) -> str:
    return _digest(address or "unknown")


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


def is_throttled(username: str, address: str) -> bool:
    """Whether this account or this address has used up its failures for the current window."""
    return (
        FailedSignIns.objects.filter(window_ends__gt=now())
        .filter(
            Q(
                kind=FailedSignIns.Kind.ACCOUNT,
                digest=account_digest(username),
                failures__gte=settings.SOCLE_LOGIN_FAILURES_PER_ACCOUNT,
            )
            | Q(
                kind=FailedSignIns.Kind.ADDRESS,
                digest=address_digest(address),
                failures__gte=settings.SOCLE_LOGIN_FAILURES_PER_ADDRESS,
            )
        )
        .exists()
    )


def _add_failure(kind: str, digest: str, moment) -> None:
    ends = moment + timedelta(seconds=settings.SOCLE_LOGIN_COOL_OFF_SECONDS)
    open_window = Q(window_ends__gt=moment)

    def count() -> int:
        # One statement: a failure in the open window adds to it; one after it opens the next.
        return FailedSignIns.objects.filter(kind=kind, digest=digest).update(
            failures=Case(When(open_window, then=F("failures") + 1), default=Value(1)),
            window_ends=Case(When(open_window, then=F("window_ends")), default=Value(ends)),
        )

    if count():
        return
    try:
        with transaction.atomic():
            FailedSignIns.objects.create(kind=kind, digest=digest, failures=1, window_ends=ends)
    except IntegrityError:  # a concurrent failure opened it first
        count()


def record_failure(username: str, address: str) -> None:
    moment = now()
    _add_failure(FailedSignIns.Kind.ACCOUNT, account_digest(username), moment)
    _add_failure(FailedSignIns.Kind.ADDRESS, address_digest(address), moment)
    # Names typed once would pile up: a window that ended counts for nothing.
    FailedSignIns.objects.filter(window_ends__lte=moment).delete()


def record_success(username: str) -> None:
    """A right password ends the account's window; the address keeps its count (one valid account
    must not buy an address fresh attempts against the others)."""
    FailedSignIns.objects.filter(kind=FailedSignIns.Kind.ACCOUNT, digest=account_digest(username)).delete()
