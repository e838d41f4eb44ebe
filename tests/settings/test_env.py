"""Configuration is read strictly: a bad value stops start-up and names the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from sites.settings import env


def test_a_malformed_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SESSION_COOKIE_SECURE must be a boolean"):
        env.env_bool("SESSION_COOKIE_SECURE", True)


@pytest.mark.parametrize("raw,expected", [("true", True), ("0", False), ("Yes", True), ("off", False)])
def test_booleans_are_read_in_their_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env.env_bool("FLAG", not expected) is expected


def test_a_missing_secret_stops_start_up(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env.env_str("SECRET_KEY")


def test_a_secret_may_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.env_str("SECRET_KEY") == "from-a-file"


def test_a_malformed_number_or_database_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("WORKERS", "four")
    with pytest.raises(ImproperlyConfigured, match="WORKERS must be a whole number"):
        env.env_int("WORKERS", 2)
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not a valid database URL"):
        env.env_database("DATABASE_URL", "sqlite://")


def test_tasks_run_eagerly_without_a_broker_and_go_to_the_broker_with_one():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    base = {"DJANGO_SETTINGS_MODULE": "sites.settings.dev", "PATH": "/usr/bin:/bin"}

    def eager(extra):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**base, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert eager({}) == "True"
    assert eager({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}) == "False"
