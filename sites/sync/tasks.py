"""Celery entry points of the sync engine: thin wrappers over ``engine``.

Late acknowledgement and rejection on a lost worker mean a batch whose worker dies is delivered
again by another; the engine's idempotence makes that harmless.
"""

from celery import shared_task

from . import engine


@shared_task(acks_late=True, reject_on_worker_lost=True)
def fan_out_task(change_id: int) -> int:
    return engine.fan_out(change_id)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=300,
    max_retries=engine.MAX_ATTEMPTS - 1,
)
def deliver_batch_task(change_id: int, space_ids: list[int]) -> int:
    return engine.deliver_batch(change_id, space_ids)


@shared_task
def redispatch_task() -> dict[str, int]:
    return engine.redispatch()
