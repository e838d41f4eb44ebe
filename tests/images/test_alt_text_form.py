"""The image form asks for the alt text in every language and requires the space's default one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from tests.helpers import admin_client_of

from .imagefiles import space_image, two_halves_png

pytestmark = pytest.mark.django_db


def form_for(collection_name: str, user, **alt_texts):
    form_class = get_image_form(get_image_model())
    data = {"title": "A photo", "collection": Collection.objects.get(name=collection_name).pk, **alt_texts}
    files = {"file": SimpleUploadedFile("photo.png", two_halves_png((400, 300)), content_type="image/png")}
    return form_class(data=data, files=files, user=user)


@pytest.fixture
def coordinator(django_user_model):
    return django_user_model.objects.create_superuser("imagecoordinator", "c@example.org", "x")


def test_the_form_has_the_alt_text_in_every_language_labelled_in_the_editors_language(coordinator):
    with translation.override("en"):
        form = form_for("paris", coordinator)
        labels = {name: str(form.fields[name].label) for name in form.fields if name.startswith("description_")}
    assert labels == {
        "description_fr": "Alt text (French)",
        "description_en": "Alt text (English)",
        "description_ru": "Alt text (Russian)",
        "description_hi": "Alt text (Hindi)",
        "description_kn": "Alt text (Kannada)",
    }
    assert "description" not in form.fields  # not the one column of the editor's admin language


def test_an_image_of_paris_needs_its_alt_text_in_french(coordinator):
    with translation.override("en"):
        form = form_for("paris", coordinator, description_en="People at the bar")
        assert not form.is_valid()
        assert form.errors["description_fr"] == [
            "Write the alt text in French, the default language of NUMA Paris: screen readers read it to "
            "people who cannot see the image."
        ]


def test_an_image_of_paris_with_its_french_alt_text_is_saved(coordinator):
    form = form_for("paris", coordinator, description_fr="Des gens au bar")
    assert form.is_valid(), form.errors
    image = form.save()
    assert (image.description_fr, image.description_en) == ("Des gens au bar", "")


def test_an_image_of_moscow_needs_russian_and_english_alone_is_refused(coordinator):
    form = form_for("moscow", coordinator, description_en="People at the bar", description_fr="Des gens")
    assert not form.is_valid()
    assert list(form.errors) == ["description_ru"]
    assert form_for("moscow", coordinator, description_ru="Люди у бара").is_valid()


def test_an_image_outside_every_space_needs_one_language_at_least(coordinator):
    assert not form_for("Root", coordinator).is_valid()
    assert form_for("Root", coordinator, description_kn="ಬಾರ್‌ನಲ್ಲಿ ಜನರು").is_valid()


def test_a_paris_editor_is_told_in_the_admin_what_is_missing():
    client = admin_client_of("paris-image-editor", ["paris editors"], "en")
    image = space_image("paris", description_fr="Des gens au bar")
    url = reverse("wagtailimages:edit", args=[image.pk])
    data = {"title": "A photo", "description_fr": "", "description_en": "People at the bar"}
    data["collection"] = image.collection_id
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Write the alt text in French, the default language of NUMA Paris" in response.content.decode()
    image.refresh_from_db()
    assert image.description_fr == "Des gens au bar"

    data["description_fr"] = "Des gens au bar, le soir"
    response = client.post(url, data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.description_fr == "Des gens au bar, le soir"
