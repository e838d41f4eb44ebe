"""Celery entry points of the sync engine: thin wrappers over ``engine`` and ``repair``.

Late acknowledgement and rejection on a lost worker mean a batch whose worker dies is delivered
again by another; the engine's idempotence makes that harmless. Delivery batches go to a queue of
their own (``SOCLE_SYNC_QUEUE``, see ``CELERY_TASK_ROUTES``), which the re-dispatcher measures.
"""

from celery import shared_task

from . import engine, remote, repair

# A failed batch is retried by its worker after 2, 4, 8… seconds (at most this, with full jitter).
RETRY_BACKOFF = 2
RETRY_BACKOFF_MAX = 300


def retry_countdown_at_most(retries: int) -> float:
    """The longest a worker waits before the retry that follows ``retries`` earlier ones (Celery's formula)."""
    return min(RETRY_BACKOFF_MAX, RETRY_BACKOFF * 2**retries)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def fan_out_task(change_id: int) -> int:
    return engine.fan_out(change_id)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    max_retries=engine.MAX_ATTEMPTS - 1,
)
def deliver_batch_task(self, change_id: int, space_ids: list[int]) -> int:
    retries = self.request.retries
    retry_in = retry_countdown_at_most(retries) if retries < self.max_retries else None
    return engine.deliver_batch(change_id, space_ids, retry_in=retry_in)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deliver_to_link_task(change_id: int, link_id: int) -> bool:
    # Not retried by the worker: the re-dispatcher asks again for as long as the install is away.
    return remote.deliver_to_link(change_id, link_id)


@shared_task
def redispatch_task() -> dict[str, int]:
    return repair.redispatch()
