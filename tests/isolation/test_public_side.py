"""What a visitor of the public sites may not see: another space's drafts, an opening space's pages."""

import pytest

from playbook.opening import OpeningRequest, open_space
from sites.core.models import PracticePage
from sites.spaces.models import Space
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_a_draft_is_not_public():
    space = Space.objects.select_related("site__root_page").get(slug="paris")
    page = PracticePage.objects.live().descendant_of(space.site.root_page).first()
    public = client_for("paris.localhost")
    assert public.get(f"/fr/practices/{page.slug}/").status_code == 200  # the control: published, it is public
    page.title_fr = "Brouillon secret du bar"
    page.save_revision()
    page.unpublish()
    draft = public.get(f"/fr/practices/{page.slug}/")
    assert draft.status_code == 404
    assert "Brouillon secret" not in draft.content.decode()


def test_a_space_still_opening_shows_visitors_only_its_opening_soon_page():
    request = OpeningRequest(
        name="Cobalt Mysore", slug="mysore", hostname="mysore.localhost",
        languages="en,kn", time_zone="Asia/Kolkata", country="IN", city="Mysuru",
    )  # fmt: skip
    space = open_space(request)
    shown, hidden = [], []
    for page in space.site.root_page.get_descendants(inclusive=True).specific():
        for code in space.language_codes:
            path = f"/{code}{page.url_path.removeprefix(space.site.root_page.url_path).rstrip('/')}/".replace("//", "/")
            text = client_for("mysore.localhost").get(path).content.decode()
            title = getattr(page, f"title_{code}")
            (shown if title in text else hidden).append(title)
            if page.depth > space.site.root_page.depth:
                assert title not in text, f"{path} of an opening space shows “{title}”"
    assert shown, "the opening space's home answers its visitors (the control)"
