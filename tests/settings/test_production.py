"""The production settings: static files through whitenoise, media on disk or in object storage."""

import json
import subprocess
import sys

from .test_env import read_env_example

SHOW = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
media = default_storage._wrapped if hasattr(default_storage, "_wrapped") else default_storage
print(json.dumps({
    "media": type(media).__module__ + "." + type(media).__name__,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE[:4],
    "bucket": getattr(media, "bucket_name", None),
    "endpoint": getattr(media, "endpoint_url", None),
}))
"""


def production(**overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={"PATH": "/usr/bin:/bin", **read_env_example(), **overrides},
        capture_output=True,
        text=True,
    )


def test_static_files_are_hashed_and_compressed_and_served_by_whitenoise_media_on_disk():
    result = production()
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert shown["media"] == "django.core.files.storage.filesystem.FileSystemStorage"
    # The probes first, then the page cache (which leaves static files alone), then the security
    # middleware, then whitenoise before everything else.
    assert shown["middleware"] == [
        "sites.health.HealthCheckMiddleware",
        "sites.pagecache.middleware.PageCacheMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_media_may_live_in_s3_compatible_object_storage():
    result = production(
        SOCLE_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="network-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["media"] == "storages.backends.s3.S3Storage"
    assert (shown["bucket"], shown["endpoint"]) == ("network-media", "http://127.0.0.1:9000")


def test_object_storage_without_a_bucket_or_an_unknown_storage_stops_start_up_naming_the_variable():
    result = production(SOCLE_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="")
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME must be set" in result.stderr
    result = production(SOCLE_MEDIA_STORAGE="ftp")
    assert result.returncode != 0
    assert "SOCLE_MEDIA_STORAGE must be one of local, s3" in result.stderr
