"""A coordinator invites another install and sees the code once; a damaged code pasted to join is
refused by name; a space's editor cannot open the screen (the coordinator, the control, can)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .conftest import coordinator_speaking, screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "links-pass-7"


@pytest.fixture
def people(live_port, django_db_blocker):
    from sites.federation.models import Invitation

    users = get_user_model()
    with django_db_blocker.unblock():
        coordinator_speaking("links-coordinator", PASSWORD, "ru")
        editor = users.objects.create_user("links-moscow", password=PASSWORD)
        editor.groups.add(*Group.objects.filter(name__in=["moscow editors", "moscow moderators"]))
        yield
        Invitation.objects.all().delete()
        users.objects.filter(username__startswith="links-").delete()


def test_a_coordinator_invites_an_install_and_a_damaged_code_is_refused_by_name(page, live_port, people):
    admin = sign_in(page, live_port, "links-coordinator", PASSWORD)
    page.goto(f"{admin}/")
    page.get_by_role("button", name="Сеть").click()
    page.get_by_role("link", name="Связанные установки").click()
    assert page.locator("h1").inner_text().strip() == "Связанные установки"
    assert "Эта установка пока не связана ни с одной другой." in page.locator("main").inner_text()

    page.fill("#id_invite-note", "NUMA Москва")
    with page.expect_navigation():
        page.get_by_role("button", name="Создать приглашение").click()
    code = page.locator(".socle-link-code").inner_text().strip()
    assert code.startswith("socle-link-1.") and len(code) > 100
    assert "NUMA Москва" in page.locator("table").nth(1).inner_text()
    screenshot(page, "admin-linked-installs-invitation")

    page.reload()  # shown once
    assert page.locator(".socle-link-code").count() == 0
    page.fill("#id_join-code", code[:-12])  # the end lost in a copy
    with page.expect_navigation():
        page.get_by_role("button", name="Связать эту установку").click()
    assert "код приглашения повреждён" in page.locator("[role=alert]").inner_text()
    screenshot(page, "admin-linked-installs-damaged-code")

    with page.expect_navigation():
        page.get_by_role("button", name="Отменить").click()
    assert "Приглашения, ещё не использованные" not in page.locator("main").inner_text()


def test_a_space_editor_cannot_open_the_linked_installs(page, live_port, people):
    admin = sign_in(page, live_port, "links-moscow", PASSWORD)
    assert page.get_by_role("link", name="Linked installs").count() == 0  # not in their menu
    response = page.goto(f"{admin}/network/links/")
    assert response.status == 403  # the tenant boundary's refusal: the coordinators' area
    assert "belongs to the network’s coordinators" in page.locator("main").inner_text()
    assert page.locator(".socle-link-forms").count() == 0
