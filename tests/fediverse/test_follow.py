"""Following a space from the fediverse: a signed Follow is accepted and answered with a signed
Accept; an unsigned, wrongly signed, tampered, replayed or impersonating request is refused and
changes nothing; an Undo ends the follow. WebFinger finds the space as ``@slug@hostname``."""

import json

import pytest
from django.test import RequestFactory

from sites.fediverse import httpsig
from sites.fediverse.models import Follower, Push
from sites.spaces.models import Space
from tests.events.conftest import deliver  # noqa: F401  (runs what a commit hands to the workers)
from tests.helpers import client_for

from .conftest import HOST, SPACE_ACTOR

pytestmark = pytest.mark.django_db


def verify_as_the_space(path: str, headers: dict, body: bytes) -> str:
    """Check a request the space sent with the key its actor publishes, as the receiving server does."""
    document = client_for(HOST).get("/activitypub/actor/", HTTP_ACCEPT="application/activity+json").json()
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_public_key(document["publicKey"]["publicKeyPem"].encode())
    request = RequestFactory().post(path, data=body, content_type=headers["Content-Type"],
                                    headers={k: v for k, v in headers.items() if k not in ("Content-Type", "Host")},
                                    HTTP_HOST=headers["Host"])  # fmt: skip
    return httpsig.check(request, lambda key_id: key)


def test_a_signed_follow_is_accepted_and_answered_with_a_signed_accept(fediverse, deliver):  # noqa: F811
    anna = fediverse.account("anna")
    response = deliver(anna.post, anna.follow())
    assert response.status_code == 202, response.content
    follower = Follower.objects.get()
    assert (follower.space.slug, follower.actor, follower.inbox) == ("moscow", anna.id, f"{anna.id}/inbox")
    assert follower.shared_inbox == f"{fediverse.base}/inbox"

    [(path, headers, body)] = fediverse.received
    accept = json.loads(body)
    assert path == "/users/anna/inbox" and accept["type"] == "Accept" and accept["actor"] == SPACE_ACTOR
    assert accept["object"]["id"] == anna.follow()["id"] and accept["object"]["type"] == "Follow"
    assert verify_as_the_space(path, headers, body) == SPACE_ACTOR + "#main-key"
    assert Push.objects.get().state == Push.State.DELIVERED

    followers = client_for(HOST).get("/activitypub/followers/").json()
    assert followers["totalItems"] == 1 and "orderedItems" not in followers  # who follows is theirs to tell


def test_refused_follows_change_nothing(fediverse, deliver):  # noqa: F811
    anna, mallory = fediverse.account("anna"), fediverse.account("mallory")
    follow = anna.follow()
    unsigned = deliver(anna.post, follow, headers={})
    assert unsigned.status_code == 401 and "not signed" in unsigned.json()["error"]
    wrong_key = deliver(anna.post, follow, signer=mallory)
    assert wrong_key.status_code == 401 and "not valid" in wrong_key.json()["error"]
    tampered = deliver(anna.post, follow, tamper=lambda body: body.replace(b"follows/1", b"follows/2"))
    assert tampered.status_code == 401 and "Digest" in tampered.json()["error"]
    # Mallory signs, with her own key, a follow that says it is Anna's.
    impersonating = deliver(mallory.post, follow)
    assert impersonating.status_code == 401 and "another actor" in impersonating.json()["error"]
    elsewhere = deliver(anna.post, {**follow, "object": f"{fediverse.base}/users/someone"})
    assert elsewhere.status_code == 400
    assert not Follower.objects.exists() and not Push.objects.exists() and not fediverse.received

    # The control: the same follow, signed by Anna, is taken; the very same request again is a replay.
    body = json.dumps(follow).encode()
    headers = httpsig.sign("POST", f"http://{HOST}/activitypub/inbox/", body, anna.key_id, anna.private)
    assert deliver(anna.post, follow, headers=headers).status_code == 202
    replayed = deliver(anna.post, follow, headers=headers)
    assert replayed.status_code == 401 and "replay" in replayed.json()["error"]
    assert Follower.objects.count() == 1 and len(fediverse.received) == 1


