"""Local development and the embedded demo: SQLite, debug pages, a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-socle-demo-key-0123456789")

from .base import *  # noqa: E402,F403
from .env import env_list  # noqa: E402

DEBUG = True
# A visitor of the demo meets the same 500 page as in production (the traceback goes to the console).
MIDDLEWARE = [*MIDDLEWARE, "sites.spaces.errors.ServerErrorPageMiddleware"]  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", ".localhost", "127.0.0.1"])
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
