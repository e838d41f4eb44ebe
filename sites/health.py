"""Probes for load balancers and orchestrators: ``/healthz`` (the process answers) and ``/readyz``
(the database, the cache and the broker answer, and every migration is applied).

Only the database and the migrations make a process unready (503): without them nothing can be
served. The cache and the broker are shared by every web machine and Socle serves without them
(pages render afresh, the outbox keeps what the broker could not take), so their failure is named
with a 200 and ``"status": "degraded"``: a load balancer that took machines out on it would take
them all out, and the sites with them, for an outage they survive.

Answered by the first middleware, before any other: a probe comes by IP address or an internal
hostname over plain HTTP, so it must not meet the host check, the HTTPS redirect, the space and
language gate or the page cache. Never cached. The JSON body lists every failed check under
``failed``; the error itself goes to the log only. A dead cache is named within its
connection timeout (half a second in production), while pages keep answering without it.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATHS = ("/healthz", "/readyz")
# Once every migration is applied it stays so for this process's life: checked until then only.
_migrated = False
# A probe comes every few seconds: a failing check is logged when it starts failing, then at most
# this often (seconds) while it goes on, and once when it passes again.
WARN_EVERY = 60
_warned_at: dict[str, float] = {}
# A server that accepts connections but answers nothing (paused, overloaded) must fail the probe,
# not hold it: the broker's connection gives up after this many seconds.
BROKER_PROBE_TIMEOUT = 1


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    cache = caches[getattr(settings, "SOCLE_PAGE_CACHE_ALIAS", "default")]
    if hasattr(cache, "check"):
        # The production cache answers pages with a miss when Redis is down: ask Redis itself.
        cache.check()
        return "ok"
    key = f"socle:readyz:{time.monotonic_ns()}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)
    return "ok"


def check_broker() -> str:
    from sites.celery import app

    if app.conf.task_always_eager or not app.conf.broker_url:
        return "not configured: tasks run in the web process"
    timeouts = {"socket_timeout": BROKER_PROBE_TIMEOUT, "socket_connect_timeout": BROKER_PROBE_TIMEOUT}
    with app.connection_for_write(transport_options=timeouts) as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
    return "ok"


def check_migrations() -> str:
    global _migrated
    if _migrated:
        return "ok"
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migration(s) not applied")
    _migrated = True
    return "ok"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "migrations": check_migrations,
}
# What Socle serves without, in a degraded way (see the module's docstring).
DEGRADABLE = ("cache", "broker")


def readiness() -> tuple[bool, dict[str, str]]:
    """Whether this process can serve (the checks it cannot do without pass), and every check's result."""
    results, ready = {}, True
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "unknown: the database does not answer"
            ready = False
            continue
        try:
            results[name] = check()
        except Exception as error:  # a probe reports every failure, whatever it is
            _log_failure(name, error)
            results[name] = "failed"
            ready = ready and name in DEGRADABLE
        else:
            if _warned_at.pop(name, None) is not None:
                logger.info("readyz: %s passes again.", name)
    return ready, results


def _log_failure(name: str, error: Exception) -> None:
    now = time.monotonic()
    if name in _warned_at and now - _warned_at[name] < WARN_EVERY:
        return
    _warned_at[name] = now
    logger.warning("readyz: %s failed: %s", name, error, exc_info=logger.isEnabledFor(logging.DEBUG))


def healthz() -> JsonResponse:
    return JsonResponse({"status": "ok"})


def readyz() -> JsonResponse:
    ready, checks = readiness()
    failed = [name for name, result in checks.items() if result != "ok" and not result.startswith("not configured")]
    status = "unavailable" if not ready else "degraded" if failed else "ok"
    body = {"status": status, "checks": checks}
    if failed:
        body["failed"] = failed
    response = JsonResponse(body, status=200 if ready else 503)
    # Django logs every 5xx answer as an error: the failed checks are logged above, once in a while.
    response._has_been_logged = True
    return response


class HealthCheckMiddleware:
    """Answers the probes before any other middleware; every other request passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = healthz() if request.path_info == "/healthz" else readyz()
        add_never_cache_headers(response)
        return response
