"""A fediverse server on loopback (as Mastodon or Mobilizon would be): one account with its RSA key,
an actor document, an inbox and a shared inbox that keep what they receive."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sites.fediverse import httpsig
from tests.helpers import client_for

HOST = "moscow.localhost"
SPACE_ACTOR = f"http://{HOST}/activitypub/actor/"


@dataclass
class Account:
    base: str
    name: str
    private: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))

    @property
    def id(self) -> str:
        return f"{self.base}/users/{self.name}"

    @property
    def key_id(self) -> str:
        return self.id + "#main-key"

    def document(self) -> dict:
        pem = self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.id, "type": "Person", "preferredUsername": self.name,
            "inbox": f"{self.id}/inbox", "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {"id": self.key_id, "owner": self.id, "publicKeyPem": pem.decode()},
        }  # fmt: skip

    def post(self, activity: dict, *, signer=None, tamper=None, host=HOST, headers=None):
        """POST ``activity`` to the space's inbox, signed as this account (or by ``signer``'s key under this key id)."""
        body = json.dumps(activity).encode()
        url = f"http://{host}/activitypub/inbox/"
        signed = headers if headers is not None else httpsig.sign("POST", url, body, self.key_id,
                                                                  (signer or self).private)  # fmt: skip
        signed = {name: value for name, value in signed.items() if name != "Host"}
        if tamper is not None:
            body = tamper(body)
        return client_for(host).post("/activitypub/inbox/", data=body, content_type="application/activity+json",
                                     headers=signed)  # fmt: skip

    def follow(self, number: int = 1) -> dict:
        return {"@context": "https://www.w3.org/ns/activitystreams", "id": f"{self.id}#follows/{number}",
                "type": "Follow", "actor": self.id, "object": SPACE_ACTOR}  # fmt: skip


@dataclass
class Server:
    base: str
    accounts: dict = field(default_factory=dict)
    received: list = field(default_factory=list)  # (path, headers, body) of every POST
    answer: int = 202
    gone: set = field(default_factory=set)  # deleted accounts: their actor answers 410 Gone

    def account(self, name: str) -> Account:
        self.accounts[name] = Account(self.base, name)
        return self.accounts[name]

    def activities(self, path_end: str = "/inbox") -> list[dict]:
        return [json.loads(body) for path, _headers, body in self.received if path.endswith(path_end)]


@pytest.fixture
def fediverse(settings):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True  # the server is on loopback

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, document: dict | None = None):
            body = json.dumps(document).encode() if document is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/activity+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            name = self.path.removeprefix("/users/")
            account = server.accounts.get(name)
            if name in server.gone:
                self._send(410)
            else:
                self._send(200, account.document()) if account else self._send(404)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            server.received.append((self.path, dict(self.headers.items()), body))
            self._send(server.answer)

    http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server = Server(f"http://127.0.0.1:{http.server_address[1]}")
    threading.Thread(target=http.serve_forever, daemon=True).start()
    yield server
    http.shutdown()
