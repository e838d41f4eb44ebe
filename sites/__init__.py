"""The Socle project: one Wagtail install serving every space of the network."""

from .celery import app as celery_app

__all__ = ["celery_app"]
