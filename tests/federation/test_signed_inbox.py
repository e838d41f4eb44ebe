"""The inbox accepts a message only when it is signed by the pinned key of a live link, fresh, whole
and never seen before; every refusal says why and changes nothing. Each refusal has its positive
control: the same message, signed as it should be, is applied."""

import json
import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from sites.federation import signing
from sites.federation.keys import key_id, public_text
from sites.federation.models import Link, Received, SeenNonce

pytestmark = pytest.mark.django_db

HOST = "network.example.org"
URL = f"http://{HOST}/link/inbox/"


class Install:
    """The other install: a key of its own, pinned by this install's link to it."""

    def __init__(self):
        self.private = Ed25519PrivateKey.generate()
        self.public = public_text(self.private.public_key())
        self.key_id = key_id(self.public)

    def link(self, **fields) -> Link:
        defaults = {"name": "NUMA Moscow", "address": "https://numa.example.ru", "role": Link.Role.MEMBER}
        return Link.objects.create(peer_key=self.public, peer_key_id=self.key_id, **(defaults | fields))

    def signed(self, body: bytes, url: str = URL) -> dict:
        return signing.sign("POST", url, body, key=(self.key_id, self.private))


def message(kind: str = "link.paused", **fields) -> bytes:
    document = {"schema": 1, "id": str(uuid.uuid4()), "type": kind, "sent_at": timezone.now().isoformat(), **fields}
    return json.dumps(document).encode()


def post(client, body: bytes, headers: dict):
    wire = {name: value for name, value in headers.items() if name.lower() != "host"}
    return client.post("/link/inbox/", data=body, content_type="application/json", headers=wire, HTTP_HOST=HOST)


@pytest.fixture
def moscow():
    return Install()


def test_a_message_signed_by_the_linked_install_is_applied_once(client, moscow):
    link = moscow.link()
    body = message("link.paused")
    response = post(client, body, moscow.signed(body))
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "applied"}
    link.refresh_from_db()
    assert link.paused_there and link.state == Link.State.PAUSED and link.last_contact_at is not None

    # The same message again (a retry, with a fresh signature): recorded once, applied once.
    response = post(client, body, moscow.signed(body))
    assert response.json() == {"status": "already received"}
    assert Received.objects.filter(link=link).count() == 1


def test_an_unsigned_request_is_refused(client, moscow):
    link = moscow.link()
    response = post(client, message(), {})
    assert response.status_code == 401
    assert "not signed" in response.json()["error"]
    link.refresh_from_db()
    assert link.state == Link.State.ACTIVE and not Received.objects.exists()


def test_a_tampered_body_is_refused(client, moscow):
    link = moscow.link()
    body = message("link.resumed")
    headers = moscow.signed(body)
    tampered = body.replace(b"link.resumed", b"link.revoked")
    response = post(client, tampered, headers)
    assert response.status_code == 401
    assert "digest" in response.json()["error"].lower()
    link.refresh_from_db()
    assert link.state == Link.State.ACTIVE and not Received.objects.exists()
    assert post(client, body, moscow.signed(body)).status_code == 200  # control: the untouched body passes


def test_a_request_signed_with_another_key_is_refused(client, moscow):
    link = moscow.link()
    impostor = Install()  # claims Moscow's key id, signs with its own key
    body = message("link.revoked")
    headers = signing.sign("POST", URL, body, key=(moscow.key_id, impostor.private))
    response = post(client, body, headers)
    assert response.status_code == 401
    link.refresh_from_db()
    assert link.state == Link.State.ACTIVE
    unknown = post(client, body, impostor.signed(body))  # its own key id: pinned by no link
    assert unknown.status_code == 401 and "resolve" in unknown.json()["error"]
    assert not Received.objects.exists()


def test_a_request_for_another_address_is_refused(client, moscow):
    moscow.link()
    body = message()
    response = post(client, body, moscow.signed(body, url="http://other-install.example.org/link/inbox/"))
    assert response.status_code == 401
    assert not Received.objects.exists()


def test_a_request_older_than_five_minutes_is_refused(client, moscow, monkeypatch):
    link = moscow.link()
    body = message()
    then = timezone.now() - timedelta(minutes=6)
    monkeypatch.setattr(signing.timezone, "now", lambda: then)
    headers = moscow.signed(body)
    monkeypatch.undo()
    response = post(client, body, headers)
    assert response.status_code == 401
    assert "age" in response.json()["error"]
    link.refresh_from_db()
    assert link.state == Link.State.ACTIVE


def test_a_replayed_request_is_refused(client, moscow):
    link = moscow.link()
    first = message("link.paused")
    headers = moscow.signed(first)
    assert post(client, first, headers).status_code == 200
    # Moscow resumes; then the pause's request, captured on the way, is sent again.
    resumed = message("link.resumed")
    assert post(client, resumed, moscow.signed(resumed)).status_code == 200
    replay = post(client, first, headers)
    assert replay.status_code == 401
    assert "replay" in replay.json()["error"]
    link.refresh_from_db()
    assert link.state == Link.State.ACTIVE  # the replay did not pause it again
    assert SeenNonce.objects.count() == 2


def test_a_revoked_link_is_refused_even_when_signed_right(client, moscow):
    link = moscow.link(state=Link.State.REVOKED)
    body = message("link.resumed")
    response = post(client, body, moscow.signed(body))
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.state == Link.State.REVOKED and not Received.objects.exists()


def test_a_link_paused_here_takes_no_content_but_hears_the_link_change(client, moscow):
    link = moscow.link(paused_here=True, state=Link.State.PAUSED)
    body = message("event.shared")
    response = post(client, body, moscow.signed(body))
    assert response.status_code == 503 and response["Retry-After"]
    assert not Received.objects.exists()
    revoked = message("link.revoked")
    assert post(client, revoked, moscow.signed(revoked)).status_code == 200
    link.refresh_from_db()
    assert link.state == Link.State.REVOKED


def test_a_message_missing_a_field_or_of_an_unknown_type_is_refused_by_name(client, moscow):
    moscow.link()
    body = json.dumps({"schema": 1, "type": "link.paused"}).encode()
    response = post(client, body, moscow.signed(body))
    assert response.status_code == 400 and "“id”" in response.json()["error"]
    unknown = message("space.teleported", extra={"ignored": True})
    response = post(client, unknown, moscow.signed(unknown))
    assert response.status_code == 422 and "space.teleported" in response.json()["error"]
    assert not Received.objects.exists()
