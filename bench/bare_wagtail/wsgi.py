"""WSGI entry point (gunicorn ``bench.bare_wagtail.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_wagtail.settings")

application = get_wsgi_application()
