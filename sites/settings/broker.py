"""The broker's transport options, which differ between Redis and RabbitMQ (amqp)."""

from urllib.parse import urlparse


def broker_transport_options(url: str, visibility_timeout: int, timeout: float) -> dict:
    """Options that keep every call to the broker from waiting more than ``timeout`` seconds.

    Redis: each command and each connection attempt times out. RabbitMQ: reads and writes time out
    (the handshake already does, by ``broker_connection_timeout``), and the broker confirms each
    published message, so a message is counted as handed over only once the broker has it.
    """
    scheme = urlparse(url).scheme
    if scheme in ("redis", "rediss", "sentinel"):
        return {
            "visibility_timeout": visibility_timeout,
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
        }
    if scheme in ("amqp", "amqps", "pyamqp"):
        return {"confirm_publish": True, "read_timeout": timeout, "write_timeout": timeout}
    return {}
