"""WSGI entry point (gunicorn ``sites.wsgi:application``): Django, behind the page cache's front door."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.production")

django_application = get_wsgi_application()

from sites.pagecache.front import CachedPagesFirst  # noqa: E402  (once Django is set up)

application = CachedPagesFirst(django_application)
