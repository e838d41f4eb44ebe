"""A coordinator drafts a change to a principle, then publishes it to the network with a change note."""

import pytest
from django.contrib.auth import get_user_model

from tests.helpers import remove_committed_principle

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

FIRST = "Confronter son idée à la réalité"
DRAFT = "Confronter son idée à la réalité, tôt et souvent"


@pytest.fixture
def drafted_principle(live_port, django_db_blocker):
    """A published principle of the network's own, and a coordinator to change it (both removed after)."""

    from sites.core.models import Principle, Value
    from sites.sync.models import Change

    with django_db_blocker.unblock():
        changes_before = set(Change.objects.values_list("pk", flat=True))
        get_user_model().objects.create_superuser("coordinator", "c@example.org", "coordinator-pass")
        principle = Principle(slug="browser-reality", statement_fr=FIRST, statement_en="Test your idea against reality")
        principle.values.set([Value.objects.get(slug="ouverture")])
        principle.save()
        principle.save_revision().publish()
        yield principle
        remove_committed_principle(principle, changes_before)
        get_user_model().objects.filter(username="coordinator").delete()


def test_a_coordinator_saves_a_draft_then_publishes_it_with_a_change_note(
    page, live_port, drafted_principle, django_db_blocker
):
    from sites.core.models import Adoption, Principle

    paris = f"http://paris.localhost:{live_port}/fr/principles/"
    admin = sign_in(page, live_port, "coordinator", "coordinator-pass")

    edit = f"{admin}/snippets/core/principle/edit/{drafted_principle.pk}/"
    page.goto(edit)
    assert "Published version: v1." in page.locator("main").inner_text()
    page.fill("#id_statement_fr", DRAFT)
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()  # the main action: save a draft
    page.goto(paris)
    assert FIRST in page.locator("main").inner_text() and DRAFT not in page.locator("main").inner_text()

    page.goto(edit)
    assert page.locator("#id_statement_fr").input_value() == DRAFT
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    # No new version without saying what changed.
    assert "Write a change note" in page.locator("main").inner_text()
    page.fill("#id_change_note_fr", "Plus tôt, plus souvent")
    screenshot(page, "admin-coordinator-publish")
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()

    page.goto(paris)
    assert DRAFT in page.locator("main").inner_text()
    with django_db_blocker.unblock():
        principle = Principle.objects.get(pk=drafted_principle.pk)
        assert principle.version == 2
        assert Adoption.objects.get(space__slug="moscow", principle=principle).latest_version == 2
    page.goto(f"{admin}/core/principle/{drafted_principle.pk}/history/")
    assert "Plus tôt, plus souvent" in page.locator("main").inner_text()
    screenshot(page, "admin-coordinator-history")