def test_an_old_signature_is_refused(fediverse, deliver, settings):  # noqa: F811
    anna = fediverse.account("anna")
    body = json.dumps(anna.follow()).encode()
    headers = httpsig.sign("POST", f"http://{HOST}/activitypub/inbox/", body, anna.key_id, anna.private)
    headers["Date"] = "Mon, 30 Nov 2026 08:00:00 GMT"  # also no longer what was signed: refused for its age first
    response = deliver(anna.post, anna.follow(), headers=headers)
    assert response.status_code == 401 and "5 minutes" in response.json()["error"]
    assert not Follower.objects.exists()


def test_a_key_that_cannot_be_fetched_is_refused_by_name(fediverse, deliver):  # noqa: F811
    ghost = fediverse.account("ghost")
    del fediverse.accounts["ghost"]  # its server no longer knows it: 404
    response = deliver(ghost.post, ghost.follow())
    assert response.status_code == 401 and "could not be fetched" in response.json()["error"]
    assert not Follower.objects.exists()


def test_undo_ends_the_follow_of_that_account_only(fediverse, deliver):  # noqa: F811
    anna, boris = fediverse.account("anna"), fediverse.account("boris")
    for account in (anna, boris):
        assert deliver(account.post, account.follow()).status_code == 202
    undo = {"id": f"{anna.id}#undo/1", "type": "Undo", "actor": anna.id, "object": anna.follow()}
    assert deliver(anna.post, undo).status_code == 202
    assert list(Follower.objects.values_list("actor", flat=True)) == [boris.id]


def test_webfinger_finds_the_space_by_its_fediverse_address():
    moscow = client_for(HOST).get("/.well-known/webfinger", {"resource": f"acct:moscow@{HOST}"})
    assert moscow.status_code == 200 and moscow["Content-Type"] == "application/jrd+json"
    [self_link] = [link for link in moscow.json()["links"] if link["rel"] == "self"]
    assert self_link["href"] == SPACE_ACTOR
    # Paris is not served on Moscow's hostname; nobody is.
    assert client_for(HOST).get("/.well-known/webfinger", {"resource": f"acct:paris@{HOST}"}).status_code == 404
    assert client_for(HOST).get("/.well-known/webfinger", {"resource": f"acct:nobody@{HOST}"}).status_code == 404
    paris = Space.objects.select_related("site").get(slug="paris")
    found = client_for(paris.site.hostname).get("/.well-known/webfinger",
                                               {"resource": f"acct:paris@{paris.site.hostname}"})  # fmt: skip
    assert found.status_code == 200


def test_the_actor_names_its_inbox_followers_and_key():
    actor = client_for(HOST).get("/activitypub/actor/", HTTP_ACCEPT="application/activity+json").json()
    assert actor["type"] == "Group" and actor["id"] == SPACE_ACTOR and actor["preferredUsername"] == "moscow"
    assert actor["inbox"].endswith("/activitypub/inbox/") and actor["followers"].endswith("/activitypub/followers/")
    assert actor["publicKey"]["owner"] == SPACE_ACTOR and "BEGIN PUBLIC KEY" in actor["publicKey"]["publicKeyPem"]
    again = client_for(HOST).get("/activitypub/actor/").json()
    assert again["publicKey"] == actor["publicKey"]  # made once, then kept


def test_a_deleted_accounts_delete_is_refused_but_its_follow_goes(fediverse, deliver):  # noqa: F811
    anna, boris = fediverse.account("anna"), fediverse.account("boris")
    for account in (anna, boris):
        assert deliver(account.post, account.follow()).status_code == 202
    delete = {"id": f"{anna.id}#delete", "type": "Delete", "actor": anna.id, "object": anna.id}
    # Positive control: while Anna's server still knows her, a Delete of her changes nothing here.
    assert deliver(anna.post, delete).status_code == 202
    assert Follower.objects.filter(actor=anna.id).exists()

    fediverse.gone.add("anna")  # her account is deleted: her server answers 410 for her actor
    response = deliver(anna.post, delete | {"id": f"{anna.id}#delete-2"})
    assert response.status_code == 401 and "gone (410)" in response.json()["error"]
    assert list(Follower.objects.values_list("actor", flat=True)) == [boris.id]
