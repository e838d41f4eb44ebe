"""WSGI entry point (gunicorn ``sites.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.production")

application = get_wsgi_application()
