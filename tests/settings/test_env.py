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


def test_a_number_out_of_its_range_names_the_variable_and_the_range(monkeypatch):
    monkeypatch.setenv("SOCLE_WORKER_NICE", "20")
    with pytest.raises(ImproperlyConfigured, match="SOCLE_WORKER_NICE must be from 0 to 19, not 20"):
        env.env_int("SOCLE_WORKER_NICE", 10, lowest=0, highest=19)
    monkeypatch.setenv("SOCLE_WORKER_NICE", "19")
    assert env.env_int("SOCLE_WORKER_NICE", 10, lowest=0, highest=19) == 19


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


def read_env_example() -> dict[str, str]:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "deploy" / "env.example"
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def test_env_example_documents_every_variable_the_settings_read():
    import re
    from pathlib import Path

    settings_dir = Path(__file__).resolve().parents[2] / "sites" / "settings"
    read = set()
    for module in settings_dir.glob("*.py"):
        if module.name != "test.py":  # the test settings' own switches are never deployed
            read |= set(re.findall(r'env_\w+\("([A-Z_]+)"', module.read_text()))
    assert read <= set(read_env_example())


def test_production_settings_start_with_the_documented_variables():
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        env={"PATH": "/usr/bin:/bin", **read_env_example()},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_misspelt_boolean_stops_the_production_settings_naming_the_variable():
    """The property that keeps this module over django-environ, which would read "ture" as False."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"PATH": "/usr/bin:/bin", **read_env_example(), "SECURE_SSL_REDIRECT": "ture"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be a boolean" in result.stderr
    assert "'ture'" in result.stderr


def test_a_bad_log_level_names_the_variable(monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of DEBUG, INFO"):
        env.env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO"))
