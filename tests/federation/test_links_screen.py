"""The Linked installs screen says what each link is still owed, and offers only the form that fits
the install: the network's install invites, a member install has joined its network."""

import pytest
from django.contrib.auth import get_user_model

from sites.federation.models import Link
from sites.sync.models import Change, Delivery

from .test_signed_inbox import Install

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    client.force_login(get_user_model().objects.create_superuser("links-screen", "c@example.org", "x"))
    return client


def test_the_networks_install_sees_what_a_member_is_owed_and_only_the_invitation_form(coordinator):
    page = coordinator.get("/admin/network/links/").content.decode()
    assert "Invite an install" in page and "Join a network" in page  # no link yet: either may come

    moscow = Install().link(role=Link.Role.MEMBER)
    change = Change.objects.create(kind="core.principle", payload={"principle": 1, "version": 9})
    Delivery.objects.create(change=change, link=moscow)
    page = coordinator.get("/admin/network/links/").content.decode()
    assert "1 change still owed" in page
    assert "Invite an install" in page and "Join a network" not in page


def test_a_member_install_has_no_invitation_to_give(coordinator):
    Install().link(role=Link.Role.NETWORK)
    page = coordinator.get("/admin/network/links/").content.decode()
    assert "Invite an install" not in page and "Join a network" not in page
    assert "publishes the core to this install" in page
