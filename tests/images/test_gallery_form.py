"""A home's gallery in the editor: each photo's caption in the space's languages only."""

import pytest
from django.urls import reverse

from sites.spaces.models import Space
from tests.helpers import admin_client_of

pytestmark = pytest.mark.django_db


def test_a_paris_editor_captions_the_gallery_in_french_and_english_only():
    client = admin_client_of("paris-gallery-editor", ["paris editors"], "fr")
    home = Space.objects.get(slug="paris").site.root_page
    page = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert 'name="hero_image"' in page
    for name in ("gallery-0-caption_fr", "gallery-0-caption_en", "gallery-__prefix__-caption_fr"):
        assert f'name="{name}"' in page, name
    for language in ("ru", "hi", "kn"):  # neither on a photo nor on one the editor adds
        assert f"caption_{language}" not in page
