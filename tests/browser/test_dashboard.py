"""A coordinator reads the network's dashboard and drills into a space; a Moscow editor reads Moscow's to-dos."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def people(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("steward", "s@example.org", "steward-pass")
        editor = get_user_model().objects.create_user("moscow-todo", password="editor-pass")
        editor.groups.add(Group.objects.get(name="moscow editors"))
        yield
        get_user_model().objects.filter(username__in=["steward", "moscow-todo"]).delete()


def test_a_coordinator_reads_the_network_and_drills_into_a_space(page, live_port, people, django_db_blocker):
    from sites.spaces.models import Space

    admin = sign_in(page, live_port, "steward", "steward-pass")
    page.goto(f"{admin}/network/")
    table = page.locator("table.socle-overview")
    assert table.locator("tbody tr").count() == 3
    assert "NUMA Moscow" in table.inner_text()
    screenshot(page, "dashboard-overview")

    page.select_option("select[name=language]", "kn")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert table.locator("tbody tr").count() == 1 and "Cobalt BLR" in table.inner_text()

    with page.expect_navigation():
        table.get_by_role("link", name="Cobalt BLR").click()
    with django_db_blocker.unblock():
        bangalore = Space.objects.get(slug="bangalore")
    assert page.url.endswith(f"/admin/network/spaces/{bangalore.pk}/")
    assert page.locator("svg#events-per-month, svg[aria-labelledby^=events-per-month]").count() == 1
    chart = page.get_by_role("img", name="Own and network events, month by month")
    assert chart.count() == 1  # the chart's accessible name
    screenshot(page, "dashboard-space")

    page.goto(f"{admin}/network/principles/")
    assert page.locator("table.socle-matrix tbody tr").count() >= 12
    screenshot(page, "dashboard-matrix")


def test_a_moscow_editor_sees_only_moscows_to_dos(page, live_port, people):
    admin = sign_in(page, live_port, "moscow-todo", "editor-pass")
    panel = page.locator("section[aria-labelledby=space-todos-heading]")
    assert "NUMA" in panel.inner_text() and "Cobalt BLR" not in panel.inner_text()
    assert page.get_by_role("link", name="Every space").count() == 0  # the network area is the coordinators'
    screenshot(page, "dashboard-moscow-todos")
    assert page.goto(f"{admin}/network/").status in (302, 403) or "/admin/" in page.url
