"""A Bangalore editor, in Kannada, sees who follows the space on the fediverse and what was sent;
a visitor finds the space's fediverse address on its calendar page; on a phone too."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "fedi-pass-7"
ANNA = "https://mobilizon.example.org/@anna"


@pytest.fixture
def followed(live_port, django_db_blocker):
    from wagtail.users.models import UserProfile

    from sites.fediverse.models import Follower, Push
    from sites.spaces.models import Space

    with django_db_blocker.unblock():
        bangalore = Space.objects.select_related("site").get(slug="bangalore")
        editor = get_user_model().objects.create_user("fedi-editor", password=PASSWORD)
        editor.groups.add(Group.objects.get(name="bangalore editors"))
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = "kn"
        profile.save()
        Follower.objects.create(space=bangalore, actor=ANNA, inbox=f"{ANNA}/inbox", follow_id=f"{ANNA}#follow",
                                shared_inbox="https://mobilizon.example.org/inbox")  # fmt: skip
        Push.objects.create(space=bangalore, inbox="https://mobilizon.example.org/inbox", state=Push.State.FAILED,
                            attempts=1, last_error="https://mobilizon.example.org/inbox refused it (403).",
                            activity={"type": "Create", "object": {"type": "Event", "name": "Hackathon"}})  # fmt: skip
        yield bangalore
        Follower.objects.filter(space=bangalore).delete()
        Push.objects.filter(space=bangalore).delete()
        editor.delete()


def test_an_editor_sees_the_spaces_followers_and_deliveries(page, live_port, followed):
    admin = sign_in(page, live_port, "fedi-editor", PASSWORD)
    page.get_by_role("link", name="ಫೆಡಿವರ್ಸ್‌ನಲ್ಲಿ").first.click()
    page.wait_for_url(f"{admin}/fediverse/")
    body = page.locator("main").inner_text()
    assert "@bangalore@bangalore.localhost" in body and "1 ಫಾಲೋವರ್" in body
    assert page.locator("table[data-list=followers] tbody tr").inner_text().startswith(ANNA)
    failed = page.locator("table[data-list=deliveries] tr[data-state=failed]")
    assert "ಕಾರ್ಯಕ್ರಮ ಹಂಚಿಕೊಳ್ಳಲಾಗಿದೆ: Hackathon" in failed.inner_text() and "403" in failed.inner_text()
    screenshot(page, "admin-fediverse-kn")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "admin-fediverse-kn-phone")
    assert not [url for url in page.outside_requests if not url.startswith(f"http://localhost:{live_port}/")]


def test_a_visitor_finds_the_fediverse_address_on_the_calendar(page, live_port, followed, django_db_blocker):
    from sites.events.models import EventIndexPage

    with django_db_blocker.unblock():
        calendar = EventIndexPage.objects.live().descendant_of(followed.site.root_page).get()
        path = calendar.url_path[len(followed.site.root_page.url_path) :]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"http://bangalore.localhost:{live_port}/kn/{path}")
    line = page.locator("p.feeds", has_text="@bangalore@")
    assert "ಫೆಡಿವರ್ಸ್‌ನಲ್ಲಿ" in line.inner_text()
    line.scroll_into_view_if_needed()
    screenshot(page, "calendar-fediverse-address-kn-phone")
