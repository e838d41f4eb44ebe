"""Celery entry points of the dashboard: a member install's status report to the network's install."""

from celery import shared_task

from .reports import send_reports


@shared_task
def report_task() -> int:
    return send_reports()
