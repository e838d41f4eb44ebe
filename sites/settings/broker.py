"""The broker's transport options, which differ between Redis and RabbitMQ (amqp)."""

from urllib.parse import urlparse


def broker_transport_options(url: str, visibility_timeout: int, timeout: float) -> dict:
    """Options that keep every call to the broker from waiting more than ``timeout`` seconds.

    Redis: each command and each connection attempt times out, and a consumer's connection that
    went silent (the broker restarted under it) is found and dropped within about 11 s, not
    kombu's default 51 s, so that a worker is back soon after its broker. RabbitMQ: reads and
    writes time out (the handshake already does, by ``broker_connection_timeout``), and the broker
    confirms each published message, so a message counts as handed over only once the broker has it.
    """
    scheme = urlparse(url).scheme
    if scheme in ("redis", "rediss", "sentinel"):
        return {
            "visibility_timeout": visibility_timeout,
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
            "health_check_interval": 5,
        }
    if scheme in ("amqp", "amqps", "pyamqp"):
        return {"confirm_publish": True, "read_timeout": timeout, "write_timeout": timeout}
    return {}
