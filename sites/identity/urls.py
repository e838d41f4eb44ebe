"""The identity's addresses: at the root of every host (browsers ask for /favicon.ico by name), and
the manifest under each language (its name is in that language)."""

from django.urls import path

from . import views
from .icons import ICONS

urlpatterns = [
    path("theme.css", views.theme, name="identity_theme"),
    *(path(name, views.site_icon, {"name": name}, name=f"identity_{name}") for name in ICONS),
]
language_patterns = [path("manifest.webmanifest", views.manifest, name="identity_manifest")]
