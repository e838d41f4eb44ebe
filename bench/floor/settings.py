"""Settings and URLs of the floor project in one module (its ROOT_URLCONF): one view, nothing else."""

import os

from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.floor.settings"
USE_I18N = False

BODY = b"<!DOCTYPE html><title>Floor</title><p>A fixed string.</p>"


def fixed(request, anything: str = ""):
    return HttpResponse(BODY)


urlpatterns = [path("<path:anything>", fixed), path("", fixed)]
