"""Joining with an invitation: the code's secret is spent once, within its day, by the key that
signed the request; everything else is refused by name and links nothing. The outgoing client goes
to the linked address only: no redirect followed, no private address unless allowed."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from sites.federation import client, links, signing
from sites.federation.keys import own_public_text, unb64
from sites.federation.models import Invitation, Link

from .test_signed_inbox import HOST, Install

pytestmark = pytest.mark.django_db

JOIN = f"http://{HOST}/link/join/"


def secret_of(code: str) -> str:
    return json.loads(unb64(code[len(links.CODE_PREFIX) :]))["s"]


def ask_to_join(client_, moscow: Install, secret: str, signer: Install | None = None):
    body = json.dumps({
        "schema": 1, "secret": secret, "name": "NUMA Moscow", "address": "https://numa.example.ru",
        "key": moscow.public, "unknown field from a newer install": True,
    }).encode()  # fmt: skip
    signer = signer or moscow
    headers = signing.sign("POST", JOIN, body, key=(moscow.key_id, signer.private))
    return client_.post("/link/join/", data=body, content_type="application/json", headers=headers, HTTP_HOST=HOST)


def test_an_invitation_links_the_install_that_signed_with_the_key_it_presents(client):
    moscow = Install()
    invitation, code = links.invite("NUMA Moscow")
    response = ask_to_join(client, moscow, secret_of(code))
    assert response.status_code == 201, response.content
    assert response.json()["key"] == own_public_text()
    link = Link.objects.get()
    assert (link.role, link.peer_key, link.address) == (Link.Role.MEMBER, moscow.public, "https://numa.example.ru")
    invitation.refresh_from_db()
    assert invitation.used_at and invitation.link == link

    # Its answer lost, Moscow asks again with the same code: the same answer, still one link.
    assert ask_to_join(client, moscow, secret_of(code)).status_code == 201
    assert Link.objects.count() == 1
    # Another install with the spent code is refused.
    response = ask_to_join(client, Install(), secret_of(code))
    assert response.status_code == 403 and "used" in response.json()["error"]
    assert Link.objects.count() == 1


@pytest.mark.parametrize("spoil", ["expired", "cancelled", "unknown"])
def test_an_expired_cancelled_or_unknown_invitation_links_nothing(client, spoil):
    invitation, code = links.invite()
    secret = secret_of(code)
    if spoil == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif spoil == "cancelled":
        Invitation.objects.filter(pk=invitation.pk).update(cancelled_at=timezone.now())
    else:
        secret = secret[::-1]
    response = ask_to_join(client, Install(), secret)
    assert response.status_code == 403 and "ask for a new one" in response.json()["error"]
    assert not Link.objects.exists()


def test_a_join_not_signed_by_the_key_it_presents_links_nothing(client):
    _invitation, code = links.invite()
    response = ask_to_join(client, Install(), secret_of(code), signer=Install())
    assert response.status_code == 401
    assert not Link.objects.exists()
    assert not Invitation.objects.filter(used_at__isnull=False).exists()  # the code still works for its owner


def test_a_damaged_or_foreign_code_is_refused_by_name():
    _invitation, code = links.invite()
    with pytest.raises(links.LinkError, match="damaged"):
        links.read_code(code[:-10])
    with pytest.raises(links.LinkError, match="begin with"):
        links.read_code("https://numa.example.org/invite/1234")
    assert links.read_code(code[:40] + "\n  " + code[40:])["s"] == secret_of(code)  # broken over lines


@pytest.fixture
def loopback_server():
    """A plain HTTP server on loopback: /moved answers a redirect, anything else a JSON 200."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/moved"):
                self.send_response(302)
                self.send_header("Location", "http://198.51.100.7/elsewhere")
                self.end_headers()
                return
            body = b'{"status": "heard"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_client_refuses_a_private_address_unless_allowed(loopback_server, settings):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(client.Unreachable, match="private address"):
        client.send(loopback_server, "/link/inbox/", {"schema": 1})
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    response = client.send(loopback_server, "/link/inbox/", {"schema": 1})  # control: the same request goes
    assert response.status_code == 200 and client.answer(response) == {"status": "heard"}


def test_the_client_does_not_follow_a_redirect(loopback_server, settings):
    settings.SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = True
    response = client.send(loopback_server, "/moved/", method="GET")
    assert response.status_code == 302
    with pytest.raises(client.Unreachable, match="redirect"):
        client.answer(response)
    with pytest.raises(client.Unreachable, match="plain address"):
        client.send("https://user:pass@numa.example.ru", "/link/inbox/", {"schema": 1})
