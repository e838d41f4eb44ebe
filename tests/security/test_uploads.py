"""Uploads: bitmaps only, within size and pixel limits; documents by Wagtail's view, as attachments."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def coordinator(client):
    client.force_login(get_user_model().objects.create_superuser("coordinator", "c@example.org", "pass-9a7c"))
    return client


def upload_image(client, name: str, content: bytes, content_type: str):
    collection = Collection.get_first_root_node()
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": collection.pk,
            "file": SimpleUploadedFile(name, content, content_type),
            "description_en": "A meeting room with a long table",  # its alt text, which every image needs
        },
    )


def upload_document(client, name: str, content: bytes, content_type: str):
    collection = Collection.get_first_root_node()
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": collection.pk, "file": SimpleUploadedFile(name, content, content_type)},
    )


@pytest.mark.django_db
def test_an_svg_image_is_refused(coordinator):
    before = get_image_model().objects.count()
    response = upload_image(coordinator, "logo.svg", SVG, "image/svg+xml")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_a_bitmap_within_the_limits_is_accepted(coordinator):
    before = get_image_model().objects.count()
    response = upload_image(coordinator, "room.png", png(40, 30), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.count() == before + 1


@pytest.mark.django_db
def test_an_image_over_the_size_or_pixel_limit_is_refused(coordinator):
    before = get_image_model().objects.count()
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
        heavy = upload_image(coordinator, "heavy.png", png(200, 200), "image/png")
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000):
        wide = upload_image(coordinator, "wide.png", png(100, 100), "image/png")
    assert heavy.context["form"].errors["file"]
    assert wide.context["form"].errors["file"]
    assert get_image_model().objects.count() == before


@pytest.mark.django_db
def test_a_document_over_the_size_limit_or_of_a_web_type_is_refused(coordinator):
    before = get_document_model().objects.count()
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100):
        heavy = upload_document(coordinator, "budget.pdf", b"%PDF-1.4 " + b"0" * 500, "application/pdf")
    page = upload_document(coordinator, "page.html", b"<script>alert(1)</script>", "text/html")
    drawing = upload_document(coordinator, "drawing.svg", SVG, "image/svg+xml")
    for response in (heavy, page, drawing):
        assert response.context["form"].errors["file"]
    assert get_document_model().objects.count() == before


@pytest.mark.django_db
def test_a_document_is_served_by_wagtail_as_an_attachment_that_runs_nothing(coordinator, client):
    assert upload_document(coordinator, "budget.txt", b"open budget 2026", "text/plain").status_code == 302
    document = get_document_model().objects.get(title="budget.txt")
    url = document.url
    assert url.startswith(f"/documents/{document.pk}/")
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"open budget 2026"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_the_limits_are_set():
    from django.conf import settings

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE and settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE and settings.DATA_UPLOAD_MAX_MEMORY_SIZE
