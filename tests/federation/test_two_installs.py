"""Two installs on loopback, each with its own PostgreSQL database, Redis database, gunicorn and
worker (``deploy/serve.py``), linked as their coordinators would: an invitation made on the network's
install, pasted into the other's ``manage.py link_network``. Then each side pauses, resumes and
revokes, and what crosses the wire is checked over HTTP: a captured request sent again, a tampered
one, an unsigned one, and a message from a revoked link are refused and change nothing.
"""

import json
import os
import urllib.error
import urllib.request

import pytest

from tests.deploy.topology import REDIS_URL, free_port, fresh_database, manage, other_redis_db, query, serving
from tests.sync.conftest import wait_for

pytestmark = pytest.mark.serve


@pytest.fixture(scope="module")
def installs(tmp_path_factory):
    """The network's install (Paris's servers) and Moscow's own, both up; stopped at the end."""
    with (
        fresh_database(f"socle_link_network_{os.getpid()}") as network_db,
        fresh_database(f"socle_link_moscow_{os.getpid()}") as moscow_db,
    ):
        ports = free_port(), free_port()

        def named(name: str, port: int) -> dict:
            return {
                "SOCLE_LINK_ADDRESS": f"http://127.0.0.1:{port}",
                "SOCLE_LINK_NAME": name,
                "SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES": "true",  # both on loopback
            }

        with (
            serving(network_db, tmp_path_factory.mktemp("network"), REDIS_URL, ports[0],
                    **named("Network", ports[0])) as network,
            serving(moscow_db, tmp_path_factory.mktemp("moscow"), other_redis_db(REDIS_URL), ports[1],
                    **named("NUMA Moscow", ports[1])) as moscow,
        ):  # fmt: skip
            yield network, moscow


LINK_COLUMNS = ("name", "address", "role", "state", "paused_here", "paused_there", "peer_key_id")


def link_row(install) -> dict:
    [row] = query(install, f"SELECT {', '.join(LINK_COLUMNS)} FROM federation_link")  # noqa: S608
    return dict(zip(LINK_COLUMNS, row, strict=True))


def own_key_id(install) -> str:
    return query(install, "SELECT key_id FROM federation_installkey")[0][0]


def shell(install, code: str) -> str:
    return manage(install, "shell", "-c", code)


def act(install, action: str) -> None:
    """A coordinator of ``install`` pauses, resumes or revokes its link (what the admin's buttons call)."""
    shell(install, f"from sites.federation import links, models; links.{action}(models.Link.objects.get())")


def post(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def captured(install, to: str, kind: str) -> tuple[str, bytes, dict]:
    """A message ``install`` signs for ``to``'s inbox, captured instead of sent: its URL, body and headers."""
    out = shell(install, f"""
import json, uuid
from sites.federation.signing import sign
body = json.dumps({{"schema": 1, "id": str(uuid.uuid4()), "type": "{kind}"}}).encode()
url = "{to}/link/inbox/"
print(json.dumps({{"url": url, "body": body.decode(), "headers": sign("POST", url, body)}}))
""")
    document = json.loads(out.strip().splitlines()[-1])
    return document["url"], document["body"].encode(), {**document["headers"], "Content-Type": "application/json"}


def test_two_installs_link_with_an_invitation_and_stop_both_ways_when_revoked(installs):
    network, moscow = installs
    network_address, moscow_address = (f"http://127.0.0.1:{install['port']}" for install in installs)

    code = manage(network, "link_invite", "--for", "NUMA Moscow").strip()
    assert code.startswith("socle-link-1.")
    out = manage(moscow, "link_network", code)
    assert "Linked to Network" in out

    # Each side pinned the other's key; the invitation is spent.
    on_network, on_moscow = link_row(network), link_row(moscow)
    assert on_network | {"peer_key_id": None} == {
        "name": "NUMA Moscow", "address": moscow_address, "role": "member", "state": "active",
        "paused_here": False, "paused_there": False, "peer_key_id": None,
    }  # fmt: skip
    assert on_moscow["role"] == "network" and on_moscow["address"] == network_address
    assert on_network["peer_key_id"] == own_key_id(moscow) and on_moscow["peer_key_id"] == own_key_id(network)
    assert query(network, "SELECT count(*) FROM federation_invitation WHERE used_at IS NOT NULL")[0][0] == 1
    again = manage_fails(moscow, "link_network", code)
    assert "already linked" in again

    # Moscow pauses: both sides stop; Moscow resumes: both flow again.
    act(moscow, "pause")
    assert link_row(moscow)["state"] == "paused"
    assert link_row(network)["state"] == "paused" and link_row(network)["paused_there"]
    act(moscow, "resume")
    assert link_row(network)["state"] == "active" and link_row(moscow)["state"] == "active"

    # What travels on the wire is refused when replayed, tampered with or unsigned.
    url, body, headers = captured(moscow, network_address, "link.paused")
    assert post(url, body.replace(b"link.paused", b"link.revoked"), headers)[0] == 401  # tampered
    assert post(url, body, {"Content-Type": "application/json"})[0] == 401  # unsigned
    assert link_row(network)["state"] == "active"  # neither changed anything
    assert post(url, body, headers) == (200, {"status": "applied"})  # control: the genuine request
    assert link_row(network)["paused_there"]
    act(moscow, "resume")  # Moscow's coordinator sets it straight
    assert not link_row(network)["paused_there"]
    status, answer = post(url, body, headers)  # the captured pause, sent again
    assert status == 401 and "replay" in answer["error"]
    assert link_row(network)["state"] == "active"

    # The network revokes: Moscow hears it, and nothing Moscow signs is accepted any more.
    act(network, "revoke")
    wait_for(lambda: link_row(moscow)["state"] == "revoked", 10, "Moscow to hear of the revocation")
    url, body, headers = captured(moscow, network_address, "link.resumed")
    status, answer = post(url, body, headers)
    assert status == 403 and "revoked" in answer["error"]
    assert link_row(network)["state"] == "revoked"
    refused = manage_fails(moscow, "shell", "-c", "from sites.federation import links, models; "
                           "links.resume(models.Link.objects.get())")  # fmt: skip
    assert "revoked" in refused


def manage_fails(install, *args: str) -> str:
    """Run manage.py and expect it to fail: its error output."""
    try:
        manage(install, *args)
    except AssertionError as failure:
        return str(failure)
    raise AssertionError(f"manage.py {' '.join(args)} succeeded")
