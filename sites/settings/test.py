"""The test suite: fast hashing, local memory cache, quiet logs. PostgreSQL when DATABASE_URL is set."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-socle-key-0123456789")

from .base import *  # noqa: E402,F403
from .env import env_int, env_list  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests of other behaviour read pages straight from the database; tests of the cache turn it on.
SOCLE_PAGE_CACHE_SECONDS = 0
# The demo's drawn images a quarter of their size: each has one rendition per format, made in a blink.
SOCLE_DEMO_IMAGE_SCALE = 0.25
# The real workers the tests start keep the test run's priority: their deadlines (a broker's loss
# seen within 30 s) are about the worker, not about a machine the test run itself keeps busy. The
# priority's own test sets it.
SOCLE_WORKER_NICE = env_int("SOCLE_WORKER_NICE", 0, lowest=0, highest=19)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Uploaded files of a test run: on disk, in a directory of the run's own, removed when it ends. Not in
# memory: a test that changes STORAGES rebuilds the storages, and an in-memory one would come back
# empty, without the demo's images; and Wagtail's document view sends files from a local path. Processes
# the tests start (a Celery worker) inherit the directory through the environment.
if "SOCLE_TEST_MEDIA_ROOT" not in os.environ:
    os.environ["SOCLE_TEST_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="socle-test-media-")
    atexit.register(shutil.rmtree, os.environ["SOCLE_TEST_MEDIA_ROOT"], ignore_errors=True)
MEDIA_ROOT = os.environ["SOCLE_TEST_MEDIA_ROOT"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
