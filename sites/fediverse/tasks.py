"""Celery entry points of the fediverse: thin wrappers over ``pushes``."""

from celery import shared_task

from . import pushes


@shared_task
def push_task(push_id: int) -> bool:
    return pushes.push(push_id)


@shared_task
def redispatch_task() -> int:
    return pushes.redispatch()
