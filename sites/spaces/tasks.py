"""Celery entry points of spaces: thin wrappers over plain functions the tests call directly."""

from celery import shared_task

from . import scheduled


@shared_task
def publish_scheduled_task() -> dict[str, int]:
    """Beat's every-minute run of scheduled publishing (``spaces.scheduled``)."""
    return scheduled.publish_scheduled()
