"""/healthz and /readyz: answered for load balancers before the host check, the HTTPS redirect,
the language gate and the page cache; never cached; every failure is named, and only those Socle
cannot serve without (the database, the migrations) make it a 503."""

import pytest
from django.test import Client

from sites import health

pytestmark = pytest.mark.django_db


def get(path: str, host: str = "10.0.0.7", **extra):
    return Client(HTTP_HOST=host).get(path, **extra)


def test_healthz_answers_while_the_process_is_up():
    response = get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def test_readyz_reports_every_check_when_all_answer():
    response = get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["migrations"] == "ok"
    # The test settings have no broker: tasks run in-process, which is not a failure.
    assert body["checks"]["broker"].startswith("not configured")
    assert "failed" not in body
    assert "no-store" in response.headers["Cache-Control"]


def test_a_probe_passes_the_host_check_the_https_redirect_and_the_language_gate(settings):
    settings.ALLOWED_HOSTS = [".socle.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    for host in ("10.0.0.7", "paris.localhost", "nowhere.example"):
        for path in ("/healthz", "/readyz"):
            response = get(path, host=host)
            assert response.status_code == 200, (host, path, response.status_code)
            assert "Content-Language" not in response.headers  # the language gate never saw it
    # Everything else still meets them.
    assert get("/fr/", host="nowhere.example").status_code == 400


def test_a_probe_is_never_served_from_the_page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    for _ in range(2):
        response = get("/readyz", host="paris.localhost")
        assert "X-Socle-Cache" not in response.headers


def test_an_unreachable_broker_is_named_and_the_process_stays_ready_degraded():
    from tests.sync.conftest import broker

    with broker("redis://127.0.0.1:1/0"):  # nothing listens on port 1
        response = get("/readyz")
    assert response.status_code == 200  # publishing goes on into the outbox
    body = response.json()
    assert body["status"] == "degraded"
    assert body["failed"] == ["broker"]
    assert body["checks"]["broker"] == "failed"
    assert body["checks"]["database"] == "ok"


def test_a_failed_database_or_cache_or_unapplied_migration_is_named(monkeypatch):
    def down():
        raise OSError("connection refused")

    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setitem(health.CHECKS, "cache", down)
    monkeypatch.setitem(
        health.CHECKS, "migrations", lambda: (_ for _ in ()).throw(RuntimeError("2 migration(s) not applied"))
    )
    response = get("/readyz")
    assert response.status_code == 503  # unapplied migrations: this process cannot serve
    assert response.json()["failed"] == ["cache", "migrations"]

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["database", "cache", "migrations"]
    assert body["checks"]["migrations"].startswith("unknown")
    assert "connection refused" not in response.content.decode()  # the error goes to the log only


def test_unapplied_migrations_are_found(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)])
    with pytest.raises(RuntimeError, match="1 migration"):
        health.check_migrations()
    monkeypatch.undo()
    assert health.check_migrations() == "ok"


def test_a_dead_cache_is_named_degraded_while_pages_still_answer(redis_server, production_cache):
    assert get("/readyz").json()["status"] == "ok"  # positive control: the production cache on a live Redis
    redis_server.kill()
    response = get("/readyz")
    assert response.status_code == 200  # a load balancer must not take every machine out
    assert response.json()["status"] == "degraded"
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["database"] == "ok"
    assert get("/fr/", host="paris.localhost").status_code == 200
    # The page's cache calls were skipped after the first failure; the probe still asks Redis itself.
    assert get("/readyz").json()["failed"] == ["cache"]


def test_a_paused_redis_as_cache_and_broker_is_named_degraded_and_logged_once_a_minute(
    redis_server, production_cache, caplog, monkeypatch
):
    """A paused server accepts connections and answers nothing: the probe must not wait on it."""
    import logging
    import threading

    from tests.sync.conftest import broker

    monkeypatch.setattr(health, "_warned_at", {})
    answers = []
    with broker(redis_server.url.replace("/0", "/1")), caplog.at_level(logging.INFO):
        assert get("/readyz").json()["status"] == "ok"  # positive control
        redis_server.pause()
        probes = threading.Thread(target=lambda: answers.extend(get("/readyz") for _ in range(3)), daemon=True)
        probes.start()
        probes.join(timeout=60)  # a deadline for a hang, not a speed goal
        assert not probes.is_alive(), "/readyz waits on a Redis that answers nothing"
        redis_server.resume()
        assert get("/readyz").json()["status"] == "ok"
    assert [answer.json()["status"] for answer in answers] == ["degraded"] * 3
    assert answers[0].json()["failed"] == ["cache", "broker"]
    watched = ("sites.health", "django.request")
    logged = [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name in watched]
    assert [level for _, level, _ in logged] == ["WARNING", "WARNING", "INFO", "INFO"], logged
    assert all(name == "sites.health" for name, _, _ in logged)
