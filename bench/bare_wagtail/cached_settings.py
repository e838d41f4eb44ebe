"""The bare Wagtail project with the page cache Wagtail's users reach for: wagtail-cache (CodeRed),
on the same Redis as Socle's, as its documentation installs it (its two middleware first and last).

Pages are kept as long as Socle keeps its own (``SOCLE_PAGE_CACHE_SECONDS`` in the bench, 600 s):
Django's default of 300 s would let pages expire between the benchmark's rounds.
"""

import os

from .settings import *  # noqa: F403

INSTALLED_APPS = ["wagtailcache", *INSTALLED_APPS]  # noqa: F405
MIDDLEWARE = ["wagtailcache.cache.UpdateCacheMiddleware", *MIDDLEWARE, "wagtailcache.cache.FetchFromCacheMiddleware"]  # noqa: F405
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "TIMEOUT": int(os.environ.get("PAGE_CACHE_SECONDS", "600")),
    }
}
WAGTAIL_CACHE = True
