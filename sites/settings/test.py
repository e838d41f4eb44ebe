"""The test suite: fast hashing, local memory cache, quiet logs. PostgreSQL when DATABASE_URL is set."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-socle-key-0123456789")

from .base import *  # noqa: E402,F403
from .env import env_list  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests of other behaviour read pages straight from the database; tests of the cache turn it on.
SOCLE_PAGE_CACHE_SECONDS = 0
# The demo's drawn images a quarter of their size: each has one rendition per format, made in a blink.
SOCLE_DEMO_IMAGE_SCALE = 0.25
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Close connections after each request, so the browser tests' server threads leave none open
# when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The in-memory SQLite test database refuses a write while another thread writes, instead of
    # waiting: the browser tests' admin must not autosave behind a click that publishes.
    WAGTAIL_AUTOSAVE_INTERVAL = 0
# Modules a real worker started by the tests imports besides the tasks (a test-only change kind).
CELERY_IMPORTS = env_list("SOCLE_TEST_CELERY_IMPORTS", [])
