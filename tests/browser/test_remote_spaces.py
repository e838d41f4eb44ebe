"""A coordinator, in Kannada, sees the spaces of a linked install on the network's dashboard, marked
as remote, with the figures of their last report; on a phone too."""

import pytest
from django.contrib.auth import get_user_model

from .conftest import coordinator_speaking, screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "remote-pass-5"


@pytest.fixture
def reported(live_port, django_db_blocker):
    """A coordinator whose admin is in Kannada, and an install linked as a member that reported."""
    from sites.dashboard.reports import report
    from sites.federation import inbox
    from sites.federation.models import Link, RemoteSpace
    from tests.federation.test_signed_inbox import Install
    from tests.federation.test_status_reports import from_elsewhere

    users = get_user_model()
    with django_db_blocker.unblock():
        coordinator_speaking("remote-coordinator", PASSWORD, "kn")
        link = Install().link(role=Link.Role.MEMBER, name="NUMA Moscow", address="https://numa.example.ru")
        inbox.receive(link, from_elsewhere(report()))
        yield RemoteSpace.objects.filter(link=link).count()
        link.delete()
        users.objects.filter(username__startswith="remote-").delete()


def test_a_coordinator_sees_the_linked_installs_spaces_as_remote_rows(page, live_port, reported):
    admin = sign_in(page, live_port, "remote-coordinator", PASSWORD)
    page.goto(f"{admin}/network/")
    section = page.locator("section[aria-labelledby=remote-title]")
    assert section.locator("h2").inner_text().strip() == "ಬೆಸೆದ ಸ್ಥಾಪನೆಗಳ ಸ್ಥಳಗಳು"
    rows = section.locator("tbody tr")
    assert rows.count() == reported == 3
    moscow = section.locator('tr[data-remote="moscow.numa.example.ru"]')
    text = moscow.inner_text()
    assert "ದೂರದ" in text and "NUMA Moscow" in text  # marked remote, and which install serves it
    languages = moscow.locator(".socle-language > span").all_inner_texts()
    assert languages == ["ru", "en"]  # as the space orders its languages
    section.scroll_into_view_if_needed()
    screenshot(page, "admin-dashboard-remote-spaces-kn")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{admin}/network/")
    assert page.locator("section[aria-labelledby=remote-title] tbody tr").count() == 3
    page.locator('tr[data-remote="moscow.numa.example.ru"]').scroll_into_view_if_needed()
    screenshot(page, "admin-dashboard-remote-spaces-kn-phone")
    assert not [url for url in page.outside_requests if not url.startswith(f"http://localhost:{live_port}/")]
