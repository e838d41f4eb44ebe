"""A TCP proxy in front of a broker that fails on command: killed, restarted, or hung.

It speaks no protocol, so it serves Redis and RabbitMQ alike, and it leaves the machine's own
services alone: only the connections that go through it suffer.

- ``kill()``: every connection is closed and new ones are refused, as when the broker stops;
- ``restart()``: connections are accepted and forwarded again;
- ``hang()``: connections are accepted and never answered, and those open go silent, as when the
  broker's machine freezes or a firewall drops its packets; ``restart()`` ends it.
"""

import socket
import threading

UP, DOWN, HUNG = "up", "down", "hung"


class BrokerProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.mode = DOWN
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._server: socket.socket | None = None
        with socket.socket() as probe:  # a free port, kept for the proxy's whole life
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.restart()

    def url(self, broker_url: str) -> str:
        """``broker_url`` pointed at this proxy instead of the broker."""
        scheme, rest = broker_url.split("://", 1)
        credentials, _, host_and_path = rest.rpartition("@")
        path = host_and_path.split("/", 1)[1] if "/" in host_and_path else ""
        return f"{scheme}://{credentials + '@' if credentials else ''}127.0.0.1:{self.port}/{path}"

    def restart(self) -> None:
        with self._lock:
            self._close_connections()
            self.mode = UP
            if self._server is None:
                self._server = socket.create_server(("127.0.0.1", self.port))
                self._server.settimeout(0.1)
                threading.Thread(target=self._accept, args=(self._server,), daemon=True).start()

    def kill(self) -> None:
        with self._lock:
            self.mode = DOWN
            if self._server is not None:
                self._server.close()
                self._server = None
            self._close_connections()

    def hang(self) -> None:
        with self._lock:
            self.mode = HUNG

    def _close_connections(self) -> None:
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self._sockets.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # killed: the listening socket is closed
            with self._lock:
                if self._server is not server:
                    client.close()
                    return
                self._sockets.add(client)
                if self.mode == HUNG:
                    continue  # accepted, never answered
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
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
