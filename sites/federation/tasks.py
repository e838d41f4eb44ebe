"""Celery entry points of Socle Link: thin wrappers over ``pull``."""

from celery import shared_task

from .pull import pull_every_link


@shared_task
def pull_task() -> int:
    return pull_every_link()
