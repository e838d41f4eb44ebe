"""A refusal in the admin is the admin's own page, in the user's language; the public side keeps Django's."""

import pytest

from tests.helpers import admin_client_of

pytestmark = pytest.mark.django_db


def moscow_editor(language: str):
    return admin_client_of(f"moscow-editor-{language}", ["moscow editors"], language)


@pytest.mark.parametrize(
    "language,words",
    [("ru", "Ошибка 403"), ("fr", "Erreur 403"), ("kn", "ದೋಷ 403"), ("hi", "त्रुटि 403"), ("en", "Error 403")],
)
def test_a_network_area_refuses_an_editor_with_the_admins_page_in_their_language(language, words):
    response = moscow_editor(language).get("/admin/reports/workflow/")
    assert response.status_code == 403
    html = response.content.decode()
    assert words in html
    assert "wagtailadmin/css/core.css" in html  # the admin's own styles
    assert "403 Forbidden" not in html
    assert 'href="/admin/"' in html  # and a way back


def test_the_same_editor_opens_their_own_reports():
    """The positive control: the refusal above is the network area's, not the editor's every report."""
    response = moscow_editor("ru").get("/admin/reports/site-history/")
    assert response.status_code == 200


def test_a_refusal_outside_the_admin_stays_djangos(rf):
    from django.contrib.auth.models import AnonymousUser

    from sites.tenancy.refusals import permission_denied

    request = rf.get("/api/network/spaces/")
    request.user = AnonymousUser()
    response = permission_denied(request)
    assert response.status_code == 403
    assert b"403 Forbidden" in response.content
