"""A TCP proxy in front of a broker that fails on command: killed, restarted, or hung.

It speaks no protocol, so it serves Redis and RabbitMQ alike, and it leaves the machine's own
services alone: only the connections that go through it suffer.

- ``kill()``: every connection is reset and new ones are reset as soon as they arrive, as when the
  broker stops (the proxy keeps its port: binding it again could race with the kernel);
- ``restart()``: connections are accepted and forwarded again;
- ``hang()``: connections are accepted and never answered, and those open go silent, as when the
  broker's machine freezes or a firewall drops its packets; ``restart()`` ends it.
"""

import socket
import struct
import threading

UP, DOWN, HUNG = "up", "down", "hung"


def reset(sock: socket.socket) -> None:
    """Close with a reset, as a stopped broker's machine answers.

    Shut down first: closing alone leaves a socket that a pump thread is reading from open in the
    kernel (the peer would then see a silent connection, not a closed one).
    """
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class BrokerProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode = UP
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, broker_url: str) -> str:
        """``broker_url`` pointed at this proxy instead of the broker."""
        scheme, rest = broker_url.split("://", 1)
        credentials, _, host_and_path = rest.rpartition("@")
        path = host_and_path.split("/", 1)[1] if "/" in host_and_path else ""
        return f"{scheme}://{credentials + '@' if credentials else ''}127.0.0.1:{self.port}/{path}"

    def kill(self) -> None:
        self._switch(DOWN)

    def restart(self) -> None:
        self._switch(UP)

    def hang(self) -> None:
        with self._lock:
            self.mode = HUNG

    def close(self) -> None:
        self.kill()
        self._closed = True
        self._server.close()

    def _switch(self, mode: str) -> None:
        with self._lock:
            self.mode = mode
            for sock in self._sockets:
                reset(sock)
            self._sockets.clear()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _address = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed
            with self._lock:
                if self.mode == DOWN:
                    reset(client)
                    continue
                self._sockets.add(client)
                if self.mode == HUNG:
                    continue  # accepted, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                reset(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.add(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.mode == UP:
                    sink.sendall(data)
                # hung: what is sent is swallowed, nothing comes back
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
