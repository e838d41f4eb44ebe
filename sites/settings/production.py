"""Production: everything from the environment (see deploy/env.example)."""

from .base import *  # noqa: F403
from .env import env_bool, env_choice, env_int, env_str

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The header alone enrolls nothing: the domain joins browsers' preload list only when submitted.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Redis is a cache, not a condition of serving (sites/pagecache/outage.py): a call it does not answer
# within half a second is a miss, then it is skipped for a few seconds; purges it missed are made
# when it answers again, and every process looks for such purges (and for a restarted Redis, which
# it empties) every few seconds.
CACHES = {
    "default": {
        "BACKEND": "sites.pagecache.redis.SocleRedisCache",
        "LOCATION": env_str("CACHE_URL", "redis://127.0.0.1:6379/1"),
        "OPTIONS": {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "SKIP_AFTER_FAILURE_SECONDS": env_int("SOCLE_CACHE_SKIP_AFTER_FAILURE_SECONDS", 5),
            "CHECK_MISSED_SECONDS": env_int("SOCLE_CACHE_CHECK_MISSED_SECONDS", 5),
        },
    }
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "socle@localhost")

# --- Static files and media ----------------------------------------------------------------
# Static files are served by the web process itself through whitenoise, hashed (cached for ever by
# browsers and a CDN) and compressed; `manage.py collectstatic` writes them to STATIC_ROOT.
MIDDLEWARE.insert(  # noqa: F405
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Uploaded images and documents: on this machine's disk (MEDIA_ROOT, served by the proxy), or in
# S3-compatible object storage that several web machines share.
SOCLE_MEDIA_STORAGE = env_choice("SOCLE_MEDIA_STORAGE", "local", ("local", "s3"))
if SOCLE_MEDIA_STORAGE == "s3":
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            # Empty: Amazon S3 itself; otherwise MinIO, Garage, Ceph, Scaleway, OVH...
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("AWS_LOCATION", ""),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# `make serve` without a proxy in front: the web process serves MEDIA_ROOT itself (slowly).
SOCLE_SERVE_MEDIA = env_bool("SOCLE_SERVE_MEDIA", False)
