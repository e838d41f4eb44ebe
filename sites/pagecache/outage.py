"""What the production cache does while Redis does not answer, and when it answers again.

Redis is a cache, not a condition of serving. A call to it that fails (refused, timed out, any
Redis error) is answered as a miss: a read finds nothing, a write keeps nothing, so pages are
rendered afresh from the database. After a failure the process skips Redis for
``SKIP_AFTER_FAILURE_SECONDS`` (no call pays a timeout meanwhile), then tries it again: a circuit
breaker, one per Redis server and process. The log says it once when Redis goes away, at most once
a minute while it stays away, and once when it is back.

A purge cannot reach a Redis that does not answer, and a Redis that comes back still holds the
pages the purge was for. So a delete that fails (every purge is a delete: ``store.purge``, the
hosts' generation, Wagtail's own) is recorded in the database (``MissedInvalidation``), in the
transaction of the change that caused it, and deleted from Redis later, before anything is served
from it. A Redis that restarted (its INFO ``run_id`` changed) is not trusted at all: the snapshot it
reloaded may also hold pages purged after it was taken, so every key of the cache is deleted.
Both checks ("reconcile") run:

- in a process that saw Redis fail, before its first use of Redis again;
- in every process, on its first use of Redis and then every ``CHECK_MISSED_SECONDS`` (one indexed
  query and one Redis round trip).

Guaranteed, once Redis answers again: a process that saw it fail reconciles before it reads
anything from it; every process reconciles within ``CHECK_MISSED_SECONDS``. So a page that an
outage's change made stale is served by no process that saw the outage (unless that change's purge
was recorded after it came back, by a process still skipping Redis), and by no process for longer
than ``CHECK_MISSED_SECONDS``; the same holds for what a restarted Redis reloads. A Redis that was
paused or cut off keeps serving the pages whose content did not change; a restarted one starts empty.
"""

import hashlib
import logging
import threading
import time
import urllib.parse

from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# While Redis stays away, a reminder in the log at most this often (seconds).
WARN_EVERY = 60
# Records replayed at once, and keys deleted by one command.
REPLAY_BATCH = 500
DELETE_BATCH = 1000
# Replayed records are kept this long for an operator to read, then forgotten.
KEEP_REPLAYED_DAYS = 7
# Which run of the Redis server the cache's keys were last checked against (its INFO run_id).
RESTART_MARKER = "socle:cache-checked-for-run"

# A module attribute, so that tests move time without sleeping.
clock = time.monotonic


def server_name(location: str) -> str:
    """The cache's address for the log: host, port and database, never a password."""
    parsed = urllib.parse.urlsplit(location)
    return f"{parsed.hostname}:{parsed.port or 6379}{parsed.path}"


def cache_id(location: str) -> str:
    """What records name the cache by: its address, digested (it may carry a password)."""
    return hashlib.sha256(location.encode()).hexdigest()


class Breaker:
    """One Redis server's state in this process, shared by its threads."""

    def __init__(self, name: str, skip_seconds: float, check_seconds: float):
        self.name = name
        self.skip_seconds = skip_seconds
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._skip_until = 0.0
        self._down_since: float | None = None
        self._warned_at = 0.0
        self._next_check = 0.0  # a process reconciles on its first use

    @property
    def saw_failure(self) -> bool:
        return self._down_since is not None

    def skipping(self) -> bool:
        return clock() < self._skip_until

    def check_due(self) -> bool:
        return self.saw_failure or clock() >= self._next_check

    def checked(self) -> None:
        self._next_check = clock() + self.check_seconds

    def failed(self, error: Exception) -> None:
        now = clock()
        with self._lock:
            self._skip_until = now + self.skip_seconds
            if self._down_since is None:
                self._down_since = self._warned_at = now
                logger.warning(
                    "The cache at %s does not answer (%s): pages are rendered without it, and purges are "
                    "recorded in the database until it answers.",
                    self.name,
                    error,
                )
            elif now - self._warned_at >= WARN_EVERY:
                self._warned_at = now
                logger.warning(
                    "The cache at %s still does not answer after %d s (%s).", self.name, now - self._down_since, error
                )

    def answered(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                logger.info(
                    "The cache at %s answers again (this process first found it down %d s ago).",
                    self.name,
                    clock() - self._down_since,
                )
                self._down_since = None


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, skip_seconds: float, check_seconds: float) -> Breaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(server_name(location), skip_seconds, check_seconds)
        return _breakers[location]


def forget_if_restarted(client, pattern: str, marker: str, breaker: Breaker) -> None:
    """Delete every key of the cache (``pattern``) if its Redis restarted since the last check.

    A restarted Redis reloads its last snapshot, which may hold pages purged after it was taken
    (their deletes were acknowledged, then lost): nothing it brings back is trusted. A marker lost
    otherwise (the first run of this code, an eviction, a flush) empties the cache once more.
    """
    pipeline = client.pipeline(transaction=False)
    pipeline.info("server")
    pipeline.get(marker)
    server, checked_run = pipeline.execute()
    run = server.get("run_id")
    if run is None or checked_run == run.encode():
        return
    deleted = 0
    batch = []
    for key in client.scan_iter(match=pattern, count=DELETE_BATCH):
        if key == marker.encode():
            continue  # rewritten below
        batch.append(key)
        if len(batch) == DELETE_BATCH:
            deleted += client.delete(*batch)
            batch = []
    if batch:
        deleted += client.delete(*batch)
    client.set(marker, run)
    if deleted:
        logger.info("The cache at %s restarted: the %d keys it reloaded were deleted.", breaker.name, deleted)


def record_missed(cache: str, keys) -> None:
    """Note keys the cache could not delete, in the current transaction: if the change that purged
    them is rolled back, so is the note (and nothing needed purging)."""
    from .models import MissedInvalidation

    keys = list(keys)
    if not keys:
        return
    try:
        with transaction.atomic():
            MissedInvalidation.objects.create(cache=cache, keys=keys)
    except DatabaseError:
        logger.exception("%d cache key(s) could not be deleted nor recorded: they may be served stale.", len(keys))


def replay_missed(cache: str, delete) -> int:
    """Delete from the cache (``delete(*keys)``) every key recorded as missed; the records replayed."""
    from .models import MissedInvalidation

    replayed = 0
    while True:
        pending = list(
            MissedInvalidation.objects.filter(cache=cache, replayed_at__isnull=True)
            .order_by("pk")
            .values_list("pk", "keys")[:REPLAY_BATCH]
        )
        if not pending:
            break
        keys = sorted({key for _, keys in pending for key in keys})
        for start in range(0, len(keys), DELETE_BATCH):
            delete(*keys[start : start + DELETE_BATCH])
        now = timezone.now()
        MissedInvalidation.objects.filter(pk__in=[pk for pk, _ in pending]).update(replayed_at=now)
        replayed += len(pending)
    if replayed:
        MissedInvalidation.objects.filter(
            replayed_at__lt=timezone.now() - timezone.timedelta(days=KEEP_REPLAYED_DAYS)
        ).delete()
        logger.info("Deleted from the cache what %d purge(s) missed while it did not answer.", replayed)
    return replayed
