"""kombu's Redis transport, with a worker that keeps consuming after an acknowledgement fails.

kombu frees a prefetch slot only once Redis has recorded the acknowledgement. When Redis restarts
(or a proxy drops the connection) while a worker runs its tasks, every acknowledgement fails, the
slots stay taken, and the worker never asks Redis for another message: it never notices that the
connection is gone, and stops consuming for good (celery/celery#8030, #8091). Here the slot is
freed whatever Redis answers; the next read then fails, and the worker reconnects. A message whose
acknowledgement was lost is handed out again by Redis after the visibility timeout, or re-dispatched
by the sync engine sooner; tasks are idempotent.
"""

from kombu.transport import redis, virtual


class QoS(redis.QoS):
    def ack(self, delivery_tag):
        try:
            self._remove_from_indices(delivery_tag).execute()
        finally:
            virtual.QoS.ack(self, delivery_tag)


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
